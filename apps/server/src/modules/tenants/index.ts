export { createTenantService, type TenantService } from './tenant.service.ts';
export { tenantRoutes } from './tenant.routes.ts';
