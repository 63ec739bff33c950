import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tstz, updatedAt } from './columns.ts';
import { departments, users } from './organisation.ts';
import { tenants } from './tenants.ts';

/** A numbering series: one per department or document class, restarting each year if asked. */
export const registers = pgTable(
  'registers',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    code: text('code').notNull(),
    name: jsonb('name').$type<Record<string, string>>().notNull(),
    format: text('format').notNull(),
    yearly: boolean('yearly').notNull().default(true),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('registers_tenant_code_uq').on(t.tenantId, t.code)],
);

/**
 * The last number issued per register and year. Incremented in the transaction that registers
 * the case, under the row lock: numbers are gapless, and a rolled-back registration never
 * consumed one.
 */
export const registerCounters = pgTable(
  'register_counters',
  {
    tenantId: tenantId().references(() => tenants.id),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.registerId, t.year] })],
);

export const categories = pgTable(
  'categories',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    code: text('code').notNull(),
    groupCode: text('group_code').notNull(),
    name: jsonb('name').$type<Record<string, string>>().notNull(),
    description: jsonb('description').$type<Record<string, string>>().notNull().default({}),
    fields: jsonb('fields').$type<unknown[]>().notNull().default([]),
    deadline: jsonb('deadline').$type<Record<string, unknown>>().notNull(),
    routing: jsonb('routing').$type<Record<string, unknown>>().notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    registerId: uuid('register_id')
      .notNull()
      .references(() => registers.id),
    sendSms: boolean('send_sms').notNull().default(false),
    instant: boolean('instant').notNull().default(false),
    sensitive: boolean('sensitive').notNull().default(false),
    disclosureLevel: text('disclosure_level').notNull().default('L1'),
    allowAnonymous: boolean('allow_anonymous').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('categories_tenant_code_uq').on(t.tenantId, t.code)],
);

/** Days that differ from the country's calendar: extra non-working days, working Saturdays. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    tenantId: tenantId().references(() => tenants.id),
    day: date('day').notNull(),
    working: boolean('working').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

/** The configurable reasons a case's clock may stop (seed 004's four stop scenarios). */
export const suspensionReasons = pgTable(
  'suspension_reasons',
  {
    tenantId: tenantId().references(() => tenants.id),
    code: text('code').notNull(),
    name: jsonb('name').$type<Record<string, string>>().notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

/** How much work a person takes, for least-loaded routing. */
export const staffCapacity = pgTable(
  'staff_capacity',
  {
    tenantId: tenantId().references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    capacity: integer('capacity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/**
 * Open cases and their weighted load (low 1, normal 2, high 3, urgent 4) per person. Kept by the
 * trigger `cases_track_workload` in the transaction of every insert, delete and change of a
 * case's assignee, status or priority, so least-loaded routing reads one row per technician
 * instead of counting every open case of the department.
 */
export const staffWorkload = pgTable(
  'staff_workload',
  {
    tenantId: tenantId().references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    openCases: integer('open_cases').notNull().default(0),
    load: integer('load').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

export const staffAbsences = pgTable(
  'staff_absences',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fromDay: date('from_day').notNull(),
    toDay: date('to_day').notNull(),
    reason: text('reason'),
  },
  (t) => [index('staff_absences_user_idx').on(t.tenantId, t.userId)],
);

/** Round-robin position per category. */
export const routingCursors = pgTable(
  'routing_cursors',
  {
    tenantId: tenantId().references(() => tenants.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    lastUserId: uuid('last_user_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.categoryId] })],
);

export const citizens = pgTable(
  'citizens',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    kind: text('kind').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    organisationName: text('organisation_name'),
    displayName: text('display_name').notNull(),
    birthDate: date('birth_date'),
    preferredLanguage: text('preferred_language').notNull(),
    preferredChannel: text('preferred_channel').notNull().default('email'),
    addresses: jsonb('addresses').$type<unknown[]>().notNull().default([]),
    nationalIdIndex: text('national_id_index'),
    nationalIdCipher: text('national_id_cipher'),
    nationalIdMask: text('national_id_mask'),
    voiceOptOut: boolean('voice_opt_out').notNull().default(false),
    mergedIntoId: uuid('merged_into_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('citizens_national_id_uq')
      .on(t.tenantId, t.nationalIdIndex)
      .where(sql`${t.nationalIdIndex} IS NOT NULL AND ${t.mergedIntoId} IS NULL`),
    index('citizens_name_idx').on(t.tenantId, t.displayName),
  ],
);

/** Phones (E.164), e-mails (lower-case) and client codes of a citizen, each findable. */
export const citizenContacts = pgTable(
  'citizen_contacts',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    label: text('label'),
    createdAt: createdAt(),
  },
  (t) => [
    index('citizen_contacts_lookup_idx').on(t.tenantId, t.kind, t.value),
    index('citizen_contacts_citizen_idx').on(t.tenantId, t.citizenId),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    registrationNumber: text('registration_number'),
    registerId: uuid('register_id').references(() => registers.id),
    registrationYear: integer('registration_year'),
    registrationSeq: integer('registration_seq'),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    status: text('status').notNull(),
    channel: text('channel').notNull(),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    address: text('address'),
    priority: text('priority').notNull().default('normal'),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    registeredAt: tstz('registered_at'),
    /** When the current term started: registration, a redirect to another department, or a reopening. */
    clockStartedAt: tstz('clock_started_at'),
    dueAt: tstz('due_at'),
    forwardDueAt: tstz('forward_due_at'),
    suspendedSince: tstz('suspended_since'),
    suspensionReason: text('suspension_reason'),
    extensionDays: integer('extension_days'),
    extensionReason: text('extension_reason'),
    resolution: jsonb('resolution').$type<Record<string, unknown>>(),
    redirect: jsonb('redirect').$type<Record<string, unknown>>(),
    closedAt: tstz('closed_at'),
    warnedAt: tstz('warned_at'),
    overdueAt: tstz('overdue_at'),
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_registration_number_uq').on(t.tenantId, t.registrationNumber),
    uniqueIndex('cases_register_seq_uq').on(t.tenantId, t.registerId, t.registrationYear, t.registrationSeq),
    index('cases_status_idx').on(t.tenantId, t.status, t.dueAt),
    index('cases_department_idx').on(t.tenantId, t.departmentId, t.status),
    index('cases_assignee_idx').on(t.tenantId, t.assigneeId, t.status),
    index('cases_citizen_idx').on(t.tenantId, t.citizenId),
    index('cases_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('cases_due_open_idx').on(t.dueAt).where(sql`${t.status} NOT IN ('draft','resolved','closed','rejected','redirected','withdrawn')`),
    index('cases_search_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

export const caseSuspensions = pgTable(
  'case_suspensions',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    fromAt: tstz('from_at').notNull(),
    toAt: tstz('to_at'),
  },
  (t) => [index('case_suspensions_case_idx').on(t.tenantId, t.caseId)],
);

/** The case timeline: every action, comment, message and attachment, in order. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    comment: text('comment'),
    visibility: text('visibility').notNull().default('internal'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: tstz('occurred_at').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.tenantId, t.caseId, t.seq)],
);

export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('case_attachments_case_idx').on(t.tenantId, t.caseId)],
);

export const caseLinks = pgTable(
  'case_links',
  {
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    linkedCaseId: uuid('linked_case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.linkedCaseId, t.kind] })],
);
