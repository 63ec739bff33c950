export { createCaseServicesService, currencyOfCountry, type CaseServicesService } from './case-services.service.ts';
export { caseServicesRoutes } from './case-services.routes.ts';
