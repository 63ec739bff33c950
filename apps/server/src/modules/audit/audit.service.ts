import type { AuditEntry, AuditVerifyResult } from '@civicline/contracts';
import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { auditEntries } from '../../platform/db/schema/index.ts';
import { checkLink, entryHash, entryHashTemplate, GENESIS_HASH, type TextPart } from './audit.chain.ts';

export interface AuditRecord {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Why the data was touched (GDPR purpose), e.g. `case_handling`, `status_check`. */
  purpose?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditListQuery {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  limit: number;
  beforeSeq?: number;
}

type AuditRow = typeof auditEntries.$inferSelect;

export function createAuditService(deps: { db: Db; clock: Clock }) {
  /**
   * Appends to the tenant's chain inside the caller's transaction, so an action and its audit
   * entry commit or vanish together. A per-tenant advisory lock orders concurrent writers.
   */
  async function record(tx: Tx, ctx: RequestContext, entry: AuditRecord): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${ctx.tenantId}`}, 0))`);
    const [last] = await tx
      .select({ seq: auditEntries.seq, hash: auditEntries.hash })
      .from(auditEntries)
      .where(eq(auditEntries.tenantId, ctx.tenantId))
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    const fields = {
      tenantId: ctx.tenantId,
      seq: (last?.seq ?? 0) + 1,
      occurredAt: deps.clock.now(),
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      purpose: entry.purpose ?? null,
      channel: ctx.channel,
      requestId: ctx.requestId,
      details: entry.details ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await tx.insert(auditEntries).values({ ...fields, hash: entryHash(fields) });
  }

  /**
   * Several entries appended in one go, in the caller's transaction: one lock, one read of the
   * chain's end, one INSERT. For hot read paths that group the entries of concurrent requests
   * (the status check), where one lock per entry would serialise every request.
   */
  async function recordMany(tx: Tx, items: { ctx: RequestContext; entry: AuditRecord }[]): Promise<void> {
    if (items.length === 0) return;
    const tenantId = items[0]!.ctx.tenantId;
    if (items.some((i) => i.ctx.tenantId !== tenantId)) throw new Error('recordMany appends to one tenant chain at a time');
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${tenantId}`}, 0))`);
    const [last] = await tx.select({ seq: auditEntries.seq, hash: auditEntries.hash }).from(auditEntries).where(eq(auditEntries.tenantId, tenantId)).orderBy(desc(auditEntries.seq)).limit(1);
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const occurredAt = deps.clock.now();
    const rows = items.map(({ ctx, entry }) => {
      const fields = {
        tenantId,
        seq: ++seq,
        occurredAt,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        purpose: entry.purpose ?? null,
        channel: ctx.channel,
        requestId: ctx.requestId,
        details: entry.details ?? {},
        prevHash,
      };
      const hash = entryHash(fields);
      prevHash = hash;
      return { ...fields, hash };
    });
    await tx.insert(auditEntries).values(rows);
  }

  /**
   * An entry for a writer that appends it inside its own SQL (civicline_register_cases): the row
   * without its place in the chain, and the text its hash covers, with holes for seq, the
   * previous hash and any holes in `details`. The database takes the same lock as `record`
   * ('audit:<tenant>'), links and hashes it exactly as `record` would.
   */
  function prepare(ctx: RequestContext, entry: AuditRecord, at: Date = deps.clock.now()): { row: Record<string, unknown>; body: TextPart[] } {
    const fields = {
      tenantId: ctx.tenantId,
      occurredAt: at,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      purpose: entry.purpose ?? null,
      channel: ctx.channel,
      requestId: ctx.requestId,
      details: entry.details ?? {},
    };
    return { row: { ...fields, occurredAt: at.toISOString() }, body: entryHashTemplate(fields) };
  }

  /** For reads, which have no transaction of their own: the entry is committed before the data is returned. */
  async function recordAccess(ctx: RequestContext, entry: AuditRecord): Promise<void> {
    await deps.db.transaction((tx) => record(tx, ctx, entry));
  }

  async function list(tenantId: string, q: AuditListQuery): Promise<AuditEntry[]> {
    const where: SQL[] = [eq(auditEntries.tenantId, tenantId)];
    if (q.subjectType) where.push(eq(auditEntries.subjectType, q.subjectType));
    if (q.subjectId) where.push(eq(auditEntries.subjectId, q.subjectId));
    if (q.actorId) where.push(eq(auditEntries.actorId, q.actorId));
    if (q.action) where.push(eq(auditEntries.action, q.action));
    if (q.beforeSeq) where.push(lt(auditEntries.seq, q.beforeSeq));
    const rows = await deps.db
      .select()
      .from(auditEntries)
      .where(and(...where))
      .orderBy(desc(auditEntries.seq))
      .limit(q.limit);
    return rows.map(present);
  }

  /** Walks the whole chain of a tenant in order and reports the first broken link. */
  async function verify(tenantId: string, batchSize = 2000): Promise<AuditVerifyResult> {
    let previous: { seq: number; hash: string } | null = null;
    let checked = 0;
    for (;;) {
      const rows: AuditRow[] = await deps.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, tenantId), gt(auditEntries.seq, previous?.seq ?? 0)))
        .orderBy(asc(auditEntries.seq))
        .limit(batchSize);
      for (const row of rows) {
        const broken = checkLink({ ...row, details: row.details ?? {} }, previous);
        if (broken) return { ok: false, checked, firstBrokenSeq: broken.seq, reason: broken.reason };
        previous = { seq: row.seq, hash: row.hash };
        checked++;
      }
      if (rows.length < batchSize) return { ok: true, checked, firstBrokenSeq: null, reason: null };
    }
  }

  return { record, recordMany, prepare, recordAccess, list, verify };
}

export type AuditService = ReturnType<typeof createAuditService>;

function present(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    seq: r.seq,
    occurredAt: r.occurredAt.toISOString(),
    actorType: r.actorType as AuditEntry['actorType'],
    actorId: r.actorId,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    purpose: r.purpose,
    channel: r.channel,
    requestId: r.requestId,
    details: r.details ?? {},
    hash: r.hash,
  };
}
