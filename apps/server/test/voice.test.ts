import { randomUUID } from 'node:crypto';
import type { CallScreenPop, CaseDetail } from '@civicline/contracts';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import { ok, openCase, problem } from './helpers/case-fixtures.ts';
import { createTestApp, testConfig, type TestContext } from './helpers/harness.ts';
import {
  bearerOf,
  createPhoneFixture,
  openEventStream,
  postTwilio,
  PUBLIC_URL,
  signGeneric,
  tenantFootprint,
  twilioCall,
  type PhoneFixture,
} from './helpers/phone-fixtures.ts';

const VOICE_PATH = '/api/v1/webhooks/twilio/voice';
const STATUS_PATH = '/api/v1/webhooks/twilio/voice-status';

/**
 * Caller ID: an incoming call opens the operator's draft in the caller's name, and the operator's
 * console learns at once who is calling, with their open cases and recent contacts.
 */
describe('phone channel: caller ID and screen-pop', () => {
  let t: TestContext;
  let fx: PhoneFixture;
  let operatorBearer: string;
  let openCaseOfIon: CaseDetail;
  const pbxSecret = `pbx-${randomUUID()}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    await t.c.jobs.start({ work: false });
    fx = await createPhoneFixture(t, { dialNumber: '+40264999000' });
    ok(await fx.admin.call('POST', '/api/v1/provider-accounts', { provider: 'webhook', name: 'PBX', settings: { url: 'https://pbx.primaria.example/hook' }, secret: pbxSecret }), 201);
    operatorBearer = await bearerOf(fx.staff.operator);
    // Ion Popescu (+40722123456, the fixture's citizen) has a case going on and wrote to us before.
    openCaseOfIon = await openCase(fx, fx.staff.operator, { subject: 'Autorizație de branșament apă' });
  });
  afterAll(() => t.close());

  const draftOf = async (id: string) => ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${id}`));

  it('a known caller: TwiML greets and puts the call through, a draft opens in their name, and the console pops with their cases', async () => {
    const stream = await openEventStream(`${fx.base}/api/v1/calls/stream`, operatorBearer);
    try {
      const params = twilioCall(fx, '+40722123456');
      const res = await postTwilio(fx, VOICE_PATH, params);
      expect(res.status, res.body).toBe(200);
      expect(res.type).toMatch(/^text\/xml/);
      expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say language="ro-RO">Bună ziua\. Ați sunat la Test City Hall\.[^<]*<\/Say><Dial timeout="60">\+40264999000<\/Dial><\/Response>$/);

      const popped = await stream.next((e) => e.event === 'call' && (e.data as CallScreenPop).draftCaseId !== null);
      const pop = popped.data as CallScreenPop;
      expect(pop).toMatchObject({
        status: 'ringing',
        callerNumber: '+40722123456',
        line: { number: fx.line.number, name: 'Linia cetățeanului' },
        caller: { known: true, citizen: { id: fx.citizenId, displayName: 'Ion Popescu', phones: ['+40722123456'] } },
      });
      expect(pop.openCases.map((c) => c.registrationNumber)).toContain(openCaseOfIon.registrationNumber);
      expect(pop.openCases.every((c) => c.status !== 'draft')).toBe(true);

      const draft = await draftOf(pop.draftCaseId!);
      expect(draft).toMatchObject({ status: 'draft', channel: 'phone', citizenId: fx.citizenId, categoryId: fx.categories.petition.id, registrationNumber: null });
      expect(draft.subject).toBe('Apel telefonic de la +40722123456');

      const active = ok<CallScreenPop[]>(await fx.staff.operator.call('GET', '/api/v1/calls/active'));
      expect(active.map((c) => c.id)).toContain(pop.id);
      expect(ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${pop.id}`)).draftCaseId).toBe(draft.id);
      // Looking at the caller is an audited read of their record.
      const reads = await t.database.query('SELECT 1 FROM audit_entries WHERE tenant_id = $1 AND action = $2 AND subject_id = $3', [fx.tenant.id, 'citizen.read', fx.citizenId]);
      expect(reads.rows.length).toBeGreaterThan(0);

      // Twilio retrying the same webhook finds the same call: no second draft.
      const before = await tenantFootprint(t, fx.tenant.id);
      expect((await postTwilio(fx, VOICE_PATH, params)).status).toBe(200);
      const after = await tenantFootprint(t, fx.tenant.id);
      expect({ ...after, audit_entries: 0 }).toEqual({ ...before, audit_entries: 0 });

      // Answered, then over: the console is told and the call leaves the active list.
      expect((await postTwilio(fx, STATUS_PATH, { ...params, CallStatus: 'in-progress' })).status).toBe(204);
      await stream.next((e) => e.event === 'call' && (e.data as CallScreenPop).id === pop.id && (e.data as CallScreenPop).status === 'in_progress');
      expect((await postTwilio(fx, STATUS_PATH, { ...params, CallStatus: 'completed', CallDuration: '74' })).status).toBe(204);
      const ended = await stream.next((e) => e.event === 'call_ended' && (e.data as { id: string }).id === pop.id);
      expect(ended.data).toMatchObject({ status: 'ended', providerStatus: 'completed' });
      expect(ok<CallScreenPop[]>(await fx.staff.operator.call('GET', '/api/v1/calls/active')).map((c) => c.id)).not.toContain(pop.id);
    } finally {
      stream.close();
    }
  });


  it('a line with a transfer queue: the greeting, then <Enqueue> into the queue instead of <Dial>', async () => {
    const line = ok<{ id: string; version: number }>(await fx.admin.call('PATCH', `/api/v1/phone-lines/${fx.line.id}`, { transferQueue: 'Relatii cu publicul', version: 1 }));
    try {
      const res = await postTwilio(fx, VOICE_PATH, twilioCall(fx, '+40722123456'));
      expect(res.status, res.body).toBe(200);
      expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say language="ro-RO">Bună ziua\. Ați sunat la Test City Hall\.[^<]*<\/Say><Enqueue>Relatii cu publicul<\/Enqueue><\/Response>$/);
    } finally {
      ok(await fx.admin.call('PATCH', `/api/v1/phone-lines/${fx.line.id}`, { transferQueue: null, version: line.version }));
    }
  });
  it('an unknown number: a draft with just the number, the caller shown as not known', async () => {
    const stream = await openEventStream(`${fx.base}/api/v1/calls/stream`, operatorBearer);
    try {
      const res = await postTwilio(fx, VOICE_PATH, twilioCall(fx, '+40733987654'));
      expect(res.status).toBe(200);
      const pop = (await stream.next((e) => e.event === 'call' && (e.data as CallScreenPop).callerNumber === '+40733987654' && (e.data as CallScreenPop).draftCaseId !== null)).data as CallScreenPop;
      expect(pop.caller.known).toBe(false);
      expect(pop.caller.citizen).toMatchObject({ displayName: '+40733987654', nationalIdMasked: null });
      expect(pop.openCases).toEqual([]);
      const draft = await draftOf(pop.draftCaseId!);
      expect(draft).toMatchObject({ status: 'draft', channel: 'phone', citizenId: pop.caller.citizen!.id });
    } finally {
      stream.close();
    }
  });

  it('a withheld number: a draft without a caller', async () => {
    const params = twilioCall(fx, 'anonymous');
    expect((await postTwilio(fx, VOICE_PATH, params)).status).toBe(200);
    const [call] = (await t.database.query<{ id: string; case_id: string; citizen_id: string | null; caller_number: string | null }>('SELECT id, case_id, citizen_id, caller_number FROM calls WHERE tenant_id = $1 AND external_id = $2', [fx.tenant.id, params.CallSid])).rows;
    expect(call).toMatchObject({ citizen_id: null, caller_number: null });
    expect((await draftOf(call!.case_id)).citizenId).toBeNull();
    const pop = ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${call!.id}`));
    expect(pop).toMatchObject({ callerNumber: null, caller: { known: false, citizen: null } });
  });

  it('a call the voice assistant never answered has no assistant conversation to show', async () => {
    const params = twilioCall(fx, '+40733111222');
    expect((await postTwilio(fx, VOICE_PATH, params)).status).toBe(200);
    const [call] = (await t.database.query<{ id: string }>('SELECT id FROM calls WHERE tenant_id = $1 AND external_id = $2', [fx.tenant.id, params.CallSid])).rows;
    expect(ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${call!.id}`)).assistant).toBeNull();
    expect(problem(await fx.staff.operator.call('GET', `/api/v1/calls/${call!.id}/assistant`), 404, 'resource.not_found').detail).toMatch(/assistant conversation/i);
    expect(problem(await fx.staff.operator.call('GET', `/api/v1/calls/${randomUUID()}/assistant`), 404, 'resource.not_found').detail).toMatch(/call/i);
    problem(await fx.staff.auditor.call('GET', `/api/v1/calls/${call!.id}/assistant`), 403, 'auth.forbidden');
  });

  it('forged or missing signatures on the call webhooks get 403 and record nothing', async () => {
    const before = await tenantFootprint(t, fx.tenant.id);
    const params = twilioCall(fx, '+40722123456');
    for (const res of [
      await postTwilio(fx, VOICE_PATH, params, { signature: null }),
      await postTwilio(fx, VOICE_PATH, params, { token: 'forged' }),
      await postTwilio(fx, VOICE_PATH, params, { tamper: (p) => ({ ...p, From: '+40700000000' }) }),
      await postTwilio(fx, STATUS_PATH, { ...params, CallStatus: 'completed' }, { token: 'forged' }),
    ]) {
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).code).toBe('channel.signature_invalid');
    }
    expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);
  });

  it('the generic JSON call webhook (any PBX), signed with the institution’s webhook secret', async () => {
    const send = (body: object, secret = pbxSecret) => fetch(`${fx.base}/api/v1/webhooks/voice`, { method: 'POST', headers: signGeneric(secret, JSON.stringify(body)), body: JSON.stringify(body) });
    const before = await tenantFootprint(t, fx.tenant.id);
    const callId = `pbx-${randomUUID()}`;
    const forged = await send({ event: 'incoming', callId, from: '+40722123456', to: fx.line.number }, 'guessed');
    expect(forged.status).toBe(403);
    expect(await tenantFootprint(t, fx.tenant.id)).toEqual(before);

    const res = await send({ event: 'incoming', callId, from: '+40722123456', to: fx.line.number });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { draftCaseId: string; callId: string };
    expect(body).toMatchObject({ status: 'ringing' });
    expect((await draftOf(body.draftCaseId)).citizenId).toBe(fx.citizenId);
    const pop = ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${body.callId}`));
    expect(pop.caller).toMatchObject({ known: true, citizen: { displayName: 'Ion Popescu' } });
    expect(pop.recentContacts.length).toBeGreaterThan(0);
    const over = await send({ event: 'ended', callId, to: fx.line.number });
    expect(await over.json()).toMatchObject({ callId: body.callId, status: 'ended' });
  });

  it('a console connected to another web node pops too (the call was recorded by this one)', async () => {
    const c = createContainer(testConfig({ publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL, dataDir: t.c.config.dataDir }), t.database, { logError: () => {} });
    const other = await buildApp(c, { logger: false });
    await other.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openEventStream(`http://127.0.0.1:${(other.server.address() as AddressInfo).port}/api/v1/calls/stream`, operatorBearer);
    try {
      await postTwilio(fx, VOICE_PATH, twilioCall(fx, '+40744555666'));
      const pop = await stream.next((e) => e.event === 'call' && (e.data as CallScreenPop).callerNumber === '+40744555666' && (e.data as CallScreenPop).draftCaseId !== null, 5000);
      expect((pop.data as CallScreenPop).line.number).toBe(fx.line.number);
    } finally {
      stream.close();
      await other.close();
      await c.jobs.stop();
    }
  });

  it('the event stream is asked for as such, and only staff who may read citizens get it', async () => {
    const plain = await fetch(`${fx.base}/api/v1/calls/stream`, { headers: { authorization: operatorBearer } });
    expect(plain.status).toBe(400);
    expect((await fx.staff.auditor.call('GET', '/api/v1/calls/active')).statusCode).toBe(403);
    const anonymous = await fetch(`${fx.base}/api/v1/calls/stream`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
  });
});
