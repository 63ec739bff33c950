import { queryRaw, type DbOrTx } from '../../platform/db/client.ts';

/**
 * The records that are one person: this one and every duplicate merged into it, directly or
 * through another merged record. A merge moves cases over but leaves what was written about the
 * duplicate (messages sent to it, say) pointing at it, so a person's history reads all of these.
 * Null when the record does not exist in this institution.
 */
export async function mergedRecordIds(db: DbOrTx, tenantId: string, citizenId: string): Promise<string[] | null> {
  const { rows } = await queryRaw<{ id: string }>(
    db,
    `WITH RECURSIVE person(id) AS (
       SELECT id FROM citizens WHERE tenant_id = $1 AND id = $2
       UNION
       SELECT c.id FROM citizens c JOIN person p ON c.merged_into_id = p.id WHERE c.tenant_id = $1
     )
     SELECT id FROM person`,
    [tenantId, citizenId],
  );
  return rows.length > 0 ? rows.map((r) => r.id) : null;
}
