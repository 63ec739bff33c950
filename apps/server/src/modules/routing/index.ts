export { createRoutingService, PRIORITY_WEIGHT, type RoutingService, type Candidate } from './routing.service.ts';
export { workloadRoutes } from './workload.routes.ts';
