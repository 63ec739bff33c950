import { z } from 'zod';
import { FieldDefinition } from './categories.ts';
import { CaseStatus, Location } from './cases.ts';
import { Language, LocalizedText, Uuid } from './common.ts';

/**
 * The public citizen portal: no staff login. Everything is scoped by the institution's slug in the
 * path; answers and error messages follow the `lang` query parameter (or Accept-Language).
 */
export const PortalLangQuery = z.object({ lang: Language.optional() });

export const PublicCategory = z.object({
  id: Uuid,
  code: z.string(),
  group: z.string(),
  name: LocalizedText,
  description: z.record(z.string(), z.string()),
  fields: z.array(FieldDefinition),
  allowAnonymous: z.boolean(),
  sendSms: z.boolean(),
  /** What a status check of this category needs: L1 number only, L2 + birth date or phone digits, L3 + SMS code. */
  disclosureLevel: z.enum(['L1', 'L2', 'L3']),
  deadline: z.object({ unit: z.enum(['calendar_days', 'working_days', 'working_hours']), amount: z.number().int() }),
});

export const PublicInstitution = z.object({
  slug: z.string(),
  name: z.string(),
  country: z.string(),
  defaultLanguage: Language,
  categories: z.array(PublicCategory),
  /**
   * The chat entry point the portal's chat widget talks to (`entryPointId` of
   * `POST /institutions/:slug/assistant/chat`): the institution's first active chat entry point;
   * null when it has none (the portal then shows no chat).
   */
  chatEntryPointId: Uuid.nullable(),
});

export const PortalUpload = z.object({
  token: z.string().describe('Give it in `uploadTokens` when submitting; valid for 24 hours'),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  contentType: z.string(),
});

export const PortalSubmission = z.object({
  categoryId: Uuid,
  subject: z.string().trim().min(3).max(300),
  description: z.string().trim().min(1).max(20_000),
  customFields: z.record(z.string(), z.unknown()).default({}),
  location: Location.optional(),
  contact: z.object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.email().trim().toLowerCase().max(254).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    preferredChannel: z.enum(['email', 'sms']),
    language: Language,
  }),
  uploadTokens: z.array(z.string().max(1000)).max(10).default([]),
  /** Consent to the processing of personal data, as shown on the form (GDPR art. 6/7). */
  consent: z.object({ processing: z.literal(true), textVersion: z.string().max(40) }),
});

export const PortalSubmissionResult = z.object({
  registrationNumber: z.string(),
  registeredAt: z.string(),
  dueAt: z.string().nullable(),
  acknowledgementChannel: z.enum(['email', 'sms']).nullable(),
});

export const PortalStatusRequest = z.object({
  registrationNumber: z.string().trim().min(3).max(64),
});

export const PortalStatus = z.object({
  registrationNumber: z.string(),
  status: CaseStatus,
  /** The status in plain words, in the requested language. */
  statusText: z.string(),
  category: LocalizedText,
  registeredAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  lastChangeAt: z.string(),
  /** Messages the institution wrote for the citizen (never internal notes). */
  publicNotes: z.array(z.object({ at: z.string(), text: z.string() })),
});
