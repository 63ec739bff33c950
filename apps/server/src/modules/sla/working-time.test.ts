import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './working-calendar.ts';
import { addWorkingTime, workingDaysBetween, workingTimeBetween } from './working-time.ts';

const H = 3_600_000;
const ro = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest' }); // 08:00–16:00

describe('addWorkingTime', () => {
  it('counts only office hours, in each day’s own offset (across the March DST change)', () => {
    // Fri 27 Mar 15:00 EET (13:00Z): 1 h until 16:00; Sat, Sun (clocks change) skipped;
    // Mon 30 Mar opens 08:00 EEST (05:00Z) + 7 h = 15:00 EEST = 12:00Z.
    expect(addWorkingTime(ro, new Date('2026-03-27T13:00:00Z'), 8 * H)).toEqual(new Date('2026-03-30T12:00:00Z'));
  });

  it('stops at closing time when the amount runs out exactly then', () => {
    // Mon 30 Mar 08:00 EEST + 8 h = 16:00 EEST (13:00Z), not Tuesday 08:00.
    expect(addWorkingTime(ro, new Date('2026-03-30T05:00:00Z'), 8 * H)).toEqual(new Date('2026-03-30T13:00:00Z'));
  });

  it('starts at the next opening when begun outside hours', () => {
    // Saturday 28 Mar, or Friday 27 Mar 18:00: the clock starts Monday 08:00 EEST (05:00Z).
    expect(addWorkingTime(ro, new Date('2026-03-28T10:00:00Z'), 2 * H)).toEqual(new Date('2026-03-30T07:00:00Z'));
    expect(addWorkingTime(ro, new Date('2026-03-27T16:00:00Z'), 2 * H)).toEqual(new Date('2026-03-30T07:00:00Z'));
    // 06:30 EET before opening: starts 08:00 EET (06:00Z) that day.
    expect(addWorkingTime(ro, new Date('2026-03-27T04:30:00Z'), 1 * H)).toEqual(new Date('2026-03-27T07:00:00Z'));
  });

  it('skips public holidays (Orthodox Good Friday and Easter Monday 2026)', () => {
    // Thu 9 Apr 15:00 EEST (12:00Z) + 2 h: 1 h on Thursday, then Tue 14 Apr 08:00 + 1 h = 09:00 EEST.
    expect(addWorkingTime(ro, new Date('2026-04-09T12:00:00Z'), 2 * H)).toEqual(new Date('2026-04-14T06:00:00Z'));
  });

  it('returns the start for nothing to add, and rejects nonsense', () => {
    const t = new Date('2026-03-28T10:00:00Z');
    expect(addWorkingTime(ro, t, 0)).toBe(t);
    expect(() => addWorkingTime(ro, t, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('workingTimeBetween / workingDaysBetween', () => {
  it('sums the office hours inside an interval', () => {
    // Fri 27 Mar 15:00 EET → Mon 30 Mar 10:00 EEST: 1 h + 2 h.
    expect(workingTimeBetween(ro, new Date('2026-03-27T13:00:00Z'), new Date('2026-03-30T07:00:00Z'))).toBe(3 * H);
    expect(workingTimeBetween(ro, new Date('2026-03-30T07:00:00Z'), new Date('2026-03-27T13:00:00Z'))).toBe(0);
    // Friday 17:00 → Monday 07:30: nothing.
    expect(workingTimeBetween(ro, new Date('2026-04-17T14:00:00Z'), new Date('2026-04-20T04:30:00Z'))).toBe(0);
  });

  it('measures working time in working days', () => {
    // Tue 14 Apr 10:00 → Thu 16 Apr 14:00 EEST: 6 h + 8 h + 6 h = 20 h = 2.5 days of 8 h.
    expect(workingDaysBetween(ro, new Date('2026-04-14T07:00:00Z'), new Date('2026-04-16T11:00:00Z'))).toBe(2.5);
  });

  it('counts a whole office day as one day even when DST makes it 23 hours long', () => {
    const allDay = createWorkingCalendar({
      country: 'RO',
      timeZone: 'Europe/Bucharest',
      weekend: [],
      workingHours: { start: '00:00', end: '24:00' },
    });
    // Sunday 29 Mar 2026 runs 22:00Z → 21:00Z: 23 real hours.
    const from = new Date('2026-03-28T22:00:00Z');
    const to = new Date('2026-03-29T21:00:00Z');
    expect(workingTimeBetween(allDay, from, to)).toBe(23 * H);
    expect(workingDaysBetween(allDay, from, to)).toBe(1);
  });
});
