import { z } from 'zod';
import { Language, Timestamp, Uuid } from './common.ts';

/** The record kinds the status check knows (modules/status-check/contract.ts). */
export const STATUS_RECORD_KINDS = ['case', 'invoice', 'local_tax', 'benefit', 'appointment', 'document'] as const;
export const StatusRecordKind = z.enum(STATUS_RECORD_KINDS);
export const ExternalRecordKind = z.enum(['invoice', 'local_tax', 'benefit', 'appointment', 'document']);
const NationalIdScheme = z.enum(['ro_cnp', 'ru_snils', 'it_codice_fiscale', 'vn_cccd']);

/** What a caller gives to find a record. */
export const StatusQueryBody = z.discriminatedUnion('by', [
  z.object({ by: z.literal('registration_number'), value: z.string().trim().min(1).max(64) }),
  z.object({ by: z.literal('national_id'), value: z.string().trim().min(1).max(64), scheme: NationalIdScheme.optional(), kind: StatusRecordKind }),
  z.object({ by: z.literal('client_code'), value: z.string().trim().min(1).max(64), kind: z.enum(['invoice', 'local_tax']) }),
  z.object({ by: z.literal('address'), value: z.string().trim().min(1).max(300), kind: z.enum(['invoice', 'local_tax']) }),
]);

const Ref = z.string().min(10).max(100);
export const StatusRefBody = z.object({ ref: Ref });
export const StatusVerifyBody = z.union([
  z.object({ ref: Ref, birthDate: z.string().trim().min(8).max(10) }),
  z.object({ ref: Ref, phoneLast4: z.string().trim().regex(/^\d{4}$/) }),
]);
export const StatusCodeBody = z.object({ ref: Ref, code: z.string().trim().regex(/^\d{6}$/) });

/** Every status-check answer: `outcome` says which, the rest is that outcome's data (see the module's contract). */
export const StatusOutcome = z.looseObject({ outcome: z.string() }).meta({ id: 'StatusOutcome' });

export const StatusAccessEntry = z.object({
  at: Timestamp,
  action: z.string(),
  channel: z.string().nullable(),
  actorType: z.string(),
  kind: z.string().nullable(),
  reference: z.string().nullable(),
  outcome: z.string(),
});

export const StatusEntryPoint = z.object({
  id: Uuid,
  channel: z.enum(['chat', 'web']),
  name: z.string(),
  disclosableKinds: z.array(StatusRecordKind),
  defaultLanguage: Language,
  active: z.boolean(),
  version: z.number().int(),
});
export const CreateStatusEntryPointRequest = z.object({
  channel: z.enum(['chat', 'web']),
  name: z.string().trim().min(1).max(200),
  disclosableKinds: z.array(StatusRecordKind).max(6),
  defaultLanguage: Language.default('ro'),
  active: z.boolean().default(true),
});
export const UpdateStatusEntryPointRequest = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  disclosableKinds: z.array(StatusRecordKind).max(6).optional(),
  defaultLanguage: Language.optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});

export const StatusConnector = z.object({
  id: Uuid,
  kind: StatusRecordKind,
  type: z.enum(['builtin', 'http', 'sql']),
  settings: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean(),
  timeoutMs: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export const PutStatusConnectorRequest = z.object({
  type: z.enum(['builtin', 'http', 'sql']),
  settings: z.record(z.string(), z.unknown()).default({}),
  /** HTTP: the auth header value; SQL: the connection string. Never shown again; omit to keep the stored one. */
  secret: z.string().min(1).max(2000).nullable().optional(),
  timeoutMs: z.number().int().min(100).max(10_000).default(1500),
  active: z.boolean().default(true),
});

export const StatusFraudFlag = z.object({
  id: Uuid,
  caller: z.string(),
  channel: z.string(),
  entryPointId: Uuid.nullable(),
  identifiers: z.number().int(),
  flaggedAt: Timestamp,
  blockedUntil: Timestamp,
  reviewedAt: Timestamp.nullable(),
});
export const ReviewStatusFraudFlagRequest = z.object({ release: z.boolean().default(false) });

export const StatusImportResult = z.object({
  kind: ExternalRecordKind,
  received: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
