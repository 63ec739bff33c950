export { createPortalService, type PortalService } from './portal.service.ts';
export { portalRoutes } from './portal.routes.ts';
export { STATUS_TEXT } from './portal-texts.ts';
export { translateProblem } from './portal-texts.ts';
export { languageOf } from './portal.routes.ts';
