import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, tenantId, tstz } from './columns.ts';
import { tenants } from './tenants.ts';

/** The transactional outbox: a domain event is written with the change it describes. */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    type: text('type').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    actorId: text('actor_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: tstz('occurred_at').notNull(),
    dispatchedAt: tstz('dispatched_at'),
  },
  (t) => [
    index('domain_events_subject_idx').on(t.tenantId, t.subjectType, t.subjectId),
    index('domain_events_type_idx').on(t.tenantId, t.type, t.occurredAt),
  ],
);
