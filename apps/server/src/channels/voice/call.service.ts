import { CaseListQuery, type CallAssistantHandover, type CallEnded, type CallScreenPop, type Language } from '@civicline/contracts';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { calls, cases, citizens, inboundMessages, outboundMessages, phoneLines, tenants } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { OPEN_STATUSES, type CaseService } from '../../modules/cases/index.ts';
import { findByContact, type CitizenService } from '../../modules/citizens/index.ts';
import type { AssistantService } from '../../modules/assistant/index.ts';
import type { AuditService } from '../../modules/audit/index.ts';
import type { IntakeService } from '../../modules/intake/index.ts';
import { channelText } from '../sms/channel-text.ts';
import type { PhoneLineRoute } from '../sms/sms.channel.ts';
import type { CallHub } from './call.hub.ts';

type CallRow = typeof calls.$inferSelect;

export interface CallAssistantConversation {
  conversationId: string;
  channel: string;
  language: string;
  state: string;
  turns: number;
  handover: Record<string, unknown> | null;
}

export type CallStatus = 'ringing' | 'in_progress' | 'ended';

/** Provider call states (Twilio's words, and the generic format's events) → ours. */
export function callStatusOf(providerStatus: string): CallStatus {
  const s = providerStatus.toLowerCase().replace(/_/g, '-');
  if (['queued', 'initiated', 'ringing', 'incoming'].includes(s)) return 'ringing';
  if (['in-progress', 'answered'].includes(s)) return 'in_progress';
  return 'ended';
}

/** How long a call without an end report still counts as active. */
const ACTIVE_HOURS = 4;
const RANK: Record<CallStatus, number> = { ringing: 0, in_progress: 1, ended: 2 };

/**
 * Calls from the providers' webhooks: each is recorded, intake opens the operator's draft (in the
 * caller's name when the number is known), and the consoles are told. The screen-pop is what an
 * operator sees of the caller — every such look is an audited read of the citizen's record.
 */
export function createCallService(deps: {
  db: Db;
  clock: Clock;
  intake: IntakeService;
  audit: Pick<AuditService, 'recordAccess'>;
  citizens: CitizenService;
  cases: CaseService;
  hub: CallHub;
  logError(err: unknown, msg: string): void;
  /** What the voice assistant handed over for a call (by `<provider>:<call id>`), when it put the call through. */
  assistantHandover?: (tenantId: string, key: string) => Promise<CallAssistantHandover | null>;
  /** The voice assistant's conversation behind a call (by `<provider>:<call id>`), if it answered the call. */
  assistantConversation?: (tenantId: string, key: string) => ReturnType<AssistantService['conversationOf']>;
}) {
  const { db, clock, hub } = deps;

  const publish = (r: Pick<CallRow, 'tenantId' | 'id' | 'status' | 'updatedAt'>) => hub.publish({ tenantId: r.tenantId, callId: r.id, status: r.status, updatedAt: r.updatedAt });

  type DraftLine = Pick<PhoneLineRoute, 'number' | 'name' | 'language' | 'categoryId' | 'departmentId'>;

  async function openDraft(call: CallRow, line: DraftLine, raw: { contentType: string; data: Buffer }, externalId = `${call.provider}:${call.externalId}`) {
    const [tenant] = await db.select({ language: tenants.defaultLanguage, timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, call.tenantId));
    const language = line.language ?? ((tenant?.language ?? 'en') as Language);
    const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone: tenant?.timeZone ?? 'UTC' }).format(call.startedAt);
    const outcome = await deps.intake.receive({
      tenantId: call.tenantId,
      channel: 'phone',
      externalId,
      receivedAt: call.startedAt,
      from: { phone: call.callerNumber ?? undefined, language: line.language ?? undefined },
      to: line.number,
      subject: channelText(language, 'callSubject', { number: call.callerNumber ?? 'hidden' }),
      text: channelText(language, 'callText', { line: line.name || line.number, time }),
      raw,
      route: { categoryId: line.categoryId, departmentId: line.departmentId, acknowledge: false },
      draft: true,
    });
    const [inbound] = await db.select({ citizenId: inboundMessages.citizenId }).from(inboundMessages).where(eq(inboundMessages.id, outcome.inboundId));
    const [row] = await db
      .update(calls)
      .set({ caseId: 'caseId' in outcome ? outcome.caseId : null, citizenId: inbound?.citizenId ?? call.citizenId, inboundMessageId: outcome.inboundId, updatedAt: sql`now()` })
      .where(eq(calls.id, call.id))
      .returning();
    return row ?? call;
  }

  /**
   * A call reaching a line. A provider retrying its webhook finds the same call; the draft is
   * opened once (intake is idempotent by call id). A failure to open the draft does not stop
   * the call: the operator still gets it, with the number.
   */
  async function incoming(input: { tenantId: string; provider: string; externalId: string; callerNumber: string | null; line: PhoneLineRoute; providerStatus: string; raw: { contentType: string; data: Buffer } }): Promise<CallRow> {
    const now = clock.now();
    // The caller is shown at once, before the draft exists (and even if it cannot be opened).
    const known = input.callerNumber ? await findByContact(db, input.tenantId, { phone: input.callerNumber }) : null;
    const [inserted] = await db
      .insert(calls)
      .values({
        tenantId: input.tenantId,
        provider: input.provider,
        externalId: input.externalId,
        callerNumber: input.callerNumber,
        lineNumber: input.line.number,
        lineName: input.line.name,
        status: callStatusOf(input.providerStatus),
        providerStatus: input.providerStatus,
        citizenId: known?.id ?? null,
        startedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    let call = inserted ?? (await db.select().from(calls).where(and(eq(calls.tenantId, input.tenantId), eq(calls.provider, input.provider), eq(calls.externalId, input.externalId))))[0]!;
    if (inserted) publish(call);
    if (!call.inboundMessageId) {
      try {
        call = await openDraft(call, input.line, input.raw);
        publish(call);
      } catch (err) {
        deps.logError(err, 'the draft for an incoming call could not be opened');
      }
    }
    return call;
  }

  /** The provider reports the call answered or over. Unknown calls (not ours) are ignored. */
  async function statusChanged(input: { tenantId: string; provider: string; externalId: string; providerStatus: string }): Promise<CallRow | null> {
    const status = callStatusOf(input.providerStatus);
    const [current] = await db.select().from(calls).where(and(eq(calls.tenantId, input.tenantId), eq(calls.provider, input.provider), eq(calls.externalId, input.externalId)));
    if (!current) return null;
    // Reports may arrive out of order: a call never goes back from answered or ended.
    if (RANK[status] < RANK[current.status as CallStatus]) return current;
    const [row] = await db
      .update(calls)
      .set({ status, providerStatus: input.providerStatus, ...(status === 'ended' && !current.endedAt ? { endedAt: clock.now() } : {}), updatedAt: sql`now()` })
      .where(eq(calls.id, current.id))
      .returning();
    if (row) publish(row);
    return row ?? current;
  }

  async function callerCitizen(ctx: RequestContext, citizenId: string | null) {
    if (!citizenId) return null;
    let citizen = await deps.citizens.get(ctx, citizenId, { purpose: 'call_screen_pop' });
    if (citizen.mergedIntoId) citizen = await deps.citizens.get(ctx, citizen.mergedIntoId, { purpose: 'call_screen_pop' });
    return citizen;
  }

  async function recentContacts(tenantId: string, citizenId: string) {
    const inbound = await db
      .select({ at: inboundMessages.receivedAt, channel: inboundMessages.channel, subject: inboundMessages.subject, text: inboundMessages.bodyText, caseId: inboundMessages.caseId, number: cases.registrationNumber })
      .from(inboundMessages)
      .leftJoin(cases, eq(cases.id, inboundMessages.caseId))
      .where(and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.citizenId, citizenId)))
      .orderBy(desc(inboundMessages.receivedAt))
      .limit(10);
    const outbound = await db
      .select({ at: outboundMessages.createdAt, channel: outboundMessages.channel, subject: outboundMessages.subject, text: outboundMessages.body, caseId: outboundMessages.caseId, number: cases.registrationNumber })
      .from(outboundMessages)
      .leftJoin(cases, eq(cases.id, outboundMessages.caseId))
      .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.citizenId, citizenId)))
      .orderBy(desc(outboundMessages.createdAt))
      .limit(10);
    const summary = (subject: string | null, text: string) => (subject?.trim() || text.trim().split('\n')[0] || '').slice(0, 140);
    return [...inbound.map((r) => ({ ...r, direction: 'in' as const })), ...outbound.map((r) => ({ ...r, direction: 'out' as const }))]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, 10)
      .map((r) => ({ at: r.at.toISOString(), direction: r.direction, channel: r.channel, summary: summary(r.subject, r.text), caseId: r.caseId, registrationNumber: r.number }));
  }

  async function present(ctx: RequestContext, row: CallRow): Promise<CallScreenPop> {
    const citizen = await callerCitizen(ctx, row.citizenId);
    let known = false;
    let openCases: CallScreenPop['openCases'] = [];
    let contacts: CallScreenPop['recentContacts'] = [];
    if (citizen) {
      const [c] = await db.select({ createdAt: citizens.createdAt }).from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, citizen.id)));
      known = Boolean(c && c.createdAt < row.startedAt);
      const list = await deps.cases.list(ctx, CaseListQuery.parse({ citizenId: citizen.id, status: OPEN_STATUSES.join(','), limit: '20' }));
      openCases = list.items.map((k) => ({
        id: k.id,
        registrationNumber: k.registrationNumber,
        subject: k.subject,
        status: k.status,
        channel: k.channel,
        createdAt: k.createdAt,
        dueAt: k.deadline.dueAt,
        overdue: k.deadline.overdue,
      }));
      contacts = await recentContacts(ctx.tenantId, citizen.id);
    }
    return {
      id: row.id,
      status: row.status as CallStatus,
      providerStatus: row.providerStatus,
      callerNumber: row.callerNumber,
      line: { number: row.lineNumber, name: row.lineName },
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      draftCaseId: row.caseId,
      caller: {
        known,
        citizen: citizen
          ? {
              id: citizen.id,
              displayName: citizen.displayName,
              kind: citizen.kind,
              nationalIdMasked: citizen.nationalIdMasked ? citizen.nationalId : null,
              phones: citizen.phones,
              emails: citizen.emails,
              preferredLanguage: citizen.preferredLanguage,
              preferredChannel: citizen.preferredChannel,
            }
          : null,
      },
      openCases,
      recentContacts: contacts,
      assistant: deps.assistantHandover ? await deps.assistantHandover(row.tenantId, `${row.provider}:${row.externalId}`) : null,
    };
  }

  async function get(ctx: RequestContext, id: string): Promise<CallScreenPop> {
    const [row] = await db.select().from(calls).where(and(eq(calls.tenantId, ctx.tenantId), eq(calls.id, id)));
    if (!row) throw notFound('Call');
    return present(ctx, row);
  }

  async function active(ctx: RequestContext): Promise<CallScreenPop[]> {
    const since = new Date(clock.now().getTime() - ACTIVE_HOURS * 3_600_000);
    const rows = await db
      .select()
      .from(calls)
      .where(and(eq(calls.tenantId, ctx.tenantId), inArray(calls.status, ['ringing', 'in_progress']), gt(calls.startedAt, since)))
      .orderBy(desc(calls.startedAt))
      .limit(50);
    const out: CallScreenPop[] = [];
    for (const r of rows) out.push(await present(ctx, r));
    return out;
  }

  /** The assistant's conversation behind a call of this institution: what it collected and answered before the operator took over. */
  async function assistantConversation(ctx: RequestContext, id: string): Promise<CallAssistantConversation> {
    const [row] = await db.select({ provider: calls.provider, externalId: calls.externalId }).from(calls).where(and(eq(calls.tenantId, ctx.tenantId), eq(calls.id, id)));
    if (!row) throw notFound('Call');
    const conv = deps.assistantConversation ? await deps.assistantConversation(ctx.tenantId, `${row.provider}:${row.externalId}`) : null;
    if (!conv) throw notFound('Assistant conversation');
    return { conversationId: conv.id, channel: conv.channel, language: conv.language, state: conv.state, turns: conv.turns, handover: conv.handover as Record<string, unknown> | null };
  }

  async function ended(ctx: RequestContext, id: string): Promise<CallEnded | null> {
    const [row] = await db.select().from(calls).where(and(eq(calls.tenantId, ctx.tenantId), eq(calls.id, id)));
    return row && row.status === 'ended' ? { id: row.id, status: 'ended', providerStatus: row.providerStatus, endedAt: row.endedAt?.toISOString() ?? null } : null;
  }

  /**
   * The operator tells who the caller is: the call and its draft move to that citizen. A record
   * intake opened for an unknown number during this call is merged into the chosen one (its
   * number comes along, so the caller is recognised next time); a record that existed before the
   * call (a shared family phone) is left as it is.
   */
  async function attachCaller(ctx: RequestContext, id: string, input: { citizenId: string }): Promise<CallScreenPop> {
    const [row] = await db.select().from(calls).where(and(eq(calls.tenantId, ctx.tenantId), eq(calls.id, id)));
    if (!row) throw notFound('Call');
    const chosen = await deps.citizens.get(ctx, input.citizenId, { purpose: 'call_screen_pop' });
    const citizenId = chosen.mergedIntoId ?? chosen.id;
    if (row.citizenId === citizenId) return present(ctx, row);
    const [current] = row.citizenId
      ? await db.select({ id: citizens.id, createdAt: citizens.createdAt, mergedIntoId: citizens.mergedIntoId }).from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, row.citizenId)))
      : [];
    const opened = row.caseId ? await deps.cases.get(ctx, row.caseId) : null;
    if (opened && opened.status !== 'draft') {
      throw new AppError('resource.conflict', 'The case of this call is registered already; change its citizen on the case', { errors: [{ path: 'citizenId', message: 'Case already registered' }] });
    }
    if (current && !current.mergedIntoId && current.createdAt >= row.startedAt) {
      // Moves the draft (and anything else the placeholder got) and the number to the chosen record.
      await deps.citizens.merge(ctx, citizenId, current.id);
    } else if (opened) {
      await deps.cases.update(ctx, opened.id, { citizenId, version: opened.version });
    }
    const [updated] = await db.update(calls).set({ citizenId, updatedAt: sql`now()` }).where(and(eq(calls.tenantId, ctx.tenantId), eq(calls.id, id))).returning();
    publish(updated!);
    return present(ctx, updated!);
  }

  /**
   * The operator opens the call's draft in a category of their choice: the line has none, so
   * intake could not. Once only: a call that has its draft gets it back. Opened by intake, as the
   * call's own would have been (in the caller's name, the call's time and line); the operator's
   * request is its raw record.
   */
  async function openDraftFor(ctx: RequestContext, id: string, input: { categoryId: string }): Promise<CallScreenPop> {
    const [row] = await db.select().from(calls).where(and(eq(calls.tenantId, ctx.tenantId), eq(calls.id, id)));
    if (!row) throw notFound('Call');
    if (row.caseId) return present(ctx, row);
    const [line] = await db
      .select({ language: phoneLines.language, departmentId: phoneLines.departmentId })
      .from(phoneLines)
      .where(and(eq(phoneLines.tenantId, ctx.tenantId), eq(phoneLines.number, row.lineNumber)));
    const raw = { contentType: 'application/json', data: Buffer.from(JSON.stringify({ openedBy: ctx.actor.id, categoryId: input.categoryId, at: clock.now().toISOString() })) };
    const opened = await openDraft(
      row,
      { number: row.lineNumber, name: row.lineName ?? '', language: (line?.language ?? null) as PhoneLineRoute['language'], categoryId: input.categoryId, departmentId: line?.departmentId ?? null },
      raw,
      `${row.provider}:${row.externalId}:operator`,
    );
    if (!opened.caseId) throw new AppError('request.bad_request', 'No draft could be opened for this call', { errors: [{ path: 'categoryId', message: 'Not opened' }] });
    // Intake records the draft as the channel's; who asked for it is the operator.
    await deps.audit.recordAccess(ctx, { action: 'call.draft_opened', subjectType: 'call', subjectId: row.id, purpose: 'case_handling', details: { caseId: opened.caseId, categoryId: input.categoryId } });
    publish(opened);
    return present(ctx, opened);
  }

  return { incoming, statusChanged, get, active, ended, attachCaller, openDraftFor, assistantConversation, hub };
}

export type CallService = ReturnType<typeof createCallService>;
