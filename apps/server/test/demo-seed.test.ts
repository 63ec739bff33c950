/**
 * The demo seed on a real database: the institutions of the seeds with their categories, about
 * 300 citizens with valid identifiers and about 3,000 cases in every state, consistent with the
 * rules of the case service (numbering, deadlines, timelines, clock stops), and a seed that runs
 * twice without adding anything.
 */
import { CASE_STATUSES, type CaseStatus } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, type Container } from '../src/container.ts';
import { validateCustomFields } from '../src/modules/cases/custom-fields.ts';
import { isMobile, validateNationalId, type NationalIdScheme } from '../src/modules/citizens/index.ts';
import { formatRegistrationNumber } from '../src/modules/registers/index.ts';
import { localDateOf } from '../src/modules/sla/index.ts';
import { systemContext } from '../src/platform/auth/context.ts';
import { createManualClock } from '../src/platform/clock.ts';
import type { Database } from '../src/platform/db/client.ts';
import {
  auditEntries,
  caseEvents,
  cases,
  caseSuspensions,
  categories,
  citizenContacts,
  citizens,
  departmentMemberships,
  registerCounters,
  registers,
  users,
} from '../src/platform/db/schema/index.ts';
import { DEMO_TENANTS, seedDemo } from '../src/seed/demo.ts';
import { openTestDatabase, testConfig } from './helpers/harness.ts';

let database: Database;
let c: Container;
const tenantIds = new Map<string, string>();

// A fixed "now" makes the demo the same on every run (same seed, same clock). It falls in both
// countries' New Year holidays (Romania: 6-7 January; Russia: 1-8 January), where a seed that
// looks for office hours has the least room.
const NOW = '2027-01-06T11:00:00Z';

beforeAll(async () => {
  database = await openTestDatabase();
  c = createContainer(testConfig(), database, { clock: createManualClock(NOW), logError: () => {} });
  // As on a web node: registrations enqueue their notifications.
  await c.jobs.start({ work: false });
  await seedDemo(c);
  for (const d of DEMO_TENANTS) tenantIds.set(d.tenant.slug, (await c.tenants.bySlug(d.tenant.slug))!.id);
}, 120_000);

afterAll(async () => {
  await c?.jobs.stop();
  await database?.close();
});

const RO = 'primaria-demo';
const RU = 'hotline-demo';
const id = (slug: string) => tenantIds.get(slug)!;
const casesOf = (slug: string) => c.db.select().from(cases).where(eq(cases.tenantId, id(slug)));
const count = async (table: typeof cases | typeof citizens | typeof categories | typeof users | typeof auditEntries | typeof caseEvents, slug: string) =>
  Number((await c.db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.tenantId, id(slug))))[0]!.n);

describe('the demo seed', () => {
  it('gives each institution the categories of the seeds, with their fields, terms, routing and flags', async () => {
    const ro = await c.categories.list(systemContext(id(RO)));
    expect(ro.map((k) => k.code).sort()).toEqual(['ARH', 'FISC_CERT', 'PAY', 'PET', 'SES', 'SOC', 'URB_AC', 'URB_CU']);
    const ru = await c.categories.list(systemContext(id(RU)));
    expect(ru.map((k) => k.code).sort()).toEqual(['APPEAL', 'CONSULT', 'REDIRECT']);
    const by = new Map([...ro, ...ru].map((k) => [k.code, k]));
    expect(by.get('PET')!.deadline).toMatchObject({ unit: 'calendar_days', amount: 30, maxExtensionDays: 15, forwardingDays: 5, endOnNonWorkingDay: 'next_working_day' });
    expect(by.get('APPEAL')!.deadline).toMatchObject({ unit: 'calendar_days', amount: 30, maxExtensionDays: 30, forwardingDays: 7, endOnNonWorkingDay: 'previous_working_day' });
    expect(by.get('URB_CU')!.fields.map((f) => f.key)).toEqual(expect.arrayContaining(['cadastral_number', 'land_address', 'purpose', 'area_sqm']));
    expect(by.get('SOC')).toMatchObject({ sensitive: true, disclosureLevel: 'L3', routing: { strategy: 'round_robin' } });
    expect(by.get('FISC_CERT')).toMatchObject({ disclosureLevel: 'L2', sendSms: true });
    expect(by.get('ARH')).toMatchObject({ instant: true, routing: { strategy: 'fixed' } });
    expect(by.get('REDIRECT')!.routing.strategy).toBe('manual');
    expect(by.get('SES')!.allowAnonymous).toBe(true);
    for (const k of [...ro, ...ru]) expect(k.routing.supervisorIds.length).toBeGreaterThan(0);
    const formats = (await c.registers.list(systemContext(id(RO)))).map((r) => r.format);
    expect(formats).toEqual(expect.arrayContaining(['PET-{year}-{seq:6}', 'URB-{year}-{seq:5}']));
    // The Russian decree days off that date-holidays lacks.
    const days = (await c.sla.listCalendarDays(systemContext(id(RU)))).map((d) => d.day);
    expect(days).toEqual(expect.arrayContaining(['2025-12-31', '2026-01-09', '2026-05-11', '2026-12-31']));
  });

  it('creates about 300 citizens whose identifiers decrypt to valid ones of their institution, with mobile phones', async () => {
    let total = 0;
    for (const d of DEMO_TENANTS) {
      const rows = await c.db.select().from(citizens).where(eq(citizens.tenantId, id(d.tenant.slug)));
      total += rows.length;
      const persons = rows.filter((r) => r.kind === 'person');
      expect(persons.length).toBeGreaterThan(rows.length * 0.8);
      const scheme = d.tenant.nationalIdScheme as NationalIdScheme;
      for (const p of persons) {
        const plain = c.cipher.decrypt(p.nationalIdCipher!);
        const v = validateNationalId(scheme, plain);
        expect(v.ok, `${p.displayName}: ${plain}`).toBe(true);
        expect(p.nationalIdIndex).toBe(c.cipher.blindIndex('national-id', `${scheme}:${plain}`));
        if (scheme === 'ro_cnp' && v.ok) expect(p.birthDate).toBe(v.birthDate);
      }
      expect(new Set(persons.map((p) => p.nationalIdIndex)).size).toBe(persons.length);
      const phones = await c.db.select().from(citizenContacts).where(and(eq(citizenContacts.tenantId, id(d.tenant.slug)), eq(citizenContacts.kind, 'phone')));
      expect(phones.length).toBeGreaterThan(rows.length * 0.8);
      for (const ph of phones) expect(isMobile(ph.value), ph.value).toBe(true);
      expect(rows.some((r) => r.kind === 'organisation')).toBe(true);
    }
    expect(total).toBeGreaterThanOrEqual(280);
    expect(total).toBeLessThanOrEqual(320);
  });

  it('creates about 3,000 cases in every state, with text in the institution language', async () => {
    const ro = await casesOf(RO);
    const ru = await casesOf(RU);
    expect(ro.length + ru.length).toBeGreaterThanOrEqual(2900);
    expect(ro.length + ru.length).toBeLessThanOrEqual(3100);
    for (const list of [ro, ru]) {
      const statuses = new Set(list.map((k) => k.status));
      expect([...CASE_STATUSES].filter((s) => !statuses.has(s))).toEqual([]);
    }
    expect(ro.filter((k) => /[șțăîâ]/.test(k.description)).length).toBeGreaterThan(ro.length * 0.8);
    expect(ru.every((k) => /[а-яё]/i.test(k.subject))).toBe(true);
    expect(new Set(ro.map((k) => k.subject)).size).toBeGreaterThan(200);
    expect(ro.some((k) => k.citizenId === null && k.status !== 'draft')).toBe(true);
  });

  it('numbers each register and year consecutively, as its counter says', async () => {
    for (const slug of [RO, RU]) {
      const regs = new Map((await c.db.select().from(registers).where(eq(registers.tenantId, id(slug)))).map((r) => [r.id, r]));
      const counters = await c.db.select().from(registerCounters).where(eq(registerCounters.tenantId, id(slug)));
      const rows = await c.db.select().from(cases).where(eq(cases.tenantId, id(slug))).orderBy(asc(cases.registeredAt));
      const series = new Map<string, typeof rows>();
      for (const k of rows.filter((r) => r.registrationNumber)) series.set(`${k.registerId}:${k.registrationYear}`, [...(series.get(`${k.registerId}:${k.registrationYear}`) ?? []), k]);
      expect(series.size).toBe(counters.length);
      for (const [key, list] of series) {
        expect(list.map((k) => k.registrationSeq)).toEqual(list.map((_, i) => i + 1));
        const counter = counters.find((x) => `${x.registerId}:${x.year}` === key);
        expect(counter?.lastSeq).toBe(list.length);
        const reg = regs.get(list[0]!.registerId!)!;
        for (const k of list) expect(k.registrationNumber).toBe(formatRegistrationNumber(reg.format, { year: k.registrationYear!, seq: k.registrationSeq!, register: reg.code }));
      }
      expect(new Set(rows.map((r) => r.registrationNumber).filter(Boolean)).size).toBe(rows.filter((r) => r.registrationNumber).length);
    }
  });

  it('gives every registered case a due date, a timeline ending in its status, and consistent people and clock stops', async () => {
    const now = c.clock.now();
    let totalStops = 0;
    for (const slug of [RO, RU]) {
      const tenantId = id(slug);
      const rows = await casesOf(slug);
      const events = await c.db.select().from(caseEvents).where(eq(caseEvents.tenantId, tenantId)).orderBy(asc(caseEvents.seq));
      const stops = await c.db.select().from(caseSuspensions).where(eq(caseSuspensions.tenantId, tenantId));
      totalStops += stops.length;
      const cats = new Map((await c.categories.list(systemContext(tenantId))).map((k) => [k.id, k]));
      const members = await c.db
        .select({ userId: departmentMemberships.userId, departmentId: departmentMemberships.departmentId, roles: users.roles })
        .from(departmentMemberships)
        .innerJoin(users, eq(users.id, departmentMemberships.userId))
        .where(eq(departmentMemberships.tenantId, tenantId));
      const timeline = new Map<string, typeof events>();
      for (const e of events) timeline.set(e.caseId, [...(timeline.get(e.caseId) ?? []), e]);
      const openStops = new Map<string, typeof stops>();
      for (const s of stops.filter((x) => x.toAt === null)) openStops.set(s.caseId, [...(openStops.get(s.caseId) ?? []), s]);
      for (const k of rows) {
        const tl = timeline.get(k.id) ?? [];
        expect(tl[0]).toMatchObject({ type: 'created', toStatus: 'draft' });
        const lastStatus = tl.filter((e) => e.toStatus !== null).at(-1)!;
        expect(lastStatus.toStatus, `${k.registrationNumber} ${k.status}`).toBe(k.status);
        for (let i = 1; i < tl.length; i++) expect(tl[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(tl[i - 1]!.occurredAt.getTime());
        expect(tl.at(-1)!.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime());
        if (k.status === 'draft') {
          expect([k.registrationNumber, k.dueAt, k.registeredAt]).toEqual([null, null, null]);
        } else {
          expect(k.dueAt, k.registrationNumber!).not.toBeNull();
          expect(k.registeredAt).not.toBeNull();
          expect(k.registrationNumber).not.toBeNull();
          const reg = tl.find((e) => e.toStatus === 'registered');
          expect(reg?.data).toMatchObject({ registrationNumber: k.registrationNumber });
        }
        const category = cats.get(k.categoryId)!;
        expect(validateCustomFields(category.fields, k.customFields, { requireAll: k.status !== 'draft' }).errors).toEqual([]);
        if (['assigned', 'in_progress', 'suspended', 'resolution_proposed', 'resolved', 'closed'].includes(k.status)) {
          expect(members.some((m) => m.userId === k.assigneeId && m.departmentId === k.departmentId && m.roles.includes('technician'))).toBe(true);
        }
        if (k.status === 'draft' || k.status === 'registered') expect(k.assigneeId).toBeNull();
        if (['resolved', 'closed'].includes(k.status)) expect(k.resolution).toMatchObject({ answer: expect.any(String), returnMethod: expect.any(String), approvedBy: expect.any(String) });
        if (k.status === 'resolution_proposed') expect(k.resolution).toMatchObject({ approvedBy: null });
        if (['resolved', 'closed', 'rejected', 'redirected', 'withdrawn'].includes(k.status)) expect(k.closedAt).not.toBeNull();
        if (k.status === 'redirected') expect(k.redirect).toMatchObject({ agency: { name: expect.any(String) } });
        if (k.status === 'rejected') expect(tl.at(-1)!.reason).toMatch(/inadmissible|duplicate|incomplete|other|anonymous_not_allowed/);
        const open = openStops.get(k.id) ?? [];
        if (k.status === 'suspended') {
          expect(open).toHaveLength(1);
          expect(k.suspensionReason).toBe(open[0]!.reason);
          expect(k.suspendedSince?.getTime()).toBe(open[0]!.fromAt.getTime());
        } else {
          expect(open).toHaveLength(0);
          expect(k.suspendedSince).toBeNull();
        }
        if (k.extensionDays !== null) expect(tl.some((e) => e.type === 'extended')).toBe(true);
      }
      const running = rows.filter((k) => ['registered', 'assigned', 'in_progress', 'resolution_proposed', 'reopened'].includes(k.status));
      expect(running.some((k) => k.dueAt! < now)).toBe(true); // some overdue
      expect(running.some((k) => k.dueAt! > now)).toBe(true);
    }
    const ro = await casesOf(RO);
    expect(ro.filter((k) => k.extensionDays !== null).length).toBeGreaterThan(10);
    expect(ro.some((k) => (k.redirect as { departmentId?: string } | null)?.departmentId)).toBe(true);
    expect(ro.some((k) => (k.redirect as { agency?: unknown } | null)?.agency)).toBe(true);
    expect(totalStops).toBeGreaterThan(100);
  });

  it('is found by full-text search in Romanian and Russian', async () => {
    const ro = await c.cases.list(systemContext(id(RO)), { q: 'groapă carosabil', limit: 5, overdue: undefined });
    expect(ro.items.length).toBeGreaterThan(0);
    const ru = await c.cases.list(systemContext(id(RU)), { q: 'управляющая компания', limit: 5, overdue: undefined });
    expect(ru.items.length).toBeGreaterThan(0);
  });

  it('writes one audit entry for the bulk load, and the audit chains verify', async () => {
    for (const slug of [RO, RU]) {
      const seeded = await c.db.select().from(auditEntries).where(and(eq(auditEntries.tenantId, id(slug)), eq(auditEntries.action, 'demo.cases_seeded')));
      expect(seeded).toHaveLength(1);
      expect(seeded[0]!.details).toMatchObject({ cases: (await casesOf(slug)).length });
      expect(await c.audit.verify(id(slug))).toMatchObject({ ok: true });
    }
  });

  it('is idempotent: a second run adds nothing', async () => {
    const tables = [cases, citizens, categories, users, auditEntries, caseEvents] as const;
    const before = await Promise.all([RO, RU].flatMap((slug) => tables.map((t) => count(t, slug))));
    const log: string[] = [];
    await seedDemo(c, (m) => log.push(m));
    const after = await Promise.all([RO, RU].flatMap((slug) => tables.map((t) => count(t, slug))));
    expect(after).toEqual(before);
    expect(log).toEqual([`demo institution ${RO} already exists; left as it is`, `demo institution ${RU} already exists; left as it is`]);
  });

  it('continues the numbering when the case service registers the next case', async () => {
    for (const [slug, code, fields] of [
      [RO, 'PET', { topic: 'transport' }],
      [RU, 'APPEAL', { topic: 'roads', appeal_kind: 'complaint', answer_channel: 'post', municipality: 'kazan' }],
    ] as const) {
      const ctx = systemContext(id(slug), 'test');
      const category = (await c.categories.list(ctx)).find((k) => k.code === code)!;
      const register = (await c.registers.list(ctx)).find((r) => r.id === category.registerId)!;
      const tz = DEMO_TENANTS.find((d) => d.tenant.slug === slug)!.tenant.timeZone;
      const year = Number(localDateOf(c.clock.now(), tz).slice(0, 4));
      const [counter] = await c.db.select().from(registerCounters).where(and(eq(registerCounters.registerId, register.id), eq(registerCounters.year, year)));
      const [citizen] = await c.db.select().from(citizens).where(and(eq(citizens.tenantId, id(slug)), eq(citizens.kind, 'person'))).limit(1);
      const created = await c.cases.create(ctx, {
        categoryId: category.id,
        channel: 'email',
        citizenId: citizen!.id,
        subject: slug === RO ? 'Solicitare stație nouă de autobuz' : 'Ремонт дороги во дворе',
        description: '',
        customFields: fields,
        priority: 'normal',
        draft: false,
      });
      expect(created.registrationNumber).toBe(formatRegistrationNumber(register.format, { year, seq: (counter?.lastSeq ?? 0) + 1, register: register.code }));
      expect(created.status).toBe('assigned' satisfies CaseStatus);
    }
  });
});
