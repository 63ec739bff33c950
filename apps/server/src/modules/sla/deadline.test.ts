/**
 * Worked examples, each checked to the millisecond. Offsets used below:
 * - Europe/Bucharest: EET = UTC+2 until Sun 29 Mar 2026 03:00, EEST = UTC+3 until Sun 25 Oct 2026 04:00;
 *   so the end of a local day (23:59:59.999) is 21:59:59.999Z in winter and 20:59:59.999Z in summer.
 * - Europe/Moscow: UTC+3 all year; the end of a local day is 20:59:59.999Z.
 * "Day 1" is always the local day after registration.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadline, deadlineState, forwardingDeadline, type DeadlinePolicy, type Suspension } from './deadline.ts';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';

const H = 3_600_000;
const DAY = 24 * H;
const iso = (d: Date) => d.toISOString();

const ro = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest' });
/** Moscow with date-holidays only: it does not know the decree-transferred days. */
const ruRaw = createWorkingCalendar({ country: 'RU', timeZone: 'Europe/Moscow' });
/** Moscow as a tenant would configure it: the 2025 and 2026 transfer decrees added by hand. */
const ru = createWorkingCalendar({
  country: 'RU',
  timeZone: 'Europe/Moscow',
  extraNonWorkingDays: ['2025-12-31', '2026-01-09', '2026-05-11', '2026-12-31'],
});

const RO_PETITION: DeadlinePolicy = { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day' };
const RO_TEN_WORKING_DAYS: DeadlinePolicy = { unit: 'working_days', amount: 10, endOnNonWorkingDay: 'next_working_day' };
const FZ59_APPEAL: DeadlinePolicy = { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'previous_working_day' };
const EIGHT_WORKING_HOURS: DeadlinePolicy = { unit: 'working_hours', amount: 8, endOnNonWorkingDay: 'keep' };

function due(
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
  registeredAt: string,
  extra: { suspensions?: Suspension[]; extensionDays?: number; now?: string } = {},
) {
  return computeDeadline({
    policy,
    calendar,
    registeredAt: new Date(registeredAt),
    suspensions: extra.suspensions ?? [],
    extensionDays: extra.extensionDays,
    now: new Date(extra.now ?? registeredAt),
  });
}
const stop = (from: string, to: string | null): Suspension => ({ from: new Date(from), to: to === null ? null : new Date(to) });

// -----------------------------------------------------------------------------------------------

describe('Romania: petition under OG 27/2002 (30 calendar days, +15 extension, 5 days to forward)', () => {
  // Registered Tue 10 Mar 2026 10:00 EET = 08:00Z. Day 1 = Wed 11 Mar; day 30 = Thu 9 Apr, a working
  // day (Good Friday is the 10th). The term ends 9 Apr 23:59:59.999 EEST = 20:59:59.999Z: registered
  // in winter time, due in summer time.
  const registeredAt = '2026-03-10T08:00:00Z';

  it('is due at the end of the 30th day after registration', () => {
    const r = due(RO_PETITION, ro, registeredAt, { now: '2026-03-20T09:00:00Z' });
    expect(iso(r.dueAt)).toBe('2026-04-09T20:59:59.999Z');
    expect(r.dueDate).toBe('2026-04-09');
    expect(r).toMatchObject({ running: true, overdue: false, suspendedMs: 0 });
    expect(r.remainingMs).toBe(Date.parse('2026-04-09T20:59:59.999Z') - Date.parse('2026-03-20T09:00:00Z'));
  });

  it('is overdue from the first millisecond of the next local day', () => {
    expect(due(RO_PETITION, ro, registeredAt, { now: '2026-04-09T20:59:59.999Z' })).toMatchObject({ overdue: false, remainingMs: 0 });
    expect(due(RO_PETITION, ro, registeredAt, { now: '2026-04-09T21:00:00.000Z' })).toMatchObject({ overdue: true, remainingMs: -1 });
  });

  it('is extended once by 15 days (art. 9): day 45 = Fri 24 Apr', () => {
    expect(iso(due(RO_PETITION, ro, registeredAt, { extensionDays: 15 }).dueAt)).toBe('2026-04-24T20:59:59.999Z');
  });

  it('must be forwarded within 5 days: day 5 is Sun 15 Mar, so Mon 16 Mar (EET)', () => {
    expect(iso(forwardingDeadline(new Date(registeredAt), 5, ro, 'next_working_day'))).toBe('2026-03-16T21:59:59.999Z');
  });

  it('counts from the local registration day, not the UTC one', () => {
    // 22:30Z on 10 Mar is 00:30 on 11 Mar in Bucharest: day 30 is Fri 10 Apr (Good Friday) → … →
    // Tue 14 Apr, the first working day after Easter Monday.
    expect(iso(due(RO_PETITION, ro, '2026-03-10T22:30:00Z').dueAt)).toBe('2026-04-14T20:59:59.999Z');
  });
});

describe('Romania: a term whose last day is not a working day moves to the next working day (CPC art. 181(2))', () => {
  it('Saturday → Monday', () => {
    // Registered Thu 12 Feb 2026 14:00 EET (12:00Z); day 30 = Sat 14 Mar → Mon 16 Mar, EET.
    expect(iso(due(RO_PETITION, ro, '2026-02-12T12:00:00Z').dueAt)).toBe('2026-03-16T21:59:59.999Z');
    // 'keep' leaves it on the Saturday.
    const keep: DeadlinePolicy = { ...RO_PETITION, endOnNonWorkingDay: 'keep' };
    expect(iso(due(keep, ro, '2026-02-12T12:00:00Z').dueAt)).toBe('2026-03-14T21:59:59.999Z');
  });

  it('1 May 2026 (Friday, Labour Day) → Monday 4 May', () => {
    // Registered Wed 1 Apr 2026 09:00 EEST (06:00Z); day 30 = Fri 1 May, a public holiday; Sat 2, Sun 3.
    expect(iso(due(RO_PETITION, ro, '2026-04-01T06:00:00Z').dueAt)).toBe('2026-05-04T20:59:59.999Z');
  });

  it('1 June 2026 (Pentecost Monday and Children’s Day) → Tuesday 2 June', () => {
    // Registered Sat 2 May 2026 (a web form, 11:00 EEST = 08:00Z); day 30 = Mon 1 Jun.
    expect(ro.holidayName('2026-06-01')).toContain('A doua zi de Rusalii');
    expect(iso(due(RO_PETITION, ro, '2026-05-02T08:00:00Z').dueAt)).toBe('2026-06-02T20:59:59.999Z');
  });
});

describe('Romania: 10 working days across Orthodox Easter 2026', () => {
  // Registered Wed 8 Apr 2026 09:00 EEST (06:00Z). Working days after it: Thu 9 (1); Fri 10 Good
  // Friday, Sat 11, Sun 12 Easter, Mon 13 Easter Monday do not count; Tue 14 (2), Wed 15 (3), Thu 16
  // (4), Fri 17 (5), Mon 20 (6), Tue 21 (7), Wed 22 (8), Thu 23 (9), Fri 24 (10).
  const registeredAt = '2026-04-08T06:00:00Z';

  it('ends at the end of Fri 24 Apr', () => {
    expect(iso(due(RO_TEN_WORKING_DAYS, ro, registeredAt).dueAt)).toBe('2026-04-24T20:59:59.999Z');
  });

  it('would end Wed 22 Apr without the two Easter holidays', () => {
    const noEaster = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest', extraWorkingDays: ['2026-04-10', '2026-04-13'] });
    expect(iso(due(RO_TEN_WORKING_DAYS, noEaster, registeredAt).dueAt)).toBe('2026-04-22T20:59:59.999Z');
  });

  it('extends in working days: +5 → Fri 1 May is a holiday, so Mon 27 … Thu 30 Apr, Mon 4 May', () => {
    expect(iso(due(RO_TEN_WORKING_DAYS, ro, registeredAt, { extensionDays: 5 }).dueAt)).toBe('2026-05-04T20:59:59.999Z');
  });

  it('counts a tenant’s working Saturday: Sat 18 Apr becomes day 6, so day 10 is Thu 23 Apr', () => {
    const c = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest', extraWorkingDays: ['2026-04-18'] });
    expect(iso(due(RO_TEN_WORKING_DAYS, c, registeredAt).dueAt)).toBe('2026-04-23T20:59:59.999Z');
  });

  it('skips a tenant’s own day off: without Thu 9 Apr, day 10 is Mon 27 Apr', () => {
    const c = createWorkingCalendar({ country: 'RO', timeZone: 'Europe/Bucharest', extraNonWorkingDays: ['2026-04-09'] });
    expect(iso(due(RO_TEN_WORKING_DAYS, c, registeredAt).dueAt)).toBe('2026-04-27T20:59:59.999Z');
    // The same day off moves the petition of 10 Mar (day 30 = 9 Apr) over Easter to Tue 14 Apr.
    expect(iso(due(RO_PETITION, c, '2026-03-10T08:00:00Z').dueAt)).toBe('2026-04-14T20:59:59.999Z');
  });
});

describe('Russia: 59-FZ appeal (30 days, +30 extension, 7 days to forward) across the January holidays', () => {
  // Registered Mon 8 Dec 2025 11:30 MSK (08:30Z). Day 30 = Wed 7 Jan 2026 (Christmas), inside the
  // holidays: 1–8 Jan are public holidays; the 2026 decree also moved days off to Fri 9 Jan and (by
  // the 2025 decree) to Wed 31 Dec 2025. Rule: the preceding working day.
  const registeredAt = '2025-12-08T08:30:00Z';

  it('ends on the last working day before the holidays: Tue 30 Dec 2025', () => {
    // 7, 6 … 1 Jan are holidays (3–4 Jan also a weekend), 31 Dec is a decree day off → 30 Dec.
    expect(iso(due(FZ59_APPEAL, ru, registeredAt).dueAt)).toBe('2025-12-30T20:59:59.999Z');
  });

  it('with date-holidays alone would end a day late, on Wed 31 Dec 2025 — hence extraNonWorkingDays', () => {
    expect(iso(due(FZ59_APPEAL, ruRaw, registeredAt).dueAt)).toBe('2025-12-31T20:59:59.999Z');
  });

  it('is overdue on 31 Dec 2025 although 7 Jan is still to come', () => {
    const r = due(FZ59_APPEAL, ru, registeredAt, { now: '2025-12-31T09:00:00Z' });
    expect(r.overdue).toBe(true);
    expect(r.remainingMs).toBe(-(12 * H + 1)); // 30 Dec 20:59:59.999Z → 31 Dec 09:00Z
  });

  it('is extended by 30 days from the unadjusted 30th day: day 60 = Fri 6 Feb 2026', () => {
    // 7 Jan + 30 = 6 Feb, a working day. (Counting from the adjusted 30 Dec would give 29 Jan and
    // rob the citizen's case of the 8 days the holidays pulled the first term back.)
    expect(iso(due(FZ59_APPEAL, ru, registeredAt, { extensionDays: 30 }).dueAt)).toBe('2026-02-06T20:59:59.999Z');
  });

  it('under the Civil Code art. 193 rule (next working day) would end Mon 12 Jan — or Fri 9 Jan with the raw data', () => {
    const civil: DeadlinePolicy = { ...FZ59_APPEAL, endOnNonWorkingDay: 'next_working_day' };
    expect(iso(due(civil, ru, registeredAt).dueAt)).toBe('2026-01-12T20:59:59.999Z'); // 8 Jan holiday, 9 decree, 10–11 weekend
    expect(iso(due(civil, ruRaw, registeredAt).dueAt)).toBe('2026-01-09T20:59:59.999Z');
  });

  it('must be forwarded within 7 days (art. 8 part 3)', () => {
    // 8 Dec + 7 = Mon 15 Dec, a working day.
    expect(iso(forwardingDeadline(new Date(registeredAt), 7, ru, 'previous_working_day'))).toBe('2025-12-15T20:59:59.999Z');
    // Registered Fri 26 Dec 2025 10:00 MSK: day 7 = Fri 2 Jan (holiday) → 1 Jan (holiday) →
    // 31 Dec (decree day off) → Tue 30 Dec.
    expect(iso(forwardingDeadline(new Date('2025-12-26T07:00:00Z'), 7, ru, 'previous_working_day'))).toBe('2025-12-30T20:59:59.999Z');
  });

  it('takes the registration day in the tenant’s zone', () => {
    // 20:00Z on 8 Dec is 23:00 in Moscow but 06:00 on 9 Dec in Vladivostok (UTC+10): day 30 is
    // 7 Jan in Moscow but 8 Jan there; both go back to the last working day of 2025, and only the
    // Moscow calendar knows 31 Dec is a day off.
    const vl = createWorkingCalendar({ country: 'RU', timeZone: 'Asia/Vladivostok' });
    expect(due(FZ59_APPEAL, vl, '2025-12-08T20:00:00Z').dueDate).toBe('2025-12-31');
    expect(iso(due(FZ59_APPEAL, vl, '2025-12-08T20:00:00Z').dueAt)).toBe('2025-12-31T13:59:59.999Z');
    expect(due(FZ59_APPEAL, ru, '2025-12-08T20:00:00Z').dueDate).toBe('2025-12-30');
  });
});

describe('clock stops', () => {
  describe('working-day terms: the working time inside a stop, in working days, rounded up', () => {
    const registeredAt = '2026-04-08T06:00:00Z'; // due Fri 24 Apr without stops (see above)

    it('a stop in the middle: Tue 14 Apr 10:00 → Thu 16 Apr 14:00 gives back 3 working days', () => {
      // Office hours inside the stop: Tue 10–16 (6 h) + Wed 8 h + Thu 8–14 (6 h) = 20 h = 2.5 days → 3.
      // Fri 24 Apr + 3 working days = Mon 27, Tue 28, Wed 29 Apr.
      const r = due(RO_TEN_WORKING_DAYS, ro, registeredAt, {
        suspensions: [stop('2026-04-14T07:00:00Z', '2026-04-16T11:00:00Z')],
        now: '2026-04-20T09:00:00Z',
      });
      expect(iso(r.dueAt)).toBe('2026-04-29T20:59:59.999Z');
      expect(r.suspendedMs).toBe(52 * H); // real time: Tue 10:00 → Thu 14:00
      expect(r.running).toBe(true);
    });

    it('exactly three working days (Tue 00:00 → Fri 00:00) gives back exactly three', () => {
      const r = due(RO_TEN_WORKING_DAYS, ro, registeredAt, { suspensions: [stop('2026-04-13T21:00:00Z', '2026-04-16T21:00:00Z')] });
      expect(iso(r.dueAt)).toBe('2026-04-29T20:59:59.999Z');
    });

    it('a stop wholly outside office hours gives back nothing (Fri 17:00 → Mon 07:30)', () => {
      const r = due(RO_TEN_WORKING_DAYS, ro, registeredAt, { suspensions: [stop('2026-04-17T14:00:00Z', '2026-04-20T04:30:00Z')] });
      expect(iso(r.dueAt)).toBe('2026-04-24T20:59:59.999Z');
    });

    it('the part of a stop on the registration day does not count', () => {
      // Wed 8 Apr 11:00 → 15:00: before day 1, no effect.
      expect(iso(due(RO_TEN_WORKING_DAYS, ro, registeredAt, { suspensions: [stop('2026-04-08T08:00:00Z', '2026-04-08T12:00:00Z')] }).dueAt))
        .toBe('2026-04-24T20:59:59.999Z');
      // Wed 8 Apr 11:00 → Thu 9 Apr 12:00: only Thu 08:00–12:00 counts = 0.5 day → 1 → Mon 27 Apr.
      const r = due(RO_TEN_WORKING_DAYS, ro, registeredAt, { suspensions: [stop('2026-04-08T08:00:00Z', '2026-04-09T09:00:00Z')] });
      expect(iso(r.dueAt)).toBe('2026-04-27T20:59:59.999Z');
      expect(r.suspendedMs).toBe(12 * H); // from Thu 00:00 EEST (Wed 21:00Z) to Thu 09:00Z
    });

    it('an open stop: the clock is stopped now, and the deadline is as if it restarted now', () => {
      // Stopped Tue 14 Apr 10:00 EEST, still open. Now Wed 15 Apr 12:00 EEST (09:00Z): 6 h + 4 h =
      // 10 h = 1.25 days → 2 → Fri 24 Apr + 2 = Tue 28 Apr.
      const r = due(RO_TEN_WORKING_DAYS, ro, registeredAt, { suspensions: [stop('2026-04-14T07:00:00Z', null)], now: '2026-04-15T09:00:00Z' });
      expect(iso(r.dueAt)).toBe('2026-04-28T20:59:59.999Z');
      expect(r).toMatchObject({ running: false, overdue: false, suspendedMs: 26 * H });
      expect(r.remainingMs).toBe(Date.parse('2026-04-28T20:59:59.999Z') - Date.parse('2026-04-15T09:00:00Z'));
      // Two days later (Fri 17 Apr 12:00): 6 + 8 + 8 + 4 = 26 h = 3.25 → 4 → Thu 30 Apr.
      const later = due(RO_TEN_WORKING_DAYS, ro, registeredAt, { suspensions: [stop('2026-04-14T07:00:00Z', null)], now: '2026-04-17T09:00:00Z' });
      expect(iso(later.dueAt)).toBe('2026-04-30T20:59:59.999Z');
    });
  });

  describe('calendar-day terms: wall-clock days, a part of a day counting as a whole day', () => {
    it('a stop of 2 days 18 hours gives back 3 days, and the end rule applies to the moved day', () => {
      // Petition of Tue 10 Mar (day 30 = Thu 9 Apr). Stopped Fri 20 Mar 15:00 EET (13:00Z) →
      // Mon 23 Mar 09:00 EET (07:00Z): 2 d 18 h → 3 days → day 33 = Sun 12 Apr (Easter) →
      // Mon 13 Apr (Easter Monday) → Tue 14 Apr.
      const r = due(RO_PETITION, ro, '2026-03-10T08:00:00Z', { suspensions: [stop('2026-03-20T13:00:00Z', '2026-03-23T07:00:00Z')] });
      expect(iso(r.dueAt)).toBe('2026-04-14T20:59:59.999Z');
      expect(r.suspendedMs).toBe(66 * H);
    });

    it('measures a stop across the October DST change on the wall clock (3 days, not 73 h → 4)', () => {
      // Registered Thu 1 Oct 2026 10:00 EEST (07:00Z): day 30 = Sat 31 Oct → Mon 2 Nov (EET).
      expect(iso(due(RO_PETITION, ro, '2026-10-01T07:00:00Z').dueAt)).toBe('2026-11-02T21:59:59.999Z');
      // Stopped Sat 24 Oct 12:00 EEST (09:00Z) → Tue 27 Oct 12:00 EET (10:00Z): 3 wall-clock days
      // → day 33 = Tue 3 Nov.
      const r = due(RO_PETITION, ro, '2026-10-01T07:00:00Z', { suspensions: [stop('2026-10-24T09:00:00Z', '2026-10-27T10:00:00Z')] });
      expect(iso(r.dueAt)).toBe('2026-11-03T21:59:59.999Z');
      expect(r.suspendedMs).toBe(73 * H);
    });

    it('merges overlapping stops and adds separate ones', () => {
      const one = [stop('2026-03-20T13:00:00Z', '2026-03-23T07:00:00Z')];
      const overlapping = [stop('2026-03-22T10:00:00Z', '2026-03-23T07:00:00Z'), ...one];
      expect(due(RO_PETITION, ro, '2026-03-10T08:00:00Z', { suspensions: overlapping })).toEqual(
        due(RO_PETITION, ro, '2026-03-10T08:00:00Z', { suspensions: one }),
      );
      // Two one-hour stops on different days: 1 day each → day 32 = Sat 11 Apr → … → Tue 14 Apr.
      const two = [stop('2026-03-12T08:00:00Z', '2026-03-12T09:00:00Z'), stop('2026-03-13T08:00:00Z', '2026-03-13T09:00:00Z')];
      expect(iso(due(RO_PETITION, ro, '2026-03-10T08:00:00Z', { suspensions: two }).dueAt)).toBe('2026-04-14T20:59:59.999Z');
    });

    it('an open stop on a 59-FZ appeal moves the deadline by the whole days stopped so far', () => {
      // Appeal of Mon 8 Dec 2025 (day 30 = 7 Jan). Stopped Mon 15 Dec 10:00 MSK (07:00Z), open;
      // now Wed 17 Dec 15:00 MSK (12:00Z): 2 d 5 h → 3 days → day 33 = Sat 10 Jan → back over 9 Jan
      // (decree), 8 … 1 Jan, 31 Dec → Tue 30 Dec 2025.
      const r = due(FZ59_APPEAL, ru, '2025-12-08T08:30:00Z', { suspensions: [stop('2025-12-15T07:00:00Z', null)], now: '2025-12-17T12:00:00Z' });
      expect(iso(r.dueAt)).toBe('2025-12-30T20:59:59.999Z');
      expect(r.running).toBe(false);
      // Resumed on Mon 22 Dec 10:00 MSK after exactly 7 days: day 37 = Wed 14 Jan, a working day.
      const resumed = due(FZ59_APPEAL, ru, '2025-12-08T08:30:00Z', { suspensions: [stop('2025-12-15T07:00:00Z', '2025-12-22T07:00:00Z')], now: '2025-12-23T07:00:00Z' });
      expect(iso(resumed.dueAt)).toBe('2026-01-14T20:59:59.999Z');
      expect(resumed.running).toBe(true);
    });

    it('a stop that begins after the deadline has passed cannot revive it', () => {
      // Petition due Thu 9 Apr; stopped Fri 10 Apr → Mon 20 Apr: ignored, still overdue.
      const r = due(RO_PETITION, ro, '2026-03-10T08:00:00Z', {
        suspensions: [stop('2026-04-10T06:00:00Z', '2026-04-20T06:00:00Z')],
        now: '2026-04-21T06:00:00Z',
      });
      expect(iso(r.dueAt)).toBe('2026-04-09T20:59:59.999Z');
      expect(r).toMatchObject({ overdue: true, suspendedMs: 0 });
    });

    it('adds a stop on top of an extension', () => {
      // Petition of 10 Mar, +15 days (day 45 = Fri 24 Apr), stopped 3 days → day 48 = Mon 27 Apr.
      const r = due(RO_PETITION, ro, '2026-03-10T08:00:00Z', { extensionDays: 15, suspensions: [stop('2026-03-20T13:00:00Z', '2026-03-23T07:00:00Z')] });
      expect(iso(r.dueAt)).toBe('2026-04-27T20:59:59.999Z');
    });
  });

  it('rejects a stop that ends before it starts', () => {
    expect(() => due(RO_PETITION, ro, '2026-03-10T08:00:00Z', { suspensions: [stop('2026-03-20T00:00:00Z', '2026-03-19T00:00:00Z')] })).toThrow(
      /ends before it starts/,
    );
  });
});

describe('working-hour terms across the March DST change', () => {
  // Registered Fri 27 Mar 2026 15:00 EET (13:00Z). Office hours 08:00–16:00: Friday gives 1 h; Sat
  // 28 and Sun 29 Mar (clocks go forward) give none; Mon 30 Mar opens 08:00 EEST = 05:00Z, + 7 h =
  // 15:00 EEST = 12:00Z. (Adding 72 h in UTC would say 13:00Z, an hour late.)
  const registeredAt = '2026-03-27T13:00:00Z';

  it('8 working hours from Friday 15:00 end Monday 15:00 local', () => {
    const r = due(EIGHT_WORKING_HOURS, ro, registeredAt, { now: '2026-03-30T11:00:00Z' });
    expect(iso(r.dueAt)).toBe('2026-03-30T12:00:00.000Z');
    expect(r).toMatchObject({ dueDate: '2026-03-30', remainingMs: H, overdue: false });
  });

  it('extends in working hours: +4 h → Tue 31 Mar 11:00 EEST', () => {
    // Mon 15:00–16:00 (1 h), Tue 08:00 + 3 h = 11:00 EEST = 08:00Z.
    expect(iso(due(EIGHT_WORKING_HOURS, ro, registeredAt, { extensionDays: 4 }).dueAt)).toBe('2026-03-31T08:00:00.000Z');
  });

  it('gives back exactly the working time of a stop', () => {
    // Stopped Mon 30 Mar 09:00–11:00 EEST: 2 h → Mon 15:00–16:00, Tue 08:00–09:00 EEST = 06:00Z.
    const r = due(EIGHT_WORKING_HOURS, ro, registeredAt, { suspensions: [stop('2026-03-30T06:00:00Z', '2026-03-30T08:00:00Z')] });
    expect(iso(r.dueAt)).toBe('2026-03-31T06:00:00.000Z');
    // A stop over the weekend holds no working time.
    const weekend = due(EIGHT_WORKING_HOURS, ro, registeredAt, { suspensions: [stop('2026-03-27T15:00:00Z', '2026-03-30T04:00:00Z')] });
    expect(iso(weekend.dueAt)).toBe('2026-03-30T12:00:00.000Z');
  });

  it('starts the clock at the next opening when registered outside office hours', () => {
    // Saturday 28 Mar: Mon 30 Mar 08:00 + 8 h = 16:00 EEST = 13:00Z.
    expect(iso(due(EIGHT_WORKING_HOURS, ro, '2026-03-28T09:00:00Z').dueAt)).toBe('2026-03-30T13:00:00.000Z');
  });
});

describe('deadlineState', () => {
  const dueAt = new Date('2026-04-09T20:59:59.999Z');
  const threeDays = 3 * DAY;

  it('is on time, then due soon within the warning window, then overdue', () => {
    expect(deadlineState(dueAt, new Date('2026-04-01T00:00:00Z'), threeDays)).toBe('on_time');
    expect(deadlineState(dueAt, new Date(dueAt.getTime() - threeDays), threeDays)).toBe('due_soon');
    expect(deadlineState(dueAt, new Date(dueAt.getTime() - threeDays - 1), threeDays)).toBe('on_time');
    expect(deadlineState(dueAt, dueAt, threeDays)).toBe('due_soon');
    expect(deadlineState(dueAt, new Date(dueAt.getTime() + 1), threeDays)).toBe('overdue');
  });

  it('with no warning window goes straight from on time to overdue', () => {
    expect(deadlineState(dueAt, new Date(dueAt.getTime() - 1), 0)).toBe('on_time');
    expect(deadlineState(dueAt, dueAt, 0)).toBe('due_soon');
  });
});

describe('policy validation', () => {
  const at = '2026-03-10T08:00:00Z';
  it.each([
    [{ ...RO_PETITION, amount: 0 }, /positive whole number/],
    [{ ...RO_PETITION, amount: 1.5 }, /positive whole number/],
    [{ ...RO_TEN_WORKING_DAYS, amount: -1 }, /positive whole number/],
    [{ ...EIGHT_WORKING_HOURS, amount: Number.NaN }, /positive number/],
    [{ ...RO_PETITION, unit: 'fortnights' } as unknown as DeadlinePolicy, /unknown deadline unit/],
    [{ ...RO_PETITION, endOnNonWorkingDay: 'whenever' } as unknown as DeadlinePolicy, /unknown end rule/],
  ])('rejects %j', (policy, message) => {
    // A term ending on a Saturday, so the end rule is exercised.
    expect(() => due(policy, ro, '2026-02-12T12:00:00Z')).toThrow(message);
  });

  it('rejects a negative or fractional extension of a day term, and an invalid date', () => {
    expect(() => due(RO_PETITION, ro, at, { extensionDays: -1 })).toThrow(/extension/);
    expect(() => due(RO_PETITION, ro, at, { extensionDays: 0.5 })).toThrow(/extension/);
    expect(iso(due(EIGHT_WORKING_HOURS, ro, '2026-03-27T13:00:00Z', { extensionDays: 0.5 }).dueAt)).toBe('2026-03-30T12:30:00.000Z');
    expect(() => due(RO_PETITION, ro, 'not a date')).toThrow(/registeredAt/);
  });
});
