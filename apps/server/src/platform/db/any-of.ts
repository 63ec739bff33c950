import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = ANY($1::uuid[])`: one parameter for a whole list of ids. `inArray` sends one parameter
 * per value, and building those chunks is most of the CPU of a batch's reads.
 */
export function anyUuid(column: PgColumn, ids: readonly string[]): SQL {
  return sql`${column} = ANY(${sql.param([...ids])}::uuid[])`;
}
