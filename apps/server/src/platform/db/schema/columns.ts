import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().defaultRandom();
/**
 * For tables written on every request and kept long (audit entries, status sessions): an id
 * that starts with its time (UUID version 7, migration 0018), so new rows go to the right edge
 * of the primary key instead of a random page of an index larger than memory.
 */
export const timeOrderedId = () => uuid('id').primaryKey().default(sql`civicline_uuid_v7()`);
export const tenantId = () => uuid('tenant_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
