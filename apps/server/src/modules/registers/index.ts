export { createRegisterService, type RegisterService } from './register.service.ts';
export { formatRegistrationNumber } from './registration-number.ts';
export { registerRoutes } from './register.routes.ts';
