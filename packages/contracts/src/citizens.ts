import { z } from 'zod';
import { Language, Uuid } from './common.ts';

export const CONTACT_CHANNELS = ['sms', 'email', 'phone', 'post', 'portal'] as const;

export const Address = z.object({
  label: z.string().max(50).optional(),
  line: z.string().trim().min(1).max(300),
  locality: z.string().trim().max(120).optional(),
  county: z.string().trim().max(120).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: z.string().length(2).optional(),
});

/** The fields as given; no defaults, so that an update changes only what it names. */
const CitizenFields = z.object({
  kind: z.enum(['person', 'organisation']),
  firstName: z.string().trim().min(1).max(100).optional(),
  lastName: z.string().trim().min(1).max(100).optional(),
  organisationName: z.string().trim().min(1).max(300).optional(),
  birthDate: z.iso.date().optional(),
  preferredLanguage: Language.optional(),
  preferredChannel: z.enum(CONTACT_CHANNELS),
  addresses: z.array(Address).max(10),
  phones: z.array(z.string().trim().min(3).max(40)).max(10),
  emails: z.array(z.email().trim().toLowerCase().max(254)).max(10),
  clientCodes: z.array(z.string().trim().min(1).max(64)).max(20),
  nationalId: z.string().trim().min(4).max(40).optional().describe("Validated by the institution's national-ID scheme"),
  voiceOptOut: z.boolean(),
});

const CitizenBody = CitizenFields.extend({
  kind: CitizenFields.shape.kind.default('person'),
  preferredChannel: CitizenFields.shape.preferredChannel.default('email'),
  addresses: CitizenFields.shape.addresses.default([]),
  phones: CitizenFields.shape.phones.default([]),
  emails: CitizenFields.shape.emails.default([]),
  clientCodes: CitizenFields.shape.clientCodes.default([]),
  voiceOptOut: CitizenFields.shape.voiceOptOut.default(false),
});

export const CreateCitizenRequest = CitizenBody.superRefine((c, ctx) => {
  if (c.kind === 'person' && !c.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'A person needs a last name' });
  if (c.kind === 'organisation' && !c.organisationName) {
    ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'An organisation needs a name' });
  }
});
// Partial of the fields without defaults: `{ firstName, version }` must not reset phones, e-mails, kind…
export const UpdateCitizenRequest = CitizenFields.partial().extend({ version: z.number().int() });

export const Citizen = z.object({
  id: Uuid,
  kind: z.enum(['person', 'organisation']),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  organisationName: z.string().nullable(),
  displayName: z.string(),
  birthDate: z.string().nullable(),
  preferredLanguage: Language,
  preferredChannel: z.enum(CONTACT_CHANNELS),
  addresses: z.array(Address),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  clientCodes: z.array(z.string()),
  nationalId: z.string().nullable().describe('Masked unless your role may see it in full (`reveal=true`)'),
  nationalIdMasked: z.boolean(),
  voiceOptOut: z.boolean(),
  mergedIntoId: Uuid.nullable(),
  version: z.number().int(),
});
export type Citizen = z.infer<typeof Citizen>;

export const CitizenSearchQuery = z
  .object({
    phone: z.string().max(40).optional(),
    email: z.string().max(254).optional(),
    nationalId: z.string().max(40).optional(),
    clientCode: z.string().max(64).optional(),
    name: z.string().min(2).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => q.phone || q.email || q.nationalId || q.clientCode || q.name, { message: 'Give at least one of phone, email, nationalId, clientCode, name' });

export const MergeCitizensRequest = z.object({
  duplicateId: Uuid.describe('This record is merged into the one in the URL and kept only as a pointer'),
});

export const RevealQuery = z.object({
  reveal: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  purpose: z.string().max(64).optional(),
});
