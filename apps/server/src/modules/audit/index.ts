export { createAuditService, type AuditService, type AuditRecord } from './audit.service.ts';
export { Hole, type TextPart } from './audit.chain.ts';
export { auditRoutes } from './audit.routes.ts';
