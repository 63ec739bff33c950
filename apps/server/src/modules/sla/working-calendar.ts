/**
 * A tenant's working calendar: which local dates are working days, and the working hours on them.
 *
 * Sources, in order of precedence:
 * 1. the tenant's own lists: `extraWorkingDays` (working Saturdays, days the government transferred
 *    work to) and `extraNonWorkingDays` (local holidays, decree-transferred days off the holiday
 *    data lacks, e.g. Russia's 31 Dec 2025 and 9 Jan 2026) — the tenant knows its calendar best;
 * 2. public holidays of the country (date-holidays, type 'public' only: observances, bank and school
 *    holidays are working days for a public office);
 * 3. the weekly rest days (`weekend`, default Saturday and Sunday).
 *
 * Create one calendar per tenant and reuse it: holidays are looked up once per year and cached.
 */
import Holidays from 'date-holidays';
import {
  addLocalDays,
  assertTimeZone,
  dayOfWeek,
  localDateOf,
  parseLocalDate,
  parseTimeOfDay,
  startOfLocalDay,
  wallTimeToInstant,
  type LocalDate,
} from './zoned-time.ts';

export interface WorkingCalendarOptions {
  /** ISO 3166-1 country code, optionally with a subdivision: 'RO', 'RU', 'RU-TA' (Tatarstan). */
  country: string;
  /** IANA time zone of the tenant: 'Europe/Bucharest', 'Europe/Moscow'. */
  timeZone: string;
  /** Local dates that are not working days although the rules above say they are. */
  extraNonWorkingDays?: readonly LocalDate[];
  /** Local dates that are working days although the rules above say they are not. */
  extraWorkingDays?: readonly LocalDate[];
  /** Weekly rest days, 0 = Sunday … 6 = Saturday. Default [0, 6]. */
  weekend?: readonly number[];
  /** Office hours on a working day, local wall time. Default 08:00–16:00. */
  workingHours?: { start: string; end: string };
}

export type NonWorkingReason = 'tenant_non_working_day' | 'public_holiday' | 'weekend';

export interface WorkingCalendar {
  readonly timeZone: string;
  readonly country: string;
  readonly workingHours: { readonly start: string; readonly end: string };
  isWorkingDay(date: LocalDate): boolean;
  /** Why a date is not a working day, or null when it is one. */
  nonWorkingReason(date: LocalDate): NonWorkingReason | null;
  /** Name(s) of the public holiday on that date, whether or not the tenant works that day; else null. */
  holidayName(date: LocalDate): string | null;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /** `date` itself if it is a working day, else the next one. */
  workingDayOnOrAfter(date: LocalDate): LocalDate;
  /** `date` itself if it is a working day, else the previous one. */
  workingDayOnOrBefore(date: LocalDate): LocalDate;
  /**
   * The n-th working day after `date` (n > 0), or before it (n < 0); `date` itself is never counted.
   * n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Office hours of `date` as instants, or null on a non-working day. */
  workingHoursOn(date: LocalDate): { start: Date; end: Date } | null;
}

/** A calendar with no working day for ten years is a configuration error, not a long search. */
const MAX_SEARCH_DAYS = 3660;

export function createWorkingCalendar(opts: WorkingCalendarOptions): WorkingCalendar {
  assertTimeZone(opts.timeZone);
  const { timeZone } = opts;
  const weekend = new Set(validWeekdays(opts.weekend ?? [0, 6]));
  const extraWorking = validDateSet(opts.extraWorkingDays ?? [], 'extraWorkingDays');
  const extraNonWorking = validDateSet(opts.extraNonWorkingDays ?? [], 'extraNonWorkingDays');
  for (const d of extraWorking) {
    if (extraNonWorking.has(d)) throw new RangeError(`${d} is listed both as a working and a non-working day`);
  }
  const hours = opts.workingHours ?? { start: '08:00', end: '16:00' };
  const startMs = parseTimeOfDay(hours.start);
  const endMs = parseTimeOfDay(hours.end);
  if (startMs >= endMs) throw new RangeError(`working hours must start before they end: ${hours.start}–${hours.end}`);
  const holidays = createHolidayTable(opts.country, timeZone);

  const nonWorkingReason = (date: LocalDate): NonWorkingReason | null => {
    if (extraWorking.has(date)) return null;
    if (extraNonWorking.has(date)) return 'tenant_non_working_day';
    if (holidays.namesOn(date)) return 'public_holiday';
    if (weekend.has(dayOfWeek(date))) return 'weekend';
    return null;
  };
  const isWorkingDay = (date: LocalDate) => nonWorkingReason(date) === null;

  /** Walks one day at a time from `date` (exclusive) until `n` working days have been passed. */
  const step = (date: LocalDate, n: number): LocalDate => {
    const dir = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let d = date;
    let idle = 0;
    while (left > 0) {
      d = addLocalDays(d, dir);
      if (isWorkingDay(d)) {
        left -= 1;
        idle = 0;
      } else if (++idle > MAX_SEARCH_DAYS) {
        throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days of ${date}`);
      }
    }
    return d;
  };

  return {
    timeZone,
    country: opts.country,
    workingHours: { start: hours.start, end: hours.end },
    isWorkingDay,
    nonWorkingReason,
    holidayName: (date) => holidays.namesOn(date)?.join(', ') ?? null,
    nextWorkingDay: (date) => step(date, 1),
    previousWorkingDay: (date) => step(date, -1),
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : step(date, 1)),
    workingDayOnOrBefore: (date) => (isWorkingDay(date) ? date : step(date, -1)),
    addWorkingDays: (date, n) => {
      if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
      parseLocalDate(date);
      return step(date, n);
    },
    workingHoursOn: (date) =>
      isWorkingDay(date)
        ? { start: wallTimeToInstant(date, startMs, timeZone), end: wallTimeToInstant(date, endMs, timeZone) }
        : null,
  };
}

function validWeekdays(days: readonly number[]): number[] {
  for (const d of days) {
    if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`weekend days are 0 (Sunday) … 6 (Saturday), got ${d}`);
  }
  return [...days];
}

function validDateSet(dates: readonly LocalDate[], field: string): Set<LocalDate> {
  for (const d of dates) {
    try {
      parseLocalDate(d);
    } catch {
      throw new RangeError(`${field}: not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
    }
  }
  return new Set(dates);
}

// ---------------------------------------------------------------------------------------------
// Public holidays from date-holidays

interface HolidayTable {
  /** Names of the public holidays on a local date, or undefined. */
  namesOn(date: LocalDate): string[] | undefined;
}

/**
 * Public holidays per local date, built once per year.
 *
 * date-holidays returns one entry per holiday *rule*, and an entry may span several days (Russia's
 * "Новогодние каникулы" entry dated 2 January runs to the end of 6 January), so counting entries
 * would be wrong. What decides is the entry's [start, end) span, exactly as `isHoliday(date)` tests
 * it; we run the same test once per day of the span, at local noon, instead of calling isHoliday for
 * every day of the year (which recomputes all rules each time, ~2 ms a call). Noon also matches the
 * library's own reading of holidays that begin at sunset the evening before (Tatarstan's Uraza and
 * Kurban Bayram): the holiday is the following date. The tests check the table against isHoliday for
 * whole years.
 *
 * The library is given the tenant's zone, so spans are local days of the tenant, not of the
 * country's capital (this matters for Russian tenants east of Moscow).
 */
function createHolidayTable(country: string, timeZone: string): HolidayTable {
  const hd = openHolidays(country, timeZone);
  const years = new Map<number, Map<LocalDate, string[]>>();

  const buildYear = (year: number): Map<LocalDate, string[]> => {
    const table = new Map<LocalDate, string[]>();
    // A span that starts late in the previous year may run into this one.
    for (const h of [...hd.getHolidays(year - 1), ...hd.getHolidays(year)]) {
      if (h.type !== 'public') continue;
      for (let d = localDateOf(h.start, timeZone); startOfLocalDay(d, timeZone) < h.end; d = addLocalDays(d, 1)) {
        const noon = wallTimeToInstant(d, 12 * 3_600_000, timeZone);
        if (!d.startsWith(`${year}-`) || noon < h.start || noon >= h.end) continue;
        const names = table.get(d) ?? [];
        if (!names.includes(h.name)) names.push(h.name);
        table.set(d, names);
      }
    }
    return table;
  };

  return {
    namesOn(date) {
      const year = parseLocalDate(date).year;
      let table = years.get(year);
      if (!table) {
        table = buildYear(year);
        years.set(year, table);
      }
      return table.get(date);
    },
  };
}

/** 'RU-TA' → date-holidays for Russia, state Tatarstan; unknown countries or states are rejected. */
function openHolidays(country: string, timeZone: string): Holidays {
  const m = /^([A-Za-z]{2})(?:[-.]([A-Za-z0-9]{1,3}))?$/.exec(country);
  const code = m?.[1]?.toUpperCase();
  const state = m?.[2]?.toUpperCase();
  const probe = new Holidays();
  if (!code || !(code in probe.getCountries())) throw new RangeError(`unknown country: ${JSON.stringify(country)}`);
  if (state && !(state in (probe.getStates(code) ?? {}))) {
    throw new RangeError(`unknown subdivision of ${code}: ${JSON.stringify(state)}`);
  }
  return new Holidays(state ? { country: code, state } : code, { timezone: timeZone });
}
