import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { afterCursor, cursorAtOf, encodeCursor } from '../../platform/db/cursor.ts';
import { outboundMessages } from '../../platform/db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { hasPermission } from '../identity/index.ts';
import { presentMessage, type MessagingService } from './messaging.service.ts';

export interface MessageLogQuery {
  caseId?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
  purpose?: string | undefined;
  /** Part of the recipient's address or number. */
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * What left the institution, for staff: a case's messages for whoever may read the case; the whole
 * outbox (the development sink's inspection view included) for administrators only, since it holds
 * every citizen's address. Failed messages can be sent again.
 */
export function createMessageLogService(deps: {
  db: Db;
  audit: AuditService;
  cases: { readable(ctx: RequestContext, caseId: string): Promise<unknown> };
  messaging: Pick<MessagingService, 'requeue'>;
}) {
  const { db } = deps;

  async function list(ctx: RequestContext, q: MessageLogQuery) {
    // A case that does not exist for the caller (another institution's, another department's) has no messages to show.
    if (q.caseId) await deps.cases.readable(ctx, q.caseId);
    else if (!hasPermission(ctx.actor.roles, 'messages.read_all') && ctx.actor.type !== 'system') {
      throw forbidden('Only administrators may read the whole outbox; open a case to see its messages');
    }
    const where: (SQL | undefined)[] = [eq(outboundMessages.tenantId, ctx.tenantId)];
    if (q.caseId) where.push(eq(outboundMessages.caseId, q.caseId));
    if (q.channel) where.push(eq(outboundMessages.channel, q.channel));
    if (q.status) where.push(eq(outboundMessages.status, q.status));
    if (q.purpose) where.push(eq(outboundMessages.purpose, q.purpose));
    if (q.to) where.push(sql`strpos(lower(${outboundMessages.toAddress}), ${q.to.toLowerCase()}) > 0`);
    if (q.cursor) where.push(afterCursor(q.cursor, outboundMessages.createdAt, outboundMessages.id));
    const rows = await db
      .select({ row: outboundMessages, cursorAt: cursorAtOf(outboundMessages.createdAt) })
      .from(outboundMessages)
      .where(and(...where))
      .orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => presentMessage(r.row)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ cursorAt: last.cursorAt, id: last.row.id }) : null,
    };
  }

  /** A message of a case the caller may read, or any message for an administrator. */
  async function readableRow(ctx: RequestContext, id: string) {
    const [row] = await db.select().from(outboundMessages).where(and(eq(outboundMessages.tenantId, ctx.tenantId), eq(outboundMessages.id, id)));
    if (!row) throw notFound('Message');
    if (hasPermission(ctx.actor.roles, 'messages.read_all') || ctx.actor.type === 'system') return row;
    if (!row.caseId) throw notFound('Message');
    await deps.cases.readable(ctx, row.caseId).catch(() => {
      throw notFound('Message');
    });
    return row;
  }

  async function get(ctx: RequestContext, id: string) {
    return presentMessage(await readableRow(ctx, id));
  }

  /** Sends a message that failed for good once more, with a fresh delivery job; audited. */
  async function resend(ctx: RequestContext, id: string) {
    const row = await readableRow(ctx, id);
    if (row.status !== 'failed') throw new AppError('message.not_failed', `Only a failed message can be sent again; this one is ${row.status}`);
    return db.transaction(async (tx) => {
      if (!(await deps.messaging.requeue(tx, ctx.tenantId, id))) throw new AppError('message.not_failed', 'The message is no longer failed');
      await deps.audit.record(tx, ctx, { action: 'message.resent', subjectType: 'outbound_message', subjectId: id, purpose: 'case_handling', details: { caseId: row.caseId, channel: row.channel } });
      const [fresh] = await tx.select().from(outboundMessages).where(eq(outboundMessages.id, id));
      return presentMessage(fresh!);
    });
  }

  return { list, get, resend };
}

export type MessageLogService = ReturnType<typeof createMessageLogService>;
