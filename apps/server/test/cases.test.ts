import { randomUUID } from 'node:crypto';
import type { CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { systemContext } from '../src/platform/auth/context.ts';
import { createTenant, createTestApp, type TestContext } from './helpers/harness.ts';
import {
  act,
  addCategory,
  addRegister,
  caseTableCounts,
  createCaseFixture,
  ok,
  openCase,
  PERMIT_FIELDS,
  problem,
  RO_PETITION_DEADLINE,
  VALID_PERMIT,
  type CaseFixture,
} from './helpers/case-fixtures.ts';

describe('registration numbers', () => {
  // Mon 1 Jun 2026 10:00 in Bucharest.
  const clock = createManualClock('2026-06-01T07:00:00Z');
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
  });
  afterAll(() => t.close());

  async function counter(registerId: string) {
    const r = await t.database.query<{ year: number; last_seq: number }>('SELECT year, last_seq FROM register_counters WHERE register_id = $1 ORDER BY year', [registerId]);
    return r.rows.map((x) => [Number(x.year), Number(x.last_seq)]);
  }

  it('50 concurrent registrations, direct and from drafts, get 50 distinct consecutive numbers', async () => {
    // A format of its own: the fixture's register already numbers PET-{year}-{seq:6}.
    const registerId = await addRegister(fx, 'CON-{year}-{seq:6}');
    const petition = await addCategory({ ...fx, registerId }, { fields: [], routing: { strategy: 'least_loaded', supervisorIds: [] } });
    const { operator, registrar } = fx.staff;
    const body = (i: number) => ({ categoryId: petition.id, channel: 'web', citizenId: fx.citizenId, subject: `Petiția nr. ${i}` });
    const drafts = await Promise.all(Array.from({ length: 25 }, (_, i) => openCase(fx, registrar, { ...body(100 + i), draft: true })));
    expect(drafts.every((d) => d.registrationNumber === null)).toBe(true);

    const responses = await Promise.all([
      ...Array.from({ length: 25 }, (_, i) => operator.call('POST', '/api/v1/cases', body(i))),
      ...drafts.map((d) => registrar.call('POST', `/api/v1/cases/${d.id}/actions/register`, { version: d.version })),
    ]);
    for (const r of responses) expect([200, 201], r.body).toContain(r.statusCode);
    const numbers = responses.map((r) => (r.json() as CaseDetail).registrationNumber!);
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `CON-2026-${String(i + 1).padStart(6, '0')}`));
    const stored = await t.database.query<{ registration_seq: number; registration_year: number }>(
      'SELECT registration_seq, registration_year FROM cases WHERE register_id = $1 ORDER BY registration_seq',
      [registerId],
    );
    expect(stored.rows.map((r) => Number(r.registration_seq))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(stored.rows.every((r) => Number(r.registration_year) === 2026)).toBe(true);
    expect(await counter(registerId)).toEqual([[2026, 50]]);
    // Each has its timeline and audit entries, in order.
    const direct = responses[0]!.json() as CaseDetail;
    const audit = await t.c.audit.list(fx.tenant.id, { subjectId: direct.id, limit: 10 });
    expect(audit.map((a) => a.action).reverse()).toEqual(['case.created', 'case.registered']);
    const verified = await t.c.audit.verify(fx.tenant.id);
    expect(verified).toMatchObject({ ok: true });
  });

  it('a registration that fails, before or after its number was issued, consumes no number', async () => {
    const registerId = await addRegister(fx, '{register}/{seq}/{year}');
    const base = { ...fx, registerId };
    const permit = await addCategory(base, { fields: [...PERMIT_FIELDS] });
    const broken = await addCategory(base, {});
    const { operator } = fx.staff;
    const first = await openCase(fx, operator, { categoryId: permit.id, customFields: VALID_PERMIT });
    expect(first.registrationNumber).toMatch(/^R-[A-Z0-9]{6}\/1\/2026$/);
    const prefix = first.registrationNumber!.replace(/\/1\/2026$/, '');

    // Refused before the number: a required field missing, directly and when registering a draft.
    problem(await operator.call('POST', '/api/v1/cases', { categoryId: permit.id, channel: 'post', citizenId: fx.citizenId, subject: 'Autorizație', customFields: { cadastral_number: '123456' } }), 422, 'request.validation_failed');
    const draft = await openCase(fx, operator, { categoryId: permit.id, draft: true, customFields: { cadastral_number: '123456' } });
    const refused = problem(await operator.call('POST', `/api/v1/cases/${draft.id}/actions/register`, { version: draft.version }), 422, 'request.validation_failed');
    expect(refused.errors!.map((e) => e.path).sort()).toEqual(['customFields.area_sqm', 'customFields.purpose']);
    expect(await counter(registerId)).toEqual([[2026, 1]]);

    // Failing after the number was issued: a deadline policy the calendar cannot count (stored
    // behind the API's back) throws once the number is taken, and the transaction rolls back.
    await t.database.query(`UPDATE categories SET deadline = jsonb_set(deadline, '{unit}', '"fortnights"') WHERE id = $1`, [broken.id]);
    const before = await caseTableCounts(t, fx.tenant.id);
    const failed = await operator.call('POST', '/api/v1/cases', { categoryId: broken.id, channel: 'web', citizenId: fx.citizenId, subject: 'Va eșua' });
    expect(failed.statusCode).toBe(500);
    expect(failed.json().code).toBe('server.internal');
    expect(failed.body).not.toContain('fortnights');
    expect(await caseTableCounts(t, fx.tenant.id)).toEqual(before);
    expect(await counter(registerId)).toEqual([[2026, 1]]);

    // The next ones are consecutive; a withdrawn case keeps its number, which is never reused.
    const second = await openCase(fx, operator, { categoryId: permit.id, customFields: VALID_PERMIT });
    expect(second.registrationNumber).toBe(`${prefix}/2/2026`);
    await act(operator, second, 'withdraw', { comment: 'Retrasă de petent' });
    const fixed = ok<CaseDetail>(await operator.call('PATCH', `/api/v1/cases/${draft.id}`, { version: draft.version, customFields: VALID_PERMIT }));
    const third = await act(operator, fixed, 'register');
    expect(third.registrationNumber).toBe(`${prefix}/3/2026`);
    expect(await counter(registerId)).toEqual([[2026, 3]]);
  });

  it('two registers rendering the same number: 409 and no number consumed, not a 500', async () => {
    // The first test's register already issued CON-2026-000001 … 000050. Two identical formats
    // are refused when the register is created; a literal year renders the same numbers in 2026.
    const twinId = await addRegister(fx, 'CON-2026-{seq:6}');
    const twin = await addCategory({ ...fx, registerId: twinId }, {});
    const before = await caseTableCounts(t, fx.tenant.id);
    const p = problem(await fx.staff.operator.call('POST', '/api/v1/cases', { categoryId: twin.id, channel: 'web', citizenId: fx.citizenId, subject: 'Număr dublat' }), 409, 'resource.conflict');
    expect(p.detail).toContain('CON-2026-000001');
    expect(await caseTableCounts(t, fx.tenant.id)).toEqual(before);
    expect(await counter(twinId)).toEqual([]);
  });

  it('restarts the series in the new year of the tenant’s time zone', async () => {
    const registerId = await addRegister(fx, 'AN-{year}-{seq:6}');
    const category = await addCategory({ ...fx, registerId }, {});
    clock.set('2026-12-31T21:30:00Z'); // 23:30 on 31 Dec in Bucharest
    expect((await openCase(fx, fx.staff.operator, { categoryId: category.id })).registrationNumber).toBe('AN-2026-000001');
    clock.set('2026-12-31T22:30:00Z'); // 00:30 on 1 Jan 2027 in Bucharest, still 2026 in UTC
    expect((await openCase(fx, fx.staff.operator, { categoryId: category.id })).registrationNumber).toBe('AN-2027-000001');
    expect((await openCase(fx, fx.staff.operator, { categoryId: category.id })).registrationNumber).toBe('AN-2027-000002');
    expect(await counter(registerId)).toEqual([[2026, 1], [2027, 2]]);
    clock.set('2026-06-01T07:00:00Z');
  });
});

describe('bad input gets the right problem and leaves the database unchanged', () => {
  const clock = createManualClock('2026-06-02T07:00:00Z');
  let t: TestContext;
  let fx: CaseFixture;
  let inProgress: CaseDetail;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
    const { operator, supervisor, techA } = fx.staff;
    let c = await openCase(fx, operator);
    c = await act(supervisor, c, 'assign', { assigneeId: techA.id });
    inProgress = await act(techA, c, 'start');
  });
  afterAll(() => t.close());

  async function unchanged(run: () => Promise<void>) {
    const before = await caseTableCounts(t, fx.tenant.id);
    const caseBefore = await t.database.query('SELECT * FROM cases WHERE tenant_id = $1 ORDER BY id', [fx.tenant.id]);
    await run();
    expect(await caseTableCounts(t, fx.tenant.id)).toEqual(before);
    const caseAfter = await t.database.query('SELECT * FROM cases WHERE tenant_id = $1 ORDER BY id', [fx.tenant.id]);
    expect(caseAfter.rows).toEqual(caseBefore.rows);
  }

  const paths = (p: { errors?: { path: string }[] }) => (p.errors ?? []).map((e) => e.path).sort();

  it('an unknown category, or one of another institution', async () => {
    const other = await createTenant(t.c);
    const ctx = systemContext(other.id, 'test');
    const dept = await t.c.departments.create(ctx, { parentId: null, code: 'URB', name: { ro: 'Urbanism' }, email: null });
    const register = await t.c.registers.create(ctx, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
    const foreign = await t.c.categories.create(ctx, {
      code: 'PET', group: 'general', name: { ro: 'Petiție' }, description: {}, fields: [], deadline: { ...RO_PETITION_DEADLINE },
      departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: true, active: true,
    });
    await unchanged(async () => {
      for (const categoryId of [randomUUID(), foreign.id]) {
        const p = problem(
          await fx.staff.operator.call('POST', '/api/v1/cases', { categoryId, channel: 'web', citizenId: null, subject: 'Categorie necunoscută' }),
          422,
          'request.validation_failed',
        );
        expect(paths(p)).toEqual(['categoryId']);
      }
    });
  });

  it('custom fields of the wrong type, missing, malformed or unknown', async () => {
    const { operator } = fx.staff;
    const permit = (customFields: Record<string, unknown>, extra: object = {}) =>
      operator.call('POST', '/api/v1/cases', { categoryId: fx.categories.permit.id, channel: 'walk_in', citizenId: fx.citizenId, subject: 'Autorizație de construire', customFields, ...extra });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...VALID_PERMIT, area_sqm: 'o sută' }, ['customFields.area_sqm']],
      [{ ...VALID_PERMIT, area_sqm: 0 }, ['customFields.area_sqm']],
      [{ cadastral_number: '123456' }, ['customFields.area_sqm', 'customFields.purpose']],
      [{ ...VALID_PERMIT, cadastral_number: '12-34' }, ['customFields.cadastral_number']],
      [{ ...VALID_PERMIT, purpose: 'industrial' }, ['customFields.purpose']],
      [{ ...VALID_PERMIT, start_date: '2026-02-30' }, ['customFields.start_date']],
      [{ ...VALID_PERMIT, heritage_zone: 'da' }, ['customFields.heritage_zone']],
      [{ ...VALID_PERMIT, colour: 'red' }, ['customFields.colour']],
    ];
    await unchanged(async () => {
      for (const [fields, expected] of cases) {
        expect(paths(problem(await permit(fields), 422, 'request.validation_failed')), JSON.stringify(fields)).toEqual(expected);
      }
      // A draft may leave required fields empty, but not hold a wrong value.
      expect(paths(problem(await permit({ area_sqm: 'mare' }, { draft: true }), 422, 'request.validation_failed'))).toEqual(['customFields.area_sqm']);
      // Editing a registered case validates too.
      const p = problem(await fx.staff.techA.call('PATCH', `/api/v1/cases/${inProgress.id}`, { version: inProgress.version, customFields: { reference: 42 } }), 422, 'request.validation_failed');
      expect(paths(p)).toEqual(['customFields.reference']);
    });
    // The valid one goes through, with the values as given.
    const created = ok<CaseDetail>(await permit({ ...VALID_PERMIT, start_date: '2026-07-01', heritage_zone: false }), 201);
    expect(created.customFields).toEqual({ ...VALID_PERMIT, start_date: '2026-07-01', heritage_zone: false });
  });

  it('an anonymous request where the category does not allow it', async () => {
    const { operator } = fx.staff;
    await unchanged(async () => {
      const p = problem(
        await operator.call('POST', '/api/v1/cases', { categoryId: fx.categories.petition.id, channel: 'sms', citizenId: null, subject: 'Fără nume' }),
        422,
        'case.anonymous_not_allowed',
      );
      expect(paths(p)).toEqual(['citizenId']);
    });
    // A draft may wait for the caller's identity, but is not registered without it.
    const draft = await openCase(fx, operator, { citizenId: null, draft: true });
    await unchanged(async () => {
      const p = problem(await operator.call('POST', `/api/v1/cases/${draft.id}/actions/register`, { version: draft.version }), 422, 'case.anonymous_not_allowed');
      expect(paths(p)).toEqual(['citizenId']);
    });
    // An anonymous complaint is fine where the category allows it.
    const complaint = await openCase(fx, operator, { categoryId: fx.categories.complaint.id, citizenId: null, subject: 'Groapă în asfalt pe str. Lalelelor' });
    expect(complaint).toMatchObject({ citizenId: null, departmentId: fx.departments.social });
    expect(complaint.registrationNumber).toMatch(/^PET-2026-\d{6}$/);
  });

  it('an unknown or inactive suspension reason', async () => {
    const { techA } = fx.staff;
    ok(await fx.admin.call('PUT', '/api/v1/suspension-reasons/court_ruling', { name: { ro: 'Hotărâre judecătorească', en: 'Court ruling' }, active: false }));
    await unchanged(async () => {
      for (const reason of ['holiday', 'court_ruling']) {
        const p = problem(await techA.call('POST', `/api/v1/cases/${inProgress.id}/actions/suspend`, { version: inProgress.version, reason }), 422, 'case.invalid_reason');
        expect(paths(p)).toEqual(['reason']);
      }
    });
  });

  it('assigning someone who cannot take the case', async () => {
    const { supervisor, techSocial, operator, techB } = fx.staff;
    const absent = ok(await fx.admin.call('POST', '/api/v1/users', { email: `absent-${randomUUID().slice(0, 6)}@example.test`, displayName: 'Absent', roles: ['technician'], password: 'Test-Password-2026', departmentIds: [fx.departments.urbanism] }), 201);
    ok(await supervisor.call('POST', `/api/v1/users/${absent.id}/absences`, { fromDay: '2026-06-01', toDay: '2026-06-05', reason: 'concediu' }));
    const inactive = ok<{ id: string; version: number }>(
      await fx.admin.call('POST', '/api/v1/users', { email: `gone-${randomUUID().slice(0, 6)}@example.test`, displayName: 'Gone', roles: ['technician'], password: 'Test-Password-2026', departmentIds: [fx.departments.urbanism] }),
      201,
    );
    ok(await fx.admin.call('PATCH', `/api/v1/users/${inactive.id}`, { active: false, version: inactive.version }));
    ok(await supervisor.call('PUT', `/api/v1/users/${techB.id}/capacity`, { capacity: 0 }));
    await unchanged(async () => {
      for (const who of [techSocial.id, operator.id, supervisor.id, absent.id, inactive.id, techB.id, randomUUID()]) {
        const res = await supervisor.call('POST', `/api/v1/cases/${inProgress.id}/actions/assign`, { version: inProgress.version, assigneeId: who });
        const p = problem(res, 422, 'case.invalid_assignee');
        expect(paths(p), who).toEqual(['assigneeId']);
      }
    });
    ok(await supervisor.call('PUT', `/api/v1/users/${techB.id}/capacity`, { capacity: null }));
  });

  it('a stale version, an extension too long, a stranger to the case, a malformed body', async () => {
    const { supervisor, techA, techSocial } = fx.staff;
    await unchanged(async () => {
      problem(await supervisor.call('POST', `/api/v1/cases/${inProgress.id}/actions/extend`, { version: inProgress.version - 1, days: 5, reason: 'Verificări' }), 409, 'resource.stale_version');
      const p = problem(await supervisor.call('POST', `/api/v1/cases/${inProgress.id}/actions/extend`, { version: inProgress.version, days: 16, reason: 'Prea mult' }), 422, 'case.extension_too_long');
      expect(paths(p)).toEqual(['days']);
      problem(await techA.call('PATCH', `/api/v1/cases/${inProgress.id}`, { version: inProgress.version + 1, subject: 'Subiect modificat' }), 409, 'resource.stale_version');
      // A technician of another department touching the case: it does not exist for them.
      problem(await techSocial.call('PATCH', `/api/v1/cases/${inProgress.id}`, { version: inProgress.version, subject: 'Subiect străin' }), 404, 'resource.not_found');
      problem(await techSocial.call('POST', `/api/v1/cases/${inProgress.id}/actions/suspend`, { version: inProgress.version, reason: 'on_site_inspection' }), 404, 'resource.not_found');
      // Malformed bodies never reach the service.
      problem(await techA.call('POST', `/api/v1/cases/${inProgress.id}/actions/suspend`, { reason: 'on_site_inspection' }), 422, 'request.validation_failed');
      problem(await techA.call('POST', '/api/v1/cases', { categoryId: fx.categories.petition.id, channel: 'pigeon', subject: 'x' }), 422, 'request.validation_failed');
    });
  });
});
