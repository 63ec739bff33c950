import { boolean, bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, citizens } from './cases.ts';
import { createdAt, id, tenantId, tstz, updatedAt } from './columns.ts';
import { users } from './organisation.ts';
import { outboundMessages } from './channels.ts';
import { tenants } from './tenants.ts';

/**
 * A notification rule: a domain event and conditions → channels and a template. Every institution
 * gets the default set (the 18 one-stop scenarios and the city hall's general ones); administrators
 * switch them off or edit them.
 */
export const notificationRules = pgTable(
  'notification_rules',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    code: text('code').notNull(),
    name: jsonb('name').$type<Record<string, string>>().notNull(),
    description: jsonb('description').$type<Record<string, string>>().notNull().default({}),
    eventType: text('event_type').notNull(),
    /** Who is told: the case's citizen, or staff (assignee, supervisors). */
    audience: text('audience').notNull().default('citizen'),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    channels: text('channels').array().notNull(),
    /** Where a failed SMS goes instead (e-mail, the inbox), in order. */
    fallback: text('fallback').array().notNull(),
    /** Urgent messages ignore quiet hours. */
    urgent: boolean('urgent').notNull().default(false),
    /** Of the rules of one group, only the first matching (lowest priority) fires for an event. */
    exclusiveGroup: text('exclusive_group'),
    priority: integer('priority').notNull().default(100),
    templateCode: text('template_code').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('notification_rules_code_uq').on(t.tenantId, t.code), index('notification_rules_event_idx').on(t.tenantId, t.eventType)],
);

/** The text of a template for one channel and language (ICU MessageFormat). */
export const notificationTemplates = pgTable(
  'notification_templates',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    code: text('code').notNull(),
    channel: text('channel').notNull(),
    language: text('language').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('notification_templates_uq').on(t.tenantId, t.code, t.channel, t.language)],
);

/** An institution's notification settings: quiet hours (local time) and its currency. */
export const notificationSettings = pgTable('notification_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  quietStart: text('quiet_start').notNull().default('21:00'),
  quietEnd: text('quiet_end').notNull().default('08:00'),
  currency: text('currency').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: updatedAt(),
});

/** Which rule and step each notification message came from (fallbacks and history read it). */
export const notificationMessages = pgTable(
  'notification_messages',
  {
    messageId: uuid('message_id')
      .primaryKey()
      .references(() => outboundMessages.id),
    tenantId: tenantId().references(() => tenants.id),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => notificationRules.id),
    eventId: uuid('event_id').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    /** The message this one replaces after it failed (a fallback), else null. */
    fallbackOf: uuid('fallback_of'),
    readAt: tstz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notification_messages_citizen_idx').on(t.tenantId, t.citizenId, t.createdAt), index('notification_messages_rule_idx').on(t.tenantId, t.ruleId, t.eventId)],
);

/** A citizen's withdrawn consent for a channel: nothing but what the law requires goes there. */
export const citizenChannelConsents = pgTable(
  'citizen_channel_consents',
  {
    tenantId: tenantId().references(() => tenants.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    granted: boolean('granted').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.citizenId, t.channel] })],
);

/** Appointments as notifications know them, from the appointment.* events (reminders are swept from here). */
export const notificationAppointments = pgTable(
  'notification_appointments',
  {
    appointmentId: uuid('appointment_id').notNull(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id'),
    citizenId: uuid('citizen_id'),
    startsAt: tstz('starts_at').notNull(),
    place: text('place').notNull().default(''),
    cancelled: boolean('cancelled').notNull().default(false),
    /** Raised once per start time: a moved appointment is reminded again. */
    remindedFor: tstz('reminded_for'),
    resultCheckedFor: tstz('result_checked_for'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.appointmentId] }), index('notification_appointments_starts_idx').on(t.startsAt)],
);

/** A staff member's in-app notification (the console bell), later summed up in an e-mail digest. */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    registrationNumber: text('registration_number'),
    /** rule + event + user: one notification per person per step. */
    idempotencyKey: text('idempotency_key').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: tstz('read_at'),
    digestedAt: tstz('digested_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_notifications_key_uq').on(t.tenantId, t.idempotencyKey), index('staff_notifications_user_idx').on(t.tenantId, t.userId, t.createdAt)],
);

/** One-time sign-in codes of the citizen portal: only a hash is kept; single use, short-lived. */
export const citizenSignInCodes = pgTable(
  'citizen_sign_in_codes',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    contactHash: text('contact_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('citizen_sign_in_codes_contact_idx').on(t.tenantId, t.contactHash, t.createdAt)],
);

/** A citizen's portal session (a bearer token; only its SHA-256 is kept). */
export const citizenSessions = pgTable(
  'citizen_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: tenantId().references(() => tenants.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('citizen_sessions_citizen_idx').on(t.tenantId, t.citizenId)],
);

/** Fees of a case (the one-stop centre's "fee due" notices, with or without a receipt number) and their payment. */
export const caseFees = pgTable(
  'case_fees',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    /** In minor units of `currency` (bani, kopecks, cents; đồng have none). */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    receiptNumber: text('receipt_number'),
    /** When the citizen must pay online: before submitting, or before receiving the result. */
    onlineStage: text('online_stage'),
    payUrl: text('pay_url'),
    status: text('status').notNull().default('due'),
    paidAt: tstz('paid_at'),
    paymentReference: text('payment_reference'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('case_fees_case_idx').on(t.tenantId, t.caseId)],
);

/** The postal service of a case: return of the result by post, and postal-code confirmations. */
export const casePostalSteps = pgTable(
  'case_postal_steps',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    postalCode: text('postal_code'),
    trackingNumber: text('tracking_number'),
    address: text('address'),
    createdAt: createdAt(),
  },
  (t) => [index('case_postal_steps_case_idx').on(t.tenantId, t.caseId)],
);
