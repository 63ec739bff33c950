import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases, citizens } from './cases.ts';
import { inboundMessages } from './channels.ts';
import { createdAt, id, tenantId } from './columns.ts';
import { users } from './organisation.ts';
import { tenants } from './tenants.ts';

/**
 * A paper document recorded at the registry desk: what intake does not model about it — how it
 * came, how many pages, the sender's own reference, the day it arrived, who recorded it. One row
 * per recorded document (a document that joined an existing case is a row of that case too).
 */
export const registryEntries = pgTable(
  'registry_entries',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    inboundMessageId: uuid('inbound_message_id')
      .notNull()
      .references(() => inboundMessages.id),
    /** post | courier | in_person | fax_paper */
    delivery: text('delivery').notNull(),
    pages: integer('pages').notNull(),
    /** The sender's own reference, e.g. the number of their outgoing letter. */
    senderReference: text('sender_reference'),
    senderCitizenId: uuid('sender_citizen_id').references(() => citizens.id),
    /** The day the document reached the institution, in the institution's time zone. */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('registry_entries_inbound_uq').on(t.inboundMessageId),
    index('registry_entries_day_idx').on(t.tenantId, t.createdAt),
    index('registry_entries_case_idx').on(t.tenantId, t.caseId),
  ],
);
