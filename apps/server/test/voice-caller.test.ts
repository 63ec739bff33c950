import type { CallScreenPop, CaseDetail, Citizen, PhoneLine } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, ok, problem } from './helpers/case-fixtures.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { createPhoneFixture, freshLineNumber, postTwilio, PUBLIC_URL, twilioCall, type PhoneFixture } from './helpers/phone-fixtures.ts';

const VOICE_PATH = '/api/v1/webhooks/twilio/voice';

/**
 * The operator says who an unrecognised caller is (POST /calls/:id/caller): the draft moves to
 * the chosen record and, for a number nobody had, the record intake opened for it is merged in,
 * so the next call from that number is recognised.
 */
describe('phone channel: the operator attaches a caller to a citizen on file', () => {
  let t: TestContext;
  let fx: PhoneFixture;

  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: PUBLIC_URL, publicBaseUrl: PUBLIC_URL } });
    fx = await createPhoneFixture(t);
  });
  afterAll(() => t.close());

  async function callFrom(number: string): Promise<CallScreenPop> {
    const params = twilioCall(fx, number);
    expect((await postTwilio(fx, VOICE_PATH, params)).status).toBe(200);
    const [row] = (await t.database.query<{ id: string }>('SELECT id FROM calls WHERE tenant_id = $1 AND external_id = $2', [fx.tenant.id, params.CallSid])).rows;
    return ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${row!.id}`));
  }

  it('an unknown number: the placeholder is merged into the chosen citizen, the draft follows, and the number is recognised next time', async () => {
    const maria = ok<Citizen>(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Maria', lastName: 'Lupu', phones: ['+40744000111'] }), 201);
    const pop = await callFrom('+40733111222');
    expect(pop.caller.known).toBe(false);
    const placeholderId = pop.caller.citizen!.id;
    expect(placeholderId).not.toBe(maria.id);

    const attached = ok<CallScreenPop>(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/caller`, { citizenId: maria.id }));
    expect(attached).toMatchObject({ id: pop.id, draftCaseId: pop.draftCaseId, caller: { known: true, citizen: { id: maria.id, displayName: 'Maria Lupu' } } });
    expect(attached.caller.citizen!.phones.sort()).toEqual(['+40733111222', '+40744000111']);
    const draft = ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${pop.draftCaseId}`));
    expect(draft).toMatchObject({ status: 'draft', citizenId: maria.id });
    expect(ok<Citizen>(await fx.staff.operator.call('GET', `/api/v1/citizens/${placeholderId}`)).mergedIntoId).toBe(maria.id);

    const again = await callFrom('+40733111222');
    expect(again.caller).toMatchObject({ known: true, citizen: { id: maria.id } });
  });

  it('a number that belongs to someone else on file (a shared phone): only the draft moves, the other record keeps its number', async () => {
    const ion = fx.citizenId;
    const elena = ok<Citizen>(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Elena', lastName: 'Popescu' }), 201);
    const pop = await callFrom('+40722123456');
    expect(pop.caller.citizen!.id).toBe(ion);
    const attached = ok<CallScreenPop>(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/caller`, { citizenId: elena.id }));
    expect(attached.caller.citizen).toMatchObject({ id: elena.id, phones: [] });
    expect(ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${pop.draftCaseId}`)).citizenId).toBe(elena.id);
    const ionNow = ok<Citizen>(await fx.staff.operator.call('GET', `/api/v1/citizens/${ion}`));
    expect(ionNow).toMatchObject({ mergedIntoId: null, phones: ['+40722123456'] });
  });

  it('a line that speaks Russian: the caller hears Russian, the draft is written in it, and a new caller’s record prefers it', async () => {
    const line = ok<PhoneLine>(await fx.admin.call('POST', '/api/v1/phone-lines', { number: freshLineNumber(), name: 'Горячая линия', categoryId: fx.categories.petition.id, language: 'ru' }), 201);
    expect(line.language).toBe('ru');
    const params = twilioCall(fx, '+40733555777', { To: line.number, Called: line.number });
    const res = await postTwilio(fx, VOICE_PATH, params);
    expect(res.status, res.body).toBe(200);
    expect(res.body).toContain('<Say language="ru-RU">Здравствуйте.');
    const [row] = (await t.database.query<{ id: string }>('SELECT id FROM calls WHERE tenant_id = $1 AND external_id = $2', [fx.tenant.id, params.CallSid])).rows;
    const pop = ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${row!.id}`));
    expect(pop.caller.citizen).toMatchObject({ preferredLanguage: 'ru' });
    expect(ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${pop.draftCaseId}`)).subject).toMatch(/[А-Яа-я]/);
    // Back to the institution's language: null.
    const back = ok<PhoneLine>(await fx.admin.call('PATCH', `/api/v1/phone-lines/${line.id}`, { language: null, version: line.version }));
    expect(back.language).toBeNull();
    problem(await fx.admin.call('PATCH', `/api/v1/phone-lines/${line.id}`, { language: 'xx', version: back.version }), 422, 'request.validation_failed');
  });

  it('a line without a category opens no draft; the operator opens it in the category they choose, once, in the caller’s name', async () => {
    const line = ok<PhoneLine>(await fx.admin.call('POST', '/api/v1/phone-lines', { number: freshLineNumber(), name: 'Linia generală', categoryId: null }), 201);
    const params = twilioCall(fx, '+40722123456', { To: line.number, Called: line.number });
    expect((await postTwilio(fx, VOICE_PATH, params)).status).toBe(200);
    const [row] = (await t.database.query<{ id: string }>('SELECT id FROM calls WHERE tenant_id = $1 AND external_id = $2', [fx.tenant.id, params.CallSid])).rows;
    const pop = ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${row!.id}`));
    expect(pop).toMatchObject({ draftCaseId: null, caller: { known: true, citizen: { id: fx.citizenId } } });

    // Checked before anything is opened: the body, the category, the call, the role.
    problem(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/draft`, { categoryId: 'nope' }), 422, 'request.validation_failed');
    const unknown = problem(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/draft`, { categoryId: '00000000-0000-4000-8000-000000000000' }), 422, 'request.validation_failed');
    expect(unknown.errors?.[0]?.path).toBe('categoryId');
    problem(await fx.staff.operator.call('POST', '/api/v1/calls/00000000-0000-4000-8000-000000000000/draft', { categoryId: fx.categories.petition.id }), 404, 'resource.not_found');
    problem(await fx.staff.auditor.call('POST', `/api/v1/calls/${pop.id}/draft`, { categoryId: fx.categories.petition.id }), 403, 'auth.forbidden');
    expect(ok<CallScreenPop>(await fx.staff.operator.call('GET', `/api/v1/calls/${pop.id}`)).draftCaseId).toBeNull();

    const opened = ok<CallScreenPop>(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/draft`, { categoryId: fx.categories.petition.id }));
    expect(opened.draftCaseId).toEqual(expect.any(String));
    const draft = ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${opened.draftCaseId}`));
    expect(draft).toMatchObject({ status: 'draft', channel: 'phone', categoryId: fx.categories.petition.id, citizenId: fx.citizenId });
    // Asked again (a double click, a second operator): the same draft.
    const again = ok<CallScreenPop>(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/draft`, { categoryId: fx.categories.complaint.id }));
    expect(again.draftCaseId).toBe(opened.draftCaseId);
    const { rows: audit } = await t.database.query<{ actor_id: string | null }>("SELECT actor_id FROM audit_entries WHERE tenant_id = $1 AND action = 'call.draft_opened' AND subject_id = $2", [fx.tenant.id, pop.id]);
    expect(audit).toEqual([{ actor_id: fx.staff.operator.id }]);
  });

  it('refuses a registered draft, an unknown citizen or call, and roles that may not change citizens', async () => {
    const pop = await callFrom('+40733999888');
    const other = ok<Citizen>(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Dan', lastName: 'Rusu' }), 201);
    problem(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/caller`, { citizenId: '00000000-0000-4000-8000-000000000000' }), 404, 'resource.not_found');
    problem(await fx.staff.operator.call('POST', `/api/v1/calls/00000000-0000-4000-8000-000000000000/caller`, { citizenId: other.id }), 404, 'resource.not_found');
    problem(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/caller`, { citizenId: 'nope' }), 422, 'request.validation_failed');
    problem(await fx.staff.auditor.call('POST', `/api/v1/calls/${pop.id}/caller`, { citizenId: other.id }), 403, 'auth.forbidden');

    const draft = ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${pop.draftCaseId}`));
    await act(fx.staff.operator, draft, 'register');
    const refused = problem(await fx.staff.operator.call('POST', `/api/v1/calls/${pop.id}/caller`, { citizenId: other.id }), 409, 'resource.conflict');
    expect(refused.errors?.[0]?.path).toBe('citizenId');
    expect(ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${pop.draftCaseId}`)).citizenId).toBe(pop.caller.citizen!.id);
  });
});
