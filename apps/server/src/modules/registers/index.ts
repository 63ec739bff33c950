export { createRegisterService, type RegisterService } from './register.service.ts';
export {
  fillNumberTemplate,
  formatRegistrationNumber,
  NUMBER_PLACEHOLDER,
  numberHoles,
  numberTemplate,
  uriEncodedTemplate,
  type NumberTemplate,
  type NumberTextPart,
} from './registration-number.ts';
export { registerRoutes } from './register.routes.ts';
