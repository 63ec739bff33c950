/**
 * The life of one demo case, simulated in memory with the rules of the case service: every
 * action the service would take (register and route, start, stop and restart the clock, extend,
 * propose, return, approve, close, reject, redirect, withdraw, reopen), by the person who may
 * take it, at a plausible office hour, each leaving the timeline entry the service writes. Time
 * runs out at "now": a case whose next step would come later stays where it got to.
 */
import type { CaseStatus, DeadlinePolicy } from '@civicline/contracts';
import type { WorkingCalendar } from '../modules/sla/index.ts';
import type { DemoCategory, Outcome, SeededCategory } from './demo-categories.ts';
import type { DemoContent } from './demo-content/types.ts';
import { chance, fill, pick, weighted, type Rng } from './demo-random.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface LifeEvent {
  type: 'created' | 'status_changed' | 'extended' | 'comment';
  actorType: 'user' | 'system' | 'citizen' | 'channel';
  actorId: string | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason: string | null;
  comment: string | null;
  visibility: 'internal' | 'citizen';
  data: Record<string, unknown>;
  occurredAt: Date;
}

interface Actor {
  type: LifeEvent['actorType'];
  id: string | null;
}

export interface LifeContext {
  r: Rng;
  now: number;
  calendar: WorkingCalendar;
  /** The tenant's local date at an instant, and a working day's office hours (both memoised: thousands of calls). */
  localDate(at: number): string;
  officeHours(day: string): { start: number; end: number } | null;
  content: DemoContent;
  due(policy: DeadlinePolicy, startedAt: Date, suspensions: { from: Date; to: Date }[], extensionDays: number | null): Promise<Date>;
  forwardDue(policy: DeadlinePolicy, at: Date): Promise<Date>;
  /** A technician of the department present at `at`, by the category's strategy (or least loaded); null if none. */
  chooseTechnician(departmentCode: string, category: SeededCategory | null, at: number): string | null;
  supervisorOf(departmentCode: string, category: SeededCategory): string;
  departmentId(code: string): string;
  intake: { operator: string; registrar: string };
}

export interface CasePlan {
  cat: SeededCategory;
  channel: string;
  citizenId: string | null;
  createdAt: number;
  outcome: Outcome;
  /** Where a stalled case stops. */
  stallAt: CaseStatus | null;
  /** The agency a redirection goes to, when a field of the case names it. */
  agencyKey: string | null;
  /** How the answer goes back, when the case says it; else from the channel it came by. */
  returnMethod: 'in_person' | 'post' | 'online' | null;
  answer(returnMethod: 'in_person' | 'post' | 'online'): string;
}

export interface Life {
  status: CaseStatus;
  departmentCode: string;
  assigneeId: string | null;
  createdBy: string | null;
  registeredAt: Date | null;
  clockStartedAt: Date | null;
  dueAt: Date | null;
  forwardDueAt: Date | null;
  suspendedSince: Date | null;
  suspensionReason: string | null;
  extensionDays: number | null;
  extensionReason: string | null;
  resolution: Record<string, unknown> | null;
  redirect: Record<string, unknown> | null;
  closedAt: Date | null;
  warnedAt: Date | null;
  overdueAt: Date | null;
  version: number;
  updatedAt: Date;
  events: LifeEvent[];
  suspensions: { reason: string; fromAt: Date; toAt: Date | null }[];
  /** The registration event's data, to receive the number once numbers are given out in order. */
  registration: Record<string, unknown> | null;
}

class OutOfTime extends Error {}

/** Roughly how long the term lasts, to pace the work. */
function termMs(policy: DeadlinePolicy): number {
  if (policy.unit === 'calendar_days') return policy.amount * DAY;
  if (policy.unit === 'working_days') return policy.amount * 1.4 * DAY;
  return (policy.amount / 8) * 1.4 * DAY;
}

const AUTOMATIC = new Set(['web', 'email', 'sms', 'chat', 'api', 'open311']);
const RETURN_BY_CHANNEL: Record<string, Partial<Record<'in_person' | 'post' | 'online', number>>> = {
  web: { online: 80, in_person: 20 },
  email: { online: 85, post: 15 },
  post: { post: 80, in_person: 20 },
  registry: { in_person: 60, post: 30, online: 10 },
  walk_in: { in_person: 80, online: 20 },
  phone: { post: 40, online: 40, in_person: 20 },
};

export async function liveCase(lc: LifeContext, plan: CasePlan): Promise<Life> {
  const { r, content } = lc;
  const { cat, channel } = plan;
  const def: DemoCategory = cat.def;
  const policy = cat.record.deadline;
  const instant = cat.record.instant;
  const term = instant ? 2 * HOUR : termMs(policy);
  const L: Life = {
    status: 'draft', departmentCode: def.department, assigneeId: null, createdBy: null, registeredAt: null, clockStartedAt: null,
    dueAt: null, forwardDueAt: null, suspendedSince: null, suspensionReason: null, extensionDays: null, extensionReason: null,
    resolution: null, redirect: null, closedAt: null, warnedAt: null, overdueAt: null, version: 1, updatedAt: new Date(plan.createdAt),
    events: [], suspensions: [], registration: null,
  };
  let t = plan.createdAt;

  /** The next moment staff are at work, at or after `at`. */
  const office = (at: number): number => {
    const day = lc.localDate(at);
    const hours = lc.officeHours(day);
    if (hours && at < hours.start) return hours.start + r() * 90 * MIN;
    if (hours && at < hours.end) return at;
    return lc.officeHours(lc.calendar.nextWorkingDay(day))!.start + r() * 2 * HOUR;
  };
  const later = (minMs: number, maxMs: number, staff = true) => {
    const at = t + minMs + r() * (maxMs - minMs);
    const next = Math.max(staff ? office(at) : at, t + MIN);
    if (next > lc.now) throw new OutOfTime();
    t = next;
    return new Date(t);
  };
  const event = (e: Partial<LifeEvent> & { type: LifeEvent['type'] }, actor: Actor) => {
    L.events.push({ actorType: actor.type, actorId: actor.id, fromStatus: null, toStatus: null, reason: null, comment: null, visibility: 'internal', data: {}, occurredAt: new Date(t), ...e });
  };
  const move = (to: CaseStatus, actor: Actor, e: Partial<LifeEvent> = {}) => {
    event({ type: 'status_changed', fromStatus: L.status, toStatus: to, ...e }, actor);
    L.status = to;
    L.version++;
    L.updatedAt = new Date(t);
  };
  const user = (id: string): Actor => ({ type: 'user', id });
  const supervisor = () => user(lc.supervisorOf(L.departmentCode, cat));
  const assignee = () => user(L.assigneeId ?? lc.supervisorOf(L.departmentCode, cat));
  const counted = () => L.suspensions.filter((s) => s.toAt && L.clockStartedAt && s.fromAt >= L.clockStartedAt) as { fromAt: Date; toAt: Date }[];
  const termDue = () => lc.due(policy, L.clockStartedAt!, counted().map((s) => ({ from: s.fromAt, to: s.toAt })), L.extensionDays);

  const creator: Actor =
    channel === 'phone' ? user(lc.intake.operator)
    : ['registry', 'walk_in', 'post', 'fax'].includes(channel) ? user(lc.intake.registrar)
    : channel === 'web' && plan.citizenId ? { type: 'citizen', id: plan.citizenId }
    : { type: 'channel', id: null };
  L.createdBy = creator.type === 'user' ? creator.id : null;
  event({ type: 'created', toStatus: 'draft', data: { channel } }, creator);

  const reject = (from: 'early' | 'late') => {
    const reason = weighted(r, from === 'early' ? { inadmissible: 35, duplicate: 35, incomplete: 20, other: 10 } : { incomplete: 50, inadmissible: 30, other: 20 });
    later(from === 'early' ? 0.05 * term : 0.1 * term, from === 'early' ? 0.3 * term : 0.5 * term);
    L.closedAt = new Date(t);
    move('rejected', supervisor(), { reason, comment: pick(r, content.rejection[reason as keyof DemoContent['rejection']]), visibility: 'citizen' });
  };
  const withdraw = () => {
    later(0.02 * term, 0.5 * term);
    const byPhone = chance(r, 0.5) || !L.assigneeId;
    if (L.status === 'suspended') {
      L.suspensions[L.suspensions.length - 1]!.toAt = new Date(t);
      L.suspendedSince = null;
      L.suspensionReason = null;
    }
    L.closedAt = new Date(t);
    move('withdrawn', byPhone ? user(lc.intake.operator) : assignee(), { comment: pick(r, content.withdrawal), visibility: 'citizen' });
  };
  const redirectOut = async (fast: boolean) => {
    later(fast ? 2 * MIN : 0.5 * HOUR, fast ? 40 * MIN : Math.min(4 * DAY, 0.15 * term), !fast);
    const agencyKey = plan.agencyKey ?? pick(r, def.demo.agencies ?? []);
    const agency = content.agencies[agencyKey]!;
    const reason = fill(pick(r, content.externalRedirect), { agency: agency.name });
    L.closedAt = new Date(t);
    L.redirect = { agency: { name: agency.name, contact: agency.contact }, reason };
    move('redirected', fast ? user(lc.intake.operator) : supervisor(), {
      reason,
      visibility: 'citizen',
      data: { agency: { name: agency.name, contact: agency.contact }, inTime: !L.forwardDueAt || t <= L.forwardDueAt.getTime() },
    });
  };

  try {
    if (plan.outcome === 'draft') return finish(lc, L, cat);

    // Registration: at once for what arrives electronically, while the caller waits on the
    // phone or at the desk, and within the day for post and fax.
    const registrar = channel === 'post' || channel === 'fax' ? user(lc.intake.registrar) : creator;
    if (AUTOMATIC.has(channel)) later(5_000, 3 * MIN, false);
    else if (channel === 'post' || channel === 'fax') later(30 * MIN, 20 * HOUR);
    else later(2 * MIN, 12 * MIN, false);
    L.registeredAt = new Date(t);
    L.clockStartedAt = L.registeredAt;
    L.dueAt = await lc.due(policy, L.registeredAt, [], null);
    L.forwardDueAt = await lc.forwardDue(policy, L.registeredAt);
    L.registration = { registrationNumber: null, dueAt: L.dueAt.toISOString() };
    move('registered', registrar, { visibility: 'citizen', data: L.registration });
    if (def.routing.strategy !== 'manual') {
      const chosen = lc.chooseTechnician(def.department, cat, t);
      if (chosen) {
        L.assigneeId = chosen;
        event({ type: 'status_changed', fromStatus: 'registered', toStatus: 'assigned', data: { assigneeId: chosen, routed: def.routing.strategy } }, registrar);
        L.status = 'assigned';
      }
    }

    const early = chance(r, 0.5);
    if (plan.outcome === 'redirected' && (def.demo.agencyField || early)) {
      await redirectOut(Boolean(def.demo.agencyField));
      return finish(lc, L, cat);
    }
    if (plan.outcome === 'rejected' && early) {
      reject('early');
      return finish(lc, L, cat);
    }
    if (plan.outcome === 'withdrawn' && early) {
      withdraw();
      return finish(lc, L, cat);
    }
    if (plan.stallAt === 'registered' && L.status === 'registered') return finish(lc, L, cat);
    if (L.status === 'registered') {
      later(instant ? 5 * MIN : HOUR, instant ? 30 * MIN : 2 * DAY);
      const chosen = lc.chooseTechnician(L.departmentCode, null, t);
      if (chosen) {
        L.assigneeId = chosen;
        move('assigned', supervisor(), { data: { assigneeId: chosen, previousAssigneeId: null } });
      }
    }

    // Now and then a case belongs to another department: it starts over there, with a new term.
    if (def.demo.redirectTo && plan.outcome !== 'redirected' && chance(r, 0.1)) {
      later(2 * HOUR, 3 * DAY);
      const target = pick(r, def.demo.redirectTo.filter((d) => d !== L.departmentCode));
      const from = lc.departmentId(L.departmentCode);
      const reason = pick(r, content.internalRedirect);
      L.departmentCode = target;
      L.clockStartedAt = new Date(t);
      L.dueAt = await lc.due(policy, L.clockStartedAt, [], null);
      L.forwardDueAt = await lc.forwardDue(policy, L.clockStartedAt);
      L.assigneeId = lc.chooseTechnician(target, null, t);
      L.redirect = { departmentId: lc.departmentId(target), fromDepartmentId: from, reason };
      move(L.assigneeId ? 'assigned' : 'registered', user(lc.supervisorOf(def.department, cat)), {
        reason,
        visibility: 'citizen',
        data: { fromDepartmentId: from, toDepartmentId: lc.departmentId(target), assigneeId: L.assigneeId },
      });
    }
    if (plan.stallAt === 'assigned' || !L.assigneeId) return finish(lc, L, cat);
    if (plan.outcome === 'redirected') {
      await redirectOut(false);
      return finish(lc, L, cat);
    }

    later(instant ? MIN : 0.01 * term, instant ? 15 * MIN : 0.12 * term, !instant);
    move('in_progress', assignee());
    if (plan.outcome === 'rejected') {
      reject('late');
      return finish(lc, L, cat);
    }

    const stops = plan.stallAt === 'suspended' ? 1 : instant ? 0 : Number(weighted(r, { 0: 72, 1: 23, 2: 5 }));
    for (let i = 0; i < stops; i++) {
      later(0.05 * term, 0.3 * term);
      const reason = weighted(r, { awaiting_citizen_documents: 45, awaiting_other_institution: 25, on_site_inspection: 20, citizen_request: 10 });
      L.suspensions.push({ reason, fromAt: new Date(t), toAt: null });
      L.suspendedSince = new Date(t);
      L.suspensionReason = reason;
      move('suspended', assignee(), { reason, comment: pick(r, content.suspension[reason] ?? ['—']), visibility: 'citizen' });
      if (plan.outcome === 'withdrawn' && chance(r, 0.3)) {
        withdraw();
        return finish(lc, L, cat);
      }
      if (plan.stallAt === 'suspended' && i === stops - 1) return finish(lc, L, cat);
      const since = L.suspendedSince;
      later(Math.min(2 * DAY, 0.1 * term), Math.min(20 * DAY, 0.6 * term));
      L.suspensions[L.suspensions.length - 1]!.toAt = new Date(t);
      L.suspendedSince = null;
      L.suspensionReason = null;
      L.dueAt = await termDue();
      move('in_progress', assignee(), { visibility: 'citizen', data: { suspendedFrom: since.toISOString() } });
    }

    for (let i = Number(weighted(r, { 0: 55, 1: 35, 2: 10 })); i > 0 && !instant; i--) {
      later(HOUR, 0.15 * term);
      const citizen = chance(r, 0.3);
      event({ type: 'comment', comment: pick(r, citizen ? content.notes.citizen : content.notes.internal), visibility: citizen ? 'citizen' : 'internal' }, assignee());
    }
    if (plan.outcome === 'withdrawn') {
      withdraw();
      return finish(lc, L, cat);
    }

    if (policy.maxExtensionDays > 0 && chance(r, 0.14)) {
      const before = L.dueAt!;
      later(Math.max(HOUR, before.getTime() - t - 6 * DAY), Math.max(2 * HOUR, before.getTime() - t - 2 * DAY));
      L.extensionDays = policy.maxExtensionDays;
      L.extensionReason = pick(r, content.extensionReasons);
      L.dueAt = await termDue();
      event({ type: 'extended', fromStatus: L.status, toStatus: L.status, reason: L.extensionReason, visibility: 'citizen', data: { previousDueAt: before.toISOString(), dueAt: L.dueAt.toISOString() } }, supervisor());
      L.version++;
      L.updatedAt = new Date(t);
    }
    if (plan.stallAt === 'in_progress') return finish(lc, L, cat);

    const returnMethod = plan.returnMethod ?? weighted(r, RETURN_BY_CHANNEL[channel] ?? { online: 50, post: 50 });
    const propose = (minF: number, maxF: number) => {
      later(instant ? 2 * MIN : minF * term, instant ? 20 * MIN : maxF * term, !instant);
      L.resolution = { answer: plan.answer(returnMethod), returnMethod, proposedBy: L.assigneeId, approvedBy: null };
      move('resolution_proposed', assignee());
    };
    const late = chance(r, 0.1);
    propose(late ? 0.9 : 0.15, late ? 1.5 : 0.8);
    if (plan.stallAt === 'resolution_proposed') return finish(lc, L, cat);
    if (!instant && chance(r, 0.1)) {
      later(2 * HOUR, 2 * DAY);
      move('in_progress', supervisor(), { comment: pick(r, content.returnComments) });
      propose(0.02, 0.1);
    }

    later(instant ? 2 * MIN : HOUR, instant ? 30 * MIN : 3 * DAY, !instant);
    const approver = supervisor();
    L.resolution = { ...L.resolution, approvedBy: approver.id };
    L.closedAt = new Date(t);
    move('resolved', approver, { visibility: 'citizen', data: { returnMethod } });
    if (plan.outcome === 'resolved') return finish(lc, L, cat);
    if (plan.outcome !== 'reopened' || chance(r, 0.5)) {
      later(instant ? MIN : returnMethod === 'in_person' ? DAY : 2 * HOUR, instant ? 10 * MIN : returnMethod === 'in_person' ? 15 * DAY : 3 * DAY, !instant);
      move('closed', assignee());
    }
    if (plan.outcome === 'reopened') {
      later(3 * DAY, 40 * DAY);
      L.closedAt = null;
      L.clockStartedAt = new Date(t);
      L.dueAt = await lc.due(policy, L.clockStartedAt, [], null);
      L.extensionDays = null;
      L.extensionReason = null;
      move('reopened', supervisor(), { comment: pick(r, content.reopening), visibility: 'citizen' });
    }
  } catch (err) {
    if (!(err instanceof OutOfTime)) throw err;
  }
  return finish(lc, L, cat);
}

const RUNNING: readonly CaseStatus[] = ['registered', 'assigned', 'in_progress', 'resolution_proposed', 'reopened'];

/** The deadline sweep's marks, as the sweep job would have left them. */
function finish(lc: LifeContext, L: Life, cat: SeededCategory): Life {
  if (!L.dueAt) return L;
  const end = RUNNING.includes(L.status) ? lc.now : (L.suspendedSince ?? L.closedAt ?? L.updatedAt).getTime();
  const due = L.dueAt.getTime();
  const warnFrom = Math.max(due - cat.record.deadline.warnBeforeHours * HOUR, L.clockStartedAt!.getTime());
  if (end > warnFrom) L.warnedAt = new Date(Math.min(warnFrom + 60_000, lc.now));
  if (end > due) L.overdueAt = new Date(Math.min(due + 60_000, lc.now));
  return L;
}
