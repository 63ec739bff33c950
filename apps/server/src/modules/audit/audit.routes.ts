import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry, AuditQuery, AuditVerifyResult } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      { schema: { tags: ['audit'], summary: 'Audit entries, newest first', querystring: AuditQuery, response: { 200: z.array(AuditEntry) } }, config: { access: { permission: 'audit.read' } } },
      async (request) => audit.list(principalOf(request).ctx.tenantId, request.query),
    );
    app.get(
      '/audit/verify',
      { schema: { tags: ['audit'], summary: "Check my institution's audit hash chain", response: { 200: AuditVerifyResult } }, config: { access: { permission: 'audit.verify' } } },
      async (request) => audit.verify(principalOf(request).ctx.tenantId),
    );
  };
}
