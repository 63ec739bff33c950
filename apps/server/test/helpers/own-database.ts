import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, type Database } from '../../src/platform/db/client.ts';
import { migrateDatabase } from '../../src/platform/db/migrate.ts';
import { ADMIN_URL, databaseUrl } from '../global-setup.ts';
import { startThrowawayCluster } from './pg-cluster.ts';

export interface OwnDatabase {
  url: string;
  database: Database;
  /** Closes the pool and removes the database (or its whole cluster). */
  drop(): Promise<void>;
}

/**
 * A migrated PostgreSQL database for one test alone, for tests whose worker processes must not
 * take the jobs of other test files (which share the run's database and its job queue): a new
 * database on the run's server, or a throwaway cluster when the run is on PGlite.
 */
export async function ownPostgresDatabase(poolSize = 10): Promise<OwnDatabase> {
  if (inject('testDb').kind === 'postgres') {
    const name = `civicline_own_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    const url = databaseUrl(name);
    const database = await openPostgres(url, poolSize);
    await migrateDatabase(database, url);
    return {
      url,
      database,
      async drop() {
        await database.close();
        const a = new pg.Client({ connectionString: ADMIN_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => a.end());
      },
    };
  }
  const cluster = await startThrowawayCluster();
  const database = await openPostgres(cluster.url, poolSize);
  await migrateDatabase(database, cluster.url);
  return {
    url: cluster.url,
    database,
    async drop() {
      await database.close();
      cluster.destroy();
    },
  };
}
