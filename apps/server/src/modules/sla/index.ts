export { createSlaService, DEFAULT_SUSPENSION_REASONS, type SlaService, type Term, type DeadlineView } from './sla.service.ts';
export { createWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';
export { localDateOf } from './zoned-time.ts';
export { calendarRoutes } from './calendar.routes.ts';
export { wallTimeOf, localDateTimeToInstant, addLocalDays, parseTimeOfDay } from './zoned-time.ts';
