export { createRegisterService, type RegisterService } from './register.service.ts';
export { fillNumberTemplate, formatRegistrationNumber, numberTemplate, type NumberTemplate } from './registration-number.ts';
export { registerRoutes } from './register.routes.ts';
