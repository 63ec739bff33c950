import pg from 'pg';
import { z } from 'zod';
import type { FlatRow } from '../flat-record.ts';
import { externalRecord } from './external.ts';
import type { Lookup, RecordSource } from './source.ts';

const Query = z
  .string()
  .min(10)
  .max(4000)
  .refine((q) => /^\s*(select|with)\b/i.test(q), 'A SELECT statement')
  .refine((q) => /\$1\b/.test(q) && !/\$[2-9]/.test(q), 'One parameter, $1: the value asked for');

/**
 * An outside PostgreSQL database: one parameterised SELECT per way of asking, whose columns are
 * named as in flat-record.ts (alias them: `SELECT inv_no AS reference, …`). The connection string
 * is the connector's secret. Sessions are read-only and every statement has the time budget.
 */
export const SqlConnectorSettings = z.object({
  queries: z.object({
    reference: Query.optional(),
    national_id: Query.optional(),
    client_code: Query.optional(),
    address: Query.optional(),
  }),
});
export type SqlConnectorSettings = z.infer<typeof SqlConnectorSettings>;

export function createSqlSource(settings: SqlConnectorSettings, connectionString: string, timeoutMs: number): RecordSource {
  const pool = new pg.Pool({
    connectionString,
    max: 2,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'civicline-status-check',
    options: `-c default_transaction_read_only=on -c statement_timeout=${Math.max(1, Math.round(timeoutMs))}`,
  });
  // A dropped connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return {
    async find(_tenantId, kind, lookup: Lookup) {
      const by = lookup.by === 'key' ? 'reference' : lookup.by;
      const text = settings.queries[by];
      if (!text) return [];
      const value = lookup.by === 'national_id' ? lookup.normalized : lookup.value;
      const { rows } = await pool.query<FlatRow>({ text, values: [value] });
      return rows.slice(0, 5).map((row) => externalRecord(kind, row));
    },
    async close() {
      await pool.end();
    },
  };
}
