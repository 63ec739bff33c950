import type { RequestContext } from '../../platform/auth/context.ts';
import { queryRaw, type Db } from '../../platform/db/client.ts';
import { createStatementGroups } from '../../platform/db/statement-groups.ts';
import type { AuditRecord, AuditService } from '../audit/index.ts';

/**
 * The audit entries of status look-ups, grouped per tenant: concurrent look-ups share one lock of
 * the tenant's hash chain and one commit instead of taking turns for them. Every caller's promise
 * resolves only once its entry has committed: nothing is disclosed before it is audited.
 */
export function createAuditBatcher(db: Db, audit: AuditService) {
  const groups = createStatementGroups<{ ctx: RequestContext; entry: AuditRecord }, void>(
    async (tenantId, items) => {
      // One statement (migration 0013): the chain's lock, its end, the linked and hashed rows
      // and the commit in one round trip instead of five.
      const entries = items.map(({ ctx, entry }) => audit.prepare(ctx, entry));
      await queryRaw(db, `SELECT civicline_append_audit($1::uuid, $2::jsonb) AS n`, [tenantId, JSON.stringify(entries)], { prepared: 'status-audit-append' });
      return items.map(() => undefined);
    },
    { maxGroup: 200 },
  );

  return { add: (ctx: RequestContext, entry: AuditRecord) => groups.add(ctx.tenantId, { ctx, entry }) };
}
