import { randomUUID } from 'node:crypto';
import type { CitizenMessage } from '@civicline/contracts';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, createCaseFixture, ok, openCase, problem, type Actor, type CaseFixture } from './helpers/case-fixtures.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';

type Message = z.infer<typeof CitizenMessage>;
type Page = { items: Message[]; nextCursor: string | null };

/** Staff read a citizen's message history: what was sent to the person and about their cases, as far as they may read them. */
describe('a citizen’s message history', () => {
  let t: TestContext;
  let fx: CaseFixture;
  let other: CaseFixture;
  let urbanismCase: { id: string; registrationNumber: string | null };
  let socialCase: { id: string; registrationNumber: string | null };
  const sent: Record<'urbanismSms' | 'socialEmail' | 'otp' | 'toDuplicate' | 'toSomeoneElse' | 'staffDigest', string> = {} as never;
  const history = (actor: Actor, query = '', citizenId = fx.citizenId) => actor.call('GET', `/api/v1/citizens/${citizenId}/messages${query}`);

  const queue = (m: { channel: 'sms' | 'email'; toAddress: string; body: string; subject?: string; purpose?: string; caseId?: string | null; citizenId?: string | null }) =>
    t.c.db
      .transaction((tx) =>
        t.c.messaging.queue(tx, {
          tenantId: fx.tenant.id,
          purpose: 'notification',
          caseId: null,
          citizenId: null,
          ...m,
          idempotencyKey: `test:${randomUUID()}`,
        } as Parameters<typeof t.c.messaging.queue>[1]),
      )
      .then((r) => r.id);

  beforeAll(async () => {
    t = await createTestApp();
    fx = await createCaseFixture(t);
    other = await createCaseFixture(t);
    urbanismCase = await openCase(fx, fx.staff.operator);
    socialCase = await openCase(fx, fx.staff.operator, { categoryId: fx.categories.complaint.id, subject: 'Sesizare' });
    const duplicate = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Ion', lastName: 'Popescu', emails: ['ion.p@example.ro'] }), 201);
    const someoneElse = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Ana', lastName: 'Pop', phones: ['+40722999888'] }), 201);
    // Oldest first: the history lists them the other way round.
    sent.urbanismSms = await queue({ channel: 'sms', toAddress: '+40722123456', body: 'Cererea dvs. a fost înregistrată.', caseId: urbanismCase.id, citizenId: fx.citizenId });
    // About the citizen's case without naming the citizen on the message itself.
    sent.socialEmail = await queue({ channel: 'email', toAddress: 'ion.popescu@example.ro', subject: 'Sesizarea dvs.', body: 'Sesizarea a fost repartizată.', caseId: socialCase.id });
    sent.otp = await queue({ channel: 'email', purpose: 'otp', toAddress: 'ion.popescu@example.ro', subject: 'Codul dvs. de acces: 493817', body: 'Codul dvs. de acces este 493817.', citizenId: fx.citizenId });
    sent.toDuplicate = await queue({ channel: 'email', toAddress: 'ion.p@example.ro', body: 'Programare confirmată.', citizenId: duplicate.id });
    sent.toSomeoneElse = await queue({ channel: 'sms', toAddress: '+40722999888', body: 'Altcineva.', citizenId: someoneElse.id });
    sent.staffDigest = await queue({ channel: 'email', toAddress: 'tech@example.test', body: 'Cazuri noi.' });
    // The duplicate record is merged into the citizen's: what was sent to it is part of their history.
    ok(await fx.staff.supervisor.call('POST', `/api/v1/citizens/${fx.citizenId}/merge`, { duplicateId: duplicate.id }));
    // Delivered through the development sink (no provider account in this institution).
    await t.c.messaging.deliver(sent.urbanismSms, fx.tenant.id, 0);
  });
  afterAll(() => t.close());

  it('lists every message to the person and about their cases, newest first, with the case number; a one-time code is withheld', async () => {
    const page = ok<Page>(await history(fx.staff.operator));
    expect(page.items.map((m) => m.id)).toEqual([sent.toDuplicate, sent.otp, sent.socialEmail, sent.urbanismSms]);
    expect(page.nextCursor).toBeNull();
    const byId = new Map(page.items.map((m) => [m.id, m]));
    expect(byId.get(sent.urbanismSms)).toMatchObject({ caseId: urbanismCase.id, registrationNumber: urbanismCase.registrationNumber, status: 'delivered', toAddress: '+40722123456', body: 'Cererea dvs. a fost înregistrată.', bodyWithheld: false });
    expect(byId.get(sent.urbanismSms)!.sentAt).not.toBeNull();
    expect(byId.get(sent.urbanismSms)!.deliveredAt).not.toBeNull();
    expect(byId.get(sent.socialEmail)).toMatchObject({ registrationNumber: socialCase.registrationNumber, subject: 'Sesizarea dvs.', toAddress: 'ion.popescu@example.ro' });
    expect(byId.get(sent.otp)).toMatchObject({ purpose: 'otp', subject: null, body: '', bodyWithheld: true, registrationNumber: null });
    expect(JSON.stringify(page)).not.toContain('493817');
  });

  it('filters by channel, state and purpose', async () => {
    expect(ok<Page>(await history(fx.staff.operator, '?channel=sms')).items.map((m) => m.id)).toEqual([sent.urbanismSms]);
    expect(ok<Page>(await history(fx.staff.operator, '?status=delivered')).items.map((m) => m.id)).toEqual([sent.urbanismSms]);
    expect(ok<Page>(await history(fx.staff.operator, '?status=queued&channel=email')).items.map((m) => m.id)).toEqual([sent.toDuplicate, sent.otp, sent.socialEmail]);
    expect(ok<Page>(await history(fx.staff.operator, '?purpose=otp')).items.map((m) => m.id)).toEqual([sent.otp]);
    problem(await history(fx.staff.operator, '?status=lost'), 422, 'request.validation_failed');
    problem(await history(fx.staff.operator, '?channel=pigeon'), 422, 'request.validation_failed');
    problem(await history(fx.staff.operator, '?cursor=bm90LWEtY3Vyc29y'), 422, 'request.validation_failed');
    problem(await history(fx.staff.operator, '?limit=0'), 422, 'request.validation_failed');
  });

  it('pages with a keyset cursor: every message once, in the same order', async () => {
    const all = ok<Page>(await history(fx.staff.operator)).items.map((m) => m.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = ok<Page>(await history(fx.staff.operator, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0]!.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
    const two = ok<Page>(await history(fx.staff.operator, '?channel=email&limit=2'));
    expect(two.items.map((m) => m.id)).toEqual([sent.toDuplicate, sent.otp]);
    expect(ok<Page>(await history(fx.staff.operator, `?channel=email&limit=2&cursor=${two.nextCursor}`))).toEqual({ items: [expect.objectContaining({ id: sent.socialEmail })], nextCursor: null });
  });

  it('a technician sees the messages of the cases they may read, and those about no case; another department’s case keeps its messages', async () => {
    expect(ok<Page>(await history(fx.staff.techA)).items.map((m) => m.id)).toEqual([sent.toDuplicate, sent.otp, sent.urbanismSms]);
    expect(ok<Page>(await history(fx.staff.techSocial)).items.map((m) => m.id)).toEqual([sent.toDuplicate, sent.otp, sent.socialEmail]);
    // The social supervisor supervises no urbanism category; the urbanism supervisor reads urbanism's.
    expect(ok<Page>(await history(fx.staff.socialSupervisor)).items.map((m) => m.id)).not.toContain(sent.urbanismSms);
    expect(ok<Page>(await history(fx.staff.supervisor)).items.map((m) => m.id)).toContain(sent.urbanismSms);
    // A technician in no department reads no case, and so only the messages about none.
    const loose = await addStaff(fx, ['technician'], [], 'tech-none');
    expect(ok<Page>(await history(loose)).items.map((m) => m.id)).toEqual([sent.toDuplicate, sent.otp]);
  });

  it('roles without access to citizens get 403; another institution’s citizen, or none, is not found and not audited', async () => {
    problem(await history(fx.staff.auditor), 403, 'auth.forbidden');
    problem(await history(other.admin), 404, 'resource.not_found');
    problem(await history(other.staff.operator), 404, 'resource.not_found');
    problem(await history(fx.staff.operator, '', randomUUID()), 404, 'resource.not_found');
    problem(await history(fx.staff.operator, '', 'not-a-uuid'), 422, 'request.validation_failed');
    const named = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1 AND action = 'citizen.messages_read'`, [other.tenant.id]);
    expect(named.rows[0]!.n).toBe(0);
  });

  it('each read is an audit entry about the citizen: who, why, which messages', async () => {
    const reader = await addStaff(fx, ['operator'], [], 'audited-operator');
    ok(await history(reader, '?channel=sms'));
    ok(await history(reader, '?limit=2'));
    const { rows } = await t.database.query<{ action: string; subject_type: string; subject_id: string; purpose: string; details: { messages: string[]; mergedRecords?: string[]; filters: string[] } }>(
      `SELECT action, subject_type, subject_id, purpose, details FROM audit_entries WHERE tenant_id = $1 AND actor_id = $2 AND subject_type = 'citizen' ORDER BY seq`,
      [fx.tenant.id, reader.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['citizen.messages_read', 'citizen.messages_read']);
    expect(rows[0]).toMatchObject({ subject_type: 'citizen', subject_id: fx.citizenId, purpose: 'case_handling', details: { messages: [sent.urbanismSms], filters: ['channel'] } });
    expect(rows[0]!.details.mergedRecords).toHaveLength(1);
    expect(rows[1]!.details).toMatchObject({ messages: [sent.toDuplicate, sent.otp], filters: [] });
    // The chain still verifies with the new entries in it.
    expect(ok<{ ok: boolean }>(await fx.admin.call('GET', '/api/v1/audit/verify'))).toMatchObject({ ok: true });
  });
});
