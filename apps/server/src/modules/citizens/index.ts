export { createCitizenService, type CitizenService } from './citizen.service.ts';
export { citizenRoutes } from './citizen.routes.ts';
export { validateNationalId, maskNationalId, generateNationalId, type NationalIdScheme } from './national-id.ts';
export { normalizePhone, isMobile } from './phone.ts';
export { findByContact, findOrCreateByContact, type ContactMatch } from './citizen.contact-lookup.ts';
export { mergedRecordIds } from './citizen.merged-records.ts';
