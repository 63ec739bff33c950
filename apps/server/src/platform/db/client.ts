import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export interface RawResult<R = Record<string, unknown>> {
  rows: R[];
}

/** What the rest of the server sees of the database, whichever engine runs underneath. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * For grouped statements (statement-groups.ts) only. On PostgreSQL a few connections of their
   * own on which a prepared statement keeps one generic plan (plan_cache_mode =
   * force_generic_plan): the array parameters of a grouped statement make every custom plan look
   * cheaper than the generic one, so PostgreSQL would plan it anew on every run, which took longer
   * than running it. Their plans do not depend on the values (index look-ups by key), and sequential
   * scans are off there: a generic plan made while a table was still empty (a new installation)
   * must not keep scanning it once it has grown. PGlite: the same as `db`.
   */
  groupedDb: Db;
  /** A parameterised statement outside any transaction (used by pg-boss and health checks). */
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<RawResult<R>>;
  /** Parameterless SQL that may hold several statements. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (used to clone a migrated database). */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** PGlite: a data directory; omitted means in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (tests clone a migrated database this way). */
  loadDataDir?: Blob | File;
}

export async function openPglite(opts: OpenOptions = {}): Promise<Database> {
  const client = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    groupedDb: db,
    async query(text, values) {
      if (values && values.length > 0) return client.query(text, values) as Promise<RawResult<never>>;
      // Parameterless SQL may hold several statements; only the simple protocol (exec) takes those.
      const results = await client.exec(text);
      return (results[results.length - 1] ?? { rows: [] }) as RawResult<never>;
    },
    async exec(text) {
      await client.exec(text);
    },
    async close() {
      if (!client.closed) await client.close();
    },
    async dumpDataDir() {
      return client.dumpDataDir('none');
    },
  };
}

// A client losing its connection (database restart) must not crash the process: an idle one
// reports it on the pool, a checked-out one (between two statements of a transaction) on
// itself, and the statement that uses it next fails with the error instead.
function quietPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * `poolSize` connections for everything, and half as many more (at least 3) for grouped
 * statements: one statement per kind and institution runs at a time, so a few carry them.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = quietPool({ connectionString: url, max: poolSize, application_name: 'civicline' });
  const groupedPool = quietPool({
    connectionString: url,
    max: Math.max(3, Math.ceil(poolSize / 2)),
    application_name: 'civicline-grouped',
    options: '-c plan_cache_mode=force_generic_plan -c enable_seqscan=off',
  });
  return {
    kind: 'postgres',
    db: drizzleNodePg(pool, { schema }) as unknown as Db,
    groupedDb: drizzleNodePg(groupedPool, { schema }) as unknown as Db,
    query: (text, values) => pool.query(text, values as unknown[]) as unknown as Promise<RawResult<never>>,
    async exec(text) {
      await pool.query(text);
    },
    async close() {
      await Promise.all([pool, groupedPool].map((p) => (p.ended ? undefined : p.end())));
    },
  };
}

/**
 * A parameterised statement run inside a Drizzle transaction, on the same connection.
 * Drizzle keeps the driver's client on the session of both the node-postgres and PGlite
 * transactions; this is the one place that relies on it.
 */
export async function queryInTx<R = Record<string, unknown>>(
  tx: Tx,
  text: string,
  values: unknown[] = [],
  opts: { prepared?: string } = {},
): Promise<RawResult<R>> {
  const client = (tx as unknown as { session: { client: { query: (q: string | { name: string; text: string; values: unknown[] }, v?: unknown[]) => Promise<RawResult<R>> } } })
    .session.client;
  // A named statement on PostgreSQL (see queryRaw); the transaction's client is the pooled connection.
  if (opts.prepared && client instanceof pg.Client) return client.query({ name: opts.prepared, text, values }) as unknown as Promise<RawResult<R>>;
  return client.query(text, values);
}

/**
 * Runs the last statement of the transaction `tx` and commits in the same round trip. On
 * PostgreSQL the statement, COMMIT and a fresh BEGIN go as one simple query, so the locks the
 * statement takes (a register's counter row) are released as soon as the commit is on disk, not
 * after the result has waited in a busy event loop for the next round trip. The empty transaction
 * left open is the one Drizzle then commits or rolls back: nothing may run in `tx` afterwards.
 * If the statement or the COMMIT fails, the whole transaction is gone and this throws. Values go
 * as quoted literals (the simple protocol takes no parameters). PGlite runs in this process, with
 * no round trip to save: there it is an ordinary statement and Drizzle's COMMIT ends it.
 */
export async function queryAndCommit<R = Record<string, unknown>>(tx: Tx, text: string, values: string[]): Promise<RawResult<R>> {
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (!(client instanceof pg.Client)) return queryInTx<R>(tx, text, values);
  const inline = text.replace(/\$(\d+)/g, (_, n: string) => client.escapeLiteral(values[Number(n) - 1]!));
  const results = (await client.query(`${inline}; COMMIT; BEGIN`)) as unknown as RawResult<R>[];
  return results[0]!;
}

/**
 * A parameterised statement without Drizzle's query building: in the transaction `q` when it is
 * one, else on the database's own driver (node-postgres pool or PGlite), as its own transaction.
 * For the few hot statements whose text is fixed.
 */
export async function queryRaw<R = Record<string, unknown>>(q: DbOrTx, text: string, values: unknown[] = [], opts: { prepared?: string } = {}): Promise<RawResult<R>> {
  if (q instanceof PgTransaction) return queryInTx<R>(q as Tx, text, values, opts);
  const client = (q as unknown as { $client: { query: (t: string, v: unknown[]) => Promise<RawResult<R>> } }).$client;
  // A named statement on PostgreSQL: each pooled connection parses and plans it once, not on
  // every call (the status-check turn's statements are planned in more time than they run).
  // One name must always carry the same text. PGlite runs in this process: nothing to save there.
  if (opts.prepared && client instanceof pg.Pool) return client.query({ name: opts.prepared, text, values }) as unknown as Promise<RawResult<R>>;
  return client.query(text, values);
}
