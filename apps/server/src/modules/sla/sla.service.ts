import type { DeadlinePolicy, LocalizedText } from '@civicline/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { calendarDays, suspensionReasons, tenants } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { computeDeadline, deadlineState, forwardingDeadline } from './deadline.ts';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';
import { localDateOf } from './zoned-time.ts';

/** Calendars change rarely (an admin adds a holiday); other nodes pick a change up within this time. */
const CALENDAR_TTL_MS = 60_000;

export interface Term {
  policy: DeadlinePolicy;
  startedAt: Date;
  suspensions: { from: Date; to: Date | null }[];
  extensionDays: number | null;
}

export interface DeadlineView {
  dueAt: Date;
  remainingMs: number | null;
  overdue: boolean;
  state: 'on_time' | 'due_soon' | 'overdue' | 'stopped';
}

/** The seed's four clock-stop scenarios, created for every new institution. */
export const DEFAULT_SUSPENSION_REASONS: { code: string; name: LocalizedText }[] = [
  { code: 'awaiting_citizen_documents', name: { en: 'Awaiting documents from the citizen', ro: 'În așteptarea documentelor de la cetățean', ru: 'Ожидание документов от заявителя', it: 'In attesa di documenti dal cittadino', vi: 'Chờ công dân bổ sung hồ sơ' } },
  { code: 'awaiting_other_institution', name: { en: 'Awaiting another institution', ro: 'În așteptarea răspunsului altei instituții', ru: 'Ожидание ответа другого органа', it: "In attesa di un'altra amministrazione", vi: 'Chờ ý kiến cơ quan khác' } },
  { code: 'on_site_inspection', name: { en: 'On-site inspection', ro: 'Verificare pe teren', ru: 'Выездная проверка', it: 'Sopralluogo', vi: 'Kiểm tra thực địa' } },
  { code: 'citizen_request', name: { en: 'At the citizen’s request', ro: 'La cererea cetățeanului', ru: 'По просьбе заявителя', it: 'Su richiesta del cittadino', vi: 'Theo đề nghị của công dân' } },
];

export function createSlaService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;
  const cache = new Map<string, { calendar: WorkingCalendar; loadedAt: number }>();

  async function calendarFor(tx: DbOrTx, tenantId: string): Promise<WorkingCalendar> {
    const hit = cache.get(tenantId);
    if (hit && Date.now() - hit.loadedAt < CALENDAR_TTL_MS) return hit.calendar;
    const [tenant] = await tx.select({ country: tenants.country, timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw notFound('Institution');
    const days = await tx.select().from(calendarDays).where(eq(calendarDays.tenantId, tenantId));
    const calendar = createWorkingCalendar({
      country: tenant.country,
      timeZone: tenant.timeZone,
      extraWorkingDays: days.filter((d) => d.working).map((d) => d.day),
      extraNonWorkingDays: days.filter((d) => !d.working).map((d) => d.day),
    });
    cache.set(tenantId, { calendar, loadedAt: Date.now() });
    return calendar;
  }

  async function dueAt(tx: DbOrTx, tenantId: string, term: Term): Promise<Date> {
    const calendar = await calendarFor(tx, tenantId);
    return computeDeadline({
      policy: term.policy,
      calendar,
      registeredAt: term.startedAt,
      suspensions: term.suspensions,
      extensionDays: term.extensionDays ?? 0,
      now: clock.now(),
    }).dueAt;
  }

  async function forwardDueAt(tx: DbOrTx, tenantId: string, policy: DeadlinePolicy, registeredAt: Date): Promise<Date> {
    const calendar = await calendarFor(tx, tenantId);
    return forwardingDeadline(registeredAt, policy.forwardingDays, calendar, policy.endOnNonWorkingDay);
  }

  /** The deadline as shown on a case: remaining time, warning state, overdue flag. */
  function view(due: Date, policy: DeadlinePolicy, stopped: boolean, now = clock.now()): DeadlineView {
    if (stopped) return { dueAt: due, remainingMs: null, overdue: false, state: 'stopped' };
    const state = deadlineState(due, now, policy.warnBeforeHours * 3_600_000);
    return { dueAt: due, remainingMs: due.getTime() - now.getTime(), overdue: state === 'overdue', state };
  }

  async function localToday(tx: DbOrTx, tenantId: string): Promise<string> {
    return localDateOf(clock.now(), (await calendarFor(tx, tenantId)).timeZone);
  }

  async function localYear(tx: DbOrTx, tenantId: string, at: Date): Promise<number> {
    return Number(localDateOf(at, (await calendarFor(tx, tenantId)).timeZone).slice(0, 4));
  }

  // --- administration: the institution's own calendar days and clock-stop reasons ---

  async function listCalendarDays(ctx: RequestContext) {
    const rows = await db.select().from(calendarDays).where(eq(calendarDays.tenantId, ctx.tenantId)).orderBy(asc(calendarDays.day));
    return rows.map((r) => ({ day: r.day, working: r.working, name: r.name }));
  }

  async function putCalendarDay(ctx: RequestContext, d: { day: string; working: boolean; name: string }) {
    await db.transaction(async (tx) => {
      await tx
        .insert(calendarDays)
        .values({ tenantId: ctx.tenantId, ...d })
        .onConflictDoUpdate({ target: [calendarDays.tenantId, calendarDays.day], set: { working: d.working, name: d.name } });
      await audit.record(tx, ctx, { action: 'calendar.day_set', subjectType: 'calendar', subjectId: d.day, details: d });
    });
    cache.delete(ctx.tenantId);
    return listCalendarDays(ctx);
  }

  async function deleteCalendarDay(ctx: RequestContext, day: string) {
    await db.transaction(async (tx) => {
      const gone = await tx
        .delete(calendarDays)
        .where(and(eq(calendarDays.tenantId, ctx.tenantId), eq(calendarDays.day, day)))
        .returning({ day: calendarDays.day });
      if (gone.length === 0) throw notFound('Calendar day');
      await audit.record(tx, ctx, { action: 'calendar.day_removed', subjectType: 'calendar', subjectId: day });
    });
    cache.delete(ctx.tenantId);
  }

  /** The country's public holidays and the institution's own days, for a year (for the admin screen). */
  async function holidays(ctx: RequestContext, year: number) {
    const calendar = await calendarFor(db, ctx.tenantId);
    const own = new Map((await listCalendarDays(ctx)).map((d) => [d.day, d]));
    const out: { day: string; name: string; working: boolean }[] = [];
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const holiday = calendar.holidayName(day);
      const mine = own.get(day);
      // The institution's own days carry the name its administrator gave them (a working Saturday too).
      if (holiday || mine) out.push({ day, name: mine?.name ?? holiday!, working: calendar.isWorkingDay(day) });
    }
    return out;
  }

  async function listSuspensionReasons(tx: DbOrTx, tenantId: string) {
    const rows = await tx.select().from(suspensionReasons).where(eq(suspensionReasons.tenantId, tenantId)).orderBy(asc(suspensionReasons.code));
    return rows.map((r) => ({ code: r.code, name: r.name, active: r.active }));
  }

  async function reasonsFor(ctx: RequestContext) {
    return listSuspensionReasons(db, ctx.tenantId);
  }

  async function putSuspensionReason(ctx: RequestContext, r: { code: string; name: LocalizedText; active: boolean }) {
    await db.transaction(async (tx) => {
      await tx
        .insert(suspensionReasons)
        .values({ tenantId: ctx.tenantId, ...r })
        .onConflictDoUpdate({ target: [suspensionReasons.tenantId, suspensionReasons.code], set: { name: r.name, active: r.active } });
      await audit.record(tx, ctx, { action: 'suspension_reason.set', subjectType: 'suspension_reason', subjectId: r.code, details: r });
    });
    return listSuspensionReasons(db, ctx.tenantId);
  }

  return {
    calendarFor,
    dueAt,
    forwardDueAt,
    view,
    localToday,
    localYear,
    listCalendarDays,
    putCalendarDay,
    deleteCalendarDay,
    holidays,
    listSuspensionReasons,
    reasonsFor,
    putSuspensionReason,
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
