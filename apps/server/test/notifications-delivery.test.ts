import type { CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietUntil } from '../src/modules/notifications/quiet-hours.ts';
import { createManualClock } from '../src/platform/clock.ts';
import { act, ok, openCase, problem, type Category } from './helpers/case-fixtures.ts';
import { startFakeTwilio } from './helpers/fake-carriers.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { notificationsOf, pairs, settle } from './helpers/notification-fixtures.ts';
import { createPhoneFixture, postTwilio, PUBLIC_URL, twilioSms, type PhoneFixture } from './helpers/phone-fixtures.ts';

describe('quiet hours (pure)', () => {
  const tz = 'Europe/Bucharest';
  it('defers inside a window that wraps midnight to its end, and not outside it', () => {
    // 23:30 in Bucharest (winter, UTC+2) → 08:00 the next morning.
    expect(quietUntil(new Date('2026-01-14T21:30:00Z'), tz, { start: '21:00', end: '08:00' })?.toISOString()).toBe('2026-01-15T06:00:00.000Z');
    // 06:00 → 08:00 the same morning.
    expect(quietUntil(new Date('2026-01-15T04:00:00Z'), tz, { start: '21:00', end: '08:00' })?.toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(quietUntil(new Date('2026-01-15T10:00:00Z'), tz, { start: '21:00', end: '08:00' })).toBeNull();
    // Summer time (UTC+3), a window within one day.
    expect(quietUntil(new Date('2026-07-15T10:30:00Z'), tz, { start: '13:00', end: '14:00' })?.toISOString()).toBe('2026-07-15T11:00:00.000Z');
    expect(quietUntil(new Date('2026-07-15T10:30:00Z'), tz, { start: '00:00', end: '00:00' })).toBeNull();
  });
});

/**
 * Delivery through a real carrier protocol (Twilio's REST API with signed status callbacks, on a
 * local fake): the intake acknowledgement is not repeated, a failed SMS falls back to e-mail, quiet
 * hours hold SMS back, a carrier failing half the time still ends with every message delivered or
 * visibly failed; and the citizen's side: sign-in by one-time code, the inbox, consent.
 */
describe('notifications: delivery', () => {
  let t: TestContext;
  let fx: PhoneFixture;
  let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
  let smsCategory: Category;
  const clock = createManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({ clock, config: { publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    await t.c.jobs.start({ work: true });
    fx = await createPhoneFixture(t);
    twilio = await startFakeTwilio({ accountSid: fx.twilio.accountSid, authToken: fx.twilio.authToken, appBase: fx.base });
    const [account] = ok<{ id: string; version: number }[]>(await fx.admin.call('GET', '/api/v1/provider-accounts'));
    ok(await fx.admin.call('PATCH', `/api/v1/provider-accounts/${account!.id}`, { settings: { accountSid: fx.twilio.accountSid, from: fx.line.number, baseUrl: twilio.baseUrl }, version: account!.version }));
    // The line's category sends SMS, so only the acknowledgement rule can keep an SMS back.
    const petition = ok<Category>(await fx.admin.call('GET', `/api/v1/categories/${fx.categories.petition.id}`));
    smsCategory = ok<Category>(await fx.admin.call('PATCH', `/api/v1/categories/${petition.id}`, { sendSms: true, version: petition.version }));
    const settings = ok<{ version: number }>(await fx.admin.call('GET', '/api/v1/notification-settings'));
    ok(await fx.admin.call('PATCH', '/api/v1/notification-settings', { quietStart: '00:00', quietEnd: '00:00', version: settings.version }));
  });
  afterAll(async () => {
    await twilio.close();
    await t.close();
  });

  const citizen = async (phone: string, email?: string) =>
    ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Maria', lastName: 'Pop', phones: [phone], emails: email ? [email] : [], preferredLanguage: 'ro', preferredChannel: 'sms' }), 201).id;

  it('an SMS request is acknowledged once by intake: the "registered" rule adds only the inbox message, no second SMS', async () => {
    const from = '+40745100200';
    const inbound = twilioSms(fx, from, 'Solicit un certificat de urbanism pentru terenul din str. Morii 4.');
    expect((await postTwilio(fx, '/api/v1/webhooks/twilio/sms', inbound)).status).toBe(200);
    const caseId = (await t.database.query<{ case_id: string }>('SELECT case_id FROM inbound_messages WHERE external_id = $1', [inbound.MessageSid])).rows[0]!.case_id;
    await settle(t);
    expect(pairs(await notificationsOf(t, fx.tenant.id, caseId))).toEqual(['request-registered/portal']);
    await expect.poll(() => twilio.accepted.filter((m) => m.to === from).length, { timeout: 10_000 }).toBe(1);
    await settle(t);
    expect(twilio.accepted.filter((m) => m.to === from)).toHaveLength(1);
  });

  /** The rule of the fallback tests: "clock running again" by SMS, else e-mail, else the inbox. */
  let resumedRule: Promise<{ id: string }> | undefined;
  const resumedSmsRule = () => (resumedRule ??= createResumedSmsRule());
  async function createResumedSmsRule() {
    const rule = ok<{ id: string }>(
      await fx.admin.call('POST', '/api/v1/notification-rules', {
        code: 'resumed-sms',
        name: { en: 'Clock running again', ro: 'Termenul curge din nou' },
        eventType: 'case.resumed',
        audience: 'citizen',
        channels: ['sms'],
        fallback: ['email', 'portal'],
        templateCode: 'resumed',
      }),
      201,
    );
    for (const [language, subject, body] of [
      ['ro', 'Dosarul nr. {number} este din nou în lucru', 'Termenul dosarului nr. {number} curge din nou. Termen: {due}.'],
      ['en', 'Dossier no. {number} is being worked on again', 'The deadline of dossier no. {number} runs again. Due: {due}.'],
    ] as const) {
      for (const channel of ['sms', 'email', 'portal'] as const) {
        ok(await fx.admin.call('PUT', `/api/v1/notification-templates/resumed/${channel}/${language}`, { subject: channel === 'sms' ? null : subject, body }));
      }
    }
    return rule;
  }

  /** A walk-in case of the citizen, assigned, started and suspended, its notices sent: ready to be resumed. */
  async function suspendedCaseOf(citizenId: string) {
    let c = await openCase(fx, fx.staff.operator, { citizenId, channel: 'walk_in' });
    c = await act(fx.staff.supervisor, c, 'assign', { assigneeId: fx.staff.techA.id });
    c = await act(fx.staff.techA, c, 'start');
    c = await act(fx.staff.techA, c, 'suspend', { reason: 'on_site_inspection' });
    await settle(t);
    return c;
  }

  it('an SMS the carrier reports undelivered falls back to e-mail, once, as the rule says', async () => {
    expect((await resumedSmsRule()).id).toBeDefined();
    const phone = '+40745100300';
    const citizenId = await citizen(phone, 'maria.pop@example.test');
    const c = await suspendedCaseOf(citizenId);
    const before = (await notificationsOf(t, fx.tenant.id, c.id)).length;
    twilio.configure({ finalStatus: () => 'undelivered' });
    try {
      await act(fx.staff.techA, c, 'resume');
      await expect.poll(async () => (await notificationsOf(t, fx.tenant.id, c.id)).slice(before).map((n) => `${n.rule}/${n.channel}/${n.status}`), { timeout: 15_000 }).toEqual([
        'resumed-sms/sms/failed',
        'resumed-sms/email/delivered',
      ]);
    } finally {
      twilio.configure({ finalStatus: () => 'delivered' });
    }
    const [sms, email] = (await notificationsOf(t, fx.tenant.id, c.id)).slice(before);
    expect(email!.fallbackOf).toBe(sms!.id);
    expect(email!.toAddress).toBe('maria.pop@example.test');
    expect(email!.subject).toBe(`Dosarul nr. ${c.registrationNumber} este din nou în lucru`);
    // A second failure report of the same SMS changes nothing.
    const providerId = (await t.database.query<{ provider: string; provider_message_id: string }>('SELECT provider, provider_message_id FROM outbound_messages WHERE id = $1', [sms!.id])).rows[0]!;
    await t.c.messaging.recordReceipt(providerId.provider, providerId.provider_message_id, 'failed');
    await settle(t);
    expect((await notificationsOf(t, fx.tenant.id, c.id)).slice(before)).toHaveLength(2);
  });

  it('an SMS the carrier refuses outright (not a valid number) fails at its first attempt, and the e-mail goes at once', async () => {
    await resumedSmsRule();
    const phone = '+40745100399';
    twilio.configure({ invalidNumbers: [phone] });
    const citizenId = await citizen(phone, 'ion.pop@example.test');
    const c = await suspendedCaseOf(citizenId);
    const before = (await notificationsOf(t, fx.tenant.id, c.id)).length;
    const requestsBefore = twilio.requests;
    await act(fx.staff.techA, c, 'resume');
    // Well inside the first retry's delay (10 s): the refusal is final, not waited out.
    await expect.poll(async () => (await notificationsOf(t, fx.tenant.id, c.id)).slice(before).map((n) => `${n.rule}/${n.channel}/${n.status}`), { timeout: 8_000 }).toEqual([
      'resumed-sms/sms/failed',
      'resumed-sms/email/delivered',
    ]);
    const [sms] = (await notificationsOf(t, fx.tenant.id, c.id)).slice(before);
    const row = (await t.database.query<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM outbound_messages WHERE id = $1', [sms!.id])).rows[0]!;
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('21211');
    // Its delivery job is over: nothing asks Twilio again.
    await settle(t);
    expect(twilio.requests - requestsBefore).toBe(1);
  });

  it('quiet hours hold a non-urgent SMS until they end; e-mail and inbox go at once', async () => {
    const settings = ok<{ version: number }>(await fx.admin.call('GET', '/api/v1/notification-settings'));
    ok(await fx.admin.call('PATCH', '/api/v1/notification-settings', { quietStart: '21:00', quietEnd: '08:00', version: settings.version }));
    // 23:15 in Bucharest.
    const night = new Date(Date.now() + 86_400_000);
    night.setUTCHours(21, 15, 0, 0);
    clock.set(night);
    try {
      const citizenId = await citizen('+40745100400', 'noapte@example.test');
      const c = await openCase(fx, fx.staff.operator, { citizenId, channel: 'post' });
      await expect.poll(async () => pairs(await notificationsOf(t, fx.tenant.id, c.id)), { timeout: 10_000 }).toEqual(['receipt-remote/email', 'receipt-remote/portal', 'receipt-remote/sms']);
      const list = await notificationsOf(t, fx.tenant.id, c.id);
      const sms = list.find((n) => n.channel === 'sms')!;
      const job = (await t.database.query<{ start_after: Date }>("SELECT start_after FROM pgboss.job WHERE name LIKE 'messaging.deliver%' AND data->>'messageId' = $1", [sms.id])).rows[0]!;
      expect(quietUntil(night, 'Europe/Bucharest', { start: '21:00', end: '08:00' })!.getTime()).toBe(new Date(job.start_after).getTime());
      expect(sms.status).toBe('queued');
      await expect.poll(async () => (await notificationsOf(t, fx.tenant.id, c.id)).find((n) => n.channel === 'email')!.status, { timeout: 10_000 }).toBe('delivered');
    } finally {
      clock.set(new Date());
      const s = ok<{ version: number }>(await fx.admin.call('GET', '/api/v1/notification-settings'));
      ok(await fx.admin.call('PATCH', '/api/v1/notification-settings', { quietStart: '00:00', quietEnd: '00:00', version: s.version }));
    }
  });

  it('a carrier failing half the time: every notice ends delivered or visibly failed, and reached the carrier once', { timeout: 120_000 }, async () => {
    twilio.configure({ failEvery: 2, finalStatus: (n) => (n % 2 === 0 ? 'undelivered' : 'delivered') });
    try {
      const phones = Array.from({ length: 6 }, (_, i) => `+4074520000${i}`);
      const cases: CaseDetail[] = [];
      for (const p of phones) cases.push(await openCase(fx, fx.staff.operator, { citizenId: await citizen(p), channel: 'phone' }));
      const smsOf = async () => (await Promise.all(cases.map((c) => notificationsOf(t, fx.tenant.id, c.id)))).flat().filter((n) => n.channel === 'sms');
      await expect.poll(async () => (await smsOf()).length === 6 && (await smsOf()).every((n) => n.status === 'delivered' || n.status === 'failed'), { timeout: 100_000, interval: 500 }).toBe(true);
      const final = await smsOf();
      expect(final.some((n) => n.status === 'failed')).toBe(true);
      expect(final.some((n) => n.status === 'delivered')).toBe(true);
      const { rows } = await t.database.query<{ id: string; attempts: number; last_error: string | null; status: string }>('SELECT id, attempts, last_error, status FROM outbound_messages WHERE id = ANY($1::uuid[])', [final.map((n) => n.id)]);
      for (const r of rows.filter((x) => x.status === 'failed')) expect(r.last_error).toBeTruthy();
      expect(rows.some((r) => r.attempts > 1)).toBe(true);
      for (const p of phones) expect(twilio.accepted.filter((m) => m.to === p), p).toHaveLength(1);
    } finally {
      twilio.configure({ failEvery: 0, finalStatus: () => 'delivered' });
    }
  });

  describe('the citizen portal: sign-in by one-time code, inbox, consent', () => {
    const phone = '+40745100500';
    let caseNumber: string;
    const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: object, token?: string) =>
      t.app.inject({ method, url: `/api/public/v1/institutions/${fx.tenant.slug}${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body ? { payload: body } : {}) });
    const lastCode = () => {
      const m = twilio.accepted.filter((x) => x.to === phone).at(-1);
      return /acces .* este (\d{6})\./.exec(m?.body ?? '')?.[1];
    };

    beforeAll(async () => {
      const citizenId = await citizen(phone, 'inbox@example.test');
      const c = await openCase(fx, fx.staff.operator, { citizenId, channel: 'web' });
      caseNumber = c.registrationNumber!;
      await settle(t);
    });

    it('a code goes by SMS to a number on file; a wrong code fails, the right one signs in once; the inbox shows the notices', async () => {
      const before = twilio.accepted.length;
      expect((await api('POST', '/sign-in/code', { contact: '0745 100 500' })).statusCode).toBe(202);
      await expect.poll(() => twilio.accepted.length, { timeout: 10_000 }).toBe(before + 1);
      expect(lastCode()).toMatch(/^\d{6}$/);
      const code = lastCode()!;
      const stored = (await t.database.query<{ code_hash: string }>('SELECT code_hash FROM citizen_sign_in_codes WHERE tenant_id = $1', [fx.tenant.id])).rows;
      expect(stored.every((r) => !r.code_hash.includes(code))).toBe(true);
      const wrong = code === '000000' ? '111111' : '000000';
      problem(await api('POST', '/sign-in/verify', { contact: phone, code: wrong }), 401, 'portal.sign_in_failed');
      const session = ok<{ token: string }>(await api('POST', '/sign-in/verify', { contact: phone, code }));
      problem(await api('POST', '/sign-in/verify', { contact: phone, code }), 401, 'portal.sign_in_failed');

      const inbox = ok<{ unread: number; items: { id: string; subject: string; body: string; readAt: string | null }[] }>(await api('GET', '/inbox', undefined, session.token));
      expect(inbox.items.map((i) => i.subject)).toContain(`Dosarul dvs. a fost primit: nr. ${caseNumber}`);
      expect(inbox.unread).toBe(inbox.items.length);
      expect((await api('POST', `/inbox/${inbox.items[0]!.id}/read`, undefined, session.token)).statusCode).toBe(204);
      expect(ok<{ unread: number }>(await api('GET', '/inbox', undefined, session.token)).unread).toBe(inbox.items.length - 1);

      // Consent: SMS withdrawn, written to the audit trail.
      expect(ok<{ channel: string; granted: boolean }[]>(await api('PUT', '/consents', { channel: 'sms', granted: false }, session.token))).toContainEqual({ channel: 'sms', granted: false });
      const audit = await t.database.query("SELECT 1 FROM audit_entries WHERE tenant_id = $1 AND action = 'consent.withdrawn'", [fx.tenant.id]);
      expect(audit.rows).toHaveLength(1);
    });

    it('no token, a forged token or another institution’s slug reads nothing; problems come in the citizen’s language', async () => {
      problem(await api('GET', '/inbox'), 401, 'auth.unauthenticated');
      problem(await api('GET', '/inbox', undefined, 'cit_forgedforgedforgedforgedforged'), 401, 'auth.unauthenticated');
      const res = await t.app.inject({ method: 'POST', url: `/api/public/v1/institutions/${fx.tenant.slug}/sign-in/verify?lang=ro`, payload: { contact: phone, code: '123456' } });
      expect(res.json().detail).toBe('Codul este greșit sau a expirat; cereți unul nou.');
    });

    it('an unknown contact gets the same answer and no message; a contact asking too often is held back', async () => {
      const before = twilio.accepted.length;
      expect((await api('POST', '/sign-in/code', { contact: '+40745999999' })).statusCode).toBe(202);
      await settle(t);
      expect(twilio.accepted.length).toBe(before);
      expect((await api('POST', '/sign-in/code', { contact: phone })).statusCode).toBe(202);
      expect((await api('POST', '/sign-in/code', { contact: phone })).statusCode).toBe(202);
      problem(await api('POST', '/sign-in/code', { contact: phone }), 429, 'request.rate_limited');
      problem(await api('POST', '/sign-in/code', { contact: 'not a contact' }), 422, 'request.validation_failed');
    });
  });

  it('the template editor: SMS encoding and segments, preview with a real case, invalid ICU refused', async () => {
    const templates = ok<{ code: string; channel: string; language: string; sms: { encoding: string; segments: number } | null }[]>(await fx.admin.call('GET', '/api/v1/notification-templates?code=receipt'));
    expect(templates).toHaveLength(15);
    expect(templates.find((x) => x.channel === 'sms' && x.language === 'vi')!.sms!.encoding).toBe('GSM-7');
    expect(templates.find((x) => x.channel === 'sms' && x.language === 'ru')!.sms!.encoding).toBe('UCS-2');
    const c = await openCase(fx, fx.staff.operator, { categoryId: smsCategory.id, channel: 'post' });
    const preview = ok<{ body: string; sms: { encoding: string; segments: number; units: number } }>(
      await fx.admin.call('POST', '/api/v1/notification-templates/preview', { channel: 'sms', language: 'ro', body: 'Dosarul nr. {number} ({category}) are termen {due}. Mulțumim!', caseId: c.id, eventType: 'case.registered' }),
    );
    expect(preview.body).toContain(c.registrationNumber!);
    expect(preview.sms).toMatchObject({ encoding: 'UCS-2', segments: Math.ceil(preview.body.length / (preview.body.length > 70 ? 67 : 70)) });
    const bad = problem(await fx.admin.call('PUT', '/api/v1/notification-templates/receipt/sms/ro', { body: 'Dosarul {number' }), 422, 'request.validation_failed');
    expect(bad.errors![0]!.path).toBe('body');
  });
});
