import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 8080 with all three roles', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.database.kind).toBe('pglite');
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.roles).toEqual(['web', 'worker', 'smtp']);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and reads roles', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/civicline', CIVICLINE_ROLES: 'worker' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/civicline', poolSize: 10 });
    expect(c.roles).toEqual(['worker']);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CIVICLINE_ROLES: 'web,cook', COOKIE_SECURE: 'maybe', CIVICLINE_MASTER_KEY: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const named = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(named).toEqual(['CIVICLINE_MASTER_KEY', 'CIVICLINE_ROLES', 'COOKIE_SECURE', 'DATABASE_URL', 'PORT']);
    expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
  });
});
