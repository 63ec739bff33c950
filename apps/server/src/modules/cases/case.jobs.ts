import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { CaseService } from './case.service.ts';

/** Background work of the case module. */
export function caseJobs(cases: CaseService): JobDefinition[] {
  return [
    defineJob({
      name: 'cases.sweep-deadlines',
      payload: z.object({}),
      // Every minute; the sweep is idempotent, so a missed or doubled tick does no harm.
      cron: '* * * * *',
      retryLimit: 1,
      expireInSeconds: 5 * 60,
      handle: async () => {
        await cases.sweepDeadlines();
      },
    }),
  ];
}
