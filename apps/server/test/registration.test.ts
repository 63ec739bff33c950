/**
 * Registration in one round trip (civicline_register_cases), and the caches and counters it relies
 * on: per-person workload kept by a trigger, categories and registers cached per process, the
 * audit chain extended by the database, event subscribers' jobs in the same transaction.
 */
import type { CaseDetail } from '@civicline/contracts';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { createManualClock } from '../src/platform/clock.ts';
import { departments } from '../src/platform/db/schema/index.ts';
import { defineJob } from '../src/platform/jobs/queue.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { act, addCategory, addDepartment, addRegister, addUser, createCaseFixture, ok, openCase, problem, type CaseFixture } from './helpers/case-fixtures.ts';

describe('registration', () => {
  const clock = createManualClock('2026-06-01T07:00:00Z');
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ clock, startJobs: false });
    // A subscriber to the registration's events: their jobs must be enqueued in its transaction.
    t.c.jobs.register(defineJob({ name: 'test.on-registered', payload: z.object({ eventId: z.string(), tenantId: z.string(), type: z.string() }), async handle() {} }));
    t.c.events.subscribe('case.registered', 'test.on-registered');
    t.c.events.subscribe('case.assigned', 'test.on-registered');
    await t.c.jobs.start({ work: false });
    fx = await createCaseFixture(t);
  });
  afterAll(() => t.close());

  /** Open cases and weighted load per person, as the trigger keeps them and as a recount finds them. */
  async function workloads() {
    const kept = await t.database.query<{ user_id: string; open_cases: number; load: number }>(
      'SELECT user_id, open_cases, load FROM staff_workload WHERE tenant_id = $1 AND (open_cases <> 0 OR load <> 0) ORDER BY user_id',
      [fx.tenant.id],
    );
    const counted = await t.database.query<{ user_id: string; open_cases: number; load: number }>(
      `SELECT assignee_id AS user_id, count(*)::int AS open_cases,
              sum(CASE priority WHEN 'low' THEN 1 WHEN 'high' THEN 3 WHEN 'urgent' THEN 4 ELSE 2 END)::int AS load
       FROM cases WHERE tenant_id = $1 AND assignee_id IS NOT NULL
         AND status IN ('registered','assigned','in_progress','suspended','resolution_proposed','reopened')
       GROUP BY assignee_id ORDER BY assignee_id`,
      [fx.tenant.id],
    );
    const norm = (rows: { user_id: string; open_cases: number; load: number }[]) => rows.map((r) => [r.user_id, Number(r.open_cases), Number(r.load)]);
    return { kept: norm(kept.rows), counted: norm(counted.rows) };
  }

  it('keeps each person’s open cases and load exact through every kind of change', async () => {
    const { supervisor, techA, techB, registrar, operator } = fx.staff;
    const balanced = await addCategory(fx, { routing: { strategy: 'least_loaded', supervisorIds: [] } });
    const cases: CaseDetail[] = [];
    for (const priority of ['low', 'normal', 'high', 'urgent', 'normal', 'high']) cases.push(await openCase(fx, operator, { categoryId: balanced.id, priority }));
    expect(cases.every((c) => c.status === 'assigned')).toBe(true);
    let w = await workloads();
    expect(w.kept).toEqual(w.counted);

    const [a, b, c, d, e, f] = cases as [CaseDetail, CaseDetail, CaseDetail, CaseDetail, CaseDetail, CaseDetail];
    // Reassigned both ways at once (the trigger locks the two people in one order), started, suspended, resumed.
    const other = (x: CaseDetail) => (x.assigneeId === techA.id ? techB.id : techA.id);
    await Promise.all([act(supervisor, a, 'assign', { assigneeId: other(a) }), act(supervisor, b, 'assign', { assigneeId: other(b) })]);
    const started = await act(techA.id === c.assigneeId ? techA : techB, c, 'start');
    const suspended = await act(techA.id === c.assigneeId ? techA : techB, started, 'suspend', { reason: 'on_site_inspection' });
    await act(techA.id === c.assigneeId ? techA : techB, suspended, 'resume');
    // Priority changed by an edit; withdrawn; rejected; moved to another department.
    ok(await supervisor.call('PATCH', `/api/v1/cases/${d.id}`, { version: d.version, priority: 'low' }));
    await act(registrar, e, 'withdraw', { comment: 'Retrasă' });
    await act(supervisor, f, 'reject', { reason: 'inadmissible', comment: 'Nu este de competența noastră' });
    w = await workloads();
    expect(w.kept).toEqual(w.counted);
    expect(w.kept.reduce((n, [, open]) => n + Number(open), 0)).toBe(4);

    // A draft registered later, a case moved to a department of its own people, and one reopened.
    const draft = await openCase(fx, registrar, { categoryId: balanced.id, draft: true });
    const registered = await act(registrar, draft, 'register');
    expect(registered.status).toBe('assigned');
    const roads = await addDepartment(fx, 'Drumuri');
    const roadTech = await addUser(fx, ['technician'], [roads], 'road-tech');
    const moved = await act(registrar, registered, 'redirect', { departmentId: roads, reason: 'Competența drumurilor' });
    expect(moved.assigneeId).toBe(roadTech.id);
    w = await workloads();
    expect(w.kept).toEqual(w.counted);
    expect(w.kept.find(([id]) => id === roadTech.id)).toEqual([roadTech.id, 1, 2]);
  });

  it('writes the number, timeline, events, their jobs and a verifiable audit chain, also for an unusual format', async () => {
    const registerId = await addRegister(fx, 'Nr. „{seq:3}" \\ Țară/{year}—{register}');
    const category = await addCategory({ ...fx, registerId }, { routing: { strategy: 'round_robin', supervisorIds: [] } });
    const [first, second] = [await openCase(fx, fx.staff.operator, { categoryId: category.id }), await openCase(fx, fx.staff.operator, { categoryId: category.id })];
    expect(first.registrationNumber).toMatch(/^Nr\. „001" \\ Țară\/2026—R-[A-Z0-9]{6}$/);
    expect(second.registrationNumber).toBe(first.registrationNumber!.replace('„001"', '„002"'));
    expect([first.assigneeId, second.assigneeId].sort()).toEqual([fx.staff.techA.id, fx.staff.techB.id].sort());

    // The response is the case as stored.
    const stored = ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/${first.id}`));
    const { deadline: _d1, ...fromResponse } = first;
    const { deadline: _d2, ...fromStore } = stored;
    expect(fromStore).toEqual(fromResponse);
    const byNumber = ok<CaseDetail>(await fx.staff.operator.call('GET', `/api/v1/cases/by-number/${encodeURIComponent(first.registrationNumber!)}`));
    expect(byNumber.id).toBe(first.id);
    // Found by the words of its number.
    const found = ok<{ items: { id: string }[] }>(await fx.staff.operator.call('GET', `/api/v1/cases?q=${encodeURIComponent('Țară 001')}`));
    expect(found.items.map((i) => i.id)).toEqual([first.id]);

    const timeline = ok<{ type: string; toStatus: string; data: Record<string, unknown> }[]>(await fx.staff.operator.call('GET', `/api/v1/cases/${first.id}/timeline`));
    expect(timeline.map((e) => [e.type, e.toStatus])).toEqual([['created', 'draft'], ['status_changed', 'registered'], ['status_changed', 'assigned']]);
    expect(timeline[1]!.data).toMatchObject({ registrationNumber: first.registrationNumber });
    expect(timeline[2]!.data).toEqual({ assigneeId: first.assigneeId, routed: 'round_robin' });
    const events = await t.database.query<{ id: string; type: string; payload: Record<string, unknown> }>(
      'SELECT id, type, payload FROM domain_events WHERE subject_id = $1 ORDER BY type DESC',
      [first.id],
    );
    expect(events.rows.map((e) => e.type)).toEqual(['case.registered', 'case.assigned']);
    expect(events.rows[0]!.payload).toMatchObject({ registrationNumber: first.registrationNumber, status: 'assigned', citizenId: fx.citizenId, channel: 'phone' });
    expect(events.rows[1]!.payload).toMatchObject({ registrationNumber: first.registrationNumber, assigneeId: first.assigneeId, departmentId: first.departmentId });
    for (const e of events.rows) {
      // One job per subscriber: this test's own, and notifications (which every institution has).
      const jobs = await t.database.query("SELECT name FROM pgboss.job WHERE data->>'eventId' = $1 ORDER BY name", [e.id]);
      expect(jobs.rows, e.type).toEqual([{ name: 'notifications.dispatch' }, { name: 'test.on-registered' }]);
    }
    const audit = await t.c.audit.list(fx.tenant.id, { subjectId: first.id, limit: 10 });
    expect(audit.map((a) => [a.action, a.details]).reverse()).toEqual([
      ['case.created', { channel: 'phone', categoryId: category.id }],
      ['case.registered', { registrationNumber: first.registrationNumber, assigneeId: first.assigneeId }],
    ]);
    expect(await t.c.audit.verify(fx.tenant.id)).toMatchObject({ ok: true });
  });

  it('refuses an unknown or merged citizen without writing anything or taking a number', async () => {
    const registerId = await addRegister(fx, 'CIT-{seq}');
    const category = await addCategory({ ...fx, registerId }, {});
    const body = { categoryId: category.id, channel: 'web', subject: 'Cerere' };
    problem(await fx.staff.operator.call('POST', '/api/v1/cases', { ...body, citizenId: '00000000-0000-4000-8000-000000000000' }), 422, 'request.validation_failed');
    const a = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Ana', lastName: 'Dublură' }), 201);
    const b = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Ana', lastName: 'Păstrată' }), 201);
    ok(await fx.admin.call('POST', `/api/v1/citizens/${b.id}/merge`, { duplicateId: a.id }));
    problem(await fx.staff.operator.call('POST', '/api/v1/cases', { ...body, citizenId: a.id }), 409, 'citizen.merged');
    const counter = await t.database.query('SELECT last_seq FROM register_counters WHERE register_id = $1', [registerId]);
    expect(counter.rows).toEqual([]);
    expect((await openCase(fx, fx.staff.operator, { ...body, citizenId: b.id })).registrationNumber).toBe('CIT-1');
  });

  it('a registration that commits its caller\'s transaction refuses a merged citizen before the COMMIT: the caller\'s writes go with it', async () => {
    const registerId = await addRegister(fx, 'FUS-{seq}');
    const category = await addCategory({ ...fx, registerId }, {});
    const a = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Dan', lastName: 'Dublură' }), 201);
    const b = ok(await fx.staff.operator.call('POST', '/api/v1/citizens', { firstName: 'Dan', lastName: 'Păstrat' }), 201);
    ok(await fx.admin.call('POST', `/api/v1/citizens/${b.id}/merge`, { duplicateId: a.id }));
    const ctx = systemContext(fx.tenant.id, 'email');
    const code = `fused-${Date.now()}`;
    const open = (citizenId: string) =>
      t.database.db.transaction(async (tx) => {
        // A write of the caller's before the registration (intake's rows, here a department).
        await tx.insert(departments).values({ tenantId: fx.tenant.id, code, name: { en: 'Written before' } });
        const prepared = await t.c.cases.prepareWithin(tx, ctx, { categoryId: category.id, channel: 'email', citizenId, subject: 'Cerere', description: '', customFields: {}, priority: 'normal', draft: false });
        return t.c.cases.openWithin(tx, ctx, prepared, { commitsTransaction: true });
      });
    await expect(open(a.id)).rejects.toMatchObject({ code: 'citizen.merged' });
    expect((await t.database.query('SELECT 1 FROM departments WHERE tenant_id = $1 AND code = $2', [fx.tenant.id, code])).rows).toEqual([]);
    expect((await t.database.query('SELECT last_seq FROM register_counters WHERE register_id = $1', [registerId])).rows).toEqual([]);
    const opened = await open(b.id);
    expect(opened.registrationNumber).toBe('FUS-1');
    expect((await t.database.query('SELECT 1 FROM departments WHERE tenant_id = $1 AND code = $2', [fx.tenant.id, code])).rows).toHaveLength(1);
  });

  it('a category or register changed through the API applies to the very next case (the caches are dropped)', async () => {
    const registerId = await addRegister(fx, 'OLD-{seq}');
    const category = await addCategory({ ...fx, registerId }, {});
    expect((await openCase(fx, fx.staff.operator, { categoryId: category.id })).registrationNumber).toBe('OLD-1');
    const register = ok<{ version: number }>(await fx.admin.call('GET', `/api/v1/registers/${registerId}`));
    ok(await fx.admin.call('PATCH', `/api/v1/registers/${registerId}`, { format: 'NEW-{seq:2}', version: register.version }));
    ok(await fx.admin.call('PATCH', `/api/v1/categories/${category.id}`, {
      fields: [{ key: 'plot', type: 'text', label: { en: 'Plot' }, required: true }],
      version: category.version,
    }));
    const refused = problem(await fx.staff.operator.call('POST', '/api/v1/cases', { categoryId: category.id, channel: 'web', citizenId: fx.citizenId, subject: 'Fără parcelă' }), 422, 'request.validation_failed');
    expect(refused.errors!.map((e) => e.path)).toEqual(['customFields.plot']);
    expect((await openCase(fx, fx.staff.operator, { categoryId: category.id, customFields: { plot: '12' } })).registrationNumber).toBe('NEW-02');
  });

  it('concurrent registrations in two departments sharing a register and a technician, with reassignments under way, never deadlock', async () => {
    const registerId = await addRegister(fx, 'MIX-{seq}');
    const [x, y] = [await addDepartment(fx, 'Est'), await addDepartment(fx, 'Vest')];
    const shared = await addUser(fx, ['technician'], [x, y], 'both');
    const [onlyX, onlyY] = [await addUser(fx, ['technician'], [x], 'est'), await addUser(fx, ['technician'], [y], 'vest')];
    const routing = { strategy: 'least_loaded' as const, supervisorIds: [] };
    const [catX, catY] = [await addCategory({ ...fx, registerId }, { departmentId: x, routing }), await addCategory({ ...fx, registerId }, { departmentId: y, routing })];
    const open = (categoryId: string) => fx.staff.operator.call('POST', '/api/v1/cases', { categoryId, channel: 'web', citizenId: fx.citizenId, subject: 'Cerere' });
    const first = await Promise.all(Array.from({ length: 6 }, (_, i) => open(i % 2 ? catX.id : catY.id)));
    const existing = first.map((r) => ok<CaseDetail>(r, 201)).filter((c) => c.departmentId === x);
    const swap = (c: CaseDetail) => fx.admin.call('POST', `/api/v1/cases/${c.id}/actions/assign`, { version: c.version, assigneeId: c.assigneeId === shared.id ? onlyX.id : shared.id });
    const responses = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => open(i % 2 ? catX.id : catY.id)),
      ...existing.map(swap),
    ]);
    for (const r of responses) expect([200, 201], r.body).toContain(r.statusCode);
    const numbers = await t.database.query<{ registration_seq: number }>('SELECT registration_seq FROM cases WHERE register_id = $1 ORDER BY registration_seq', [registerId]);
    expect(numbers.rows.map((r) => Number(r.registration_seq))).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    const w = await workloads();
    expect(w.kept).toEqual(w.counted);
    const held = (id: string) => Number(w.kept.find(([u]) => u === id)?.[1] ?? 0);
    expect(held(shared.id) + held(onlyX.id) + held(onlyY.id)).toBe(46);
    expect(await t.c.audit.verify(fx.tenant.id)).toMatchObject({ ok: true });
  });
});
