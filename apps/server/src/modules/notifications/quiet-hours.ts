import { addLocalDays, localDateTimeToInstant, parseTimeOfDay, wallTimeOf } from '../sla/index.ts';

/**
 * Pure: when a non-urgent SMS may go. Inside the institution's quiet hours (local time, e.g.
 * 21:00–08:00, which wraps midnight) it waits for their end; otherwise it goes now (null).
 */
export function quietUntil(now: Date, timeZone: string, quiet: { start: string; end: string }): Date | null {
  const start = parseTimeOfDay(quiet.start);
  const end = parseTimeOfDay(quiet.end);
  if (start === end) return null;
  const wall = wallTimeOf(now, timeZone);
  const ms = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
  const wraps = start > end;
  const inside = wraps ? ms >= start || ms < end : ms >= start && ms < end;
  if (!inside) return null;
  // Before midnight in a window that wraps, its end is tomorrow.
  const endDay = wraps && ms >= start ? addLocalDays(wall.date, 1) : wall.date;
  return localDateTimeToInstant(endDay, quiet.end, timeZone);
}
