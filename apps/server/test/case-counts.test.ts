import type { CaseCounts, CaseSummary } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { act, createCaseFixture, ok, openCase, type Actor, type CaseFixture } from './helpers/case-fixtures.ts';

const OPEN = 'registered,assigned,in_progress,suspended,resolution_proposed,reopened';
const RUNNING = 'registered,assigned,in_progress,resolution_proposed,reopened';

/** The web inbox's queues as case-list filters: each count must equal its list's length. */
function queueFilters(counts: CaseCounts, now: Date): Record<string, { expected: number; query: string }> {
  const soon = new Date(now.getTime() + 72 * 3_600_000).toISOString();
  const out: Record<string, { expected: number; query: string }> = {
    open: { expected: counts.open, query: `status=${OPEN}` },
    mine: { expected: counts.mine, query: `status=${OPEN}&assigneeId=me` },
    unassigned: { expected: counts.unassigned, query: `status=${OPEN}&assigneeId=none` },
    overdue: { expected: counts.overdue, query: 'overdue=true' },
    dueSoon: { expected: counts.dueSoon, query: `status=${RUNNING}&overdue=false&dueBefore=${encodeURIComponent(soon)}` },
  };
  for (const [id, n] of Object.entries(counts.departments)) out[`department ${id}`] = { expected: n, query: `status=${OPEN}&departmentId=${id}` };
  return out;
}

describe('inbox queue counts', () => {
  const clock = createManualClock('2026-06-03T07:00:00Z');
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
    const { operator, supervisor, techA, techB } = fx.staff;
    const a = await openCase(fx, operator, { subject: 'Cerere veche' });
    await act(techA, await act(supervisor, a, 'assign', { assigneeId: techA.id }), 'start');
    const b = await openCase(fx, operator, { subject: 'Cerere pentru aprobare' });
    const started = await act(techB, await act(supervisor, b, 'assign', { assigneeId: techB.id }), 'start');
    await act(techB, started, 'propose_resolution', { answer: 'Răspuns propus.', returnMethod: 'online' });
    await openCase(fx, operator, { categoryId: fx.categories.complaint.id, citizenId: null, subject: 'Sesizare socială' });
    // 40 days on, the petitions (30 calendar days) are overdue; then two fresh ones.
    clock.set('2026-07-13T07:00:00Z');
    await openCase(fx, operator, { subject: 'Cerere nouă' });
    await act(supervisor, await openCase(fx, operator, { subject: 'Cerere nouă 2' }), 'assign', { assigneeId: techA.id });
    clock.set('2026-08-10T07:00:00Z'); // the fresh ones are due within 72 hours
  });
  afterAll(() => t.close());

  async function countsOf(actor: Actor, query = ''): Promise<CaseCounts> {
    return ok<CaseCounts>(await actor.call('GET', `/api/v1/cases/counts${query}`));
  }

  it('counts each queue exactly as the case list shows it, for every kind of user', async () => {
    const { operator, supervisor, socialSupervisor, techA, techB, techSocial } = fx.staff;
    for (const actor of [fx.admin, operator, supervisor, socialSupervisor, techA, techB, techSocial]) {
      const counts = await countsOf(actor);
      for (const [queue, { expected, query }] of Object.entries(queueFilters(counts, clock.now()))) {
        const page = ok<{ items: CaseSummary[] }>(await actor.call('GET', `/api/v1/cases?limit=200&${query}`));
        expect(page.items.length, `${actor.roles.join()} ${queue}`).toBe(expected);
      }
    }
  });

  it('gives the numbers a supervisor and a technician expect', async () => {
    const { supervisor, techA, techSocial } = fx.staff;
    const sup = await countsOf(supervisor, `?departmentId=${fx.departments.urbanism}`);
    expect(sup).toMatchObject({ open: 4, awaitingApproval: 1, overdue: 2, dueSoon: 2, unassigned: 1, mine: 0 });
    expect(sup.departments[fx.departments.urbanism]).toBe(4);
    expect(sup.byAssignee).toEqual({ [techA.id]: 2, [fx.staff.techB.id]: 1 });
    expect(await countsOf(techA)).toMatchObject({ mine: 2, awaitingApproval: 0 });
    expect(await countsOf(techSocial)).toMatchObject({ open: 1, mine: 0, unassigned: 1 });
  });

  it('is closed to anonymous callers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases/counts' })).statusCode).toBe(401);
  });
});
