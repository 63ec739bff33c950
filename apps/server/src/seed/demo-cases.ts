/**
 * Thousands of demo cases in a few seconds. Registering through the case service costs tens of
 * milliseconds a case, so each case's whole life is computed in memory instead (demo-case-life.ts,
 * with the service's rules and the real deadline calculator), numbered in order per register and
 * year, and written in chunks in one transaction with the register counters, so that the next
 * registration through the service continues the series. One audit entry records the bulk load.
 */
import { randomUUID } from 'node:crypto';
import type { CaseStatus } from '@civicline/contracts';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Container } from '../container.ts';
import { searchableText } from '../modules/cases/index.ts';
import { formatRegistrationNumber } from '../modules/registers/index.ts';
import { localDateOf } from '../modules/sla/index.ts';
import type { RequestContext } from '../platform/auth/context.ts';
import type { Tx } from '../platform/db/client.ts';
import { caseEvents, cases, caseSuspensions, registerCounters, staffAbsences } from '../platform/db/schema/index.ts';
import { answerText, caseText, fieldVars, type DemoCitizen } from './demo-case-text.ts';
import { liveCase, type Life, type LifeContext } from './demo-case-life.ts';
import type { SeededCategory, ValueHelpers } from './demo-categories.ts';
import type { DemoContent } from './demo-content/types.ts';
import { chance, createRng, int, pick, weighted } from './demo-random.ts';

const MIN = 60_000;
const DAY = 86_400_000;
/** How far back the demo's history reaches. */
const HISTORY_DAYS = 300;
const IN_OFFICE = new Set(['phone', 'registry', 'walk_in']);
const DEFAULT_STALL: Partial<Record<CaseStatus, number>> = { assigned: 2, in_progress: 5, suspended: 3, resolution_proposed: 2 };

export interface DemoCaseOptions {
  content: DemoContent;
  categories: SeededCategory[];
  citizens: DemoCitizen[];
  count: number;
  seed: number;
}

async function staffOf(c: Container, ctx: RequestContext) {
  const depts = await c.departments.list(ctx);
  const codeOf = new Map(depts.map((d) => [d.id, d.code]));
  const people = (await c.users.list(ctx)).filter((u) => u.active).sort((a, b) => a.email.localeCompare(b.email));
  const inDept = (role: string) => {
    const map = new Map<string, string[]>();
    for (const u of people.filter((p) => p.roles.includes(role as never))) {
      for (const d of u.departmentIds) map.set(codeOf.get(d)!, [...(map.get(codeOf.get(d)!) ?? []), u.id]);
    }
    return map;
  };
  const first = (role: string) => people.find((p) => p.roles.includes(role as never))?.id;
  const operator = first('operator');
  const registrar = first('registrar');
  if (!operator || !registrar) throw new Error('demo seed: the institution needs an operator and a registrar');
  const absent = await c.db.select({ userId: staffAbsences.userId, fromDay: staffAbsences.fromDay, toDay: staffAbsences.toDay }).from(staffAbsences).where(eq(staffAbsences.tenantId, ctx.tenantId));
  return { technicians: inDept('technician'), supervisors: inDept('supervisor'), departments: new Map(depts.map((d) => [d.code, d.id])), intake: { operator, registrar }, absent };
}

/** Generates and writes the demo cases unless the institution has cases already. */
export async function seedDemoCases(c: Container, ctx: RequestContext, opts: DemoCaseOptions): Promise<{ cases: number; events: number } | null> {
  const tenantId = ctx.tenantId;
  const [existing] = await c.db.select({ id: cases.id }).from(cases).where(eq(cases.tenantId, tenantId)).limit(1);
  if (existing) return null;

  const { content } = opts;
  const r = createRng(opts.seed);
  const now = c.clock.now().getTime();
  const calendar = await c.sla.calendarFor(c.db, tenantId);
  const tz = calendar.timeZone;
  const staff = await staffOf(c, ctx);
  const load = new Map<string, number>();
  const cursor = new Map<string, number>();

  // Memos for the thousands of calendar questions. The demo zones (Bucharest, Moscow) have
  // whole-hour offsets that change on the hour, so the local date is constant within a UTC hour;
  // a day term without clock stops depends only on the local day it starts.
  const dates = new Map<number, string>();
  const localDate = (at: number) => {
    const hour = Math.floor(at / 3_600_000);
    let d = dates.get(hour);
    if (d === undefined) dates.set(hour, (d = localDateOf(new Date(hour * 3_600_000), tz)));
    return d;
  };
  const hours = new Map<string, { start: number; end: number } | null>();
  const officeHours = (day: string) => {
    if (!hours.has(day)) {
      const h = calendar.workingHoursOn(day);
      hours.set(day, h ? { start: h.start.getTime(), end: h.end.getTime() } : null);
    }
    return hours.get(day)!;
  };
  const terms = new Map<string, Promise<Date>>();
  const memo = (key: string | null, compute: () => Promise<Date>) => {
    if (key === null) return compute();
    let hit = terms.get(key);
    if (!hit) terms.set(key, (hit = compute()));
    return hit;
  };

  const lc: LifeContext = {
    r,
    now,
    calendar,
    localDate,
    officeHours,
    content,
    due: (policy, startedAt, suspensions, extensionDays) =>
      memo(suspensions.length === 0 && policy.unit !== 'working_hours' ? `${JSON.stringify(policy)}|${extensionDays}|${localDate(startedAt.getTime())}` : null, () =>
        c.sla.dueAt(c.db, tenantId, { policy, startedAt, suspensions, extensionDays }),
      ),
    forwardDue: (policy, at) => memo(`fwd|${JSON.stringify(policy)}|${localDate(at.getTime())}`, () => c.sla.forwardDueAt(c.db, tenantId, policy, at)),
    chooseTechnician(code, cat, at) {
      const day = localDate(at);
      const techs = (staff.technicians.get(code) ?? []).filter((u) => !staff.absent.some((a) => a.userId === u && a.fromDay <= day && a.toDay >= day));
      if (techs.length === 0) return null;
      const routing = cat?.record.routing;
      let chosen: string;
      if (routing?.strategy === 'fixed') {
        // The routing service gives a fixed category's cases to its person or to no one.
        if (!routing.fixedUserId || !techs.includes(routing.fixedUserId)) return null;
        chosen = routing.fixedUserId;
      }
      else if (routing?.strategy === 'round_robin') {
        const i = cursor.get(cat!.def.code) ?? 0;
        cursor.set(cat!.def.code, i + 1);
        chosen = techs[i % techs.length]!;
      } else {
        const least = Math.min(...techs.map((t) => load.get(t) ?? 0));
        chosen = pick(r, techs.filter((t) => (load.get(t) ?? 0) === least));
      }
      load.set(chosen, (load.get(chosen) ?? 0) + 1);
      return chosen;
    },
    supervisorOf: (code, cat) => staff.supervisors.get(code)?.[0] ?? cat.record.routing.supervisorIds[0]!,
    departmentId: (code) => staff.departments.get(code)!,
    intake: staff.intake,
  };

  const persons = opts.citizens.filter((x) => x.kind === 'person');
  const organisations = opts.citizens.filter((x) => x.kind === 'organisation');
  const weights = Object.fromEntries(opts.categories.map((k) => [k.def.code, k.def.demo.weight]));
  const byCode = new Map(opts.categories.map((k) => [k.def.code, k]));
  /** An office hour of the working day of `at`, or of the last one before it, that is already past. */
  const officeBefore = (at: number) => {
    for (let day = calendar.workingDayOnOrBefore(localDate(at)); ; day = calendar.previousWorkingDay(day)) {
      const h = officeHours(day)!;
      const t = h.start + r() * (h.end - h.start - 30 * MIN);
      if (t <= now - 5 * MIN) return t;
    }
  };

  type Built = { cat: SeededCategory; life: Life; row: Omit<typeof cases.$inferInsert, 'registrationNumber'>; createdAt: number };
  const built: Built[] = [];
  for (let i = 0; i < opts.count; i++) {
    const cat = byCode.get(weighted(r, weights))!;
    const def = cat.def;
    const outcome = weighted(r, def.demo.outcomes);
    let channel: string = weighted(r, def.demo.channels);
    // A draft is what an operator leaves open while the caller is on the line.
    if (outcome === 'draft' && !IN_OFFICE.has(channel)) channel = def.demo.channels.phone ? 'phone' : 'registry';
    const anonymous = cat.record.allowAnonymous && chance(r, def.demo.anonymous ?? 0);
    const citizen = anonymous || (outcome === 'draft' && chance(r, 0.3)) ? null
      : organisations.length > 0 && chance(r, def.demo.organisations ?? 0.02) ? pick(r, organisations)
      : pick(r, persons);
    let createdAt = outcome === 'draft' ? now - 5 * MIN - r() * 3 * DAY : now - 10 * MIN - r() * HISTORY_DAYS * DAY;
    if (IN_OFFICE.has(channel)) createdAt = officeBefore(createdAt);
    const local = localDate(createdAt);
    const year = Number(local.slice(0, 4));
    const street = citizen?.address && chance(r, 0.6) ? citizen.address.street : pick(r, content.streets);
    const nr = citizen?.address && street === citizen.address.street ? citizen.address.nr : int(r, 1, 160);
    const place = { street, nr, address: content.address(street, nr, null) };
    const dateAt = (offsetDays: number) => localDate(createdAt + offsetDays * DAY);
    const h: ValueHelpers = {
      r,
      place,
      clientCode: citizen?.clientCode && /^\d{7}$/.test(citizen.clientCode) ? citizen.clientCode : null,
      hasEmail: citizen?.hasEmail ?? false,
      year,
      dateBefore: (min, max) => dateAt(-int(r, min, max)),
      dateAfter: (min, max) => dateAt(int(r, min, max)),
      district: () => pick(r, content.place.districts),
    };
    const values = def.demo.values(h);
    const fv = fieldVars(def, values, content);
    const vars = {
      ...fv,
      name: citizen?.formalName ?? '',
      locality: content.place.locality,
      address: citizen?.address?.line ?? place.address,
      street,
      nr,
      street2: pick(r, content.streets.filter((s) => s !== street)),
      district: fv.district ?? h.district(),
      line: pick(r, content.place.lines),
      year,
    };
    const text = caseText(r, { content, def, values, vars, citizen, channel });
    const customFields = outcome === 'draft' ? Object.fromEntries(Object.entries(values).filter(() => !chance(r, 0.3))) : values;
    const located = chance(r, def.demo.location ?? 0);
    const life = await liveCase(lc, {
      cat,
      channel,
      citizenId: citizen?.id ?? null,
      createdAt,
      outcome,
      stallAt: outcome === 'stalled' ? weighted(r, def.demo.stallAt ?? DEFAULT_STALL) : null,
      agencyKey: def.demo.agencyField ? String(values[def.demo.agencyField]) : null,
      returnMethod: def.demo.returnMethod?.(values) ?? null,
      answer: (returnMethod) => answerText(r, { content, code: def.code, answers: text.answers, vars, returnMethod }),
    });
    built.push({
      cat,
      life,
      createdAt,
      row: {
        id: randomUUID(),
        tenantId,
        categoryId: cat.record.id,
        status: life.status,
        channel,
        citizenId: citizen?.id ?? null,
        subject: text.subject,
        description: text.description,
        customFields,
        latitude: located ? Math.round((content.place.latitude + (r() - 0.5) * 0.06) * 1e6) / 1e6 : null,
        longitude: located ? Math.round((content.place.longitude + (r() - 0.5) * 0.1) * 1e6) / 1e6 : null,
        address: located ? `${place.address}, ${content.place.locality}` : null,
        priority: weighted(r, { low: 8, normal: 76, high: 13, urgent: 3 }),
        departmentId: staff.departments.get(life.departmentCode)!,
        assigneeId: life.assigneeId,
        registeredAt: life.registeredAt,
        clockStartedAt: life.clockStartedAt,
        dueAt: life.dueAt,
        forwardDueAt: life.forwardDueAt,
        suspendedSince: life.suspendedSince,
        suspensionReason: life.suspensionReason,
        extensionDays: life.extensionDays,
        extensionReason: life.extensionReason,
        resolution: life.resolution,
        redirect: life.redirect,
        closedAt: life.closedAt,
        warnedAt: life.warnedAt,
        overdueAt: life.overdueAt,
        createdBy: life.createdBy,
        version: life.version,
        createdAt: new Date(createdAt),
        updatedAt: life.updatedAt,
      },
    });
  }

  // Numbers in the order of registration, per register and year, as the service gives them.
  const series = new Map<string, { registerId: string; year: number; items: Built[] }>();
  for (const b of built) {
    if (!b.life.registeredAt) continue;
    const year = Number(localDate(b.life.registeredAt.getTime()).slice(0, 4));
    const counterYear = b.cat.register.yearly ? year : 0;
    const key = `${b.cat.register.id}:${counterYear}`;
    if (!series.has(key)) series.set(key, { registerId: b.cat.register.id, year: counterYear, items: [] });
    series.get(key)!.items.push(b);
  }
  const numbers = new Map<Built, { number: string; seq: number; year: number }>();
  for (const s of series.values()) {
    s.items.sort((a, b) => a.life.registeredAt!.getTime() - b.life.registeredAt!.getTime());
    s.items.forEach((b, i) => {
      const year = Number(localDate(b.life.registeredAt!.getTime()).slice(0, 4));
      const number = formatRegistrationNumber(b.cat.register.format, { year, seq: i + 1, register: b.cat.register.code });
      numbers.set(b, { number, seq: i + 1, year: s.year });
      b.life.registration!.registrationNumber = number;
    });
  }

  built.sort((a, b) => a.createdAt - b.createdAt);
  const caseRows = built.map((b) => {
    const n = numbers.get(b);
    return {
      ...b.row,
      registrationNumber: n?.number ?? null,
      registerId: n ? b.cat.register.id : null,
      registrationYear: n?.year ?? null,
      registrationSeq: n?.seq ?? null,
      searchText: searchableText(n?.number, b.row.subject, b.row.description),
    };
  });
  const eventRows = built.flatMap((b) => b.life.events.map((e) => ({ tenantId, caseId: b.row.id!, ...e })));
  const suspensionRows = built.flatMap((b) => b.life.suspensions.map((s) => ({ tenantId, caseId: b.row.id!, ...s })));
  const byStatus: Record<string, number> = {};
  for (const b of built) byStatus[b.life.status] = (byStatus[b.life.status] ?? 0) + 1;

  await c.db.transaction(async (tx) => {
    await insertChunks(tx, cases, caseRows, 500);
    await insertChunks(tx, caseEvents, eventRows, 2000);
    await insertChunks(tx, caseSuspensions, suspensionRows, 2000);
    for (const s of series.values()) {
      await tx
        .insert(registerCounters)
        .values({ tenantId, registerId: s.registerId, year: s.year, lastSeq: s.items.length })
        .onConflictDoUpdate({ target: [registerCounters.registerId, registerCounters.year], set: { lastSeq: sql`GREATEST(${registerCounters.lastSeq}, ${s.items.length})` } });
    }
    await c.audit.record(tx, ctx, {
      action: 'demo.cases_seeded',
      subjectType: 'tenant',
      subjectId: tenantId,
      purpose: 'demo_data',
      details: {
        cases: caseRows.length,
        events: eventRows.length,
        suspensions: suspensionRows.length,
        byStatus,
        registers: [...series.values()].map((s) => ({ registerId: s.registerId, year: s.year, lastSeq: s.items.length })),
      },
    });
  });
  return { cases: caseRows.length, events: eventRows.length };
}

/**
 * Inserts rows in chunks, each chunk as one JSON parameter expanded by jsonb_populate_recordset:
 * the insert builder's per-value work and tens of thousands of bound parameters cost more than
 * the rows themselves here. Columns and their SQL names come from the Drizzle table; the ones a
 * row does not give (generated ids, identity sequence) keep their defaults.
 */
async function insertChunks<T extends typeof cases | typeof caseEvents | typeof caseSuspensions>(tx: Tx, table: T, rows: T['$inferInsert'][], size: number): Promise<void> {
  if (rows.length === 0) return;
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given.has(key));
  const names = sql.join(columns.map(([, col]) => sql.identifier(col.name)), sql`, `);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size).map((row) => Object.fromEntries(columns.map(([key, col]) => [col.name, (row as Record<string, unknown>)[key] ?? null])));
    await tx.execute(sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(chunk)}::jsonb)`);
  }
}
