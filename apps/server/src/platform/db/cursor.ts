import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { AppError } from '../errors.ts';

/**
 * Keyset pagination over (created_at, id), newest first. created_at is kept to the microsecond, as
 * PostgreSQL stores it: cut to JavaScript's milliseconds, a cursor would skip the rows written
 * later in the same millisecond as the last one of the page (concurrent intake does that).
 */
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(`${row.cursorAt}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || !CURSOR_AT.test(at) || !CURSOR_ID.test(id)) {
    throw new AppError('request.validation_failed', 'Invalid cursor', { errors: [{ path: 'cursor', message: 'Invalid' }] });
  }
  return { createdAt: at, id };
}

/** The column to select as `cursorAt` beside each row of a page. */
export function cursorAtOf(createdAt: AnyColumn): SQL<string> {
  return sql<string>`to_char(${createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The condition for the rows after the cursor. */
export function afterCursor(cursor: string, createdAt: AnyColumn, id: AnyColumn): SQL {
  const c = decodeCursor(cursor);
  return sql`(${createdAt}, ${id}) < (${c.createdAt}::timestamptz, ${c.id}::uuid)`;
}
