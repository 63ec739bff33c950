import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContainer, type Container } from '../src/container.ts';
import type { Database } from '../src/platform/db/client.ts';
import { departments, domainEvents } from '../src/platform/db/schema/index.ts';
import type { EventJobPayload } from '../src/platform/events/outbox.ts';
import { deadLetterQueueOf, defineJob } from '../src/platform/jobs/queue.ts';
import { createTenant, openTestDatabase, testConfig } from './helpers/harness.ts';

/** Polls until the predicate holds (or throws after the timeout); no fixed sleeps. */
async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const RecordPayload = z.object({
  marker: z.string().min(1),
  n: z.coerce.number().int(),
  note: z.string().default('none'),
});
const FailingPayload = z.object({ marker: z.string(), reason: z.string() });
const EventPayload = z.object({ eventId: z.uuid(), tenantId: z.uuid(), type: z.string() }) satisfies z.ZodType<EventJobPayload>;

interface Run {
  at: number;
  payload: unknown;
  retryCount: number;
  jobId: string;
}

describe('job queue and event outbox', () => {
  let database: Database;
  let c: Container;
  let tenantId: string;
  const runs = new Map<string, Run[]>();
  /** What the queue reported through logError (pg-boss 'error' events: failed polls, maintenance). */
  const queueErrors: unknown[] = [];
  const runsOf = (key: string) => runs.get(key) ?? [];
  const note = (key: string, run: Run) => runs.set(key, [...runsOf(key), run]);

  const jobRows = async (where: string, values: unknown[]) =>
    (await database.query<{ id: string; name: string; state: string; data: unknown; retry_count: number }>(
      `SELECT id, name, state, data, retry_count FROM pgboss.job WHERE ${where}`,
      values,
    )).rows;

  beforeAll(async () => {
    database = await openTestDatabase();
    c = createContainer(testConfig(), database, { logError: (err) => queueErrors.push(err) });
    c.jobs.register(
      defineJob({
        name: 'test.record',
        payload: RecordPayload,
        retryLimit: 0,
        async handle(payload, job) {
          note(`record:${payload.marker}`, { at: Date.now(), payload, retryCount: job.retryCount, jobId: job.id });
        },
      }),
    );
    c.jobs.register(
      defineJob({
        name: 'test.always-fails',
        payload: FailingPayload,
        retryLimit: 2,
        retryDelaySeconds: 1,
        retryBackoff: true,
        async handle(payload, job) {
          note(`fails:${payload.marker}`, { at: Date.now(), payload, retryCount: job.retryCount, jobId: job.id });
          throw new Error(`deliberate failure: ${payload.reason}`);
        },
      }),
    );
    for (const name of ['test.on-thing-a', 'test.on-thing-b']) {
      c.jobs.register(
        defineJob({
          name,
          payload: EventPayload,
          retryLimit: 0,
          async handle(payload, job) {
            note(`${name}:${payload.eventId}`, { at: Date.now(), payload, retryCount: job.retryCount, jobId: job.id });
          },
        }),
      );
    }
    c.jobs.register(
      defineJob({
        name: 'test.batched',
        payload: RecordPayload,
        retryLimit: 0,
        batchSize: 10,
        // One by one (after a batch threw): a poison job fails alone, the others run.
        async handle(payload, job) {
          note(`single:${payload.marker}`, { at: Date.now(), payload, retryCount: job.retryCount, jobId: job.id });
          if (payload.note === 'poison') throw new Error('poison job');
        },
        async handleBatch(jobs) {
          if (jobs.some((j) => j.payload.note === 'poison')) throw new Error('a poison job in the batch');
          for (const j of jobs) note(`batch:${j.payload.marker}`, { at: Date.now(), payload: { size: jobs.length }, retryCount: j.retryCount, jobId: j.id });
          return jobs.map((j) => (j.payload.note === 'refused' ? new Error('refused alone') : null));
        },
      }),
    );
    c.events.subscribe('test.thing_happened', 'test.on-thing-a');
    c.events.subscribe('test.thing_happened', 'test.on-thing-b');
    await c.jobs.start({ work: true });
    tenantId = (await createTenant(c)).id;
  });

  afterAll(async () => {
    await c?.jobs.stop();
    await database?.close();
  });

  it('a job enqueued in a rolled-back transaction never exists and never runs', async () => {
    const rolled = `rolled-${randomUUID()}`;
    const sentinel = `sentinel-${randomUUID()}`;
    let rolledId: string | null = null;
    await expect(
      c.db.transaction(async (tx) => {
        rolledId = await c.jobs.enqueue(tx, 'test.record', { marker: rolled, n: 1 });
        throw new Error('abort the change');
      }),
    ).rejects.toThrow('abort the change');
    // The id was handed out inside the transaction; the row must have vanished with it.
    expect(rolledId).toMatch(/^[0-9a-f-]{36}$/);

    // Enqueued after the rolled-back one in the same queue: had the first survived, it would run first.
    await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: sentinel, n: 2 }));
    await waitFor(() => runsOf(`record:${sentinel}`).length === 1, 10_000, 'the sentinel job');

    expect(runsOf(`record:${rolled}`)).toHaveLength(0);
    expect(await jobRows('id = $1', [rolledId])).toHaveLength(0);
    expect(await jobRows(`data->>'marker' = $1`, [rolled])).toHaveLength(0);
    expect((await jobRows(`data->>'marker' = $1`, [sentinel])).map((r) => r.state)).toEqual(['completed']);
  });

  it('a committed job runs exactly once with its validated payload', async () => {
    const marker = `once-${randomUUID()}`;
    const id = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker, n: '42' }));
    expect(id).toBeTruthy();
    await waitFor(() => runsOf(`record:${marker}`).length > 0, 10_000, 'the job');

    // A later job in the same queue has run too, so the worker has had time to run the first one again.
    const later = `later-${randomUUID()}`;
    await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: later, n: 0 }));
    await waitFor(() => runsOf(`record:${later}`).length > 0, 10_000, 'the later job');
    await waitFor(async () => (await jobRows('id = $1', [id]))[0]?.state === 'completed', 5_000, 'completion');

    const seen = runsOf(`record:${marker}`);
    expect(seen).toHaveLength(1);
    // Coerced and defaulted by the schema at enqueue time: the handler gets the parsed shape.
    expect(seen[0]!.payload).toEqual({ marker, n: 42, note: 'none' });
    expect(seen[0]!.jobId).toBe(id);
    const [row] = await jobRows('id = $1', [id]);
    expect(row).toMatchObject({ name: 'test.record', state: 'completed', data: { marker, n: 42, note: 'none' } });
  });

  it('startAfter holds a job back until its time, while later jobs run', async () => {
    const held = `held-${randomUUID()}`;
    const quick = `quick-${randomUUID()}`;
    const notBefore = Date.now() + 2_000;
    await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: held, n: 1 }, { startAfter: new Date(notBefore) }));
    await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: quick, n: 2 }));
    await waitFor(() => runsOf(`record:${quick}`).length === 1, 10_000, 'the undelayed job');
    expect(runsOf(`record:${held}`)).toHaveLength(0);
    await waitFor(() => runsOf(`record:${held}`).length === 1, 10_000, 'the delayed job');
    expect(runsOf(`record:${held}`)[0]!.at).toBeGreaterThanOrEqual(notBefore - 50);
  });

  it('a singleton key keeps one job per key while one is queued', async () => {
    const key = `key-${randomUUID()}`;
    const later = new Date(Date.now() + 60_000);
    const [first, second] = await c.db.transaction(async (tx) => [
      await c.jobs.enqueue(tx, 'test.record', { marker: `${key}-1`, n: 1 }, { singletonKey: key, startAfter: later }),
      await c.jobs.enqueue(tx, 'test.record', { marker: `${key}-2`, n: 2 }, { singletonKey: key, startAfter: later }),
    ]);
    const third = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: `${key}-3`, n: 3 }, { singletonKey: key }));
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(third).toBeNull();
    const rows = await jobRows(`name = 'test.record' AND singleton_key = $1`, [key]);
    expect(rows.map((r) => r.id)).toEqual([first]);
    // Another key is not affected.
    const other = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: `${key}-other`, n: 4 }, { singletonKey: `${key}-b` }));
    expect(other).toBeTruthy();
  });

  it('concurrent transactions enqueuing one singleton key create one job', async () => {
    const key = `key-${randomUUID()}`;
    const later = new Date(Date.now() + 60_000);
    const ids = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        c.db.transaction(async (tx) => {
          const id = await c.jobs.enqueue(tx, 'test.record', { marker: `${key}-${i}`, n: i }, { singletonKey: key, startAfter: later });
          // Keep the transaction open a moment so the others overlap with it.
          await tx.execute(sql`SELECT pg_sleep(0.05)`);
          return id;
        }),
      ),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await jobRows(`name = 'test.record' AND singleton_key = $1`, [key])).toHaveLength(1);
  });

  it('a singleton key is free again once its job has run', async () => {
    const key = `key-${randomUUID()}`;
    const first = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: `${key}-1`, n: 1 }, { singletonKey: key }));
    expect(first).toBeTruthy();
    await waitFor(async () => (await jobRows('id = $1', [first]))[0]?.state === 'completed', 10_000, 'the first job');
    const again = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: `${key}-2`, n: 2 }, { singletonKey: key }));
    expect(again).toBeTruthy();
    expect(again).not.toBe(first);
    await waitFor(() => runsOf(`record:${key}-2`).length === 1, 10_000, 'the second job');
  });

  it('a rolled-back singleton job does not hold its key', async () => {
    const key = `key-${randomUUID()}`;
    await expect(
      c.db.transaction(async (tx) => {
        await c.jobs.enqueue(tx, 'test.record', { marker: `${key}-1`, n: 1 }, { singletonKey: key });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const kept = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { marker: `${key}-2`, n: 2 }, { singletonKey: key }));
    expect(kept).toBeTruthy();
  });

  it('refuses an invalid payload: enqueue throws and the surrounding transaction writes nothing', async () => {
    const code = `BAD${randomUUID().slice(0, 8)}`.toUpperCase();
    const marker = `invalid-${randomUUID()}`;
    await expect(
      c.db.transaction(async (tx) => {
        await tx.insert(departments).values({ tenantId, code, name: { en: 'Should vanish' } });
        await c.jobs.enqueue(tx, 'test.record', { marker, n: 'not a number' });
      }),
    ).rejects.toThrow(z.ZodError);
    await expect(
      c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.record', { n: 1 })),
    ).rejects.toThrow(z.ZodError);
    await expect(c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.no-such-job', {}))).rejects.toThrow(/unknown job/);

    expect(await c.db.select().from(departments).where(eq(departments.code, code))).toHaveLength(0);
    expect(await jobRows(`data->>'marker' = $1`, [marker])).toHaveLength(0);
  });

  it('a failing job retries with backoff and then lands, with its payload, in the dead-letter queue', async () => {
    const marker = `doomed-${randomUUID()}`;
    const payload = { marker, reason: 'carrier down' };
    const id = await c.db.transaction((tx) => c.jobs.enqueue(tx, 'test.always-fails', payload));
    await waitFor(async () => (await c.jobs.deadLetters('test.always-fails')).some((d) => (d.data as { marker?: string }).marker === marker), 20_000, 'the dead letter');

    const attempts = runsOf(`fails:${marker}`);
    // retryLimit 2: the first attempt and two retries, each seeing its own retry count.
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    expect(attempts.every((a) => a.jobId === id)).toBe(true);
    // Backoff with a 1 s delay: the first retry waits at least 1 s, the second at least 2 s.
    const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_950);

    const [original] = await jobRows('id = $1', [id]);
    expect(original).toMatchObject({ state: 'failed', retry_count: 2 });

    const dead = (await c.jobs.deadLetters('test.always-fails')).filter((d) => (d.data as { marker?: string }).marker === marker);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ name: deadLetterQueueOf('test.always-fails'), data: payload });
    expect(dead[0]!.name).toBe('test.always-fails.dead');
    // Nothing consumes the dead-letter queue: it stays visible for an operator.
    expect((await jobRows('id = $1', [dead[0]!.id]))[0]?.state).toBe('created');
  });

  it('the outbox writes the event and one job per subscriber in a committed transaction', async () => {
    const subjectId = randomUUID();
    const eventId = await c.db.transaction((tx) =>
      c.events.record(tx, { tenantId, type: 'test.thing_happened', subjectType: 'thing', subjectId, payload: { colour: 'green' } }),
    );
    const [event] = await c.db.select().from(domainEvents).where(eq(domainEvents.id, eventId));
    expect(event).toMatchObject({ tenantId, type: 'test.thing_happened', subjectType: 'thing', subjectId, payload: { colour: 'green' } });

    const expected = { eventId, tenantId, type: 'test.thing_happened' };
    await waitFor(
      () => runsOf(`test.on-thing-a:${eventId}`).length > 0 && runsOf(`test.on-thing-b:${eventId}`).length > 0,
      10_000,
      'both subscribers',
    );
    // Each subscriber once: its queue holds exactly one job for the event, completed.
    for (const name of ['test.on-thing-a', 'test.on-thing-b']) {
      await waitFor(async () => (await jobRows(`name = $1 AND data->>'eventId' = $2`, [name, eventId]))[0]?.state === 'completed', 5_000, `${name} completed`);
      const rows = await jobRows(`name = $1 AND data->>'eventId' = $2`, [name, eventId]);
      expect(rows).toHaveLength(1);
      expect(runsOf(`${name}:${eventId}`)).toHaveLength(1);
      expect(runsOf(`${name}:${eventId}`)[0]!.payload).toEqual(expected);
    }
  });

  it('the outbox writes neither the event nor its jobs when the transaction rolls back', async () => {
    const subjectId = randomUUID();
    let eventId: string | undefined;
    await expect(
      c.db.transaction(async (tx) => {
        eventId = await c.events.record(tx, { tenantId, type: 'test.thing_happened', subjectType: 'thing', subjectId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(eventId).toBeTruthy();

    // A committed event recorded afterwards is delivered; the rolled-back one never is.
    const laterId = await c.db.transaction((tx) =>
      c.events.record(tx, { tenantId, type: 'test.thing_happened', subjectType: 'thing', subjectId: randomUUID() }),
    );
    await waitFor(
      () => runsOf(`test.on-thing-a:${laterId}`).length > 0 && runsOf(`test.on-thing-b:${laterId}`).length > 0,
      10_000,
      'the later event',
    );

    expect(await c.db.select().from(domainEvents).where(eq(domainEvents.subjectId, subjectId))).toHaveLength(0);
    expect(await jobRows(`data->>'eventId' = $1`, [eventId])).toHaveLength(0);
    expect(runsOf(`test.on-thing-a:${eventId}`)).toHaveLength(0);
    expect(runsOf(`test.on-thing-b:${eventId}`)).toHaveLength(0);
  });

  it('an event nobody subscribes to is still recorded, and enqueues nothing', async () => {
    const before = (await database.query<{ n: number | string }>('SELECT count(*)::int AS n FROM pgboss.job')).rows[0]!.n;
    const eventId = await c.db.transaction((tx) =>
      c.events.record(tx, { tenantId, type: 'test.unheard_of', subjectType: 'thing', subjectId: null }),
    );
    expect(await c.db.select().from(domainEvents).where(eq(domainEvents.id, eventId))).toHaveLength(1);
    expect(await jobRows(`data->>'eventId' = $1`, [eventId])).toHaveLength(0);
    const after = (await database.query<{ n: number | string }>('SELECT count(*)::int AS n FROM pgboss.job')).rows[0]!.n;
    expect(Number(after)).toBe(Number(before));
  });

  it('the queue reported no errors while running these jobs', () => {
    expect(queueErrors).toEqual([]);
  });

  it('a batched job runs its jobs together; an error for one fails that one alone', async () => {
    const markers = Array.from({ length: 6 }, () => `b-${randomUUID()}`);
    await c.db.transaction((tx) => c.jobs.enqueueMany(tx, 'test.batched', markers.map((marker, n) => ({ marker, n, note: n === 2 ? 'refused' : 'none' }))));
    await waitFor(async () => { const rows = await jobRows(`name = 'test.batched' AND data->>'marker' = ANY($1)`, [markers]); return rows.length === markers.length && rows.every((r) => r.state !== 'created' && r.state !== 'active'); }, 30_000, 'the batch');
    const states = new Map((await jobRows(`name = 'test.batched' AND data->>'marker' = ANY($1)`, [markers])).map((r) => [(r.data as { marker: string }).marker, r.state]));
    expect(markers.map((m) => states.get(m))).toEqual(['completed', 'completed', 'failed', 'completed', 'completed', 'completed']);
    // Fetched together: at least one run saw more than one job, and none went through `handle`.
    expect(Math.max(...markers.map((m) => (runsOf(`batch:${m}`)[0]?.payload as { size: number }).size))).toBeGreaterThan(1);
    expect(markers.flatMap((m) => runsOf(`single:${m}`))).toEqual([]);
  });

  it('a batch that throws is run again job by job, so a poison job fails alone', async () => {
    const markers = Array.from({ length: 4 }, () => `p-${randomUUID()}`);
    await c.db.transaction((tx) => c.jobs.enqueueMany(tx, 'test.batched', markers.map((marker, n) => ({ marker, n, note: n === 1 ? 'poison' : 'none' }))));
    await waitFor(async () => { const rows = await jobRows(`name = 'test.batched' AND data->>'marker' = ANY($1)`, [markers]); return rows.length === markers.length && rows.every((r) => r.state !== 'created' && r.state !== 'active'); }, 30_000, 'the batch');
    const states = new Map((await jobRows(`name = 'test.batched' AND data->>'marker' = ANY($1)`, [markers])).map((r) => [(r.data as { marker: string }).marker, r.state]));
    expect(markers.map((m) => states.get(m))).toEqual(['completed', 'failed', 'completed', 'completed']);
    for (const m of markers) expect(runsOf(`single:${m}`)).toHaveLength(1);
    expect(queueErrors.some((e) => String((e as Error).message).includes('poison'))).toBe(true);
  });
});

describe('scheduled jobs', () => {
  it('a worker node schedules the deadline sweep every minute; a web-only node schedules nothing', async () => {
    const database = await openTestDatabase();
    const web = createContainer(testConfig(), database, { logError: () => {} });
    try {
      await web.jobs.start({ work: false });
      // On PostgreSQL the test files share one database: another file's worker may have scheduled it.
      await database.query("DELETE FROM pgboss.schedule WHERE name = 'cases.sweep-deadlines'");
      await web.jobs.stop();
      await web.jobs.start({ work: false });
      const none = await database.query<{ name: string }>("SELECT name FROM pgboss.schedule WHERE name = 'cases.sweep-deadlines'");
      expect(none.rows).toEqual([]);
      await web.jobs.stop();
      const worker = createContainer(testConfig(), database, { logError: () => {} });
      await worker.jobs.start({ work: true });
      const { rows } = await database.query<{ cron: string; timezone: string }>("SELECT cron, timezone FROM pgboss.schedule WHERE name = 'cases.sweep-deadlines'");
      expect(rows).toEqual([{ cron: '* * * * *', timezone: 'UTC' }]);
      await worker.jobs.stop();
    } finally {
      await database.close();
    }
  });
});
