import type { CaseDetail } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { act, addCategory, addDepartment, addUser, createCaseFixture, ok, openCase, type CaseFixture, type Category, type CategoryInput } from './helpers/case-fixtures.ts';

describe('routing new cases to technicians', () => {
  // Mon 1 Jun 2026, 23:30 UTC = Tue 2 Jun 2026, 02:30 in Bucharest: "today" differs by zone.
  const clock = createManualClock('2026-06-01T23:30:00Z');
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
  });
  afterAll(() => t.close());

  /** A department with `n` technicians (sorted by id, the order routing breaks ties in) and a category routed by `routing`. */
  async function team(n: number, routing: (ids: string[]) => CategoryInput['routing']): Promise<{ department: string; techs: string[]; category: Category }> {
    const department = await addDepartment(fx, 'Retele');
    const techs = (await Promise.all(Array.from({ length: n }, (_, i) => addUser(fx, ['technician'], [department], `tech${i}`)))).map((u) => u.id).sort();
    const category = await addCategory(fx, { departmentId: department, routing: routing(techs) });
    return { department, techs, category };
  }

  async function register(category: Category, count: number, opts: { concurrent?: boolean; priority?: string } = {}): Promise<CaseDetail[]> {
    const one = () => openCase(fx, fx.staff.operator, { categoryId: category.id, ...(opts.priority ? { priority: opts.priority } : {}) });
    if (opts.concurrent) return Promise.all(Array.from({ length: count }, one));
    const out: CaseDetail[] = [];
    for (let i = 0; i < count; i++) out.push(await one());
    return out;
  }

  const tally = (cases: CaseDetail[], techs: string[]) => techs.map((id) => cases.filter((c) => c.assigneeId === id).length);

  it('least_loaded spreads 100 concurrent registrations across 4 technicians within ±1', async () => {
    const { techs, category } = await team(4, () => ({ strategy: 'least_loaded', supervisorIds: [] }));
    const cases = await register(category, 100, { concurrent: true });
    expect(cases.every((c) => c.status === 'assigned' && techs.includes(c.assigneeId!))).toBe(true);
    const counts = tally(cases, techs);
    expect(counts.reduce((a, b) => a + b)).toBe(100);
    expect(Math.max(...counts) - Math.min(...counts), `counts ${counts}`).toBeLessThanOrEqual(1);
    // The stored assignments agree with what the responses said.
    const stored = await t.database.query<{ assignee_id: string; n: string | number }>(
      'SELECT assignee_id, count(*) AS n FROM cases WHERE category_id = $1 GROUP BY assignee_id',
      [category.id],
    );
    expect(Object.fromEntries(stored.rows.map((r) => [r.assignee_id, Number(r.n)]))).toEqual(Object.fromEntries(techs.map((id, i) => [id, counts[i]])));
  });

  it('honours capacity: a technician with capacity 10 gets at most 10, the rest share the remainder', async () => {
    const { techs, category } = await team(4, () => ({ strategy: 'least_loaded', supervisorIds: [] }));
    const capped = techs[2]!;
    const workload = ok<{ capacity: number | null }>(await fx.staff.supervisor.call('PUT', `/api/v1/users/${capped}/capacity`, { capacity: 10 }));
    expect(workload.capacity).toBe(10);
    const cases = await register(category, 46, { concurrent: true });
    const counts = tally(cases, techs);
    expect(counts).toEqual([12, 12, 10, 12]);
    // Nobody can take more: with everyone full, a new case waits unassigned.
    for (const id of techs.filter((x) => x !== capped)) ok(await fx.staff.supervisor.call('PUT', `/api/v1/users/${id}/capacity`, { capacity: 12 }));
    const [waiting] = await register(category, 1);
    expect(waiting).toMatchObject({ status: 'registered', assigneeId: null });
    // Closing one of the capped technician's cases frees a place for them.
    const theirs = cases.find((c) => c.assigneeId === capped)!;
    ok(await fx.admin.call('POST', `/api/v1/cases/${theirs.id}/actions/withdraw`, { version: theirs.version, comment: 'Retrasă' }));
    const [next] = await register(category, 1);
    expect(next!.assigneeId).toBe(capped);
    // At capacity again: they may be handed back a case they hold, but not another one.
    const reassigned = await act(fx.admin, next!, 'assign', { assigneeId: capped, comment: 'Rămâne la același tehnician' });
    expect(reassigned.assigneeId).toBe(capped);
    const someoneElses = cases.find((c) => c.assigneeId === techs[0])!;
    const refused = await fx.admin.call('POST', `/api/v1/cases/${someoneElses.id}/actions/assign`, { version: someoneElses.version, assigneeId: capped });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('case.invalid_assignee');
  });

  it('an absent technician (absence covering today in the tenant’s zone) gets none', async () => {
    const { techs, category } = await team(4, () => ({ strategy: 'least_loaded', supervisorIds: [] }));
    // Today in Bucharest is 2 June; in UTC it is still 1 June.
    ok(await fx.staff.supervisor.call('POST', `/api/v1/users/${techs[0]}/absences`, { fromDay: '2026-06-02', toDay: '2026-06-05', reason: 'concediu de odihnă' }));
    ok(await fx.staff.supervisor.call('POST', `/api/v1/users/${techs[1]}/absences`, { fromDay: '2026-05-25', toDay: '2026-06-01', reason: 'concediu medical' }));
    const workload = ok<{ absences: { fromDay: string; toDay: string }[] }>(await fx.staff.supervisor.call('GET', `/api/v1/users/${techs[0]}/workload`));
    expect(workload.absences).toMatchObject([{ fromDay: '2026-06-02', toDay: '2026-06-05' }]);
    const cases = await register(category, 12, { concurrent: true });
    expect(tally(cases, techs)).toEqual([0, 4, 4, 4]);
    // Back on 6 June, they are the least loaded and get the next ones.
    clock.set('2026-06-06T06:00:00Z');
    const later = await register(category, 4);
    expect(later.map((c) => c.assigneeId)).toEqual([techs[0], techs[0], techs[0], techs[0]]);
    clock.set('2026-06-01T23:30:00Z');
  });

  it('round_robin cycles through the technicians, skipping one who is absent', async () => {
    const { techs, category } = await team(3, () => ({ strategy: 'round_robin', supervisorIds: [] }));
    const first = await register(category, 7);
    expect(first.map((c) => c.assigneeId)).toEqual([techs[0], techs[1], techs[2], techs[0], techs[1], techs[2], techs[0]]);
    ok(await fx.staff.supervisor.call('POST', `/api/v1/users/${techs[1]}/absences`, { fromDay: '2026-06-02', toDay: '2026-06-02' }));
    const next = await register(category, 4);
    expect(next.map((c) => c.assigneeId)).toEqual([techs[2], techs[0], techs[2], techs[0]]);
  });

  it('fixed goes to the person whatever their load; to nobody while they are absent', async () => {
    const { techs, category } = await team(2, (ids) => ({ strategy: 'fixed', fixedUserId: ids[1], supervisorIds: [] }));
    const cases = await register(category, 5, { concurrent: true });
    expect(cases.map((c) => c.assigneeId)).toEqual(Array(5).fill(techs[1]));
    ok(await fx.staff.supervisor.call('POST', `/api/v1/users/${techs[1]}/absences`, { fromDay: '2026-06-02', toDay: '2026-06-02' }));
    const [waiting] = await register(category, 1);
    expect(waiting).toMatchObject({ status: 'registered', assigneeId: null });
  });

  it('weighs open cases by priority: an urgent case counts as two normal ones', async () => {
    const { techs, category } = await team(2, () => ({ strategy: 'least_loaded', supervisorIds: [] }));
    const [x, y] = techs as [string, string];
    const urgent = await register(category, 1, { priority: 'urgent' });
    const normal = await register(category, 3, { priority: 'normal' });
    // urgent → x (4); normal → y (2); normal → y (4); tie at 4, fewer cases → x.
    expect([...urgent, ...normal].map((c) => c.assigneeId)).toEqual([x, y, y, x]);
    // Counting cases alone would have alternated x, y, x, y.
    const low = await register(category, 2, { priority: 'low' });
    // x: 4 + 2 = 6, y: 2 + 2 = 4 → y (5) → y (6): two cases more than x, the same weight.
    expect(low.map((c) => c.assigneeId)).toEqual([y, y]);
    // A finished case no longer weighs.
    const u = urgent[0]!;
    await act(fx.admin, u, 'withdraw', { comment: 'Rezolvat pe loc' });
    const [after] = await register(category, 1, { priority: 'high' });
    expect(after!.assigneeId).toBe(x);
  });
});
