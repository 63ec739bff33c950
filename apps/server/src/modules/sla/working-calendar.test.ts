import Holidays from 'date-holidays';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkingCalendar } from './working-calendar.ts';
import { addLocalDays, localDateTimeToInstant } from './zoned-time.ts';

const ro = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest' });
const ru = createWorkingCalendar({ country: 'RU', timeZone: 'Europe/Moscow' });

/** The days date-holidays 3.37 lacks for Russia around 2026 (Government decree of 24 Sep 2025 and Labour Code art. 112). */
const RU_2026_TRANSFERS = ['2025-12-31', '2026-01-09', '2026-05-11', '2026-12-31'];

function datesOf(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addLocalDays(d, 1)) out.push(d);
  return out;
}

describe('Romanian public holidays (date-holidays, type public only)', () => {
  it('makes Orthodox Good Friday, Easter and Easter Monday 2026 non-working, not the days around them', () => {
    expect(ro.holidayName('2026-04-10')).toBe('Vinerea Mare');
    expect(ro.holidayName('2026-04-12')).toBe('Paștele');
    expect(ro.holidayName('2026-04-13')).toBe('A doua zi de Paști');
    for (const d of ['2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13']) expect(ro.isWorkingDay(d), d).toBe(false);
    expect(ro.nonWorkingReason('2026-04-10')).toBe('public_holiday');
    expect(ro.nonWorkingReason('2026-04-11')).toBe('weekend');
    expect(ro.isWorkingDay('2026-04-09')).toBe(true);
    expect(ro.isWorkingDay('2026-04-14')).toBe(true);
  });

  it('reads multi-day entries by their span: 2 January is a holiday although the entry is dated 1 January', () => {
    expect(ro.holidayName('2026-01-02')).toBe('Anul nou');
    expect(ro.isWorkingDay('2026-01-02')).toBe(false);
  });

  it('has 1 May and 1 June 2026 (Children’s Day and Pentecost Monday on the same date), not observances', () => {
    expect(ro.isWorkingDay('2026-05-01')).toBe(false);
    expect(ro.holidayName('2026-06-01')).toBe('Ziua Copilului, A doua zi de Rusalii');
    expect(ro.isWorkingDay('2026-06-01')).toBe(false);
    expect(ro.holidayName('2026-05-31')).toBe('Rusaliile'); // the observance on the same day is left out
    expect(ro.holidayName('2026-05-21')).toBeNull(); // Ziua Eroilor is an observance: a working day
    expect(ro.isWorkingDay('2026-05-21')).toBe(true);
  });
});

describe('Russian public holidays', () => {
  it('has all of 1–8 January 2026 although date-holidays lists them as four entries', () => {
    for (let day = 1; day <= 8; day++) {
      const d = `2026-01-0${day}`;
      expect(ru.nonWorkingReason(d), d).toBe('public_holiday');
    }
    expect(ru.holidayName('2026-01-04')).toBe('Новогодние каникулы');
    expect(ru.holidayName('2026-01-07')).toBe('Рождество Христово');
  });

  it('lacks the decree-transferred days, which the tenant adds as extra non-working days', () => {
    // 2026 decree: Sat 3 Jan → Fri 9 Jan, Sun 4 Jan → Thu 31 Dec 2026; the 2025 decree moved a day
    // off to Wed 31 Dec 2025; Sat 9 May 2026 moves to Mon 11 May by Labour Code art. 112.
    for (const d of RU_2026_TRANSFERS) expect(ru.isWorkingDay(d), d).toBe(true);
    expect(ru.isWorkingDay('2026-03-09')).toBe(false); // this weekend transfer the data does have
    const decree = createWorkingCalendar({ country: 'RU', timeZone: 'Europe/Moscow', extraNonWorkingDays: RU_2026_TRANSFERS });
    for (const d of RU_2026_TRANSFERS) expect(decree.nonWorkingReason(d), d).toBe('tenant_non_working_day');
    expect(decree.nextWorkingDay('2026-01-08')).toBe('2026-01-12');
  });

  it('adds regional holidays for a subdivision (Tatarstan), dating sunset-to-sunset feasts like the library', () => {
    const ta = createWorkingCalendar({ country: 'RU-TA', timeZone: 'Europe/Moscow' });
    expect(ta.holidayName('2026-08-30')).toBe('День Республики Татарстан');
    expect(ta.holidayName('2026-11-06')).toBe('День Конституции Республики Татарстан');
    expect(ta.isWorkingDay('2026-03-20')).toBe(false); // Uraza Bayram
    expect(ta.isWorkingDay('2026-03-19')).toBe(true); // its eve, although the span starts that evening
    expect(ru.isWorkingDay('2026-03-20')).toBe(true);
  });

  it('uses the tenant’s own local days east of Moscow', () => {
    const vl = createWorkingCalendar({ country: 'RU', timeZone: 'Asia/Vladivostok' });
    expect(vl.isWorkingDay('2026-02-23')).toBe(false);
    expect(vl.isWorkingDay('2026-02-24')).toBe(true);
    expect(vl.isWorkingDay('2026-02-20')).toBe(true);
  });
});

describe('agreement with date-holidays isHoliday()', () => {
  it.each([
    ['RO', undefined, 'Europe/Bucharest'],
    ['RU', undefined, 'Europe/Moscow'],
    ['RU', 'TA', 'Europe/Moscow'],
    ['RU', undefined, 'Asia/Vladivostok'],
  ])('every day of 2026 for %s %s in %s', (country, state, timeZone) => {
    const calendar = createWorkingCalendar({ country: state ? `${country}-${state}` : country, timeZone });
    const hd = new Holidays(state ? { country, state } : country, { timezone: timeZone });
    for (const d of datesOf(2026)) {
      const found = hd.isHoliday(localDateTimeToInstant(d, '12:00', timeZone));
      const names = found ? found.filter((h) => h.type === 'public').map((h) => h.name) : [];
      // Same names, in whatever order (1 June 2026 has two).
      const split = (s: string) => s.split(', ').sort();
      expect(split(calendar.holidayName(d) ?? ''), d).toEqual(split(names.join(', ')));
    }
  });
});

describe('tenant days and weekends', () => {
  it('lets a tenant work a Saturday, or a public holiday, and take a day off', () => {
    const c = createWorkingCalendar({
      country: 'RO',
      timeZone: 'Europe/Bucharest',
      extraWorkingDays: ['2026-04-18', '2026-04-10'],
      extraNonWorkingDays: ['2026-04-09'],
    });
    expect(c.isWorkingDay('2026-04-18')).toBe(true); // working Saturday
    expect(c.isWorkingDay('2026-04-10')).toBe(true); // the tenant's list wins over the holiday data
    expect(c.holidayName('2026-04-10')).toBe('Vinerea Mare'); // still named
    expect(c.nonWorkingReason('2026-04-09')).toBe('tenant_non_working_day');
  });

  it('supports another weekly rest pattern', () => {
    const c = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest', weekend: [0] });
    expect(c.isWorkingDay('2026-03-14')).toBe(true); // Saturday
    expect(c.isWorkingDay('2026-03-15')).toBe(false);
  });

  it('rejects configuration it cannot honour', () => {
    const base = { country: 'RO', timeZone: 'Europe/Bucharest' };
    expect(() => createWorkingCalendar({ ...base, country: 'XX' })).toThrow(/unknown country/);
    expect(() => createWorkingCalendar({ ...base, country: 'RU-ZZ' })).toThrow(/unknown subdivision/);
    expect(() => createWorkingCalendar({ ...base, timeZone: 'Europe/Atlantis' })).toThrow(/unknown time zone/);
    expect(() => createWorkingCalendar({ ...base, extraWorkingDays: ['2026-02-30'] })).toThrow(/extraWorkingDays/);
    expect(() => createWorkingCalendar({ ...base, extraWorkingDays: ['2026-05-02'], extraNonWorkingDays: ['2026-05-02'] })).toThrow(/both/);
    expect(() => createWorkingCalendar({ ...base, weekend: [7] })).toThrow(/weekend/);
    expect(() => createWorkingCalendar({ ...base, workingHours: { start: '16:00', end: '08:00' } })).toThrow(/working hours/);
    const never = createWorkingCalendar({ ...base, weekend: [0, 1, 2, 3, 4, 5, 6] });
    expect(() => never.nextWorkingDay('2026-01-01')).toThrow(/no working day/);
  });
});

describe('stepping over non-working days', () => {
  it('finds the next and previous working days, strictly or inclusively', () => {
    expect(ro.nextWorkingDay('2026-04-09')).toBe('2026-04-14'); // over Good Friday … Easter Monday
    expect(ro.previousWorkingDay('2026-04-14')).toBe('2026-04-09');
    expect(ro.nextWorkingDay('2026-04-14')).toBe('2026-04-15');
    expect(ro.workingDayOnOrAfter('2026-04-14')).toBe('2026-04-14');
    expect(ro.workingDayOnOrAfter('2026-04-11')).toBe('2026-04-14');
    expect(ro.workingDayOnOrBefore('2026-04-11')).toBe('2026-04-09');
    expect(ru.workingDayOnOrBefore('2026-01-07')).toBe('2025-12-31'); // over the year boundary
  });

  it('adds working days forward and back, never counting the start date', () => {
    expect(ro.addWorkingDays('2026-04-08', 1)).toBe('2026-04-09');
    expect(ro.addWorkingDays('2026-04-08', 2)).toBe('2026-04-14');
    expect(ro.addWorkingDays('2026-04-08', 10)).toBe('2026-04-24');
    expect(ro.addWorkingDays('2026-04-24', -10)).toBe('2026-04-08');
    expect(ro.addWorkingDays('2026-04-11', 0)).toBe('2026-04-11');
    expect(() => ro.addWorkingDays('2026-04-11', 1.5)).toThrow(RangeError);
  });

  it('gives office hours as instants in the day’s own offset', () => {
    expect(ro.workingHoursOn('2026-03-27')).toEqual({
      start: new Date('2026-03-27T06:00:00Z'), // 08:00 EET
      end: new Date('2026-03-27T14:00:00Z'),
    });
    expect(ro.workingHoursOn('2026-03-30')).toEqual({
      start: new Date('2026-03-30T05:00:00Z'), // 08:00 EEST
      end: new Date('2026-03-30T13:00:00Z'),
    });
    expect(ro.workingHoursOn('2026-03-28')).toBeNull();
  });
});

describe('holiday cache', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('asks date-holidays once per year, not once per lookup', () => {
    const spy = vi.spyOn(Holidays.prototype, 'getHolidays');
    const c = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest' });
    c.addWorkingDays('2026-01-01', 200);
    const calls = spy.mock.calls.length;
    expect(calls).toBe(2); // 2026, plus 2025 for spans that run into it
    c.addWorkingDays('2026-01-01', 200);
    c.isWorkingDay('2026-12-31');
    expect(spy.mock.calls.length).toBe(calls);
  });
});
