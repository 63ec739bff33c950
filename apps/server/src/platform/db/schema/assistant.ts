import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tstz, updatedAt } from './columns.ts';
import { tenants } from './tenants.ts';

/**
 * One assistant conversation (a call, an SMS exchange, a chat session): where the dialog stands
 * and what was collected, so whichever node receives the next turn can serve it. `version`
 * guards each turn's write (optimistic): two turns racing on one conversation never both apply.
 * What the conversation holds is no personal data beyond the reference the caller gave; the
 * subject ref is the status-check service's opaque, signed, short-lived handle.
 */
export const assistantConversations = pgTable(
  'assistant_conversations',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id),
    channel: text('channel').notNull(),
    /** The provider's handle on the conversation: Twilio CallSid, jambonz call_sid, `<line>|<phone>` for SMS, the chat session id. */
    externalKey: text('external_key').notNull(),
    entryPointId: uuid('entry_point_id'),
    callerKey: text('caller_key').notNull(),
    language: text('language').notNull(),
    state: text('state').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** What an operator is handed on transfer (shown beside the call's screen-pop). */
    handover: jsonb('handover').$type<Record<string, unknown> | null>(),
    turns: integer('turns').notNull().default(0),
    version: integer('version').notNull().default(1),
    endedAt: tstz('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open conversation per provider handle; an ended one may be followed by a new one (SMS).
    uniqueIndex('assistant_conversations_open_uq').on(t.tenantId, t.channel, t.externalKey).where(sql`${t.endedAt} is null`),
    index('assistant_conversations_key_idx').on(t.tenantId, t.channel, t.externalKey),
  ],
);
