import { bigint, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantId, timeOrderedId, tstz } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * Append-only, hash-chained per tenant: `hash` covers this entry's fields and `prev_hash`.
 * A trigger (see the migration) refuses UPDATE and DELETE.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: timeOrderedId(),
    tenantId: tenantId().references(() => tenants.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    purpose: text('purpose'),
    channel: text('channel'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_entries_tenant_seq_uq').on(t.tenantId, t.seq),
    index('audit_entries_subject_idx').on(t.tenantId, t.subjectType, t.subjectId),
    index('audit_entries_actor_idx').on(t.tenantId, t.actorId),
  ],
);
