export { createCaseService, type CaseService } from './case.service.ts';
export { caseRoutes } from './case.routes.ts';
export { OPEN_STATUSES, FINAL_STATUSES } from './case.lifecycle.ts';
export { searchableText } from './case.repository.ts';
export { caseJobs } from './case.jobs.ts';
export { createCaseCountsService, type CaseCountsService } from './case-counts.service.ts';
export { caseCountRoutes } from './case-counts.routes.ts';
export { recordTimelineEntries, recordTimelineEntry, type SystemTimelineEntry } from './case-timeline-entry.ts';
export { readableCasesCondition } from './case-read-scope.ts';
