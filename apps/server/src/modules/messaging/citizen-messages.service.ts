import type { CitizenMessage } from '@civicline/contracts';
import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { afterCursor, cursorAtOf, encodeCursor } from '../../platform/db/cursor.ts';
import { cases, outboundMessages } from '../../platform/db/schema/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { readableCasesCondition } from '../cases/index.ts';
import { mergedRecordIds } from '../citizens/index.ts';
import { hasPermission } from '../identity/index.ts';
import { presentMessage } from './messaging.service.ts';

export interface CitizenMessagesQuery {
  channel?: string | undefined;
  status?: string | undefined;
  purpose?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

type Row = typeof outboundMessages.$inferSelect;

/** A one-time code opens the citizen's portal inbox and status check: staff see that one was sent, never the code. */
function presentForStaff(row: Row, registrationNumber: string | null): z.infer<typeof CitizenMessage> {
  const withheld = row.purpose === 'otp';
  return { ...presentMessage(row), ...(withheld ? { subject: null, body: '' } : {}), registrationNumber, bodyWithheld: withheld };
}

/**
 * A citizen's message history for staff: every message sent to the person (their record and the
 * duplicates merged into it) and every message about their cases, newest first. The citizen's own
 * read rule applies (the route's `citizens.read`); a message about a case also needs the case's
 * (another department's case keeps its messages to itself). Each page read is an audit entry
 * about the citizen, like every other read of their data.
 */
export function createCitizenMessagesService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function list(ctx: RequestContext, citizenId: string, q: CitizenMessagesQuery) {
    if (!hasPermission(ctx.actor.roles, 'messages.read') && ctx.actor.type !== 'system') throw forbidden('Your role may not read messages sent to citizens');
    // Another institution's citizen does not exist here: no history, and no audit entry naming them.
    const person = await mergedRecordIds(db, ctx.tenantId, citizenId);
    if (!person) throw notFound('Citizen');
    const theirCases = db.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, ctx.tenantId), inArray(cases.citizenId, person)));
    const caseScope = readableCasesCondition(ctx);
    const where: (SQL | undefined)[] = [
      eq(outboundMessages.tenantId, ctx.tenantId),
      or(inArray(outboundMessages.citizenId, person), inArray(outboundMessages.caseId, theirCases)),
      // The joined case: a message about one the caller may not read is left out.
      caseScope ? or(isNull(outboundMessages.caseId), caseScope) : undefined,
    ];
    if (q.channel) where.push(eq(outboundMessages.channel, q.channel));
    if (q.status) where.push(eq(outboundMessages.status, q.status));
    if (q.purpose) where.push(eq(outboundMessages.purpose, q.purpose));
    if (q.cursor) where.push(afterCursor(q.cursor, outboundMessages.createdAt, outboundMessages.id));
    const rows = await db
      .select({ row: outboundMessages, registrationNumber: cases.registrationNumber, cursorAt: cursorAtOf(outboundMessages.createdAt) })
      .from(outboundMessages)
      .leftJoin(cases, and(eq(cases.tenantId, outboundMessages.tenantId), eq(cases.id, outboundMessages.caseId)))
      .where(and(...where))
      .orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    await audit.recordAccess(ctx, {
      action: 'citizen.messages_read',
      subjectType: 'citizen',
      subjectId: citizenId,
      purpose: 'case_handling',
      details: {
        messages: page.map((r) => r.row.id),
        ...(person.length > 1 ? { mergedRecords: person.filter((id) => id !== citizenId) } : {}),
        filters: (['channel', 'status', 'purpose'] as const).filter((k) => q[k] !== undefined),
      },
    });
    const last = page[page.length - 1];
    return {
      items: page.map((r) => presentForStaff(r.row, r.registrationNumber)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ cursorAt: last.cursorAt, id: last.row.id }) : null,
    };
  }

  return { list };
}

export type CitizenMessagesService = ReturnType<typeof createCitizenMessagesService>;
