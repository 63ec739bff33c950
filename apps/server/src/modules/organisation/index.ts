export { createDepartmentService, type DepartmentService } from './department.service.ts';
export { departmentRoutes } from './department.routes.ts';
