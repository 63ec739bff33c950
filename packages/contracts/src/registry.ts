import { z } from 'zod';
import { Address } from './citizens.ts';
import { CaseStatus } from './cases.ts';
import { Language, Uuid } from './common.ts';

/**
 * The registry desk: a paper document (post, courier, handed in, a fax on paper) recorded into a
 * case, with a printed receipt. The form is sent as multipart/form-data: the fields below (nested
 * ones as dotted names, `sender.lastName`, or `sender` as one JSON text; `customFields` as JSON)
 * and the scans as file parts named `files`.
 */
export const DELIVERY_METHODS = ['post', 'courier', 'in_person', 'fax_paper'] as const;
export const DeliveryMethod = z.enum(DELIVERY_METHODS);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

/** The sender of a paper document: a known citizen or organisation, or a new one. */
export const RegistrySender = z
  .object({
    citizenId: Uuid.optional().describe('A citizen or organisation already on file; nothing else is given then'),
    kind: z.enum(['person', 'organisation']).optional(),
    firstName: z.string().trim().min(1).max(100).optional(),
    lastName: z.string().trim().min(1).max(100).optional(),
    organisationName: z.string().trim().min(1).max(300).optional(),
    address: z.preprocess((v) => (typeof v === 'string' ? { line: v } : v), Address).optional().describe('A postal address; a plain text is taken as its line'),
    phone: z.string().trim().min(3).max(40).optional(),
    email: z.email().trim().toLowerCase().max(254).optional(),
    preferredLanguage: Language.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.citizenId) {
      for (const key of Object.keys(s)) {
        if (key !== 'citizenId') ctx.addIssue({ code: 'custom', path: [key], message: 'Give either a known sender (citizenId) or a new one, not both' });
      }
      return;
    }
    const kind = s.kind ?? 'person';
    if (kind === 'person' && !s.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Required: a sender on file (citizenId) or the name of a new one' });
    if (kind === 'organisation' && !s.organisationName) ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'An organisation needs a name' });
    if (!s.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'A new sender needs a postal address' });
  });
export type RegistrySender = z.infer<typeof RegistrySender>;

export const RecordDocumentForm = z
  .object({
    categoryId: Uuid,
    delivery: DeliveryMethod,
    receivedOn: z.iso.date().describe("The day the document arrived, in the institution's time zone; not after today"),
    pages: z.coerce.number().int().min(1).max(100_000),
    subject: z.string().trim().min(3).max(300),
    description: z.string().trim().max(20_000).default(''),
    senderReference: z.string().trim().min(1).max(100).optional().describe("The sender's own number, e.g. of their outgoing letter"),
    sender: RegistrySender,
    customFields: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type RecordDocumentForm = z.infer<typeof RecordDocumentForm>;

export const RecordedDocument = z.object({
  /** What intake made of it: a new case, or a document joining the case it names. */
  outcome: z.enum(['case_created', 'appended', 'duplicate']),
  entryId: Uuid,
  caseId: Uuid,
  registrationNumber: z.string().nullable(),
  status: CaseStatus,
  registeredAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  senderCitizenId: Uuid.nullable(),
  attachments: z.number().int(),
  receiptUrl: z.string(),
  statusUrl: z.string().nullable(),
});
export type RecordedDocument = z.infer<typeof RecordedDocument>;

export const RegistryEntry = z.object({
  entryId: Uuid,
  caseId: Uuid,
  registrationNumber: z.string().nullable(),
  status: CaseStatus,
  subject: z.string(),
  categoryId: Uuid,
  registeredAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.object({ id: Uuid, displayName: z.string() }).nullable(),
  delivery: DeliveryMethod,
  pages: z.number().int(),
  receivedOn: z.string(),
  senderReference: z.string().nullable(),
  sender: z.object({ citizenId: Uuid, displayName: z.string() }).nullable(),
  receiptUrl: z.string(),
});
export type RegistryEntry = z.infer<typeof RegistryEntry>;

export const DailyRegisterQuery = z.object({
  date: z.iso.date().optional().describe("A day in the institution's time zone; today when omitted"),
});

export const DailyRegister = z.object({
  date: z.string(),
  timeZone: z.string(),
  items: z.array(RegistryEntry),
});

export const ReceiptQuery = z.object({
  entry: Uuid.optional().describe('Which recorded document of the case (the first one when omitted)'),
  format: z.enum(['a5', 'a4']).default('a5'),
});
