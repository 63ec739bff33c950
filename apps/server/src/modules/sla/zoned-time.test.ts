import { afterEach, describe, expect, it } from 'vitest';
import {
  addLocalDays,
  assertTimeZone,
  dayOfWeek,
  endOfLocalDay,
  isLocalDate,
  localDateOf,
  localDateTimeToInstant,
  localDaysBetween,
  parseLocalDate,
  parseTimeOfDay,
  startOfLocalDay,
  wallClockElapsedMs,
  wallTimeOf,
  wallTimeToInstant,
  zoneOffsetMs,
} from './zoned-time.ts';

const BUC = 'Europe/Bucharest'; // EET (UTC+2) / EEST (UTC+3): 2026-03-29 03:00 → 04:00, 2026-10-25 04:00 → 03:00
const iso = (d: Date) => d.toISOString();

describe('local dates', () => {
  it('parses real dates only', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-05', '26-01-05', '2026-01-05T00:00', '']) {
      expect(isLocalDate(bad), bad).toBe(false);
      expect(() => parseLocalDate(bad)).toThrow(RangeError);
    }
  });

  it('adds days across months, years and leap days without a zone', () => {
    expect(addLocalDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2026-03-10', 30)).toBe('2026-04-09');
    expect(addLocalDays('2026-01-07', -30)).toBe('2025-12-08');
    expect(() => addLocalDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(localDaysBetween('2025-12-08', '2026-01-07')).toBe(30);
    expect(localDaysBetween('2026-01-07', '2025-12-08')).toBe(-30);
  });

  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('2026-04-12')).toBe(0); // Orthodox Easter Sunday
    expect(dayOfWeek('2026-04-10')).toBe(5);
    expect(dayOfWeek('2026-03-14')).toBe(6);
  });

  it('parses times of day', () => {
    expect(parseTimeOfDay('08:00')).toBe(8 * 3_600_000);
    expect(parseTimeOfDay('16:30:15.250')).toBe(((16 * 60 + 30) * 60 + 15) * 1000 + 250);
    expect(parseTimeOfDay('24:00')).toBe(86_400_000);
    for (const bad of ['8:00', '24:01', '12:60', '12:00:60', 'noon']) expect(() => parseTimeOfDay(bad), bad).toThrow(RangeError);
  });
});

describe('zones', () => {
  it('rejects unknown zones', () => {
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(/unknown time zone/);
    expect(() => assertTimeZone('')).toThrow(RangeError);
    expect(() => assertTimeZone('Europe/Moscow')).not.toThrow();
  });

  it('converts wall time to UTC with the offset in force on that day', () => {
    expect(iso(localDateTimeToInstant('2026-03-10', '10:00', BUC))).toBe('2026-03-10T08:00:00.000Z'); // EET
    expect(iso(localDateTimeToInstant('2026-04-08', '09:00', BUC))).toBe('2026-04-08T06:00:00.000Z'); // EEST
    expect(iso(localDateTimeToInstant('2025-12-08', '11:30', 'Europe/Moscow'))).toBe('2025-12-08T08:30:00.000Z');
    expect(iso(localDateTimeToInstant('2026-01-01', '00:00', 'Asia/Kathmandu'))).toBe('2025-12-31T18:15:00.000Z');
    expect(iso(localDateTimeToInstant('2026-07-01', '09:15:30.500', 'America/St_Johns'))).toBe('2026-07-01T11:45:30.500Z');
    expect(zoneOffsetMs(new Date('2026-07-01T00:00:00Z'), BUC)).toBe(3 * 3_600_000);
    expect(zoneOffsetMs(new Date('2026-01-01T00:00:00Z'), BUC)).toBe(2 * 3_600_000);
  });

  it('reads the local date and time of an instant', () => {
    // 22:30Z on 10 March is already 00:30 on 11 March in Bucharest.
    expect(localDateOf(new Date('2026-03-10T22:30:00Z'), BUC)).toBe('2026-03-11');
    expect(localDateOf(new Date('2026-03-10T21:59:59.999Z'), BUC)).toBe('2026-03-10');
    expect(wallTimeOf(new Date('2026-03-30T12:00:00.007Z'), BUC)).toEqual({
      date: '2026-03-30', hour: 15, minute: 0, second: 0, millisecond: 7,
    });
    expect(localDateOf(new Date('1969-12-31T23:59:59.500Z'), 'UTC')).toBe('1969-12-31');
  });

  it('moves a wall time inside the spring gap forward by the gap (Temporal "compatible")', () => {
    // 2026-03-29: at 03:00 EET clocks jump to 04:00 EEST, so 03:30 never happens.
    expect(iso(localDateTimeToInstant('2026-03-29', '03:30', BUC))).toBe('2026-03-29T01:30:00.000Z'); // = 04:30 EEST
    expect(iso(localDateTimeToInstant('2026-03-29', '03:30', BUC, 'later'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(localDateTimeToInstant('2026-03-29', '03:30', BUC, 'earlier'))).toBe('2026-03-29T00:30:00.000Z'); // = 02:30 EET
    expect(() => localDateTimeToInstant('2026-03-29', '03:30', BUC, 'reject')).toThrow(/does not exist/);
  });

  it('takes the first of a repeated autumn wall time unless told otherwise', () => {
    // 2026-10-25: at 04:00 EEST clocks go back to 03:00 EET, so 03:30 happens twice.
    expect(iso(localDateTimeToInstant('2026-10-25', '03:30', BUC))).toBe('2026-10-25T00:30:00.000Z'); // EEST
    expect(iso(localDateTimeToInstant('2026-10-25', '03:30', BUC, 'later'))).toBe('2026-10-25T01:30:00.000Z'); // EET
    expect(() => localDateTimeToInstant('2026-10-25', '03:30', BUC, 'reject')).toThrow(/twice/);
  });

  it('round-trips every quarter hour around both DST changes', () => {
    for (const start of ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z']) {
      for (let t = Date.parse(start); t < Date.parse(start) + 3 * 86_400_000; t += 15 * 60_000) {
        const wall = wallTimeOf(new Date(t), BUC);
        const msOfDay = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.millisecond;
        const earlier = wallTimeToInstant(wall.date, msOfDay, BUC, 'earlier').getTime();
        const later = wallTimeToInstant(wall.date, msOfDay, BUC, 'later').getTime();
        expect([earlier, later]).toContain(t);
      }
    }
  });

  it('gives local days their real length: 23 h in March, 25 h in October', () => {
    expect(iso(startOfLocalDay('2026-03-29', BUC))).toBe('2026-03-28T22:00:00.000Z');
    expect(iso(endOfLocalDay('2026-03-29', BUC))).toBe('2026-03-29T20:59:59.999Z');
    expect(iso(startOfLocalDay('2026-10-25', BUC))).toBe('2026-10-24T21:00:00.000Z');
    expect(iso(endOfLocalDay('2026-10-25', BUC))).toBe('2026-10-25T21:59:59.999Z');
    expect(iso(endOfLocalDay('2025-12-30', 'Europe/Moscow'))).toBe('2025-12-30T20:59:59.999Z');
  });

  it('starts a day whose midnight a DST change skips at the first wall time that exists', () => {
    // Chile moves its clocks at midnight: 2026-09-06 begins at 01:00 (UTC−3).
    expect(iso(startOfLocalDay('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(iso(endOfLocalDay('2026-09-05', 'America/Santiago'))).toBe('2026-09-06T03:59:59.999Z');
  });

  it('measures elapsed wall-clock time, not real time, across a DST change', () => {
    // Saturday 24 Oct 12:00 EEST → Tuesday 27 Oct 12:00 EET: 73 real hours, 3 days on the wall clock.
    const from = new Date('2026-10-24T09:00:00Z');
    const to = new Date('2026-10-27T10:00:00Z');
    expect(to.getTime() - from.getTime()).toBe(73 * 3_600_000);
    expect(wallClockElapsedMs(from, to, BUC)).toBe(72 * 3_600_000);
  });
});

describe('independence from the server time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same answers whatever TZ the process runs in', () => {
    const results = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((tz) => {
      process.env.TZ = tz;
      return [
        iso(localDateTimeToInstant('2026-03-29', '03:30', BUC)),
        localDateOf(new Date('2026-03-10T22:30:00Z'), BUC),
        iso(endOfLocalDay('2026-10-25', BUC)),
        dayOfWeek('2026-04-12'),
      ];
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
