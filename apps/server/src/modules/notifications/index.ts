export { createNotificationService, NOTIFIABLE_EVENTS, DISPATCH_JOB, type NotificationService } from './notification.service.ts';
export { createNotificationAdminService, type NotificationAdminService } from './notification-admin.service.ts';
export { createCitizenAccessService, type CitizenAccessService } from './citizen-access.service.ts';
export { notificationAdminRoutes } from './notification-admin.routes.ts';
export { staffNotificationRoutes } from './staff-notification.routes.ts';
export { citizenInboxRoutes } from './citizen-inbox.routes.ts';
export { DEFAULT_RULES, SEED_SCENARIO_CODES } from './default-rules.ts';
export { notificationKey } from './citizen-delivery.ts';
