/**
 * The case service computes a registration's term once per calendar, policy and local day (termsOf
 * in case.service.ts). That holds because a term counted in days does not depend on the time of
 * day of registration (day 1 is the next local day): checked here at both ends of local days,
 * including the day of a clock change, for every day-counted rule.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadline, forwardingDeadline, type DeadlinePolicy } from '../sla/deadline.ts';
import { createWorkingCalendar } from '../sla/working-calendar.ts';
import { endOfLocalDay, startOfLocalDay } from '../sla/zoned-time.ts';

describe('a day-counted term depends only on the local day of registration', () => {
  for (const [country, timeZone] of [['RO', 'Europe/Bucharest'], ['RU', 'Europe/Moscow']] as const) {
    const calendar = createWorkingCalendar({ country, timeZone, extraNonWorkingDays: ['2026-12-24'], extraWorkingDays: ['2026-03-28'] });
    const policies: DeadlinePolicy[] = [
      { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day' },
      { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'previous_working_day' },
      { unit: 'calendar_days', amount: 7, endOnNonWorkingDay: 'keep' },
      { unit: 'working_days', amount: 10, endOnNonWorkingDay: 'keep' },
    ];
    it(`in ${timeZone}`, () => {
      for (const day of ['2026-01-01', '2026-03-29', '2026-04-10', '2026-10-25', '2026-12-23', '2026-12-31']) {
        const first = startOfLocalDay(day, timeZone);
        const last = new Date(endOfLocalDay(day, timeZone).getTime());
        for (const policy of policies) {
          const due = (at: Date) => computeDeadline({ policy, calendar, registeredAt: at, now: at }).dueAt.toISOString();
          expect(due(last), `${day} ${JSON.stringify(policy)}`).toBe(due(first));
          expect(forwardingDeadline(last, 5, calendar, policy.endOnNonWorkingDay).toISOString()).toBe(forwardingDeadline(first, 5, calendar, policy.endOnNonWorkingDay).toISOString());
        }
      }
    });
  }
});
