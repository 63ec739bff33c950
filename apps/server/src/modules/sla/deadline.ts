/**
 * Legal response deadlines of a case: pure functions of the policy, the tenant's working calendar,
 * the registration instant, the clock stops, the extension and "now" (from the injected clock).
 *
 * Counting rules (Romanian Civil Code art. 2553–2554 and Civil Procedure Code art. 181(2); Russian
 * Civil Code art. 191 applied to 59-FZ by analogy, and the agencies' instructions for art. 12):
 *
 * - The registration day does not count: day 1 of a term is the local day after registration.
 * - calendar_days (N): the term ends at the end (23:59:59.999 local) of day N. If day N is not a
 *   working day, `endOnNonWorkingDay` decides: 'next_working_day' (Romania: the term is prolonged to
 *   the end of the first working day after it), 'previous_working_day' (Russian practice for 59-FZ
 *   appeals: the answer must go out on the working day before) or 'keep'.
 * - working_days (N): the term ends at the end of the N-th working day after the registration day
 *   (always a working day, so `endOnNonWorkingDay` has nothing to do).
 * - working_hours (N): the clock runs from the registration instant, only during office hours of
 *   working days; the deadline is the instant N such hours have passed.
 * - Extension (granted at most once; the caller enforces "once" and the legal maximum): it lengthens
 *   the term, in the policy's unit — calendar days, working days or working hours. The extended term
 *   is counted on from the *unadjusted* last day and the non-working-day rule is applied once, to the
 *   final day. So a 59-FZ appeal whose 30th day is 7 January still gets its full 60 days when
 *   extended (ends 6 February), rather than 30 days from the 30 December it was pulled back to.
 * - Clock stops (suspensions): time the clock was stopped does not count, measured in the term's
 *   unit and given back after the current end of the term:
 *   - calendar_days: each stop gives back its length in calendar days as a wall clock in the tenant's
 *     zone measures it, rounded UP to whole days (a part of a day counts as a day, a stop from
 *     Monday 15:00 to Thursday 09:00 — 2 days 18 hours — gives back 3 days). The non-working-day rule
 *     is then applied to the moved last day.
 *   - working_days: each stop gives back the working time inside it, in working days (a day's office
 *     hours = 1), rounded UP; a stop entirely outside office hours gives back nothing.
 *   - working_hours: each stop gives back exactly the working time inside it.
 *   Only clock time counts: the part of a stop before counting starts (the registration day for day
 *   terms, the registration instant for hour terms) is ignored, and a stop that begins after the
 *   deadline had already passed cannot revive it (it is ignored, and so are later ones). Overlapping
 *   stops are merged first.
 * - An open stop (to = null) means the clock is stopped now: it is measured up to `now`, so `dueAt`
 *   is the deadline if the clock restarted now; it moves on by whole days while the stop lasts.
 */
import type { WorkingCalendar } from './working-calendar.ts';
import { addWorkingTime, workingDaysBetween, workingTimeBetween } from './working-time.ts';
import {
  DAY_MS,
  HOUR_MS,
  addLocalDays,
  endOfLocalDay,
  localDateOf,
  startOfLocalDay,
  wallClockElapsedMs,
  type LocalDate,
} from './zoned-time.ts';

export type DeadlineUnit = 'calendar_days' | 'working_days' | 'working_hours';
export type EndOnNonWorkingDay = 'next_working_day' | 'previous_working_day' | 'keep';

export type DeadlinePolicy = {
  unit: DeadlineUnit;
  /** Length of the term in `unit`: 30 for a 59-FZ appeal or an OG 27/2002 petition. */
  amount: number;
  /** Only used by calendar_days terms (a working-day term always ends on a working day). */
  endOnNonWorkingDay: EndOnNonWorkingDay;
};

export type Suspension = { from: Date; to: Date | null };

export interface DeadlineInput {
  policy: DeadlinePolicy;
  calendar: WorkingCalendar;
  registeredAt: Date;
  suspensions?: readonly Suspension[];
  /** The one extension, in the policy's unit (hours for a working_hours policy). */
  extensionDays?: number;
  now: Date;
}

export interface DeadlineResult {
  /** The deadline instant (UTC). */
  dueAt: Date;
  /** The local date of `dueAt` in the tenant's zone, for "answer by 9 April". */
  dueDate: LocalDate;
  /** Real time (ms) the clock was stopped that counted, as clipped by the rules above. */
  suspendedMs: number;
  /** False while a stop is under way at `now`. */
  running: boolean;
  /**
   * dueAt − now, negative once overdue. Never null: while the clock is stopped it is the time that
   * would be left if the clock restarted now (the open stop is measured up to now), which is what a
   * status answer needs ("12 days left once your documents arrive").
   */
  remainingMs: number;
  overdue: boolean;
}

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue';

// ---------------------------------------------------------------------------------------------

export function computeDeadline(input: DeadlineInput): DeadlineResult {
  const { policy, calendar, registeredAt, now } = input;
  assertInstant(registeredAt, 'registeredAt');
  assertInstant(now, 'now');
  const extension = checkExtension(policy, input.extensionDays ?? 0);
  const term = openTerm(policy, calendar, registeredAt, checkAmount(policy));
  if (extension > 0) term.lengthen(extension);

  let suspendedMs = 0;
  for (const stop of mergeStops(input.suspensions ?? [], now)) {
    const from = stop.from > term.countingStart ? stop.from : term.countingStart;
    if (from >= stop.to) continue; // wholly before the clock started
    if (from > term.dueAt()) break; // the deadline had already passed; nothing can revive it
    suspendedMs += stop.to.getTime() - from.getTime();
    term.giveBack(from, stop.to);
  }

  const dueAt = term.dueAt();
  return {
    dueAt,
    dueDate: localDateOf(dueAt, calendar.timeZone),
    suspendedMs,
    running: isRunning(input.suspensions ?? [], now),
    remainingMs: dueAt.getTime() - now.getTime(),
    overdue: now > dueAt,
  };
}

/**
 * When a misdirected case must be forwarded to the competent body: a calendar-day term counted like
 * any other (59-FZ art. 8 part 3: 7 days from registration; OG 27/2002: 5 days).
 */
export function forwardingDeadline(
  registeredAt: Date,
  days: number,
  calendar: WorkingCalendar,
  endOnNonWorkingDay: EndOnNonWorkingDay,
): Date {
  const policy: DeadlinePolicy = { unit: 'calendar_days', amount: days, endOnNonWorkingDay };
  return computeDeadline({ policy, calendar, registeredAt, now: registeredAt }).dueAt;
}

/** 'overdue' once `now` is past `dueAt`; 'due_soon' within `warnBeforeMs` of it; else 'on_time'. */
export function deadlineState(dueAt: Date, now: Date, warnBeforeMs: number): DeadlineState {
  if (now > dueAt) return 'overdue';
  return dueAt.getTime() - now.getTime() <= warnBeforeMs ? 'due_soon' : 'on_time';
}

// ---------------------------------------------------------------------------------------------
// Terms: one per unit, each knowing how to lengthen itself and give back stopped time.

interface Term {
  /** When the clock starts running; stopped time before it was never clock time. */
  readonly countingStart: Date;
  dueAt(): Date;
  /** Adds `amount` units (the extension). */
  lengthen(amount: number): void;
  /** Gives back the clock time lost in [from, to). */
  giveBack(from: Date, to: Date): void;
}

function openTerm(policy: DeadlinePolicy, calendar: WorkingCalendar, registeredAt: Date, amount: number): Term {
  switch (policy.unit) {
    case 'calendar_days':
      return calendarDaysTerm(calendar, registeredAt, amount, policy.endOnNonWorkingDay);
    case 'working_days':
      return workingDaysTerm(calendar, registeredAt, amount);
    case 'working_hours':
      return workingHoursTerm(calendar, registeredAt, amount);
    default:
      throw new RangeError(`unknown deadline unit: ${JSON.stringify((policy as { unit: unknown }).unit)}`);
  }
}

function calendarDaysTerm(calendar: WorkingCalendar, registeredAt: Date, days: number, rule: EndOnNonWorkingDay): Term {
  const tz = calendar.timeZone;
  const registrationDay = localDateOf(registeredAt, tz);
  // The nominal last day; the non-working-day rule is applied only when reading the deadline.
  let lastDay = addLocalDays(registrationDay, days);
  return {
    countingStart: startOfLocalDay(addLocalDays(registrationDay, 1), tz),
    dueAt: () => endOfLocalDay(applyEndRule(calendar, lastDay, rule), tz),
    lengthen: (n) => {
      lastDay = addLocalDays(lastDay, n);
    },
    giveBack: (from, to) => {
      // Wall-clock days, so a stop across a DST change is not a day longer or shorter; any part of
      // a day counts as a whole one (max 1: inside October's repeated hour the wall clock can even
      // run backwards).
      const stopped = Math.max(1, Math.ceil(wallClockElapsedMs(from, to, tz) / DAY_MS));
      lastDay = addLocalDays(lastDay, stopped);
    },
  };
}

function workingDaysTerm(calendar: WorkingCalendar, registeredAt: Date, days: number): Term {
  const tz = calendar.timeZone;
  const registrationDay = localDateOf(registeredAt, tz);
  let lastDay = calendar.addWorkingDays(registrationDay, days);
  return {
    countingStart: startOfLocalDay(addLocalDays(registrationDay, 1), tz),
    dueAt: () => endOfLocalDay(lastDay, tz),
    lengthen: (n) => {
      lastDay = calendar.addWorkingDays(lastDay, n);
    },
    giveBack: (from, to) => {
      lastDay = calendar.addWorkingDays(lastDay, roundUpDays(workingDaysBetween(calendar, from, to)));
    },
  };
}

function workingHoursTerm(calendar: WorkingCalendar, registeredAt: Date, hours: number): Term {
  let due = addWorkingTime(calendar, registeredAt, hours * HOUR_MS);
  return {
    countingStart: registeredAt,
    dueAt: () => due,
    lengthen: (n) => {
      due = addWorkingTime(calendar, due, n * HOUR_MS);
    },
    giveBack: (from, to) => {
      due = addWorkingTime(calendar, due, workingTimeBetween(calendar, from, to));
    },
  };
}

function applyEndRule(calendar: WorkingCalendar, day: LocalDate, rule: EndOnNonWorkingDay): LocalDate {
  switch (rule) {
    case 'next_working_day':
      return calendar.workingDayOnOrAfter(day);
    case 'previous_working_day':
      return calendar.workingDayOnOrBefore(day);
    case 'keep':
      return day;
    default:
      throw new RangeError(`unknown end rule: ${JSON.stringify(rule)}`);
  }
}

/** Fractions of a working day summed over days carry float noise (1/3 + 1/3 + 1/3 ≠ 1); ignore it. */
function roundUpDays(days: number): number {
  return Math.ceil(days - 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Stops

interface ClosedStop {
  from: Date;
  to: Date;
}

/** Stops in time order with open ones closed at `now`, overlapping or touching ones merged. */
function mergeStops(stops: readonly Suspension[], now: Date): ClosedStop[] {
  const closed = stops
    .map((s) => {
      assertInstant(s.from, 'suspension.from');
      if (s.to !== null) {
        assertInstant(s.to, 'suspension.to');
        if (s.to < s.from) throw new RangeError(`a suspension ends before it starts: ${s.from.toISOString()}`);
      }
      return { from: s.from, to: s.to ?? (now > s.from ? now : s.from) };
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());

  const merged: ClosedStop[] = [];
  for (const s of closed) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) {
      if (s.to > last.to) last.to = s.to;
    } else {
      merged.push({ ...s });
    }
  }
  return merged;
}

/** The clock runs unless a stop covers `now` (an open stop that has begun, or a closed one not yet over). */
function isRunning(stops: readonly Suspension[], now: Date): boolean {
  return !stops.some((s) => s.from <= now && (s.to === null || now < s.to));
}

// ---------------------------------------------------------------------------------------------
// Validation: bad policies are configuration errors, so they throw rather than guess.

function checkAmount(policy: DeadlinePolicy): number {
  const { amount, unit } = policy;
  const whole = unit !== 'working_hours';
  if (!Number.isFinite(amount) || amount <= 0 || (whole && !Number.isInteger(amount))) {
    throw new RangeError(`deadline amount must be a positive ${whole ? 'whole ' : ''}number of ${unit}, got ${amount}`);
  }
  return amount;
}

function checkExtension(policy: DeadlinePolicy, extension: number): number {
  const whole = policy.unit !== 'working_hours';
  if (!Number.isFinite(extension) || extension < 0 || (whole && !Number.isInteger(extension))) {
    throw new RangeError(`extension must be a non-negative ${whole ? 'whole ' : ''}number of ${policy.unit}, got ${extension}`);
  }
  return extension;
}

function assertInstant(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} must be a valid Date`);
}
