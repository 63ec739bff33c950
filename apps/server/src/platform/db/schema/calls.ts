import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, citizens } from './cases.ts';
import { inboundMessages } from './channels.ts';
import { createdAt, id, tenantId, tstz, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * An incoming phone call as the telephony provider reported it: who called which line, the draft
 * case intake opened for the operator, and whether the call is still going. The operator console's
 * screen-pop reads it.
 */
export const calls = pgTable(
  'calls',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    /** `twilio` or `webhook` (the generic JSON format). */
    provider: text('provider').notNull(),
    /** The provider's call id (Twilio CallSid): a retried webhook finds the same call. */
    externalId: text('external_id').notNull(),
    /** The caller's number, E.164 when it could be read as one; null for withheld numbers. */
    callerNumber: text('caller_number'),
    lineNumber: text('line_number').notNull(),
    lineName: text('line_name'),
    /** `ringing` → `in_progress` → `ended` (completed, busy, no answer, failed, cancelled). */
    status: text('status').notNull(),
    /** The provider's own last status word, kept as it came. */
    providerStatus: text('provider_status'),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    caseId: uuid('case_id').references(() => cases.id),
    inboundMessageId: uuid('inbound_message_id').references(() => inboundMessages.id),
    startedAt: tstz('started_at').notNull(),
    endedAt: tstz('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('calls_external_uq').on(t.tenantId, t.provider, t.externalId),
    index('calls_tenant_status_idx').on(t.tenantId, t.status, t.startedAt),
    index('calls_updated_idx').on(t.updatedAt),
  ],
);
