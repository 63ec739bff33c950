import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Tenant, UpdateTenantRequest } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { TenantService } from './tenant.service.ts';

export function tenantRoutes(tenants: TenantService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tenant',
      { schema: { tags: ['institution'], summary: 'My institution', response: { 200: Tenant } }, config: { access: { permission: 'tenant.read' } } },
      async (request) => tenants.get(principalOf(request).ctx),
    );
    app.patch(
      '/tenant',
      { schema: { tags: ['institution'], body: UpdateTenantRequest, response: { 200: Tenant } }, config: { access: { permission: 'tenant.manage' } } },
      async (request) => tenants.update(principalOf(request).ctx, request.body),
    );
  };
}
