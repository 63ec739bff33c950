/**
 * Arithmetic on working time: the office hours of working days in a tenant's calendar.
 *
 * Every day's hours are turned into instants through the zone (see WorkingCalendar.workingHoursOn),
 * so a Monday after the March DST change still starts at 08:00 local, one hour earlier in UTC than
 * the Friday before it.
 */
import type { WorkingCalendar } from './working-calendar.ts';
import { addLocalDays, localDateOf, localDaysBetween, type LocalDate } from './zoned-time.ts';

const MAX_IDLE_DAYS = 3660;

/**
 * The instant at which `ms` of working time has passed since `from`. Time outside office hours and
 * on non-working days does not count. If the amount runs out exactly at closing time the answer is
 * closing time (16:00), not the next opening. Zero (or less) returns `from` unchanged.
 */
export function addWorkingTime(calendar: WorkingCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms)) throw new RangeError(`working time must be finite, got ${ms}`);
  if (ms <= 0) return from;
  let left = ms;
  let day = localDateOf(from, calendar.timeZone);
  for (let idle = 0; idle <= MAX_IDLE_DAYS; day = addLocalDays(day, 1)) {
    const hours = calendar.workingHoursOn(day);
    const start = hours ? Math.max(hours.start.getTime(), from.getTime()) : 0;
    if (!hours || start >= hours.end.getTime()) {
      idle += 1;
      continue;
    }
    idle = 0;
    const available = hours.end.getTime() - start;
    if (left <= available) return new Date(start + left);
    left -= available;
  }
  throw new RangeError(`no working time within ${MAX_IDLE_DAYS} days of ${from.toISOString()}`);
}

/** Working time, in ms, inside [from, to). */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  let total = 0;
  forEachWorkingOverlap(calendar, from, to, (overlap) => {
    total += overlap;
  });
  return total;
}

/**
 * Working time inside [from, to) measured in working days: each working day contributes the share of
 * its office hours that falls inside the interval (a whole day's hours = 1). Measuring per day keeps
 * a day whose hours a DST change shortens or lengthens worth exactly one.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  let total = 0;
  forEachWorkingOverlap(calendar, from, to, (overlap, length) => {
    total += overlap / length;
  });
  return total;
}

function forEachWorkingOverlap(
  calendar: WorkingCalendar,
  from: Date,
  to: Date,
  visit: (overlapMs: number, dayLengthMs: number, date: LocalDate) => void,
): void {
  if (to <= from) return;
  const first = localDateOf(from, calendar.timeZone);
  const days = localDaysBetween(first, localDateOf(to, calendar.timeZone));
  for (let i = 0; i <= days; i++) {
    const date = addLocalDays(first, i);
    const hours = calendar.workingHoursOn(date);
    if (!hours) continue;
    const overlap =
      Math.min(hours.end.getTime(), to.getTime()) - Math.max(hours.start.getTime(), from.getTime());
    if (overlap > 0) visit(overlap, hours.end.getTime() - hours.start.getTime(), date);
  }
}
