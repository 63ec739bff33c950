import { z } from 'zod';
import { Language, Uuid } from './common.ts';
import { StatusRecordKind } from './status-check.ts';

export const Mailbox = z.object({
  id: Uuid,
  address: z.string(),
  name: z.string(),
  categoryId: Uuid.nullable(),
  departmentId: Uuid.nullable(),
  isFax: z.boolean(),
  acknowledge: z.boolean(),
  imap: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string(), folder: z.string() }).nullable(),
  senderAllow: z.array(z.string()),
  senderDeny: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
});
export type Mailbox = z.infer<typeof Mailbox>;
/** A sender rule: an address (`ana@example.ro`), a domain (`example.ro`, `@example.ro`) or a domain with its subdomains (`*.example.ro`). */
export const SenderRule = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[^\s@]+@|@|\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/, 'An address, a domain, @domain or *.domain');
const SenderRules = z.array(SenderRule).max(200);
const ImapSettings = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(993),
  secure: z.boolean().default(true),
  user: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024).describe('Stored encrypted; never returned'),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
});
export const CreateMailboxRequest = z.object({
  address: z.email().trim().toLowerCase(),
  name: z.string().trim().min(1).max(200),
  categoryId: Uuid.describe('Requests to this address open cases of this category'),
  departmentId: Uuid.nullable().default(null).describe("Defaults to the category's department"),
  isFax: z.boolean().default(false),
  acknowledge: z.boolean().default(true),
  imap: ImapSettings.nullable().default(null).describe('Poll this mailbox over IMAP instead of receiving by SMTP'),
  senderAllow: SenderRules.optional().describe('Only these senders may write to the address over SMTP; empty or omitted admits all'),
  senderDeny: SenderRules.optional().describe('These senders are refused (550) over SMTP; wins over the allow list'),
});
/** On an update the password may be left out: the one stored is kept (it is never shown to be re-typed). */
const ImapSettingsUpdate = ImapSettings.extend({ password: ImapSettings.shape.password.optional().describe('Leave out to keep the stored password') });
/** Explicit optional fields: zod keeps `.default()`s through `.partial()`, which would reset omitted fields. */
export const UpdateMailboxRequest = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  categoryId: Uuid.optional(),
  departmentId: Uuid.nullable().optional(),
  isFax: z.boolean().optional(),
  acknowledge: z.boolean().optional(),
  imap: ImapSettingsUpdate.nullable().optional(),
  senderAllow: SenderRules.optional(),
  senderDeny: SenderRules.optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});

export const PhoneLine = z.object({
  id: Uuid,
  number: z.string(),
  name: z.string(),
  sms: z.boolean(),
  voice: z.boolean(),
  categoryId: Uuid.nullable(),
  departmentId: Uuid.nullable(),
  disclosableKinds: z.array(z.string()),
  /** What callers hear, and the language of a new caller's record; null: the institution's default. */
  language: Language.nullable(),
  /** The provider queue the voice assistant puts callers into (Twilio `<Enqueue>`, jambonz `enqueue`); null: the account's `dialNumber`. */
  transferQueue: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type PhoneLine = z.infer<typeof PhoneLine>;

/**
 * A queue name as Twilio (a queue's friendly name, up to 64 characters) and jambonz accept it:
 * letters, digits, spaces, `-`, `_`, `.`; an empty string clears it.
 */
export const TransferQueue = z
  .string()
  .trim()
  .max(64)
  .regex(/^([A-Za-z0-9][A-Za-z0-9 ._-]*)?$/, 'Letters, digits, spaces, “-”, “_” and “.” only, starting with a letter or digit')
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .describe('Provider queue for transfers (Twilio <Enqueue>, jambonz enqueue); empty or null: dial the account’s dialNumber');
export const CreatePhoneLineRequest = z.object({
  number: z.string().trim().min(3).max(40).describe('Normalised to E.164'),
  name: z.string().trim().min(1).max(200),
  sms: z.boolean().default(true),
  voice: z.boolean().default(true),
  categoryId: Uuid.nullable().default(null),
  departmentId: Uuid.nullable().default(null),
  /** The status-check record kinds this line may disclose (need to know); none: nothing. */
  disclosableKinds: z.array(StatusRecordKind).max(6).default([]),
  language: Language.nullable().optional(),
  transferQueue: TransferQueue.optional(),
});
export const UpdatePhoneLineRequest = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  sms: z.boolean().optional(),
  voice: z.boolean().optional(),
  categoryId: Uuid.nullable().optional(),
  departmentId: Uuid.nullable().optional(),
  disclosableKinds: z.array(StatusRecordKind).max(6).optional(),
  language: Language.nullable().optional(),
  transferQueue: TransferQueue.optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});

export const PROVIDERS = ['twilio', 'sms_webhook', 'smpp', 'smtp', 'webhook'] as const;
export const ProviderAccount = z.object({
  id: Uuid,
  provider: z.enum(PROVIDERS),
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ProviderAccount = z.infer<typeof ProviderAccount>;
export const CreateProviderAccountRequest = z.object({
  provider: z.enum(PROVIDERS),
  name: z.string().trim().min(1).max(200),
  settings: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])).default({}),
  secret: z.string().min(1).max(4096).optional().describe('Auth token, password or signing key; stored encrypted, never returned'),
});
export const UpdateProviderAccountRequest = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  settings: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
  secret: z.string().min(1).max(4096).optional(),
  active: z.boolean().optional(),
  version: z.number().int(),
});

export const OutboundMessage = z.object({
  id: Uuid,
  caseId: Uuid.nullable(),
  channel: z.string(),
  purpose: z.string(),
  toAddress: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  language: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  provider: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export const MESSAGE_PURPOSES = ['acknowledgement', 'notification', 'otp', 'campaign', 'reply'] as const;
export const OUTBOUND_CHANNELS = ['email', 'sms', 'webhook', 'portal'] as const;

/** The outbox, newest first; without caseId, administrators only. */
export const ListMessagesQuery = z.object({
  caseId: Uuid.optional(),
  channel: z.enum(OUTBOUND_CHANNELS).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  purpose: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  to: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OutboundMessagePage = z.object({ items: z.array(OutboundMessage), nextCursor: z.string().nullable() });

/** A citizen's message history, newest first: what was sent to them and about their cases. */
export const CitizenMessagesQuery = ListMessagesQuery.pick({ channel: true, status: true, purpose: true, cursor: true, limit: true });

/**
 * One message of a citizen's history, with its case's registration number. A one-time code is the
 * citizen's key to their portal inbox and status check: staff never read it (`bodyWithheld`).
 */
export const CitizenMessage = OutboundMessage.extend({ registrationNumber: z.string().nullable(), bodyWithheld: z.boolean() });
export const CitizenMessagePage = z.object({ items: z.array(CitizenMessage), nextCursor: z.string().nullable() });
