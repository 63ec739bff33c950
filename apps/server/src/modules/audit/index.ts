export { createAuditService, type AuditService, type AuditRecord } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
