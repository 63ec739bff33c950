import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { queryInTx, type Database, type Tx } from '../db/client.ts';

/** A job type: its payload schema, how it retries, and what it does. One verb per job. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Exponential backoff between retries (on by default). */
  retryBackoff?: boolean;
  expireInSeconds?: number;
  /** Run on this cron schedule (UTC) by whichever worker node claims each tick. */
  cron?: string;
  /** Jobs a worker node fetches at once and runs concurrently (each retried or failed on its own). */
  batchSize?: number;
  handle(payload: z.infer<S>, job: { id: string; retryCount: number }): Promise<void>;
  /**
   * Runs a whole fetched batch at once (one transaction or one round of sends for many jobs).
   * Returns, for each job in order, null when it succeeded or the error it failed with (that job
   * alone is retried). If it throws, the batch is run again job by job through `handle`, so one
   * bad job cannot hold back the others.
   */
  handleBatch?(jobs: BatchJob<z.infer<S>>[]): Promise<(Error | null)[]>;
}

export interface BatchJob<P> {
  id: string;
  retryCount: number;
  payload: P;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export interface EnqueueOptions {
  startAfter?: Date | number;
  /** Deduplicates jobs with the same key while one is queued or running. */
  singletonKey?: string;
}

export interface DeadJob {
  id: string;
  name: string;
  data: unknown;
  createdOn: Date;
}

export interface JobQueue {
  register(def: JobDefinition): void;
  /** Enqueue inside the caller's transaction: the job exists if and only if that transaction commits. */
  enqueue(tx: Tx, name: string, payload: unknown, opts?: EnqueueOptions): Promise<string | null>;
  /** Many jobs of one kind in one statement, inside the caller's transaction (no singleton keys). */
  enqueueMany(tx: Tx, name: string, payloads: unknown[], opts?: { startAfter?: Date | null }): Promise<void>;
  /** Prepare the queues; `work` also starts fetching and running jobs (the worker role). */
  start(opts: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  deadLetters(name: string, limit?: number): Promise<DeadJob[]>;
  boss(): PgBoss;
}

/** Each job of a batch through `handle`, concurrently; the error of each (null when it succeeded). */
async function eachOnItsOwn(def: JobDefinition, jobs: BatchJob<unknown>[]): Promise<(unknown | null)[]> {
  const results = await Promise.allSettled(jobs.map((job) => def.handle(job.payload, job)));
  return results.map((r) => (r.status === 'rejected' ? (r.reason ?? new Error('job failed')) : null));
}

// pg-boss's statements have fixed texts: inside a transaction each runs as a named statement, so
// a pooled connection parses and plans the job insert once instead of with every registration.
const statementNames = new Map<string, string>();
function inTx(tx: Tx) {
  return {
    executeSql(text: string, values: unknown[]) {
      let name = statementNames.get(text);
      if (!name) statementNames.set(text, (name = `pgboss_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
      return queryInTx(tx, text, values, { prepared: name });
    },
  };
}

export const deadLetterQueueOf = (name: string) => `${name}.dead`;

export function createJobQueue(database: Database, opts: { pollSeconds: number; logError(err: unknown, msg: string): void }): JobQueue {
  const definitions = new Map<string, JobDefinition>();
  let boss: PgBoss | undefined;
  let started = false;
  let working = false;
  // This node's workers by queue, and the queues its jobs have enqueued into since they last woke
  // them: a job that queues more work (a notification step its deliveries) wakes the workers of
  // that work once it is done and committed, instead of leaving them to their next poll.
  const workerIds = new Map<string, string>();
  const enqueuedInto = new Set<string>();
  const wakeEnqueued = () => {
    for (const name of enqueuedInto) {
      const id = workerIds.get(name);
      if (id) boss?.notifyWorker(id);
    }
    enqueuedInto.clear();
  };
  const running = () => {
    if (!boss || !started) throw new Error('the job queue has not been started');
    return boss;
  };

  return {
    register(def) {
      if (started) throw new Error(`job ${def.name} registered after the queue started`);
      if (definitions.has(def.name)) throw new Error(`job ${def.name} registered twice`);
      definitions.set(def.name, def);
    },

    async enqueue(tx, name, payload, enqueueOpts = {}) {
      const def = definitions.get(name);
      if (!def) throw new Error(`unknown job ${name}`);
      const data = def.payload.parse(payload) as object;
      const boss = running();
      if (enqueueOpts.startAfter === undefined) enqueuedInto.add(name);
      if (enqueueOpts.singletonKey) {
        // pg-boss honours a bare singletonKey only on queues with a singleton policy, so it is
        // enforced here: enqueuers of one key wait for each other until commit, then skip the
        // job if one with that key is still queued, waiting to retry, or running.
        await queryInTx(tx, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`job:${name}:${enqueueOpts.singletonKey}`]);
        const { rows } = await queryInTx(
          tx,
          "SELECT 1 FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active') LIMIT 1",
          [name, enqueueOpts.singletonKey],
        );
        if (rows.length > 0) return null;
      }
      return boss.send(name, data, {
        ...(enqueueOpts.startAfter !== undefined ? { startAfter: enqueueOpts.startAfter as Date } : {}),
        ...(enqueueOpts.singletonKey ? { singletonKey: enqueueOpts.singletonKey } : {}),
        db: inTx(tx),
      } as PgBoss.SendOptions);
    },

    async enqueueMany(tx, name, payloads, manyOpts = {}) {
      if (payloads.length === 0) return;
      const def = definitions.get(name);
      if (!def) throw new Error(`unknown job ${name}`);
      const startAfter = manyOpts.startAfter ? { startAfter: manyOpts.startAfter } : {};
      const jobs = payloads.map((p) => ({ name, data: def.payload.parse(p) as object, ...startAfter }));
      if (!manyOpts.startAfter) enqueuedInto.add(name);
      // The queue's own retry policy and dead-letter queue apply, as with send().
      await running().insert(jobs, { db: inTx(tx) });
    },

    async start({ work }) {
      if (started && (working || !work)) return;
      // An enqueue-only start becomes a working one: pg-boss supervises only when built to.
      if (started) await this.stop();
      boss = new PgBoss({
        db: { executeSql: (text, values) => database.query(text, values) },
        // Web nodes only enqueue; worker nodes also supervise (expiry, retention, dead letters).
        supervise: work,
        schedule: work,
        // Jobs of a node that died come back within this long of their expiry (pg-boss's default is 120 s).
        maintenanceIntervalSeconds: 30,
      });
      boss.on('error', (err) => opts.logError(err, 'job queue error'));
      await boss.start();
      for (const def of definitions.values()) {
        const dead = deadLetterQueueOf(def.name);
        await boss.createQueue(dead, { name: dead, retentionDays: 30 } as PgBoss.Queue);
        await boss.createQueue(def.name, {
          name: def.name,
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 5,
          retryBackoff: def.retryBackoff ?? true,
          expireInSeconds: def.expireInSeconds ?? 15 * 60,
          deadLetter: dead,
        });
      }
      started = true;
      working = work;
      if (!work) return;
      for (const def of definitions.values()) {
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
      }
      for (const def of definitions.values()) {
        const batchSize = def.batchSize ?? 1;
        let workerId = '';
        // includeMetadata: without it pg-boss returns only id, name and data, and retryCount is lost.
        workerId = await boss.work(def.name, { pollingIntervalSeconds: opts.pollSeconds, batchSize, includeMetadata: true }, async (jobs) => {
          const parsed = jobs.map((job) => ({ id: job.id, retryCount: job.retryCount, payload: def.payload.parse(job.data) }));
          let errors: (unknown | null)[];
          if (batchSize === 1) {
            for (const job of parsed) await def.handle(job.payload, job);
            errors = [];
          } else if (def.handleBatch) {
            const batchErrors = await def.handleBatch(parsed).catch((err: unknown) => {
              opts.logError(err, `${def.name}: the batch failed; running its jobs one by one`);
              return null;
            });
            errors = batchErrors ?? (await eachOnItsOwn(def, parsed));
          } else {
            errors = await eachOnItsOwn(def, parsed);
          }
          // pg-boss completes the batch as a whole; the jobs that failed are failed (and retried) first, one by one.
          for (const [i, err] of errors.entries()) {
            if (err) await boss!.fail(def.name, jobs[i]!.id, { message: String((err as Error)?.message ?? err) });
          }
          // A full batch means more are waiting: fetch again at once instead of sleeping a polling interval.
          if (jobs.length === batchSize) boss!.notifyWorker(workerId);
          wakeEnqueued();
        });
        workerIds.set(def.name, workerId);
      }
    },

    async stop() {
      if (!started || !boss) return;
      started = false;
      working = false;
      workerIds.clear();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },

    async deadLetters(name, limit = 100) {
      const { rows } = await database.query<{ id: string; name: string; data: unknown; created_on: Date }>(
        'SELECT id, name, data, created_on FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT $2',
        [deadLetterQueueOf(name), limit],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, data: r.data, createdOn: r.created_on }));
    },

    boss: running,
  };
}
