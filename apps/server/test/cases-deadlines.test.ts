/**
 * Legal deadlines end to end: the worked examples of modules/sla/deadline.test.ts, reached through
 * the API with a manual clock, on a real database.
 */
import type { CaseDetail, CaseSummary } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { act, addCategory, createCaseFixture, ok, openCase, problem, type CaseFixture, type Category } from './helpers/case-fixtures.ts';

const H = 3_600_000;

async function eventsOf(t: TestContext, caseId: string, types: string[]): Promise<string[]> {
  const r = await t.database.query<{ type: string }>(
    'SELECT type FROM domain_events WHERE subject_id = $1 AND type = ANY($2::text[]) ORDER BY occurred_at, type',
    [caseId, types],
  );
  return r.rows.map((x) => x.type);
}

describe('Romania: a petition under OG 27/2002 (30 calendar days, +15, 5 days to forward)', () => {
  // Tue 10 Mar 2026, 10:00 in Bucharest (EET, UTC+2).
  const clock = createManualClock('2026-03-10T08:00:00Z');
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
  });
  afterAll(() => t.close());

  const get = async (id: string) => ok<CaseDetail>(await fx.staff.supervisor.call('GET', `/api/v1/cases/${id}`));

  async function assigned(at = '2026-03-10T08:00:00Z', body: Record<string, unknown> = {}): Promise<CaseDetail> {
    clock.set(at);
    const c = await openCase(fx, fx.staff.operator, body);
    return act(fx.staff.supervisor, c, 'assign', { assigneeId: fx.staff.techA.id });
  }

  it('is due at the end of the 30th day in the tenant’s zone; the forwarding term is 5 days', async () => {
    const c = await openCase(fx, fx.staff.operator);
    expect(c.registeredAt).toBe('2026-03-10T08:00:00.000Z');
    expect(c.deadline).toEqual({
      dueAt: '2026-04-09T20:59:59.999Z', // day 30 = Thu 9 Apr, 23:59:59.999 EEST
      remainingMs: Date.parse('2026-04-09T20:59:59.999Z') - Date.parse('2026-03-10T08:00:00Z'),
      state: 'on_time',
      overdue: false,
      clock: 'running',
      extensionDays: null,
      forwardDueAt: '2026-03-16T21:59:59.999Z', // day 5 = Sun 15 Mar → Mon 16 Mar, EET
    });
    // The same case a little after midnight UTC is registered on the next local day.
    clock.set('2026-03-10T22:30:00Z');
    expect((await openCase(fx, fx.staff.operator)).deadline.dueAt).toBe('2026-04-14T20:59:59.999Z'); // day 30 = Good Friday → Tue 14 Apr
  });

  it('shows on time, due soon, then overdue as the clock moves, in the case and in lists', async () => {
    const c = await assigned();
    const due = Date.parse('2026-04-09T20:59:59.999Z');
    const at = async (ms: number) => {
      clock.set(new Date(ms));
      return (await get(c.id)).deadline;
    };
    expect(await at(due - 72 * H - 1)).toMatchObject({ state: 'on_time', overdue: false, remainingMs: 72 * H + 1 });
    expect(await at(due - 72 * H)).toMatchObject({ state: 'due_soon', overdue: false });
    expect(await at(due)).toMatchObject({ state: 'due_soon', overdue: false, remainingMs: 0 });
    expect(await at(due + 1)).toMatchObject({ state: 'overdue', overdue: true, remainingMs: -1 });
    const overdue = ok<{ items: CaseSummary[] }>(await fx.staff.supervisor.call('GET', '/api/v1/cases?overdue=true&limit=200'));
    expect(overdue.items.map((i) => i.id)).toContain(c.id);
    expect(overdue.items.every((i) => i.deadline.overdue)).toBe(true);
    const notOverdue = ok<{ items: CaseSummary[] }>(await fx.staff.supervisor.call('GET', '/api/v1/cases?overdue=false&limit=200'));
    expect(notOverdue.items.map((i) => i.id)).not.toContain(c.id);
  });

  it('a suspension gives back its days when the clock is resumed', async () => {
    let c = await assigned();
    c = await act(fx.staff.techA, c, 'start');
    clock.set('2026-03-20T13:00:00Z'); // Fri 20 Mar, 15:00 EET
    c = await act(fx.staff.techA, c, 'suspend', { reason: 'awaiting_citizen_documents' });
    expect(c.deadline).toMatchObject({ clock: 'stopped', state: 'stopped', overdue: false, remainingMs: null });
    // Stopped, the case cannot fall overdue, whatever the date.
    clock.set('2026-03-23T07:00:00Z'); // Mon 23 Mar, 09:00 EET: 2 days 18 hours later → 3 days
    c = await act(fx.staff.techA, c, 'resume');
    // Day 30 + 3 = Sun 12 Apr (Easter) → Mon 13 Apr (Easter Monday) → Tue 14 Apr.
    expect(c.deadline).toMatchObject({ clock: 'running', dueAt: '2026-04-14T20:59:59.999Z', state: 'on_time' });
    const stops = await t.database.query<{ from_at: Date; to_at: Date; reason: string }>('SELECT from_at, to_at, reason FROM case_suspensions WHERE case_id = $1', [c.id]);
    expect(stops.rows.map((s) => [new Date(s.from_at).toISOString(), new Date(s.to_at).toISOString(), s.reason])).toEqual([
      ['2026-03-20T13:00:00.000Z', '2026-03-23T07:00:00.000Z', 'awaiting_citizen_documents'],
    ]);
    const timeline = ok<{ type: string; toStatus: string; data: Record<string, unknown> }[]>(await fx.staff.techA.call('GET', `/api/v1/cases/${c.id}/timeline`));
    expect(timeline.at(-1)!.data).toMatchObject({ suspendedFrom: '2026-03-20T13:00:00.000Z' });

    // Extended once by 15 days on top of the stop: day 48 = Mon 27 Apr.
    clock.set('2026-04-01T07:00:00Z');
    const tooLong = problem(await fx.staff.supervisor.call('POST', `/api/v1/cases/${c.id}/actions/extend`, { version: c.version, days: 16, reason: 'Verificări pe teren' }), 422, 'case.extension_too_long');
    expect(tooLong.errors).toEqual([{ path: 'days', message: 'At most 15' }]);
    problem(await fx.staff.techA.call('POST', `/api/v1/cases/${c.id}/actions/extend`, { version: c.version, days: 15, reason: 'Verificări' }), 403, 'auth.forbidden');
    c = await act(fx.staff.supervisor, c, 'extend', { days: 15, reason: 'Verificări pe teren' });
    expect(c.deadline).toMatchObject({ dueAt: '2026-04-27T20:59:59.999Z', extensionDays: 15 });
    problem(await fx.staff.supervisor.call('POST', `/api/v1/cases/${c.id}/actions/extend`, { version: c.version, days: 1, reason: 'Încă o dată' }), 409, 'case.extension_used');
    const entry = ok<{ type: string; reason: string; data: Record<string, unknown> }[]>(await fx.staff.techA.call('GET', `/api/v1/cases/${c.id}/timeline`)).at(-1)!;
    expect(entry).toMatchObject({ type: 'extended', reason: 'Verificări pe teren', data: { previousDueAt: '2026-04-14T20:59:59.999Z', dueAt: '2026-04-27T20:59:59.999Z' } });
    // A second stop after the extension: 1 hour counts as a day → Tue 28 Apr.
    clock.set('2026-04-02T07:00:00Z');
    c = await act(fx.staff.techA, c, 'suspend', { reason: 'on_site_inspection' });
    clock.set('2026-04-02T08:00:00Z');
    c = await act(fx.staff.techA, c, 'resume');
    expect(c.deadline.dueAt).toBe('2026-04-28T20:59:59.999Z');
  });

  it('the sweep raises deadline_approaching and overdue once each; an extension past the due date starts over', async () => {
    const kinds = ['case.deadline_approaching', 'case.overdue'];
    // Warned 72 hours ahead (the fixture's petition), and one hour ahead (so a daily sweep sees it only late).
    const shortWarning = await addCategory(fx, { deadline: { ...fx.categories.petition.deadline, warnBeforeHours: 1 } });
    const warned = await assigned(); // due Thu 9 Apr
    let late = await assigned(undefined, { categoryId: shortWarning.id }); // due Thu 9 Apr too
    const suspended = await act(fx.staff.techA, await act(fx.staff.techA, await assigned(), 'start'), 'suspend', { reason: 'awaiting_other_institution' });

    clock.set('2026-03-30T07:00:00Z'); // ten days before: nothing
    await t.c.cases.sweepDeadlines();
    expect(await eventsOf(t, warned.id, kinds)).toEqual([]);

    clock.set('2026-04-07T07:00:00Z'); // within 72 hours of the due date
    await t.c.cases.sweepDeadlines();
    await t.c.cases.sweepDeadlines();
    expect(await eventsOf(t, warned.id, kinds)).toEqual(['case.deadline_approaching']);
    expect(await eventsOf(t, late.id, kinds)).toEqual([]);

    clock.set('2026-04-10T06:00:00Z'); // Fri 10 Apr, 09:00 EEST: late
    const first = await t.c.cases.sweepDeadlines();
    await t.c.cases.sweepDeadlines();
    expect(first.overdue).toBeGreaterThanOrEqual(2);
    expect(await eventsOf(t, warned.id, kinds)).toEqual(['case.deadline_approaching', 'case.overdue']);
    expect(await eventsOf(t, late.id, kinds)).toEqual(['case.overdue']); // past the warning: only the overdue
    // A stopped clock does not run out.
    expect(await eventsOf(t, suspended.id, kinds)).toEqual([]);
    expect((await get(suspended.id)).deadline).toMatchObject({ state: 'stopped', overdue: false });
    const payload = await t.database.query<{ payload: Record<string, unknown> }>("SELECT payload FROM domain_events WHERE subject_id = $1 AND type = 'case.overdue'", [warned.id]);
    expect(payload.rows[0]!.payload).toMatchObject({ dueAt: '2026-04-09T20:59:59.999Z', assigneeId: fx.staff.techA.id, departmentId: fx.departments.urbanism, registrationNumber: warned.registrationNumber });

    // Extended after the due date: +15 → Fri 24 Apr; no longer overdue, and the new term is watched anew.
    expect((await get(late.id)).deadline.overdue).toBe(true);
    late = await act(fx.staff.supervisor, await get(late.id), 'extend', { days: 15, reason: 'Răspunsul altei instituții întârzie' });
    expect(late.deadline).toMatchObject({ dueAt: '2026-04-24T20:59:59.999Z', overdue: false, state: 'on_time', extensionDays: 15 });
    await t.c.cases.sweepDeadlines();
    expect(await eventsOf(t, late.id, kinds)).toEqual(['case.overdue']);
    const overdueList = ok<{ items: CaseSummary[] }>(await fx.staff.supervisor.call('GET', '/api/v1/cases?overdue=true&limit=200'));
    expect(overdueList.items.map((i) => i.id)).not.toContain(late.id);
    expect(overdueList.items.map((i) => i.id)).toContain(warned.id);
    clock.set('2026-04-24T20:30:00Z'); // half an hour before the new due date
    await t.c.cases.sweepDeadlines();
    clock.set('2026-04-25T06:00:00Z');
    await t.c.cases.sweepDeadlines();
    await t.c.cases.sweepDeadlines();
    expect(await eventsOf(t, late.id, kinds)).toEqual(['case.overdue', 'case.deadline_approaching', 'case.overdue']);
    expect(await eventsOf(t, warned.id, kinds)).toEqual(['case.deadline_approaching', 'case.overdue']);
  });

  it('10 working days across Orthodox Easter 2026, and a working Saturday of the institution', async () => {
    const category: Category = await addCategory(fx, { deadline: { unit: 'working_days', amount: 10, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 5, warnBeforeHours: 24 } });
    clock.set('2026-04-08T06:00:00Z'); // Wed 8 Apr, 09:00 EEST
    let c = await openCase(fx, fx.staff.operator, { categoryId: category.id });
    // Good Friday, Easter, Easter Monday do not count: day 10 = Fri 24 Apr.
    expect(c.deadline.dueAt).toBe('2026-04-24T20:59:59.999Z');
    c = await act(fx.staff.supervisor, c, 'assign', { assigneeId: fx.staff.techB.id });
    c = await act(fx.staff.supervisor, c, 'extend', { days: 5, reason: 'Documentație suplimentară' });
    expect(c.deadline.dueAt).toBe('2026-05-04T20:59:59.999Z'); // 1 May is a holiday
    ok(await fx.admin.call('PUT', '/api/v1/calendar/days/2026-04-18', { working: true, name: 'Sâmbătă lucrătoare' }));
    try {
      const d = await openCase(fx, fx.staff.operator, { categoryId: category.id });
      expect(d.deadline.dueAt).toBe('2026-04-23T20:59:59.999Z');
    } finally {
      ok(await fx.admin.call('DELETE', '/api/v1/calendar/days/2026-04-18'), 204);
    }
  });
});

describe('Russia: an appeal under 59-FZ (30 days, previous working day, +30, 7 days to forward)', () => {
  // Mon 8 Dec 2025, 11:30 in Moscow (UTC+3).
  const clock = createManualClock('2025-12-08T08:30:00Z');
  let t: TestContext;
  let fx: CaseFixture;
  let appeal: Category;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t, { country: 'RU', timeZone: 'Europe/Moscow', defaultLanguage: 'ru', nationalIdScheme: 'ru_snils', name: 'Горячая линия' });
    // The transfer decrees date-holidays does not know.
    for (const day of ['2025-12-31', '2026-01-09']) ok(await fx.admin.call('PUT', `/api/v1/calendar/days/${day}`, { working: false, name: 'Перенос выходного дня' }));
    appeal = await addCategory(fx, {
      name: { ru: 'Обращение (59-ФЗ)', en: 'Official appeal' },
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'previous_working_day', maxExtensionDays: 30, forwardingDays: 7, warnBeforeHours: 72 },
    });
  });
  afterAll(() => t.close());

  it('ends on the last working day before the January holidays and is extended from the unadjusted 30th day', async () => {
    let c = await openCase(fx, fx.staff.operator, { categoryId: appeal.id, subject: 'Жалоба на работу управляющей компании' });
    expect(c.deadline).toMatchObject({ dueAt: '2025-12-30T20:59:59.999Z', forwardDueAt: '2025-12-15T20:59:59.999Z', state: 'on_time' });
    c = await act(fx.staff.supervisor, c, 'assign', { assigneeId: fx.staff.techA.id });
    problem(await fx.staff.supervisor.call('POST', `/api/v1/cases/${c.id}/actions/extend`, { version: c.version, days: 31, reason: 'Слишком долго' }), 422, 'case.extension_too_long');
    c = await act(fx.staff.supervisor, c, 'extend', { days: 30, reason: 'Запрос в другой орган' });
    expect(c.deadline).toMatchObject({ dueAt: '2026-02-06T20:59:59.999Z', extensionDays: 30 });
    clock.set('2025-12-31T09:00:00Z');
    expect(ok<CaseDetail>(await fx.staff.techA.call('GET', `/api/v1/cases/${c.id}`)).deadline).toMatchObject({ overdue: false, state: 'on_time' });
  });

  it('must be forwarded within 7 days; a redirect to an outside agency records whether it was in time', async () => {
    clock.set('2025-12-26T07:00:00Z'); // Fri 26 Dec, 10:00 MSK: day 7 = Fri 2 Jan → back to Tue 30 Dec
    const c = await openCase(fx, fx.staff.operator, { categoryId: appeal.id, subject: 'Вопрос о компетенции другого органа' });
    expect(c.deadline.forwardDueAt).toBe('2025-12-30T20:59:59.999Z');
    const late = await openCase(fx, fx.staff.operator, { categoryId: appeal.id, subject: 'Вопрос о пенсии' });
    clock.set('2025-12-30T20:00:00Z');
    await act(fx.staff.supervisor, c, 'redirect', { agency: { name: 'Социальный фонд России' }, reason: 'Вопрос в компетенции СФР' });
    clock.set('2026-01-12T06:00:00Z');
    await act(fx.staff.supervisor, late, 'redirect', { agency: { name: 'Социальный фонд России' }, reason: 'Вопрос в компетенции СФР' });
    const r = await t.database.query<{ subject_id: string; payload: { inTime: boolean } }>(
      "SELECT subject_id, payload FROM domain_events WHERE type = 'case.redirected' AND subject_id = ANY($1::text[])",
      [[c.id, late.id]],
    );
    expect(Object.fromEntries(r.rows.map((x) => [x.subject_id, x.payload.inTime]))).toEqual({ [c.id]: true, [late.id]: false });
  });
});
