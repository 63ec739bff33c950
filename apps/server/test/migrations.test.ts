import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { ADMIN_URL, databaseUrl } from './global-setup.ts';

async function tablesOf(database: Database) {
  const { rows } = await database.query<{ table_name: string; has_tenant: boolean }>(`
    SELECT t.table_name,
           EXISTS (SELECT 1 FROM information_schema.columns c
                   WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'tenant_id') AS has_tenant
    FROM information_schema.tables t
    WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
    ORDER BY t.table_name`);
  return rows;
}

async function checkMigratedFromEmpty(database: Database, url?: string) {
  await migrateDatabase(database, url);
  // A second run is a no-op, as on every restart.
  await migrateDatabase(database, url);
  const tables = await tablesOf(database);
  expect(tables.map((t) => t.table_name)).toEqual(
    expect.arrayContaining(['tenants', 'departments', 'users', 'department_memberships', 'sessions', 'api_tokens', 'audit_entries', 'domain_events']),
  );
  // Tenancy: every table but the tenants table itself carries tenant_id.
  expect(tables.filter((t) => t.table_name !== 'tenants' && !t.has_tenant)).toEqual([]);
  const { rows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
}

describe('migrations from an empty database', () => {
  it('PGlite', async () => {
    const database = await openPglite();
    try {
      await checkMigratedFromEmpty(database);
    } finally {
      await database.close();
    }
  });

  it.runIf(inject('testDb').kind === 'postgres')('PostgreSQL, with two nodes migrating at once', async () => {
    const name = `civicline_mig_${Date.now()}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = databaseUrl(name);
    const a = await openPostgres(url, 2);
    const b = await openPostgres(url, 2);
    try {
      await Promise.all([migrateDatabase(a, url), migrateDatabase(b, url)]);
      await checkMigratedFromEmpty(a, url);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
