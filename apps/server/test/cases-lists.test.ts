import type { CaseDetail, CaseSummary } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { createTestApp, type TestContext } from './helpers/harness.ts';
import { act, addCategory, createCaseFixture, ok, openCase, problem, VALID_PERMIT, type Actor, type CaseFixture } from './helpers/case-fixtures.ts';

interface Page {
  items: CaseSummary[];
  nextCursor: string | null;
}

describe('listing cases: filters, full text, cursor pagination, who sees what', () => {
  const clock = createManualClock('2026-06-03T07:00:00Z'); // Wed 3 Jun 2026, 10:00 in Bucharest
  let t: TestContext;
  let fx: CaseFixture;
  const c: Record<string, CaseDetail> = {};
  let between: string; // a real instant between the two batches (created_at is the database's time)
  let before: string;
  let after: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    fx = await createCaseFixture(t);
    const { operator, supervisor, techA, techB, socialSupervisor, techSocial } = fx.staff;
    const { petition, permit, complaint } = fx.categories;
    before = new Date(Date.now() - 1000).toISOString();
    c.garage = await openCase(fx, operator, { categoryId: petition.id, channel: 'web', subject: 'Solicitare autorizație de construire pentru garaj', description: 'Garaj din lemn în curtea casei.' });
    c.garage = await act(techA, await act(supervisor, c.garage, 'assign', { assigneeId: techA.id }), 'start');
    c.demolition = await openCase(fx, operator, { categoryId: permit.id, channel: 'email', subject: 'Demolare anexă gospodărească', customFields: VALID_PERMIT, priority: 'high' });
    c.draft = await openCase(fx, operator, { channel: 'phone', draft: true, subject: 'Reclamaţie privind şantierul de pe strada Mare', description: 'Zgomot după ora 22.' }); // cedilla ţ ş
    c.park = await openCase(fx, operator, { categoryId: complaint.id, channel: 'sms', citizenId: null, subject: 'Reclamație privind șantierul din parc', description: 'Utilaje pe alee.' }); // comma ț ș
    await new Promise((r) => setTimeout(r, 20));
    between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    clock.set('2026-06-10T07:00:00Z');
    c.copy = await openCase(fx, operator, { channel: 'email', subject: 'Cerere copie act', description: 'Doresc o copie după AUTORIZAȚIE de construire din 1998.' });
    c.copy = await act(supervisor, c.copy, 'assign', { assigneeId: techB.id });
    c.lamp = await openCase(fx, operator, { categoryId: complaint.id, channel: 'web', subject: 'Iluminat public defect', priority: 'urgent' });
    c.lamp = await act(socialSupervisor, c.lamp, 'assign', { assigneeId: techSocial.id });
    after = new Date(Date.now() + 1000).toISOString();
  });
  afterAll(() => t.close());

  async function ids(actor: Actor, query: string): Promise<string[]> {
    const page = ok<Page>(await actor.call('GET', `/api/v1/cases?limit=200&${query}`));
    expect(page.nextCursor).toBeNull();
    return page.items.map((i) => i.id);
  }
  const named = (...names: string[]) => names.map((n) => c[n]!.id);
  /** The same set, newest first as the list orders them. */
  const set = (xs: string[]) => [...xs].sort();

  it('lists newest first and filters by status, department, category, channel and assignee', async () => {
    const { supervisor, techA, operator } = fx.staff;
    expect(await ids(operator, '')).toEqual(named('lamp', 'copy', 'park', 'draft', 'demolition', 'garage'));
    expect(set(await ids(operator, 'status=draft,registered'))).toEqual(set(named('draft', 'demolition', 'park')));
    expect(await ids(operator, 'status=in_progress')).toEqual(named('garage'));
    expect(set(await ids(operator, `departmentId=${fx.departments.social}`))).toEqual(set(named('park', 'lamp')));
    expect(set(await ids(operator, `categoryId=${fx.categories.petition.id}`))).toEqual(set(named('garage', 'draft', 'copy')));
    expect(set(await ids(operator, 'channel=email'))).toEqual(set(named('demolition', 'copy')));
    expect(await ids(techA, 'assigneeId=me')).toEqual(named('garage'));
    expect(await ids(operator, 'assigneeId=me')).toEqual([]);
    expect(set(await ids(operator, 'assigneeId=none'))).toEqual(set(named('draft', 'demolition', 'park')));
    expect(await ids(supervisor, `assigneeId=${fx.staff.techB.id}`)).toEqual(named('copy'));
    expect(await ids(operator, `channel=email&categoryId=${fx.categories.petition.id}`)).toEqual(named('copy'));
    problem(await operator.call('GET', '/api/v1/cases?status=lost'), 422, 'request.validation_failed');
  });

  it('filters by due date, creation time and overdue', async () => {
    const { operator } = fx.staff;
    // First batch: due 3 Jul; second: due 10 Jul (end of day in Bucharest, 20:59:59.999Z).
    expect(set(await ids(operator, 'dueBefore=2026-07-05T00:00:00Z'))).toEqual(set(named('garage', 'demolition', 'park')));
    expect(set(await ids(operator, 'dueBefore=2026-07-11T00:00:00%2B03:00'))).toEqual(set(named('garage', 'demolition', 'park', 'copy', 'lamp')));
    expect(set(await ids(operator, `createdFrom=${between}`))).toEqual(set(named('copy', 'lamp')));
    expect(set(await ids(operator, `createdTo=${between}`))).toEqual(set(named('garage', 'demolition', 'draft', 'park')));
    expect(set(await ids(operator, `createdFrom=${before}&createdTo=${after}`))).toHaveLength(6);
    expect(await ids(operator, `createdFrom=${after}`)).toEqual([]);
    expect(await ids(operator, 'overdue=true')).toEqual([]);
    clock.set('2026-07-05T07:00:00Z');
    try {
      expect(set(await ids(operator, 'overdue=true'))).toEqual(set(named('garage', 'demolition', 'park')));
      expect(set(await ids(operator, 'overdue=false'))).toEqual(set(named('draft', 'copy', 'lamp')));
    } finally {
      clock.set('2026-06-10T07:00:00Z');
    }
  });

  it('searches subject and description without diacritics, and cedilla ş ţ like comma ș ț', async () => {
    const { operator } = fx.staff;
    const q = (text: string) => ids(operator, `q=${encodeURIComponent(text)}`);
    expect(set(await q('autorizatie'))).toEqual(set(named('garage', 'copy'))); // subject; description, upper case
    expect(set(await q('autorizație'))).toEqual(set(named('garage', 'copy')));
    expect(set(await q('santierul'))).toEqual(set(named('draft', 'park')));
    expect(set(await q('şantierul'))).toEqual(set(named('draft', 'park'))); // cedilla
    expect(set(await q('ȘANTIERUL'))).toEqual(set(named('draft', 'park'))); // comma, upper case
    expect(set(await q('reclamaţie parc'))).toEqual(named('park')); // all the words, as prefixes
    expect(await q('utilaje')).toEqual(named('park')); // description only
    expect(await q('demol')).toEqual(named('demolition')); // a prefix
    expect(await q(c.demolition!.registrationNumber!)).toEqual(named('demolition'));
    expect(await q('inexistent')).toEqual([]);
    expect(await q("garaj & ! ' :*")).toEqual(named('garage')); // query syntax is not ours to pass through
  });

  it('shows a technician only their departments’ cases', async () => {
    const { techA, techB, techSocial, socialSupervisor, auditor } = fx.staff;
    expect(set(await ids(techA, ''))).toEqual(set(named('garage', 'demolition', 'draft', 'copy')));
    expect(set(await ids(techB, ''))).toEqual(set(named('garage', 'demolition', 'draft', 'copy')));
    expect(set(await ids(techSocial, ''))).toEqual(set(named('park', 'lamp')));
    expect(set(await ids(socialSupervisor, ''))).toEqual(set(named('park', 'lamp')));
    expect(await ids(techSocial, 'q=autorizatie')).toEqual([]);
    expect(await ids(techSocial, `departmentId=${fx.departments.urbanism}`)).toEqual([]);
    expect(await ids(auditor, '')).toHaveLength(6);
  });

  it('pages with a cursor: no duplicates and no gaps, also for cases created in the same millisecond', async () => {
    const bulk = await addCategory(fx, {});
    const created = await Promise.all(Array.from({ length: 23 }, (_, i) => openCase(fx, fx.staff.operator, { categoryId: bulk.id, subject: `Petiția de grup nr. ${i + 1}` })));
    // Cases taken in at the same moment share a millisecond and differ in microseconds.
    const sameMs = created.slice(0, 6).map((x) => x.id);
    await t.database.query(
      `UPDATE cases SET created_at = '2026-06-10T07:00:00.123Z'::timestamptz + (array_position($1::uuid[], id) * interval '100 microseconds') WHERE id = ANY($1::uuid[])`,
      [sameMs],
    );
    async function walk(actor: Actor, query: string, limit: number) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page: Page = ok<Page>(await actor.call('GET', `/api/v1/cases?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`));
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return seen;
    }
    for (const limit of [1, 2, 5, 7]) {
      const seen = await walk(fx.staff.operator, `categoryId=${bulk.id}`, limit);
      expect(new Set(seen).size, `limit ${limit}`).toBe(seen.length);
      expect(set(seen), `limit ${limit}`).toEqual(set(created.map((x) => x.id)));
    }
    const everything = await walk(fx.staff.operator, '', 4);
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything).toHaveLength(29);
    // A technician's pages hold only what they may see, and all of it.
    const techPages = await walk(fx.staff.techSocial, '', 1);
    expect(set(techPages)).toEqual(set(named('park', 'lamp')));
    problem(await fx.staff.operator.call('GET', '/api/v1/cases?cursor=not-a-cursor'), 422, 'request.validation_failed');
  });
});
