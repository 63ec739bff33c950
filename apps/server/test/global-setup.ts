import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/platform/db/client.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; url: string };
  }
}

export const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Migrates one database for the whole run. PGlite: an in-memory database is migrated once and
 * dumped; each test file starts from that dump (initdb is the slow part). PostgreSQL: a fresh
 * database is created, migrated, shared by the files (each works in its own tenants), then dropped.
 */
export default async function setup(project: TestProject) {
  if (process.env.CIVICLINE_TEST_DB === 'postgres') {
    const name = `civicline_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = databaseUrl(name);
    const database = await openPostgres(url, 2);
    await migrateDatabase(database, url);
    await database.close();
    project.provide('testDb', { kind: 'postgres', url });
    return async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const database = await openPglite();
  await migrateDatabase(database);
  const dump = await dumpPglite(database);
  const dumpPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-test-')), 'migrated.tar');
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('testDb', { kind: 'pglite', dumpPath });
  return () => fs.rmSync(path.dirname(dumpPath), { recursive: true, force: true });
}

async function dumpPglite(database: Awaited<ReturnType<typeof openPglite>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error('not a PGlite database');
  return database.dumpDataDir();
}
