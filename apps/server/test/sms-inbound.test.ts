import { randomUUID } from 'node:crypto';
import type { CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import { act, ok, openCase } from './helpers/case-fixtures.ts';
import { createTestApp, testConfig, type TestContext } from './helpers/harness.ts';
import {
  createPhoneFixture,
  postTwilio,
  PUBLIC_URL,
  signGeneric,
  signTwilio,
  tenantFootprint,
  twilioSms,
  type PhoneFixture,
} from './helpers/phone-fixtures.ts';

const SMS_PATH = '/api/v1/webhooks/twilio/sms';
const GENERIC_PATH = '/api/v1/webhooks/sms';

/** SMS in: Twilio's exact webhook format and a generic signed JSON one, over real HTTP. */
describe('SMS channel, inbound', () => {
  let t: TestContext;
  let fx: PhoneFixture;
  const gatewaySecret = `gw-${randomUUID()}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    // Enqueue only: acknowledgements are queued, not sent (the outbound tests send them).
    await t.c.jobs.start({ work: false });
    fx = await createPhoneFixture(t);
    ok(await fx.admin.call('POST', '/api/v1/provider-accounts', { provider: 'sms_webhook', name: 'Gateway', settings: {}, secret: gatewaySecret }), 201);
  });
  afterAll(() => t.close());

  const caseOf = async (id: string) => ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${id}`));
  const inboundFor = async (externalId: string) =>
    (await t.database.query<{ outcome: string; case_id: string | null; channel: string; sender_address: string; raw_content_type: string }>(
      'SELECT outcome, case_id, channel, sender_address, raw_content_type FROM inbound_messages WHERE tenant_id = $1 AND external_id = $2',
      [fx.tenant.id, externalId],
    )).rows;

  it('a correctly signed Twilio SMS opens a case in the line’s category, in the sender’s name, with an SMS acknowledgement queued', async () => {
    const params = twilioSms(fx, '+40745111222', 'Pe strada Florilor nr. 3 nu funcționează iluminatul public de o săptămână.');
    const res = await postTwilio(fx, SMS_PATH, params);
    expect(res.status, res.body).toBe(200);
    expect(res.type).toMatch(/^text\/xml/);
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const [inbound] = await inboundFor(params.MessageSid!);
    expect(inbound).toMatchObject({ outcome: 'case_created', channel: 'sms', sender_address: '+40745111222', raw_content_type: 'application/x-www-form-urlencoded' });
    const kase = await caseOf(inbound!.case_id!);
    expect(kase).toMatchObject({ status: 'registered', channel: 'sms', categoryId: fx.categories.petition.id });
    expect(kase.subject).toContain('strada Florilor');
    const citizen = ok<{ phones: string[] }>(await fx.staff.operator.call('GET', `/api/v1/citizens/${kase.citizenId}`));
    expect(citizen.phones).toEqual(['+40745111222']);
    const messages = ok<{ items: { channel: string; toAddress: string; purpose: string; body: string }[] }>(await fx.staff.operator.call('GET', `/api/v1/cases/${kase.id}/messages`)).items;
    expect(messages).toEqual([expect.objectContaining({ channel: 'sms', toAddress: '+40745111222', purpose: 'acknowledgement' })]);
    expect(messages[0]!.body).toContain(kase.registrationNumber!);
  });

  it('Twilio delivering the same message again changes nothing: one case, one acknowledgement', async () => {
    const params = twilioSms(fx, '+40745111333', 'Solicit program de audiențe la primar.');
    expect((await postTwilio(fx, SMS_PATH, params)).status).toBe(200);
    const before = await tenantFootprint(t, fx.tenant.id);
    const again = await postTwilio(fx, SMS_PATH, params);
    expect(again.status).toBe(200);
    expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);
  });

  it('forged, missing or stale-token signatures, a tampered body, another URL or an unknown line get 403 and change nothing', async () => {
    const before = await tenantFootprint(t, fx.tenant.id);
    const params = twilioSms(fx, '+40745999000', 'Mesaj fals');
    const attempts = [
      await postTwilio(fx, SMS_PATH, params, { signature: null }),
      await postTwilio(fx, SMS_PATH, params, { signature: 'bm90IGEgc2lnbmF0dXJl' }),
      await postTwilio(fx, SMS_PATH, params, { token: 'the-wrong-auth-token' }),
      await postTwilio(fx, SMS_PATH, params, { tamper: (p) => ({ ...p, Body: 'Mesaj schimbat pe drum' }) }),
      await postTwilio(fx, SMS_PATH, params, { signature: signTwilio(fx.twilio.authToken, `${PUBLIC_URL}/api/v1/webhooks/twilio/voice`, params) }),
      await postTwilio(fx, SMS_PATH, { ...params, To: '+40264000001' }),
      await postTwilio(fx, SMS_PATH, { ...params, AccountSid: 'ACsomeoneelse' }),
    ];
    for (const res of attempts) {
      expect(res.status, res.body).toBe(403);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body).code).toBe('channel.signature_invalid');
    }
    expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);
    expect(await inboundFor(params.MessageSid!)).toEqual([]);
  });

  it('JSON sent to the Twilio endpoint is refused as a media type, not parsed', async () => {
    const res = await fetch(`${fx.base}${SMS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('an SMS naming a registration number joins that case and is answered on the channel in the sender’s language', async () => {
    const kase = await openCase(fx, fx.staff.operator, { channel: 'sms' });
    const params = twilioSms(fx, '+40722123456', `Revin la cererea ${kase.registrationNumber}: am trimis actele.`);
    const res = await postTwilio(fx, SMS_PATH, params);
    expect(res.status).toBe(200);
    expect(res.body).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>Test City Hall: mesajul dvs. a fost adaugat la cererea nr. ${kase.registrationNumber}.</Message></Response>`);
    expect(await inboundFor(params.MessageSid!)).toEqual([expect.objectContaining({ outcome: 'appended', case_id: kase.id })]);
  });

  it('an SMS from a known phone continues that citizen’s open SMS conversation; once the case is over, the next one opens a new case', async () => {
    const phone = '+40745111444';
    const first = twilioSms(fx, phone, 'Groapă mare în asfalt pe strada Morii, lângă școală.');
    expect((await postTwilio(fx, SMS_PATH, first)).status).toBe(200);
    const [opened] = await inboundFor(first.MessageSid!);
    expect(opened).toMatchObject({ outcome: 'case_created' });
    const kase = await caseOf(opened!.case_id!);

    const followUp = twilioSms(fx, phone, 'Am uitat să spun: e în dreptul numărului 12.');
    const res = await postTwilio(fx, SMS_PATH, followUp);
    expect(res.status).toBe(200);
    expect(res.body).toContain(`cererea nr. ${kase.registrationNumber}`);
    expect(await inboundFor(followUp.MessageSid!)).toEqual([expect.objectContaining({ outcome: 'appended', case_id: kase.id })]);
    const timeline = ok<{ type: string; data: Record<string, unknown> }[]>(await fx.staff.operator.call('GET', `/api/v1/cases/${kase.id}/timeline`));
    expect(timeline.filter((e) => e.type === 'message_received')).toHaveLength(1);
    // One acknowledgement for the conversation, not one per SMS.
    const messages = ok<{ items: { purpose: string }[] }>(await fx.staff.operator.call('GET', `/api/v1/cases/${kase.id}/messages`)).items;
    expect(messages.filter((m) => m.purpose === 'acknowledgement')).toHaveLength(1);

    await act(fx.staff.supervisor, await caseOf(kase.id), 'withdraw', { comment: 'Retrasă la cererea petentului.' });
    const later = twilioSms(fx, phone, 'Semaforul de la intersecția cu strada Lungă nu funcționează.');
    expect((await postTwilio(fx, SMS_PATH, later)).status).toBe(200);
    const [fresh] = await inboundFor(later.MessageSid!);
    expect(fresh).toMatchObject({ outcome: 'case_created' });
    expect(fresh!.case_id).not.toBe(kase.id);
  });

  describe('generic JSON gateway', () => {
    const send = (body: object, headers: Record<string, string>) => fetch(`${fx.base}${GENERIC_PATH}`, { method: 'POST', headers, body: JSON.stringify(body) });

    it('a signed message opens a case and says what became of it', async () => {
      const body = { id: `gw-${randomUUID()}`, from: '+40755000111', to: fx.line.number, text: 'Copacul din fața blocului 7 stă să cadă.' };
      const res = await send(body, signGeneric(gatewaySecret, JSON.stringify(body)));
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { registrationNumber: string };
      expect(answer).toMatchObject({ outcome: 'case_created', reply: null });
      expect(answer.registrationNumber).toMatch(/^PET-/);
      expect(await inboundFor(body.id)).toEqual([expect.objectContaining({ outcome: 'case_created', channel: 'sms', raw_content_type: 'application/json' })]);
      // The same request again (within five minutes) is the same message: nothing new.
      const before = await tenantFootprint(t, fx.tenant.id);
      const again = await send(body, signGeneric(gatewaySecret, JSON.stringify(body)));
      expect(((await again.json()) as { registrationNumber: string }).registrationNumber).toBe(answer.registrationNumber);
      expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);
    });

    it('an old timestamp (a replay), a signature over another timestamp, another secret or no signature: 403, nothing written', async () => {
      const before = await tenantFootprint(t, fx.tenant.id);
      const body = { id: `gw-${randomUUID()}`, from: '+40755000222', to: fx.line.number, text: 'Replay' };
      const raw = JSON.stringify(body);
      const captured = signGeneric(gatewaySecret, raw, new Date(Date.now() - 6 * 60_000));
      const fresh = signGeneric(gatewaySecret, raw);
      const attempts = [
        await send(body, captured),
        await send(body, { ...captured, 'x-civicline-timestamp': fresh['x-civicline-timestamp']! }),
        await send(body, signGeneric('not-the-secret', raw)),
        await send(body, { 'content-type': 'application/json' }),
        await send({ ...body, to: '+40264000001' }, signGeneric(gatewaySecret, JSON.stringify({ ...body, to: '+40264000001' }))),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(403);
        expect(((await res.json()) as { code: string }).code).toBe('channel.signature_invalid');
      }
      expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);
    });

    it('malformed JSON is a 400 and a signed body with bad fields a 422, both writing nothing', async () => {
      const before = await tenantFootprint(t, fx.tenant.id);
      const bad = await fetch(`${fx.base}${GENERIC_PATH}`, { method: 'POST', headers: signGeneric(gatewaySecret, '{"to":'), body: '{"to":' });
      expect(bad.status).toBe(400);
      const body = { id: '', from: 'not a number', to: fx.line.number, text: 42 };
      const res = await send(body, signGeneric(gatewaySecret, JSON.stringify(body)));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(['from', 'id', 'text']);
      expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);
    });
  });

  it('without PUBLIC_URL, behind a trusted proxy, the signed URL is the forwarded scheme and host', async () => {
    const c = createContainer(testConfig({ publicUrl: undefined, trustProxy: true, dataDir: t.c.config.dataDir }), t.database, { logError: () => {} });
    const app = await buildApp(c, { logger: false });
    await app.ready();
    try {
      await c.jobs.start({ work: false });
      const params = twilioSms(fx, '+40745111444', 'Prin proxy');
      const url = `https://sms.primaria.example${SMS_PATH}`;
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sms.primaria.example' };
      const payload = new URLSearchParams(params).toString();
      const good = await app.inject({ method: 'POST', url: SMS_PATH, headers: { ...headers, 'x-twilio-signature': signTwilio(fx.twilio.authToken, url, params) }, payload });
      expect(good.statusCode, good.body).toBe(200);
      const wrongHost = await app.inject({ method: 'POST', url: SMS_PATH, headers: { ...headers, 'x-forwarded-host': 'evil.example', 'x-twilio-signature': signTwilio(fx.twilio.authToken, url, params) }, payload });
      expect(wrongHost.statusCode).toBe(403);
    } finally {
      await app.close();
      await c.jobs.stop();
    }
  });
});
