import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { OutboundMessage } from '@civicline/contracts';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, ok, openCase, problem } from './helpers/case-fixtures.ts';
import { startFakeGateway } from './helpers/fake-carriers.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { createPhoneFixture, PUBLIC_URL, type PhoneFixture } from './helpers/phone-fixtures.ts';

type Message = z.infer<typeof OutboundMessage>;
type Page = { items: Message[]; nextCursor: string | null };

/** A port nothing listens on: the carrier is down, and a real connection to it is refused. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The outbox as staff see it: a case's messages, the whole outbox for administrators, and sending a failed message again. */
describe('the outbox', () => {
  let t: TestContext;
  let fx: PhoneFixture;
  const secret = `gw-${randomUUID()}`;
  let gatewayAccount: { id: string; version: number };
  let caseA: { id: string };
  let failed: Message;

  const queue = (channel: 'sms' | 'email', to: string, body: string, caseId: string | null = null) =>
    t.c.db.transaction((tx) => t.c.messaging.queue(tx, { tenantId: fx.tenant.id, channel, purpose: 'notification', toAddress: to, body, caseId, idempotencyKey: `test:${randomUUID()}` }));
  const deliverFinally = (id: string) => t.c.messaging.deliver(id, fx.tenant.id, 6).catch(() => undefined);

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    await t.c.jobs.start({ work: false });
    fx = await createPhoneFixture(t);
    const [twilio] = ok<{ id: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
    ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${twilio!.id}`, { active: false, version: twilio!.version }));
    gatewayAccount = ok(await fx.admin.call('POST', '/api/v1/provider-accounts', { provider: 'sms_webhook', name: 'Gateway', settings: { url: `http://127.0.0.1:${await deadPort()}/send` }, secret }), 201);
    caseA = await openCase(fx, fx.staff.operator);
    const { id } = await queue('sms', '+40722000301', 'Cererea dvs. a fost înregistrată.', caseA.id);
    await deliverFinally(id);
    failed = await t.c.messageLog.get({ tenantId: fx.tenant.id, actor: { type: 'system', id: null, roles: [], departmentIds: [] }, requestId: null, channel: 'api' }, id);
    await queue('email', 'maria.ionescu@example.ro', 'Răspunsul la cererea dvs. este gata.', caseA.id);
    await queue('sms', '+40722000302', 'Programare confirmată.');
  });
  afterAll(() => t.close());

  it('a message the carrier never took ends failed, with the carrier’s error, after the last attempt', () => {
    expect(failed).toMatchObject({ status: 'failed', channel: 'sms', toAddress: '+40722000301', attempts: 1 });
    expect(failed.lastError).toMatch(/ECONNREFUSED|fetch failed|connect/i);
  });

  it('an administrator reads the whole outbox, filtered by status, channel and recipient, page by page', async () => {
    const all = ok<Page>(await fx.admin.call('GET', '/api/v1/messages?limit=200'));
    expect(all.items.map((m) => m.toAddress)).toEqual(expect.arrayContaining(['+40722000301', 'maria.ionescu@example.ro', '+40722000302']));
    expect(ok<Page>(await fx.admin.call('GET', '/api/v1/messages?status=failed')).items.map((m) => m.id)).toEqual([failed.id]);
    expect(ok<Page>(await fx.admin.call('GET', '/api/v1/messages?channel=email')).items.map((m) => m.toAddress)).toEqual(['maria.ionescu@example.ro']);
    expect(ok<Page>(await fx.admin.call('GET', '/api/v1/messages?to=IONESCU')).items).toHaveLength(1);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = ok<Page>(await fx.admin.call('GET', `/api/v1/messages?limit=1${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((m) => m.id));
  });

  it('staff other than administrators see a case’s messages only, and only of a case they may read', async () => {
    expect(ok<Page>(await fx.staff.operator.call('GET', `/api/v1/cases/${caseA.id}/messages`)).items).toHaveLength(2);
    problem(await fx.staff.operator.call('GET', '/api/v1/messages'), 403, 'auth.forbidden');
    problem(await fx.staff.supervisor.call('GET', '/api/v1/messages?status=failed'), 403, 'auth.forbidden');
    // The social department's technician may not read the urbanism petition, nor its messages.
    problem(await fx.staff.techSocial.call('GET', `/api/v1/cases/${caseA.id}/messages`), 404, 'resource.not_found');
    problem(await fx.staff.techSocial.call('GET', `/api/v1/messages/${failed.id}`), 404, 'resource.not_found');
    expect(ok<Message>(await fx.staff.operator.call('GET', `/api/v1/messages/${failed.id}`)).id).toBe(failed.id);
    const loose = ok<Page>(await fx.admin.call('GET', '/api/v1/messages?to=%2B40722000302')).items[0]!;
    problem(await fx.staff.operator.call('GET', `/api/v1/messages/${loose.id}`), 404, 'resource.not_found');
  });

  it('bad filters get a validation problem', async () => {
    problem(await fx.admin.call('GET', '/api/v1/messages?status=lost'), 422, 'request.validation_failed');
    problem(await fx.admin.call('GET', '/api/v1/messages?cursor=bm90LWEtY3Vyc29y'), 422, 'request.validation_failed');
    problem(await fx.admin.call('GET', '/api/v1/messages?limit=0'), 422, 'request.validation_failed');
  });

  it('a failed message is sent again on an administrator’s word, once, audited; anything else is refused and unchanged', async () => {
    const gateway = await startFakeGateway({ secret, appBase: fx.base });
    try {
      ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${gatewayAccount.id}`, { settings: { url: gateway.url }, version: gatewayAccount.version }));
      problem(await fx.staff.supervisor.call('POST', `/api/v1/messages/${failed.id}/resend`), 403, 'auth.forbidden');
      const requeued = ok<Message>(await fx.admin.call('POST', `/api/v1/messages/${failed.id}/resend`));
      expect(requeued).toMatchObject({ id: failed.id, status: 'queued', lastError: null });
      problem(await fx.admin.call('POST', `/api/v1/messages/${failed.id}/resend`), 409, 'message.not_failed');
      const jobs = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'messaging.deliver%' AND data->>'messageId' = $1`, [failed.id]);
      expect(jobs.rows[0]!.n).toBe(2);
      await t.c.messaging.deliver(failed.id, fx.tenant.id, 0);
      const after = ok<Message>(await fx.admin.call('GET', `/api/v1/messages/${failed.id}`));
      expect(after.status).toMatch(/^(sent|delivered)$/);
      expect(gateway.received.filter((r) => r.body.id === failed.id)).toHaveLength(1);
      problem(await fx.admin.call('POST', `/api/v1/messages/${failed.id}/resend`), 409, 'message.not_failed');
      const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_entries WHERE tenant_id = $1 AND subject_id = $2`, [fx.tenant.id, failed.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['message.resent']);
    } finally {
      await gateway.close();
    }
  });

  it('a closed case’s messages stay readable to those who could read the case', async () => {
    const kase = await openCase(fx, fx.staff.operator);
    await queue('email', 'ion.popescu@example.ro', 'Text.', kase.id);
    await act(fx.staff.supervisor, kase as { id: string; version: number }, 'withdraw', { comment: 'Retrasă.' });
    expect(ok<Page>(await fx.staff.operator.call('GET', `/api/v1/cases/${kase.id}/messages`)).items).toHaveLength(1);
  });
});
