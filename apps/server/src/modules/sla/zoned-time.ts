/**
 * Wall-clock time in an IANA time zone, with nothing but Intl and UTC arithmetic.
 *
 * Deadlines are legal calendar dates ("the 30th day after registration") in the tenant's zone, while
 * we store and compare instants (UTC). These helpers convert between the two without ever assuming a
 * day is 24 hours long: a local day in Europe/Bucharest is 23 hours on the last Sunday of March and
 * 25 hours on the last Sunday of October.
 *
 * A local calendar date is a `LocalDate` string 'YYYY-MM-DD' (proleptic Gregorian, no zone). Date
 * arithmetic on it is done in UTC, where every day has 24 hours, so it is zone-independent.
 */

/** A calendar date with no zone attached, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** How to read a wall time that a DST change skips (gap) or repeats (overlap); as in Temporal. */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/** A wall-clock reading in some zone. */
export interface WallTime {
  date: LocalDate;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/;

// ---------------------------------------------------------------------------------------------
// Local dates (zone-free)

/** Parses 'YYYY-MM-DD' and rejects impossible dates such as 2026-02-30. */
export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE_RE.exec(date);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

export function isLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Midnight UTC of the date: the zone-free number we do date arithmetic on. */
function utcMidnight(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day);
}

function formatUtcDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days (negative goes back). Never touches a time zone. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return formatUtcDate(utcMidnight(date) + days * DAY_MS);
}

/** Number of calendar days from `from` to `to` (positive when `to` is later). */
export function localDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday (as Date#getDay). */
export function dayOfWeek(date: LocalDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.mmm' → milliseconds after midnight. '24:00' is allowed (end of day). */
export function parseTimeOfDay(time: string): number {
  const m = TIME_RE.exec(time);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const s = Number(m[3] ?? 0);
    const ms = Number(m[4] ?? 0);
    const total = ((h * 60 + min) * 60 + s) * 1000 + ms;
    if (min < 60 && s < 60 && total <= DAY_MS) return total;
  }
  throw new RangeError(`not a time of day (HH:MM): ${JSON.stringify(time)}`);
}

// ---------------------------------------------------------------------------------------------
// Zones

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('time zone is required');
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`unknown time zone: ${JSON.stringify(timeZone)}`);
  }
}

/**
 * The wall clock reading, as if it were a UTC timestamp ("local ms"). Intl gives whole seconds, so
 * the instant's milliseconds are carried over unchanged (every real zone offset is whole seconds).
 */
function localMs(instantMs: number, timeZone: string): number {
  const seconds = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(seconds))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? NaN,
    (parts.month ?? NaN) - 1,
    parts.day ?? NaN,
    parts.hour ?? NaN,
    parts.minute ?? NaN,
    parts.second ?? NaN,
  );
  return wall + (instantMs - seconds);
}

/** The zone's UTC offset at an instant, in ms (Bucharest in summer: +3 h = 10 800 000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return localMs(instant.getTime(), timeZone) - instant.getTime();
}

/** What a wall clock in `timeZone` shows at `instant`. */
export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const wall = new Date(localMs(instant.getTime(), timeZone));
  return {
    date: wall.toISOString().slice(0, 10),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

/** The calendar date in `timeZone` at `instant`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return new Date(localMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant at which a wall clock in `timeZone` shows `date` + `msOfDay`.
 *
 * A zone's offset changes at most once in any 48 hours, so the offsets a day before and a day after
 * are the only two candidates. Each candidate is kept if it really maps back to the wall time:
 * - one fits: the usual case;
 * - both fit (autumn overlap, the hour happens twice): 'compatible' and 'earlier' take the first;
 * - none fits (spring gap, the hour never happens): 'compatible' and 'later' read the time with the
 *   offset from before the change, i.e. move it forward by the gap (03:30 in Bucharest on the last
 *   Sunday of March is 04:30 EEST); 'earlier' moves it back.
 */
export function wallTimeToInstant(
  date: LocalDate,
  msOfDay: number,
  timeZone: string,
  disambiguation: Disambiguation = 'compatible',
): Date {
  if (!Number.isFinite(msOfDay) || msOfDay < 0 || msOfDay > DAY_MS) {
    throw new RangeError(`time of day out of range: ${msOfDay} ms`);
  }
  const wall = utcMidnight(date) + msOfDay;
  const offsetBefore = zoneOffsetMs(new Date(wall - DAY_MS), timeZone);
  const offsetAfter = zoneOffsetMs(new Date(wall + DAY_MS), timeZone);
  const candidates = [...new Set([wall - offsetBefore, wall - offsetAfter])]
    .filter((t) => localMs(t, timeZone) === wall)
    .sort((a, b) => a - b);

  const [first, second] = candidates;
  if (first !== undefined && second === undefined) return new Date(first);
  if (first !== undefined && second !== undefined) {
    if (disambiguation === 'reject') throw new RangeError(`${date} ${msOfDay} ms happens twice in ${timeZone}`);
    return new Date(disambiguation === 'later' ? second : first);
  }
  if (disambiguation === 'reject') throw new RangeError(`${date} ${msOfDay} ms does not exist in ${timeZone}`);
  return new Date(disambiguation === 'earlier' ? wall - offsetAfter : wall - offsetBefore);
}

/** `localDateTimeToInstant('2026-03-10', '10:00', 'Europe/Bucharest')` → 2026-03-10T08:00:00Z. */
export function localDateTimeToInstant(
  date: LocalDate,
  time: string,
  timeZone: string,
  disambiguation: Disambiguation = 'compatible',
): Date {
  return wallTimeToInstant(date, parseTimeOfDay(time), timeZone, disambiguation);
}

/**
 * The first instant of a local day. Usually 00:00; where a DST change skips midnight
 * (America/Santiago, America/Havana) it is the first wall time that exists, e.g. 01:00.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return wallTimeToInstant(date, 0, timeZone, 'compatible');
}

/** The last millisecond of a local day (23:59:59.999 local): the end of a term that ends "on" it. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addLocalDays(date, 1), timeZone).getTime() - 1);
}

/**
 * Time between two instants as a wall clock in `timeZone` measures it: from Saturday 12:00 to
 * Tuesday 12:00 is exactly 3 days even though 73 real hours pass when October's DST change falls in
 * between. Used where the law speaks of calendar days rather than hours.
 */
export function wallClockElapsedMs(from: Date, to: Date, timeZone: string): number {
  return localMs(to.getTime(), timeZone) - localMs(from.getTime(), timeZone);
}
