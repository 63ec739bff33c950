import { randomUUID } from 'node:crypto';
import type { CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { ok } from './helpers/case-fixtures.ts';
import { startFakeGateway, startFakeSmsc, startFakeTwilio } from './helpers/fake-carriers.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { createPhoneFixture, postTwilio, PUBLIC_URL, twilioSms, type PhoneFixture } from './helpers/phone-fixtures.ts';

type Message = { id: string; purpose: string; status: string; provider: string | null; lastError: string | null; attempts: number; toAddress: string; body: string; channel: string };

/**
 * SMS out through the carriers' real protocols: Twilio's REST API with its status callbacks,
 * SMPP with delivery receipts, and a generic HTTP gateway; retries against a carrier that fails
 * half the time. The worker delivers, as in production.
 */
describe('SMS channel, outbound', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    await t.c.jobs.start({ work: true });
  });
  afterAll(() => t.close());

  const messageOf = async (fx: PhoneFixture, id: string) => ok<Message>(await fx.admin.call('GET', `/api/v1/messages/${id}`));
  const waitForStatus = (fx: PhoneFixture, id: string, status: string, timeout = 20_000) =>
    expect.poll(async () => (await messageOf(fx, id)).status, { timeout, interval: 100 }).toBe(status);
  const queueSms = (fx: PhoneFixture, to: string, body: string) =>
    t.c.db.transaction((tx) => t.c.messaging.queue(tx, { tenantId: fx.tenant.id, channel: 'sms', purpose: 'notification', toAddress: to, body, idempotencyKey: `test:${randomUUID()}` }));

  describe('Twilio REST', () => {
    let fx: PhoneFixture;
    let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;

    beforeAll(async () => {
      fx = await createPhoneFixture(t);
      twilio = await startFakeTwilio({ accountSid: fx.twilio.accountSid, authToken: fx.twilio.authToken, appBase: fx.base });
      const [account] = ok<{ id: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
      ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${account!.id}`, { settings: { accountSid: fx.twilio.accountSid, from: fx.line.number, baseUrl: twilio.baseUrl }, version: account!.version }));
    });
    afterAll(() => twilio.close());

    it('an SMS in gets its acknowledgement out through Twilio; the status callback marks it delivered', async () => {
      twilio.hold();
      const inbound = twilioSms(fx, '+40745222333', 'Groapă mare în asfalt pe strada Lungă, lângă nr. 12.');
      expect((await postTwilio(fx, '/api/v1/webhooks/twilio/sms', inbound)).status).toBe(200);
      const caseId = (await t.database.query<{ case_id: string }>('SELECT case_id FROM inbound_messages WHERE external_id = $1', [inbound.MessageSid])).rows[0]!.case_id;
      const kase = ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${caseId}`));
      const [ack] = ok<{ items: Message[] }>(await fx.staff.operator.call('GET', `/api/v1/cases/${caseId}/messages`)).items.filter((m) => m.purpose === 'acknowledgement');
      // Sent: Twilio took it, no receipt yet.
      await waitForStatus(fx, ack!.id, 'sent');
      const sent = twilio.accepted.find((m) => m.to === '+40745222333')!;
      expect(sent).toMatchObject({ from: fx.line.number, statusCallback: `${PUBLIC_URL}/api/v1/webhooks/twilio/sms-status?tenant=${fx.tenant.id}` });
      expect(sent.body).toContain(kase.registrationNumber!);
      expect(await messageOf(fx, ack!.id)).toMatchObject({ provider: `twilio:${fx.twilio.id}`, attempts: 1 });
      // Twilio reports sent, then delivered, each signed with the account's auth token.
      await twilio.release();
      await waitForStatus(fx, ack!.id, 'delivered');
      expect(twilio.callbacks.filter((c) => c.sid === sent.sid).map((c) => [c.status, c.answer])).toEqual([['sent', 204], ['delivered', 204]]);
    });

    it('a status callback with a forged signature is refused and changes nothing', async () => {
      const { id } = await queueSms(fx, '+40745222444', 'Programare confirmată.');
      await waitForStatus(fx, id, 'delivered');
      const { id: other } = await queueSms(fx, '+40745222555', 'Alt mesaj.');
      await waitForStatus(fx, other, 'delivered');
      const sid = twilio.accepted.find((m) => m.to === '+40745222555')!.sid;
      const params = { AccountSid: fx.twilio.accountSid, MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30005' };
      const res = await fetch(`${fx.base}/api/v1/webhooks/twilio/sms-status?tenant=${fx.tenant.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(403);
      expect((await messageOf(fx, other)).status).toBe('delivered');
    });

    it('a number Twilio refuses as invalid (21211) fails at its first attempt with Twilio’s reason, and is not tried again', async () => {
      twilio.configure({ invalidNumbers: ['+40700000001'] });
      const before = twilio.requests;
      const { id } = await queueSms(fx, '+40700000001', 'Nu va ajunge.');
      // Well inside the first retry's delay (10 s).
      await waitForStatus(fx, id, 'failed', 8_000);
      expect(await messageOf(fx, id)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('21211') });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(twilio.requests - before).toBe(1);
      expect(twilio.accepted.some((m) => m.to === '+40700000001')).toBe(false);
    });

    it('a carrier failing half the time: every message ends delivered or visibly failed, none is sent twice', { timeout: 90_000 }, async () => {
      twilio.configure({ failEvery: 2, finalStatus: (n) => (n % 2 === 0 ? 'undelivered' : 'delivered') });
      const before = twilio.accepted.length;
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await queueSms(fx, `+4074533300${i}`, `Notificare ${i}: dosarul dvs. a fost repartizat.`)).id);
      await expect
        .poll(async () => (await Promise.all(ids.map((id) => messageOf(fx, id)))).every((m) => m.status === 'delivered' || m.status === 'failed'), { timeout: 80_000, interval: 500 })
        .toBe(true);
      const final = await Promise.all(ids.map((id) => messageOf(fx, id)));
      const failed = final.filter((m) => m.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(final.filter((m) => m.status === 'delivered').length).toBeGreaterThan(0);
      for (const m of failed) expect(m.lastError).toContain('undelivered');
      // Some sends were refused (503) and retried; each message reached the carrier exactly once.
      expect(final.some((m) => m.attempts > 1)).toBe(true);
      const accepted = twilio.accepted.slice(before).map((m) => m.to);
      expect(accepted.sort()).toEqual(final.map((m) => m.toAddress).sort());
      twilio.configure({ failEvery: 0, finalStatus: () => 'delivered' });
    });
  });

  describe('SMPP', () => {
    let fx: PhoneFixture;
    let smsc: Awaited<ReturnType<typeof startFakeSmsc>>;
    const password = 'smpp-pw1';

    beforeAll(async () => {
      fx = await createPhoneFixture(t);
      smsc = await startFakeSmsc({ systemId: 'civicline', password });
      // This institution sends by SMPP only.
      const [twilioAccount] = ok<{ id: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
      ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${twilioAccount!.id}`, { active: false, version: twilioAccount!.version }));
      ok(
        await fx.admin.call('POST', '/api/v1/provider-accounts', {
          provider: 'smpp',
          name: 'Operator SMSC',
          settings: { host: '127.0.0.1', port: smsc.port, systemId: 'civicline', sourceAddr: fx.line.number, reconnectBaseMs: 100, enquireLinkSeconds: 5 },
          secret: password,
        }),
        201,
      );
      // A worker node binds every SMPP account at start (incoming messages and receipts).
      await t.c.sms.startSmpp();
      for (let i = 0; i < 50 && smsc.boundSessions === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(smsc.boundSessions).toBe(1);
    });
    afterAll(async () => {
      await t.c.sms.stop();
      await smsc.close();
    });

    it('an SMS arriving over SMPP opens a case; its acknowledgement goes back by submit_sm and a receipt marks it sent → delivered', async () => {
      const status = await smsc.incoming('+40722777888', fx.line.number, 'Solicit eliberarea unui certificat de urbanism.');
      expect(status).toBe(0);
      const [inbound] = (await t.database.query<{ case_id: string; outcome: string; channel: string }>("SELECT case_id, outcome, channel FROM inbound_messages WHERE tenant_id = $1 AND sender_address = '+40722777888'", [fx.tenant.id])).rows;
      expect(inbound).toMatchObject({ outcome: 'case_created', channel: 'sms' });
      const [ack] = ok<{ items: Message[] }>(await fx.staff.operator.call('GET', `/api/v1/cases/${inbound!.case_id}/messages`)).items.filter((m) => m.purpose === 'acknowledgement');
      await waitForStatus(fx, ack!.id, 'sent');
      // The acknowledgement is plain GSM-7 but longer than 160 characters: concatenated parts of at most 153.
      const parts = smsc.submitted.filter((s) => s.destination === '40722777888');
      expect(ack!.body.length).toBeGreaterThan(160);
      expect(parts).toHaveLength(Math.ceil(ack!.body.length / 153));
      for (const p of parts) expect(p).toMatchObject({ source: fx.line.number.slice(1), registeredDelivery: 1, dataCoding: 0 });
      expect(parts.map((p) => p.text).join('')).toBe(ack!.body);
      expect(await messageOf(fx, ack!.id)).toMatchObject({ status: 'sent', provider: expect.stringMatching(/^smpp:/) });
      expect(await smsc.receipt(parts[0]!, 'DELIVRD')).toBe(0);
      await waitForStatus(fx, ack!.id, 'delivered');
    });

    it('non-GSM text goes as UCS-2, split into concatenated parts; an undelivered receipt fails the message', async () => {
      const text = 'Уважаемый заявитель! Ваше обращение рассмотрено, ответ направлен по почте. Спасибо, что обратились в мэрию.';
      expect(text.length).toBeGreaterThan(70);
      const { id } = await queueSms(fx, '+40722777999', text);
      await waitForStatus(fx, id, 'sent');
      const parts = smsc.submitted.filter((s) => s.destination === '40722777999');
      expect(parts).toHaveLength(2);
      expect(parts.map((p) => p.dataCoding)).toEqual([8, 8]);
      expect(parts.every((p) => (p.esmClass & 0x40) !== 0)).toBe(true);
      expect(parts.map((p) => [...p.udh![0]!].slice(3))).toEqual([[2, 1], [2, 2]]);
      expect(parts.map((p) => p.text).join('')).toBe(text);
      await smsc.receipt(parts[0]!, 'UNDELIV');
      await waitForStatus(fx, id, 'failed');
      expect((await messageOf(fx, id)).lastError).toContain('UNDELIV');
    });

    it('a destination the SMSC refuses as an invalid address (0x0B) fails at its first attempt, and is not submitted again', async () => {
      smsc.refuseDestination('40722777000');
      const { id } = await queueSms(fx, '+40722777000', 'Nu va ajunge.');
      await waitForStatus(fx, id, 'failed', 8_000);
      expect(await messageOf(fx, id)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('0xb') });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(smsc.refusedCount('40722777000')).toBe(1);
    });

    it('when the SMSC connection drops, the session reconnects with backoff and sending goes on', async () => {
      const bindsBefore = smsc.binds.filter((b) => b.ok).length;
      smsc.dropAll();
      await expect.poll(() => smsc.binds.filter((b) => b.ok).length, { timeout: 10_000 }).toBeGreaterThan(bindsBefore);
      const { id } = await queueSms(fx, '+40722777111', 'Dupa reconectare.');
      await waitForStatus(fx, id, 'sent');
      await smsc.receipt(smsc.submitted.find((s) => s.destination === '40722777111')!, 'DELIVRD');
      await waitForStatus(fx, id, 'delivered');
    });

    it('a generic HTTP gateway takes over when SMPP is switched off: signed request, idempotency key, receipt back', async () => {
      const secret = `gw-${randomUUID()}`;
      const gateway = await startFakeGateway({ secret, appBase: fx.base });
      try {
        const accounts = ok<{ id: string; provider: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
        const smppAccount = accounts.find((a) => a.provider === 'smpp')!;
        ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${smppAccount.id}`, { active: false, version: smppAccount.version }));
        ok(await fx.admin.call('POST', '/api/v1/provider-accounts', { provider: 'sms_webhook', name: 'Gateway', settings: { url: gateway.url }, secret }), 201);
        const { id } = await queueSms(fx, '+40722777222', 'Prin gateway.');
        await waitForStatus(fx, id, 'delivered');
        expect(gateway.received).toHaveLength(1);
        expect(gateway.received[0]).toMatchObject({ signatureOk: true, body: { id, to: '+40722777222', text: 'Prin gateway.' } });
        expect(gateway.received[0]!.idempotencyKey).toMatch(/^test:/);
      } finally {
        await gateway.close();
      }
    });
  });

  it('an institution without any SMS account keeps its messages in the development sink', async () => {
    const fx = await createPhoneFixture(t);
    const [account] = ok<{ id: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
    ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${account!.id}`, { active: false, version: account!.version }));
    const { id } = await queueSms(fx, '+40722000111', 'Sink.');
    await waitForStatus(fx, id, 'delivered');
    expect((await t.c.messageLog.get(systemContext(fx.tenant.id), id)).provider).toBe('dev-sink');
  });
});
