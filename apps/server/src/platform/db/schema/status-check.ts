import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { citizens } from './cases.ts';
import { createdAt, id, tenantId, timeOrderedId, tstz, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * Records that live in other systems (invoices, local taxes, social-benefit files, appointments,
 * issued documents), kept in CivicLine's own store by import. National IDs only as a blind index
 * and ciphertext, as for citizens; the registered phone and birth date are what L2/L3 check against.
 */
export const statusRecords = pgTable(
  'status_records',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    kind: text('kind').notNull(),
    /** The record's own number: invoice no., file no., document no., appointment code. */
    reference: text('reference').notNull(),
    clientCode: text('client_code'),
    /** Lower-cased, accents and punctuation folded: what an address look-up compares. */
    addressKey: text('address_key'),
    nationalIdIndex: text('national_id_index'),
    nationalIdCipher: text('national_id_cipher'),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    birthDate: date('birth_date'),
    /** E.164; the only number a one-time code or a summary is ever sent to. */
    phone: text('phone'),
    levelNeeded: text('level_needed').notNull().default('L1'),
    sensitive: boolean('sensitive').notNull().default(false),
    /** For records of no known citizen; a citizen's own choice lives on citizens.voice_opt_out. */
    voiceOptOut: boolean('voice_opt_out').notNull().default(false),
    /** The kind's facts, texts as { lang: text } maps (status-check/records.ts validates them). */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    source: text('source').notNull().default('import'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('status_records_reference_uq').on(t.tenantId, t.kind, t.reference),
    index('status_records_national_id_idx').on(t.tenantId, t.nationalIdIndex, t.kind),
    index('status_records_client_code_idx').on(t.tenantId, t.clientCode, t.kind),
    index('status_records_address_idx').on(t.tenantId, t.addressKey, t.kind),
    index('status_records_citizen_idx').on(t.tenantId, t.citizenId),
  ],
);

/** Where each record kind of a tenant is looked up: the built-in store, an HTTP JSON API, or an SQL database. */
export const statusConnectors = pgTable(
  'status_connectors',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    kind: text('kind').notNull(),
    type: text('type').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** The auth header value (HTTP) or connection string (SQL), encrypted. */
    secretCipher: text('secret_cipher'),
    timeoutMs: integer('timeout_ms').notNull().default(1500),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('status_connectors_kind_uq').on(t.tenantId, t.kind)],
);

/** Chat and web entry points (phone lines carry their own disclosable kinds): what each may disclose. */
export const statusEntryPoints = pgTable(
  'status_entry_points',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    channel: text('channel').notNull(),
    name: text('name').notNull(),
    disclosableKinds: text('disclosable_kinds').array().notNull().default(sql`'{}'::text[]`),
    defaultLanguage: text('default_language').notNull().default('ro'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('status_entry_points_tenant_idx').on(t.tenantId)],
);

/**
 * One found record for one caller: what a SubjectRef points at. The level reached and the consent
 * live here, so any node serves the next turn; the subject's check data is encrypted.
 */
export const statusSessions = pgTable(
  'status_sessions',
  {
    id: timeOrderedId(),
    tenantId: tenantId().references(() => tenants.id),
    kind: text('kind').notNull(),
    /** The record's key in its source (case id, status record id, or the external system's id). */
    recordKey: text('record_key').notNull(),
    reference: text('reference').notNull(),
    citizenId: uuid('citizen_id'),
    callerIndex: text('caller_index').notNull(),
    conversationId: text('conversation_id'),
    channel: text('channel').notNull(),
    entryPointId: uuid('entry_point_id'),
    levelNeeded: text('level_needed').notNull(),
    sensitive: boolean('sensitive').notNull().default(false),
    level: text('level').notNull().default('L1'),
    consentAt: tstz('consent_at'),
    /** { birthDate?, phone? } of the subject, AES-GCM: what verify compares against. */
    checkCipher: text('check_cipher'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('status_sessions_expiry_idx').on(t.expiresAt)],
);

/** One-time codes: hashed, single use, short-lived. */
export const statusCodes = pgTable(
  'status_codes',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => statusSessions.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('status_codes_session_idx').on(t.tenantId, t.sessionId)],
);

/** Failure counters and locks, per identifier (a record) and per caller (phone / IP), keyed by blind index. */
export const statusLocks = pgTable(
  'status_locks',
  {
    tenantId: tenantId().references(() => tenants.id),
    scope: text('scope').notNull(),
    keyIndex: text('key_index').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: tstz('locked_until'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope, t.keyIndex] })],
);

/** Which identifiers each caller asked about, to see one caller trying many. */
export const statusProbes = pgTable(
  'status_probes',
  {
    tenantId: tenantId().references(() => tenants.id),
    callerIndex: text('caller_index').notNull(),
    identifierIndex: text('identifier_index').notNull(),
    firstAt: tstz('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.callerIndex, t.identifierIndex] })],
);

/** A caller blocked as likely fraud, shown to supervisors until reviewed. */
export const statusFraudFlags = pgTable(
  'status_fraud_flags',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    callerIndex: text('caller_index').notNull(),
    callerMask: text('caller_mask').notNull(),
    channel: text('channel').notNull(),
    entryPointId: uuid('entry_point_id'),
    identifiers: integer('identifiers').notNull(),
    flaggedAt: tstz('flagged_at').notNull(),
    blockedUntil: tstz('blocked_until').notNull(),
    reviewedAt: tstz('reviewed_at'),
    reviewedBy: uuid('reviewed_by'),
  },
  (t) => [index('status_fraud_flags_caller_idx').on(t.tenantId, t.callerIndex, t.blockedUntil)],
);

/** Bookable times for pickups and visits, per place. */
export const statusSlots = pgTable(
  'status_slots',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    placeId: text('place_id').notNull(),
    place: jsonb('place').$type<Record<string, string>>().notNull(),
    startsAt: tstz('starts_at').notNull(),
    capacity: integer('capacity').notNull().default(1),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [uniqueIndex('status_slots_uq').on(t.tenantId, t.placeId, t.startsAt)],
);
