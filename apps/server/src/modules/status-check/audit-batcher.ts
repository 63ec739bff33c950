import type { RequestContext } from '../../platform/auth/context.ts';
import { queryRaw, type Db } from '../../platform/db/client.ts';
import type { AuditRecord, AuditService } from '../audit/index.ts';

interface Pending {
  ctx: RequestContext;
  entry: AuditRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

// Entries per transaction at most: keeps one batch's lock hold short.
const MAX_BATCH = 200;

/**
 * The audit entries of status look-ups, grouped: while one group's transaction commits, the
 * entries of the requests arriving meanwhile wait and go in the next one, so concurrent look-ups
 * share one lock of the tenant's hash chain instead of taking turns for it. Every caller's
 * promise resolves only once its entry has committed: nothing is disclosed before it is audited.
 */
export function createAuditBatcher(db: Db, audit: AuditService) {
  const queues = new Map<string, Pending[]>();
  const running = new Set<string>();

  async function drain(tenantId: string) {
    running.add(tenantId);
    try {
      for (;;) {
        const queue = queues.get(tenantId);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, MAX_BATCH);
        try {
          // One statement (migration 0013): the chain's lock, its end, the linked and hashed rows
          // and the commit in one round trip instead of five.
          const entries = batch.map(({ ctx, entry }) => audit.prepare(ctx, entry));
          await queryRaw(db, `SELECT civicline_append_audit($1::uuid, $2::jsonb) AS n`, [tenantId, JSON.stringify(entries)], { prepared: 'status-audit-append' });
          for (const p of batch) p.resolve();
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      running.delete(tenantId);
      queues.delete(tenantId);
    }
  }

  function add(ctx: RequestContext, entry: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = queues.get(ctx.tenantId) ?? [];
      queue.push({ ctx, entry, resolve, reject });
      queues.set(ctx.tenantId, queue);
      if (!running.has(ctx.tenantId)) void drain(ctx.tenantId);
    });
  }

  return { add };
}
