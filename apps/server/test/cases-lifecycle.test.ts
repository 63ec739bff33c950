import { CASE_ACTIONS, type CaseAction, type CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { act, caseTableCounts, createCaseFixture, ok, openCase, problem, type Actor, type CaseFixture } from './helpers/case-fixtures.ts';

interface TimelineDto {
  type: string;
  actorType: string;
  actorId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  comment: string | null;
  visibility: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

const MINUTE = 60_000;

describe('case lifecycle through the API, per role', () => {
  // Mon 1 Jun 2026 10:00 in Bucharest (EEST).
  const clock = createManualClock('2026-06-01T07:00:00Z');
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
  });
  afterAll(() => t.close());

  /** A valid body for every action, so a refusal can only come from the lifecycle. */
  const bodies = (): Record<CaseAction, Record<string, unknown>> => ({
    register: {},
    assign: { assigneeId: fx.staff.techA.id },
    start: {},
    suspend: { reason: 'on_site_inspection' },
    resume: {},
    propose_resolution: { answer: 'Certificatul a fost emis.', returnMethod: 'online' },
    approve: {},
    return: { comment: 'Completați motivarea.' },
    reject: { reason: 'inadmissible', comment: 'Nu este de competența noastră.' },
    redirect: { departmentId: fx.departments.social, reason: 'Competența direcției sociale' },
    extend: { days: 5, reason: 'Verificări suplimentare' },
    close: {},
    withdraw: { comment: 'Retrasă la cererea petentului.' },
    reopen: { comment: 'Petentul contestă răspunsul.' },
  });

  async function getCase(actor: Actor, id: string): Promise<CaseDetail> {
    return ok<CaseDetail>(await actor.call('GET', `/api/v1/cases/${id}`));
  }

  /**
   * allowedActions lists exactly what this person may do: the expected list, and every other
   * action refused by the lifecycle (403 or 409) without changing the case.
   */
  async function expectAllowed(actor: Actor, id: string, expected: CaseAction[]) {
    const before = await getCase(actor, id);
    expect(before.allowedActions, `${actor.email} on a ${before.status} case`).toEqual(expected);
    const body = bodies();
    for (const action of CASE_ACTIONS.filter((a) => !expected.includes(a))) {
      const res = await actor.call('POST', `/api/v1/cases/${id}/actions/${action}`, { version: before.version, ...body[action] });
      expect([403, 409], `${actor.email}: ${action} on a ${before.status} case → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(['auth.forbidden', 'case.invalid_transition']).toContain(res.json().code);
      if (res.statusCode === 409) expect(res.json().code).toBe('case.invalid_transition');
    }
    const after = await getCase(actor, id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
  }

  async function expectHidden(actor: Actor, c: CaseDetail) {
    problem(await actor.call('GET', `/api/v1/cases/${c.id}`), 404, 'resource.not_found');
    problem(await actor.call('GET', `/api/v1/cases/${c.id}/timeline`), 404, 'resource.not_found');
    if (c.registrationNumber) problem(await actor.call('GET', `/api/v1/cases/by-number/${c.registrationNumber}`), 404, 'resource.not_found');
    problem(await actor.call('POST', `/api/v1/cases/${c.id}/comments`, { body: 'Hello' }), 404, 'resource.not_found');
    problem(await actor.call('PATCH', `/api/v1/cases/${c.id}`, { subject: 'Changed by a stranger', version: c.version }), 404, 'resource.not_found');
    for (const action of CASE_ACTIONS) {
      problem(await actor.call('POST', `/api/v1/cases/${c.id}/actions/${action}`, { version: c.version, ...bodies()[action] }), 404, 'resource.not_found');
    }
    const list = ok<{ items: { id: string }[] }>(await actor.call('GET', '/api/v1/cases?limit=200'));
    expect(list.items.map((i) => i.id)).not.toContain(c.id);
  }

  it('walks a case from draft to reopened; every step writes its timeline entry, domain event and audit entry', async () => {
    const { operator, supervisor, techA, techB, techSocial, socialSupervisor, auditor, registrar } = fx.staff;
    const reasons = ok<{ code: string; active: boolean }[]>(await techA.call('GET', '/api/v1/suspension-reasons'));
    expect(reasons.map((r) => r.code).sort()).toEqual(['awaiting_citizen_documents', 'awaiting_other_institution', 'citizen_request', 'on_site_inspection']);
    expect(reasons.every((r) => r.active)).toBe(true);

    // The operator opens a draft while the caller is on the line.
    let c = await openCase(fx, operator, { draft: true, subject: 'Certificat de urbanism — teren str. Florilor', customFields: { reference: 'ref-7' } });
    expect(c).toMatchObject({ status: 'draft', registrationNumber: null, assigneeId: null, departmentId: fx.departments.urbanism, channel: 'phone', customFields: { reference: 'ref-7' } });
    expect(c.deadline).toMatchObject({ clock: 'not_started', dueAt: null, state: 'none', overdue: false });
    await expectAllowed(operator, c.id, ['register', 'withdraw']);
    await expectAllowed(techA, c.id, []);
    await expectAllowed(supervisor, c.id, ['register', 'withdraw']);

    clock.advance(MINUTE);
    c = await act(operator, c, 'register', { comment: 'Înregistrată la telefon' });
    expect(c.status).toBe('registered');
    expect(c.registrationNumber).toBe('PET-2026-000001');
    expect(c.registeredAt).toBe('2026-06-01T07:01:00.000Z');
    // 30 calendar days: day 30 = Wed 1 Jul 2026, end of day EEST.
    expect(c.deadline).toMatchObject({ clock: 'running', dueAt: '2026-07-01T20:59:59.999Z', state: 'on_time', overdue: false });
    expect(ok<CaseDetail>(await auditor.call('GET', `/api/v1/cases/by-number/${c.registrationNumber}`)).id).toBe(c.id);

    await expectAllowed(operator, c.id, ['redirect', 'withdraw']);
    await expectAllowed(registrar, c.id, ['redirect', 'withdraw']);
    await expectAllowed(supervisor, c.id, ['assign', 'reject', 'redirect', 'withdraw']);
    await expectAllowed(techA, c.id, ['assign']); // taking an unassigned case for themself
    await expectAllowed(auditor, c.id, []);
    await expectHidden(techSocial, c);
    await expectHidden(socialSupervisor, c);

    clock.advance(MINUTE);
    c = await act(supervisor, c, 'assign', { assigneeId: techA.id, comment: 'Dosar de urbanism' });
    expect(c).toMatchObject({ status: 'assigned', assigneeId: techA.id });
    await expectAllowed(techA, c.id, ['start', 'withdraw']);
    await expectAllowed(techB, c.id, []);
    await expectAllowed(supervisor, c.id, ['assign', 'reject', 'redirect', 'extend', 'withdraw']);

    clock.advance(MINUTE);
    c = await act(techA, c, 'start');
    expect(c.status).toBe('in_progress');
    await expectAllowed(techA, c.id, ['suspend', 'propose_resolution', 'withdraw']);
    await expectAllowed(techB, c.id, []);
    await expectAllowed(operator, c.id, ['redirect', 'withdraw']);

    clock.advance(MINUTE);
    c = await act(techA, c, 'suspend', { reason: 'awaiting_citizen_documents', comment: 'Lipsește extrasul de carte funciară' });
    expect(c).toMatchObject({ status: 'suspended', suspensionReason: 'awaiting_citizen_documents' });
    expect(c.deadline).toMatchObject({ clock: 'stopped', state: 'stopped', remainingMs: null, overdue: false });
    await expectAllowed(techA, c.id, ['resume', 'withdraw']);
    await expectAllowed(supervisor, c.id, ['assign', 'resume', 'extend', 'withdraw']);

    clock.advance(MINUTE);
    c = await act(techA, c, 'resume', { comment: 'Documentele au sosit' });
    expect(c).toMatchObject({ status: 'in_progress', suspensionReason: null });
    expect(c.deadline.clock).toBe('running');

    clock.advance(MINUTE);
    c = await act(techA, c, 'propose_resolution', { answer: 'Se emite certificatul.', returnMethod: 'post' });
    expect(c.status).toBe('resolution_proposed');
    expect(c.resolution).toEqual({ answer: 'Se emite certificatul.', returnMethod: 'post', proposedBy: techA.id, approvedBy: null });
    await expectAllowed(techA, c.id, ['withdraw']); // no approving one's own proposal
    await expectAllowed(supervisor, c.id, ['approve', 'return', 'extend', 'withdraw']);

    clock.advance(MINUTE);
    c = await act(supervisor, c, 'return', { comment: 'Menționați numărul cadastral.' });
    expect(c.status).toBe('in_progress');

    clock.advance(MINUTE);
    c = await act(techA, c, 'propose_resolution', { answer: 'Se emite certificatul pentru nr. cadastral 123456.', returnMethod: 'online' });
    clock.advance(MINUTE);
    c = await act(supervisor, c, 'approve', { comment: 'De acord' });
    expect(c.status).toBe('resolved');
    expect(c.resolution).toEqual({ answer: 'Se emite certificatul pentru nr. cadastral 123456.', returnMethod: 'online', proposedBy: techA.id, approvedBy: supervisor.id });
    expect(c.deadline).toMatchObject({ clock: 'finished', state: 'none', overdue: false });
    await expectAllowed(techA, c.id, ['close']);
    await expectAllowed(supervisor, c.id, ['close', 'reopen']);
    await expectAllowed(operator, c.id, []);

    clock.advance(MINUTE);
    c = await act(techA, c, 'close');
    expect(c.status).toBe('closed');
    problem(await supervisor.call('PATCH', `/api/v1/cases/${c.id}`, { version: c.version, subject: 'Prea târziu' }), 409, 'case.not_editable');
    await expectAllowed(techA, c.id, []);
    await expectAllowed(supervisor, c.id, ['reopen']);

    clock.advance(MINUTE);
    c = await act(supervisor, c, 'reopen', { comment: 'Petentul contestă răspunsul.' });
    expect(c).toMatchObject({ status: 'reopened', assigneeId: techA.id });
    // A fresh term from the reopening (Mon 1 Jun, 10:11): day 30 = Wed 1 Jul.
    expect(c.deadline).toMatchObject({ clock: 'running', dueAt: '2026-07-01T20:59:59.999Z', extensionDays: null });
    await expectAllowed(supervisor, c.id, ['assign', 'reject', 'redirect', 'withdraw']);

    // The timeline: every action, by whom, from and to, with its reason and comment.
    const timeline = ok<TimelineDto[]>(await supervisor.call('GET', `/api/v1/cases/${c.id}/timeline`));
    expect(timeline.map((e) => [e.type, e.actorId, e.fromStatus, e.toStatus, e.reason, e.comment])).toEqual([
      ['created', operator.id, null, 'draft', null, null],
      ['status_changed', operator.id, 'draft', 'registered', null, 'Înregistrată la telefon'],
      ['status_changed', supervisor.id, 'registered', 'assigned', null, 'Dosar de urbanism'],
      ['status_changed', techA.id, 'assigned', 'in_progress', null, null],
      ['status_changed', techA.id, 'in_progress', 'suspended', 'awaiting_citizen_documents', 'Lipsește extrasul de carte funciară'],
      ['status_changed', techA.id, 'suspended', 'in_progress', null, 'Documentele au sosit'],
      ['status_changed', techA.id, 'in_progress', 'resolution_proposed', null, null],
      ['status_changed', supervisor.id, 'resolution_proposed', 'in_progress', null, 'Menționați numărul cadastral.'],
      ['status_changed', techA.id, 'in_progress', 'resolution_proposed', null, null],
      ['status_changed', supervisor.id, 'resolution_proposed', 'resolved', null, 'De acord'],
      ['status_changed', techA.id, 'resolved', 'closed', null, null],
      ['status_changed', supervisor.id, 'closed', 'reopened', null, 'Petentul contestă răspunsul.'],
    ]);
    expect(timeline.every((e) => e.actorType === 'user')).toBe(true);
    expect(timeline[2]!.data).toMatchObject({ assigneeId: techA.id, previousAssigneeId: null });
    expect(timeline[1]!.data).toMatchObject({ registrationNumber: 'PET-2026-000001', dueAt: '2026-07-01T20:59:59.999Z' });
    expect(timeline.map((e) => e.occurredAt)).toEqual([...timeline.map((e) => e.occurredAt)].sort());

    // The domain events, written in the same transactions.
    const events = await t.database.query<{ type: string; actor_id: string | null; payload: Record<string, unknown> }>(
      'SELECT type, actor_id, payload FROM domain_events WHERE tenant_id = $1 AND subject_id = $2 ORDER BY occurred_at',
      [fx.tenant.id, c.id],
    );
    expect(events.rows.map((e) => [e.type, e.actor_id])).toEqual([
      ['case.drafted', operator.id],
      ['case.registered', operator.id],
      ['case.assigned', supervisor.id],
      ['case.started', techA.id],
      ['case.suspended', techA.id],
      ['case.resumed', techA.id],
      ['case.resolution_proposed', techA.id],
      ['case.resolution_returned', supervisor.id],
      ['case.resolution_proposed', techA.id],
      ['case.resolved', supervisor.id],
      ['case.closed', techA.id],
      ['case.reopened', supervisor.id],
    ]);
    expect(events.rows[1]!.payload).toMatchObject({ registrationNumber: 'PET-2026-000001', dueAt: '2026-07-01T20:59:59.999Z', citizenId: fx.citizenId, channel: 'phone' });
    expect(events.rows[2]!.payload).toMatchObject({ from: 'registered', to: 'assigned', assigneeId: techA.id });
    expect(events.rows[4]!.payload).toMatchObject({ from: 'in_progress', to: 'suspended', reason: 'awaiting_citizen_documents' });

    // The audit trail, as the auditor reads it.
    const audit = ok<{ action: string; actorId: string; details: Record<string, unknown> }[]>(await auditor.call('GET', `/api/v1/audit?subjectId=${c.id}&limit=100`));
    expect(audit.map((a) => [a.action, a.actorId]).reverse()).toEqual([
      ['case.created', operator.id],
      ['case.registered', operator.id],
      ['case.assigned', supervisor.id],
      ['case.started', techA.id],
      ['case.suspended', techA.id],
      ['case.resumed', techA.id],
      ['case.resolution_proposed', techA.id],
      ['case.resolution_returned', supervisor.id],
      ['case.resolution_proposed', techA.id],
      ['case.resolved', supervisor.id],
      ['case.closed', techA.id],
      ['case.reopened', supervisor.id],
    ]);
    expect(audit.find((a) => a.action === 'case.suspended')!.details).toEqual({ from: 'in_progress', to: 'suspended', reason: 'awaiting_citizen_documents' });
  });

  it('refuses by role, by transition and by version, and leaves the case as it was', async () => {
    const { operator, supervisor, techA, techB, auditor } = fx.staff;
    let c = await openCase(fx, operator);
    const registered = c;
    // Invalid transitions: 409 case.invalid_transition.
    problem(await techA.call('POST', `/api/v1/cases/${c.id}/actions/start`, { version: c.version }), 409, 'case.invalid_transition');
    problem(await supervisor.call('POST', `/api/v1/cases/${c.id}/actions/approve`, { version: c.version }), 409, 'case.invalid_transition');
    problem(await supervisor.call('POST', `/api/v1/cases/${c.id}/actions/register`, { version: c.version }), 409, 'case.invalid_transition');
    // A technician may take an unassigned case only for themself.
    problem(await techA.call('POST', `/api/v1/cases/${c.id}/actions/assign`, { version: c.version, assigneeId: techB.id }), 403, 'auth.forbidden');
    // An operator may not assign; an auditor may take no action at all.
    problem(await operator.call('POST', `/api/v1/cases/${c.id}/actions/assign`, { version: c.version, assigneeId: techA.id }), 403, 'auth.forbidden');
    problem(await auditor.call('POST', `/api/v1/cases/${c.id}/actions/withdraw`, { version: c.version, comment: 'Nu mai e nevoie' }), 403, 'auth.forbidden');
    problem(await auditor.call('POST', '/api/v1/cases', { categoryId: fx.categories.petition.id, channel: 'web', citizenId: fx.citizenId, subject: 'Audit' }), 403, 'auth.forbidden');
    expect(await getCase(supervisor, c.id)).toMatchObject({ status: 'registered', version: registered.version, assigneeId: null });

    c = await act(techA, c, 'assign', { assigneeId: techA.id }); // self-assignment
    expect(c).toMatchObject({ status: 'assigned', assigneeId: techA.id });
    // Another technician of the department may neither start nor take over an assigned case.
    problem(await techB.call('POST', `/api/v1/cases/${c.id}/actions/start`, { version: c.version }), 403, 'auth.forbidden');
    problem(await techB.call('POST', `/api/v1/cases/${c.id}/actions/assign`, { version: c.version, assigneeId: techB.id }), 403, 'auth.forbidden');
    // A stale version: 409 resource.stale_version, for actions and edits alike.
    problem(await techA.call('POST', `/api/v1/cases/${c.id}/actions/start`, { version: c.version - 1 }), 409, 'resource.stale_version');
    problem(await techA.call('PATCH', `/api/v1/cases/${c.id}`, { subject: 'Subiect nou', version: c.version - 1 }), 409, 'resource.stale_version');
    c = await act(techA, c, 'start');
    c = await act(techA, c, 'propose_resolution', { answer: 'Răspuns propus', returnMethod: 'in_person' });
    // Only a supervisor approves: not the assignee, not intake, not another technician.
    for (const who of [techA, techB, operator]) {
      problem(await who.call('POST', `/api/v1/cases/${c.id}/actions/approve`, { version: c.version }), 403, 'auth.forbidden');
    }
    problem(await fx.staff.socialSupervisor.call('POST', `/api/v1/cases/${c.id}/actions/approve`, { version: c.version }), 404, 'resource.not_found');
    const after = await getCase(supervisor, c.id);
    expect(after).toMatchObject({ status: 'resolution_proposed', version: c.version });
    const timeline = ok<TimelineDto[]>(await supervisor.call('GET', `/api/v1/cases/${c.id}/timeline`));
    expect(timeline.map((e) => e.toStatus)).toEqual(['draft', 'registered', 'assigned', 'in_progress', 'resolution_proposed']);
  });

  it('a supervisor named on the category approves though they belong to another department', async () => {
    const { operator, supervisor, socialSupervisor, techA } = fx.staff;
    const category = ok<{ id: string; version: number }>(await fx.admin.call('GET', `/api/v1/categories/${fx.categories.petition.id}`));
    ok(await fx.admin.call('PATCH', `/api/v1/categories/${category.id}`, { version: category.version, routing: { strategy: 'manual', supervisorIds: [socialSupervisor.id] } }));
    try {
      let c = await openCase(fx, operator);
      c = await act(supervisor, c, 'assign', { assigneeId: techA.id });
      c = await act(techA, c, 'start');
      c = await act(techA, c, 'propose_resolution', { answer: 'Răspuns', returnMethod: 'online' });
      expect(ok<CaseDetail>(await socialSupervisor.call('GET', `/api/v1/cases/${c.id}`)).allowedActions).toEqual(['approve', 'return', 'extend', 'withdraw']);
      c = await act(socialSupervisor, c, 'approve');
      expect(c.resolution?.approvedBy).toBe(socialSupervisor.id);
    } finally {
      const now = ok<{ version: number }>(await fx.admin.call('GET', `/api/v1/categories/${category.id}`));
      ok(await fx.admin.call('PATCH', `/api/v1/categories/${category.id}`, { version: now.version, routing: { strategy: 'manual', supervisorIds: [] } }));
    }
  });

  it('redirects inside the institution (a new term in the new department) and to an outside agency', async () => {
    const { operator, supervisor, socialSupervisor, techA, techSocial } = fx.staff;
    let c = await openCase(fx, operator);
    clock.advance(MINUTE);
    c = await act(supervisor, c, 'redirect', { departmentId: fx.departments.social, reason: 'Ține de asistența socială' });
    // Routed in the new department by least load (its only technician), with a fresh term; the number stays.
    const number = c.registrationNumber;
    expect(c).toMatchObject({ status: 'assigned', departmentId: fx.departments.social, assigneeId: techSocial.id, registrationNumber: number });
    expect(c.redirect).toMatchObject({ departmentId: fx.departments.social, fromDepartmentId: fx.departments.urbanism });
    expect(c.allowedActions).toEqual([]); // the supervisor sees the outcome, though the case is no longer theirs
    // Now the social department's, and no longer urbanism's.
    expect(ok<CaseDetail>(await techSocial.call('GET', `/api/v1/cases/${c.id}`)).allowedActions).toEqual(['start', 'withdraw']);
    problem(await techA.call('GET', `/api/v1/cases/${c.id}`), 404, 'resource.not_found');
    c = await act(socialSupervisor, c, 'redirect', { agency: { name: 'Agenția Județeană pentru Plăți' }, reason: 'Competența agenției' });
    expect(c).toMatchObject({ status: 'redirected', redirect: { agency: { name: 'Agenția Județeană pentru Plăți' }, reason: 'Competența agenției' } });
    expect(c.deadline.clock).toBe('finished');
    const events = await t.database.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM domain_events WHERE subject_id = $1 AND type = 'case.redirected' ORDER BY occurred_at",
      [c.id],
    );
    expect(events.rows.map((e) => e.payload.to)).toEqual(['assigned', 'redirected']);
    expect(events.rows[1]!.payload).toMatchObject({ inTime: true });
  });

  it('two people acting on the same version at once: one wins, the other gets 409', async () => {
    const { operator, supervisor, techA, techB } = fx.staff;
    const c = await openCase(fx, operator);
    const [a, b] = await Promise.all([
      supervisor.call('POST', `/api/v1/cases/${c.id}/actions/assign`, { version: c.version, assigneeId: techA.id }),
      supervisor.call('POST', `/api/v1/cases/${c.id}/actions/assign`, { version: c.version, assigneeId: techB.id }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json().code).toBe('resource.stale_version');
    const now = await getCase(supervisor, c.id);
    expect(now).toMatchObject({ version: c.version + 1, assigneeId: winner.json().assigneeId });
    const timeline = ok<TimelineDto[]>(await supervisor.call('GET', `/api/v1/cases/${c.id}/timeline`));
    expect(timeline.filter((e) => e.toStatus === 'assigned')).toHaveLength(1);
  });

  it('links cases the person may see, and only those', async () => {
    const { operator, techA, techSocial } = fx.staff;
    const first = await openCase(fx, operator, { subject: 'Sesizare inițială' });
    const again = await openCase(fx, operator, { subject: 'Aceeași sesizare, din nou' });
    const linked = ok<CaseDetail>(await techA.call('POST', `/api/v1/cases/${again.id}/links`, { linkedCaseId: first.id, kind: 'duplicate_of' }));
    expect(linked.links).toEqual([{ linkedCaseId: first.id, kind: 'duplicate_of', registrationNumber: first.registrationNumber }]);
    // Linking twice changes nothing.
    ok(await techA.call('POST', `/api/v1/cases/${again.id}/links`, { linkedCaseId: first.id, kind: 'duplicate_of' }));
    const timeline = ok<TimelineDto[]>(await techA.call('GET', `/api/v1/cases/${again.id}/timeline`));
    expect(timeline.filter((e) => e.type === 'linked').map((e) => e.data)).toEqual([{ linkedCaseId: first.id, kind: 'duplicate_of', registrationNumber: first.registrationNumber }]);
    // A technician of social cannot link their case to urbanism's: it does not exist for them (nor its number).
    const theirs = await openCase(fx, operator, { categoryId: fx.categories.complaint.id, subject: 'Sesizare socială' });
    const before = await caseTableCounts(t, fx.tenant.id);
    const p = problem(await techSocial.call('POST', `/api/v1/cases/${theirs.id}/links`, { linkedCaseId: first.id, kind: 'related' }), 422, 'request.validation_failed');
    expect(p.errors).toEqual([{ path: 'linkedCaseId', message: 'No such case' }]);
    expect(JSON.stringify(p)).not.toContain(first.registrationNumber!);
    expect(await caseTableCounts(t, fx.tenant.id)).toEqual(before);
  });

  it('a technician opening a case for another department gets it back, though they cannot read it afterwards', async () => {
    const c = await openCase(fx, fx.staff.techA, { categoryId: fx.categories.complaint.id, subject: 'Bătrână singură fără încălzire' });
    expect(c).toMatchObject({ departmentId: fx.departments.social, allowedActions: [] });
    expect(c.registrationNumber).toMatch(/^PET-2026-\d{6}$/);
    problem(await fx.staff.techA.call('GET', `/api/v1/cases/${c.id}`), 404, 'resource.not_found');
  });

  it('keeps internal comments apart from comments for the citizen', async () => {
    const { operator, techA } = fx.staff;
    const c = await openCase(fx, operator);
    ok(await techA.call('POST', `/api/v1/cases/${c.id}/comments`, { body: 'Notă internă' }), 204);
    ok(await techA.call('POST', `/api/v1/cases/${c.id}/comments`, { body: 'Vă rugăm să reveniți cu actele.', visibility: 'citizen' }), 204);
    const timeline = ok<TimelineDto[]>(await techA.call('GET', `/api/v1/cases/${c.id}/timeline`));
    expect(timeline.filter((e) => e.type === 'comment').map((e) => [e.comment, e.visibility, e.actorId])).toEqual([
      ['Notă internă', 'internal', techA.id],
      ['Vă rugăm să reveniți cu actele.', 'citizen', techA.id],
    ]);
    const before = await caseTableCounts(t, fx.tenant.id);
    problem(await fx.staff.techSocial.call('POST', `/api/v1/cases/${c.id}/comments`, { body: 'Nu am voie' }), 404, 'resource.not_found');
    expect(await caseTableCounts(t, fx.tenant.id)).toEqual(before);
  });
});
