import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import { queryRaw, type Db } from '../../platform/db/client.ts';
import { defineJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { GuardLimits } from './status-check.guard.ts';

// Rows per statement: a purge after a long outage deletes in short transactions.
const BATCH = 5_000;

export interface PurgeCounts {
  sessions: number;
  probes: number;
  locks: number;
}

async function deleteInBatches(db: Db, sql: string, values: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await queryRaw<{ n: number | string }>(db, sql, [...values, BATCH]);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * What the status check keeps only while it is of use: a session past its expiry can no longer be
 * opened (its row holds the record's birth date and phone, encrypted, and its one-time codes go
 * with it), a probe older than the fraud window no longer counts, and a failure count older than a
 * lock's length is forgotten, as a lock that has run out is. Fraud flags stay for supervisors.
 */
export async function purgeStatusCheck(db: Db, clock: Clock, limits: Pick<GuardLimits, 'fraudWindowMinutes' | 'lockMinutes'>): Promise<PurgeCounts> {
  const now = clock.now();
  const probesBefore = new Date(now.getTime() - limits.fraudWindowMinutes * 60_000).toISOString();
  const failuresBefore = new Date(now.getTime() - limits.lockMinutes * 60_000).toISOString();
  const sessions = await deleteInBatches(
    db,
    `WITH gone AS (DELETE FROM status_sessions WHERE id IN (SELECT id FROM status_sessions WHERE expires_at <= $1 LIMIT $2) RETURNING 1) SELECT count(*) AS n FROM gone`,
    [now.toISOString()],
  );
  const probes = await deleteInBatches(
    db,
    `WITH gone AS (DELETE FROM status_probes WHERE ctid IN (SELECT ctid FROM status_probes WHERE first_at <= $1 LIMIT $2) RETURNING 1) SELECT count(*) AS n FROM gone`,
    [probesBefore],
  );
  const locks = await deleteInBatches(
    db,
    `WITH gone AS (DELETE FROM status_locks WHERE ctid IN (
        SELECT ctid FROM status_locks WHERE (locked_until IS NULL AND updated_at <= $1) OR locked_until <= $2 LIMIT $3) RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [failuresBefore, now.toISOString()],
  );
  return { sessions, probes, locks };
}

/** Every ten minutes, on whichever worker claims the tick. */
export function statusCheckJobs(db: Db, clock: Clock, limits: GuardLimits): JobDefinition[] {
  return [
    defineJob({
      name: 'status-check.purge',
      payload: z.object({}).passthrough(),
      cron: '*/10 * * * *',
      retryLimit: 1,
      expireInSeconds: 10 * 60,
      handle: async () => {
        await purgeStatusCheck(db, clock, limits);
      },
    }),
  ];
}
