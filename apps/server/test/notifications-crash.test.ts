import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runCleanups } from './helpers/cleanups.ts';
import { ok } from './helpers/case-fixtures.ts';
import { startFakeGateway } from './helpers/fake-carriers.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { settle } from './helpers/notification-fixtures.ts';
import { ownPostgresDatabase } from './helpers/own-database.ts';
import { createPhoneFixture, PUBLIC_URL } from './helpers/phone-fixtures.ts';
import { startCli, type RunningProcess } from './helpers/process.ts';

/**
 * A worker node killed with SIGKILL in the middle of a burst of notification steps, then another
 * node started: no step is lost, every step's messages exist once, and none reaches the SMS
 * gateway twice. A send the dead node had in flight (the gateway may have taken it, the node died
 * before recording it) is not repeated: it ends `failed`, visibly, for staff to check and send
 * again. Real child processes (`civicline serve --roles worker`) on a PostgreSQL database of the
 * test's own (on the run's server, or a throwaway cluster when the suite runs on PGlite, which one
 * process owns): worker nodes take every job of their database, and other files' must not be there.
 */
describe('notifications: a worker killed mid-send', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterAll(() => runCleanups(cleanups), 180_000);

  it('loses no step and sends no message twice when a worker dies mid-send; a send caught in flight fails visibly', { timeout: 540_000 }, async () => {
    const own = await ownPostgresDatabase();
    cleanups.push(() => own.drop());
    const { url, database } = own;
    const masterKey = randomBytes(32).toString('base64');
    const t: TestContext = await createTestApp({ database, config: { masterKey, publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    cleanups.push(() => t.close());
    // This process only enqueues (a web node); the child processes work.
    await t.c.jobs.start({ work: false });
    const fx = await createPhoneFixture(t);
    const secret = `gw-${randomUUID()}`;
    // It takes its time to accept each SMS: the kill finds some of them in flight.
    const gateway = await startFakeGateway({ secret, appBase: fx.base, answerDelayMs: 250 });
    cleanups.push(() => gateway.close());
    const [twilio] = ok<{ id: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
    ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${twilio!.id}`, { active: false, version: twilio!.version }));
    ok(await fx.admin.call('POST', '/api/v1/provider-accounts', { provider: 'sms_webhook', name: 'Gateway', settings: { url: gateway.url }, secret }), 201);
    const category = ok<{ id: string; version: number }>(await fx.admin.call('GET', `/api/v1/categories/${fx.categories.petition.id}`));
    ok(await fx.admin.call('PATCH', `/api/v1/categories/${category.id}`, { sendSms: true, version: category.version }));
    const settings = ok<{ version: number }>(await fx.admin.call('GET', '/api/v1/notification-settings'));
    ok(await fx.admin.call('PATCH', '/api/v1/notification-settings', { quietStart: '00:00', quietEnd: '00:00', version: settings.version }));

    // 40 requests by phone, each with two fee notices: 120 steps, 240 SMS + inbox messages.
    const caseIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const citizen = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Ana', lastName: `Crash${i}`, phones: [`+407455${String(10000 + i)}`], preferredLanguage: 'ro', preferredChannel: 'sms' }), 201);
      const kase = ok<{ id: string }>(await fx.staff.operator.call('POST', '/api/v1/cases', { categoryId: category.id, channel: 'phone', citizenId: citizen.id, subject: `Cerere ${i}`, description: 'Solicit informații.' }), 201);
      caseIds.push(kase.id);
      for (const n of [1, 2]) ok(await fx.staff.techA.call('POST', `/api/v1/cases/${kase.id}/fees`, { amountMinor: 1000 * n + i, receiptNumber: `R-${i}-${n}` }), 201);
    }
    // Small batches, so that the kill finds steps dispatched, steps still queued and SMS in flight.
    const env = { DATABASE_URL: url, CIVICLINE_MASTER_KEY: masterKey, PUBLIC_URL, JOB_POLL_SECONDS: '0.5', JOB_BATCH_SIZE: '8', CIVICLINE_DEMO_SEED: 'never', PORT: '0', HOST: '127.0.0.1' };
    const smsCount = async () => Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM outbound_messages WHERE tenant_id = $1 AND channel = 'sms' AND purpose = 'notification'", [fx.tenant.id])).rows[0]!.n);

    const first: RunningProcess = startCli(['serve', '--roles', 'worker'], env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    await first.waitFor(/CivicLine is running/);
    // Killed as the first SMS go out: steps dispatched, SMS in flight (and, mostly, steps still queued).
    await expect.poll(() => gateway.received.length, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(3);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = { sms: await smsCount(), sent: gateway.received.length };

    const second: RunningProcess = startCli(['serve', '--roles', 'worker'], env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await second.waitFor(/CivicLine is running/);
    // The jobs the dead node held come back when they expire (the queue's supervision), then run here.
    await expect.poll(smsCount, { timeout: 300_000, interval: 500 }).toBe(120);
    const finals = () =>
      database.query<{ id: string; idempotency_key: string; status: string; last_error: string | null }>(
        "SELECT id, idempotency_key, status, last_error FROM outbound_messages WHERE tenant_id = $1 AND channel = 'sms' AND purpose = 'notification' AND status IN ('sent', 'delivered', 'failed')",
        [fx.tenant.id],
      );
    await expect.poll(async () => (await finals()).rows.length, { timeout: 300_000, interval: 500 }).toBe(120);
    await settle(t, 60_000);
    const ids = (await finals()).rows;

    // Every step: its SMS and its inbox message, once each.
    const perStep = await database.query<{ rule: string; n: string }>(
      `SELECT r.code AS rule, count(*) AS n FROM notification_messages nm JOIN notification_rules r ON r.id = nm.rule_id JOIN outbound_messages m ON m.id = nm.message_id
        WHERE nm.tenant_id = $1 GROUP BY r.code, nm.event_id, m.channel HAVING count(*) <> 1`,
      [fx.tenant.id],
    );
    expect(perStep.rows).toEqual([]);
    // No SMS reached the gateway twice. Each one it got is recorded as sent, or is one the dead
    // node had in flight, which failed visibly instead of being sent again.
    const keyOf = new Map(ids.map((r) => [r.id, r.idempotency_key]));
    for (const r of gateway.received) expect(r.idempotencyKey).toBe(keyOf.get(String(r.body.id)));
    const repeats = gateway.received.length - new Set(gateway.received.map((r) => r.idempotencyKey)).size;
    const interrupted = ids.filter((r) => r.status === 'failed');
    for (const r of interrupted) expect(r.last_error).toMatch(/^interrupted while being handed to the carrier/);
    const received = new Set(gateway.received.map((r) => String(r.body.id)));
    for (const r of ids.filter((m) => m.status !== 'failed')) expect(received.has(r.id), r.id).toBe(true);
    console.log(`[crash] at the kill: ${atKill.sms} of 120 SMS written, ${atKill.sent} sent; after: ${gateway.received.length} gateway requests, ${repeats} repeated, ${interrupted.length} caught in flight and failed visibly`);
    expect(repeats).toBe(0);
    // The gateway had not yet answered the last SMS when the node died; only what the node held at
    // once can have been caught (a delivery batch is JOB_BATCH_SIZE).
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.length).toBeLessThanOrEqual(Number(env.JOB_BATCH_SIZE));
  });
});
