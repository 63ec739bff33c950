import type {
  CaseAction,
  CaseActionRequests,
  CaseDetail,
  CaseListQuery,
  CaseStatus,
  CaseSummary,
  CreateCaseRequest,
  UpdateCaseRequest,
} from '@civicline/contracts';
import { and, desc, eq, getTableColumns, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import { randomUUID } from 'node:crypto';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { queryAndCommit, queryRaw, type Db, type DbOrTx, type Tx } from '../../platform/db/client.ts';
import { afterCursor, cursorAtOf, encodeCursor } from '../../platform/db/cursor.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { cases, categories, citizens, departments, suspensionReasons } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion, validationFailed } from '../../platform/errors.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import { Hole, type AuditRecord, type AuditService } from '../audit/index.ts';
import { cachedCategory, type CategoryRecord } from '../categories/index.ts';
import { numberHoles, uriEncodedTemplate, type RegisterService } from '../registers/index.ts';
import type { RoutingService } from '../routing/index.ts';
import { localDateOf, type SlaService, type WorkingCalendar } from '../sla/index.ts';
import { allowedActions, canEdit, canRead, decide, OPEN_STATUSES, type CaseView } from './case.lifecycle.ts';
import { actorViewOf, readableCasesCondition } from './case-read-scope.ts';
import { presentDetail, presentSummary } from './case.presenter.ts';
import { caseRepository, searchableText, searchableWords, type CaseLink, type CaseRow } from './case.repository.ts';
import { validateCustomFields } from './custom-fields.ts';

type ActionInput = { [A in CaseAction]: z.infer<(typeof CaseActionRequests)[A]> };

/** The domain events a registration writes (inside civicline_register_cases). */
const REGISTRATION_EVENTS = ['case.registered', 'case.assigned'] as const;

/** PostgreSQL's DETAIL of an error (drizzle wraps the driver's error in `cause`). */
function errorDetail(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { detail } = e as { detail?: unknown };
    if (typeof detail === 'string') return detail;
  }
  return undefined;
}

/** civicline_register_cases_or_fail's refusal (SQLSTATE CL001, the outcome in DETAIL). The driver's error is raw here. */
const isRefusedRegistration = (error: unknown) => (error as { code?: unknown } | null)?.code === 'CL001' && typeof errorDetail(error) === 'string';

/** Past-tense domain event per action (DESIGN.md: events are past tense). */
const EVENT_OF: Record<CaseAction, string> = {
  register: 'case.registered',
  assign: 'case.assigned',
  start: 'case.started',
  suspend: 'case.suspended',
  resume: 'case.resumed',
  propose_resolution: 'case.resolution_proposed',
  approve: 'case.resolved',
  return: 'case.resolution_returned',
  reject: 'case.rejected',
  redirect: 'case.redirected',
  extend: 'case.extended',
  close: 'case.closed',
  withdraw: 'case.withdrawn',
  reopen: 'case.reopened',
};

export interface CaseServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  events: EventOutbox;
  registers: RegisterService;
  routing: RoutingService;
  sla: SlaService;
}

function caseViewOf(row: CaseRow, category: CategoryRecord): CaseView {
  return {
    status: row.status as CaseStatus,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    categorySupervisorIds: category.routing.supervisorIds,
  };
}

export function createCaseService(deps: CaseServiceDeps) {
  const { db, clock, audit, events, registers, routing, sla } = deps;

  async function requireCategory(tx: Tx | Db, tenantId: string, id: string, path = 'categoryId'): Promise<CategoryRecord> {
    const category = await cachedCategory(db, tenantId, id, tx);
    if (!category) throw validationFailed([{ path, message: 'No such category' }], 'Unknown category');
    return category;
  }

  async function requireCitizen(tx: Tx, tenantId: string, citizenId: string): Promise<void> {
    const [c] = await tx.select({ id: citizens.id, mergedIntoId: citizens.mergedIntoId }).from(citizens).where(and(eq(citizens.tenantId, tenantId), eq(citizens.id, citizenId)));
    if (!c) throw validationFailed([{ path: 'citizenId', message: 'No such citizen' }], 'Unknown citizen');
    if (c.mergedIntoId) throw citizenMerged(c.mergedIntoId);
  }

  function citizenMerged(mergedIntoId: string): AppError {
    return new AppError('citizen.merged', 'This citizen record was merged into another one', { mergedIntoId, errors: [{ path: 'citizenId', message: `Merged into ${mergedIntoId}` }] });
  }

  /** Loads a case the actor may read; one they may not read does not exist for them. */
  async function loadReadable(tx: Tx | Db, ctx: RequestContext, id: string, forUpdate = false) {
    const row = await caseRepository.byId(tx, ctx.tenantId, id, { forUpdate });
    if (!row) throw notFound('Case');
    return { row, category: await readableCategory(tx, ctx, row) };
  }

  /** The case's category, if the actor may read the case; a case they may not read does not exist for them. */
  async function readableCategory(tx: Tx | Db, ctx: RequestContext, row: CaseRow): Promise<CategoryRecord> {
    const category = await cachedCategory(db, ctx.tenantId, row.categoryId, tx);
    if (!category || !canRead(caseViewOf(row, category), actorViewOf(ctx))) throw notFound('Case');
    return category;
  }

  async function timelineEvent(
    tx: Tx,
    ctx: RequestContext,
    caseId: string,
    e: { type: string; fromStatus?: string | null; toStatus?: string | null; reason?: string | null; comment?: string | null; visibility?: 'internal' | 'citizen'; data?: Record<string, unknown> },
  ): Promise<void> {
    await caseRepository.addEvent(tx, {
      tenantId: ctx.tenantId,
      caseId,
      type: e.type,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      reason: e.reason ?? null,
      comment: e.comment ?? null,
      visibility: e.visibility ?? 'internal',
      data: e.data ?? {},
      occurredAt: clock.now(),
    });
  }

  async function emit(tx: Tx, ctx: RequestContext, type: string, row: CaseRow, payload: Record<string, unknown> = {}): Promise<void> {
    await events.record(tx, {
      tenantId: ctx.tenantId,
      type,
      subjectType: 'case',
      subjectId: row.id,
      actorId: ctx.actor.id,
      payload: { registrationNumber: row.registrationNumber, status: row.status, categoryId: row.categoryId, ...payload },
    });
  }

  /** A case's new term and department when it moves to another department: due dates and (by routing) an assignee. */
  async function redirectInto(tx: Tx, ctx: RequestContext, category: CategoryRecord, departmentId: string) {
    const now = clock.now();
    const dueAt = await sla.dueAt(tx, ctx.tenantId, { policy: category.deadline, startedAt: now, suspensions: [], extensionDays: null });
    const forwardDueAt = await sla.forwardDueAt(tx, ctx.tenantId, category.deadline, now);
    const assigneeId = await routing.chooseAssignee(tx, ctx.tenantId, {
      categoryId: category.id,
      departmentId,
      routing: routingFor(category, departmentId),
      localDay: await sla.localToday(tx, ctx.tenantId),
    });
    return {
      clockStartedAt: now,
      dueAt,
      forwardDueAt,
      departmentId,
      assigneeId,
      status: (assigneeId ? 'assigned' : 'registered') as CaseStatus,
      warnedAt: null,
      overdueAt: null,
    };
  }

  /** The category's routing in its own department; elsewhere (a case moved or routed to another one) least-loaded. */
  function routingFor(category: CategoryRecord, departmentId: string): CategoryRecord['routing'] {
    return departmentId === category.departmentId ? category.routing : { strategy: 'least_loaded', supervisorIds: [] };
  }

  async function create(ctx: RequestContext, input: z.infer<typeof CreateCaseRequest>): Promise<CaseDetail> {
    const prepared = await prepareNew(db, ctx, input, {});
    const row = prepared.asDraft ? await db.transaction((tx) => openPrepared(tx, ctx, input, prepared)) : await openPrepared(null, ctx, input, prepared);
    // The case as it was written (a new case has no links): no need to read it back.
    return presentDetail(row, prepared.category, sla, clock.now(), { links: [], allowedActions: allowedActions(caseViewOf(row, prepared.category), actorViewOf(ctx)) });
  }

  /**
   * Opening a case inside the caller's transaction (intake commits the raw message, the case and
   * the acknowledgement together), in two steps. This one checks the input and decides, writing
   * nothing: the case's id, and whether it will be a draft. `fallbackToDraft`: what a channel
   * cannot complete — required fields, the citizen of a category that takes no anonymous requests —
   * becomes a draft for staff to finish instead of a refusal, so no message is lost.
   * `departmentId` overrides the category's. Between the two steps the caller may write rows that
   * refer to the case (with the foreign keys to it deferred: SET CONSTRAINTS … DEFERRED).
   */
  async function prepareWithin(
    tx: Tx,
    ctx: RequestContext,
    input: z.infer<typeof CreateCaseRequest>,
    opts: { departmentId?: string | null; fallbackToDraft?: boolean } = {},
  ): Promise<PreparedNew & { input: z.infer<typeof CreateCaseRequest> }> {
    const prepared = await prepareNew(tx, ctx, input, opts);
    return { ...prepared, input, ...(prepared.asDraft ? {} : { terms: await registrationTerms(tx, ctx.tenantId, prepared.category) }) };
  }

  /**
   * Writes the case prepareWithin decided. `after`: the caller's own timeline entries and audit
   * entries for it, after the case's own — written by the registration statement itself when the
   * case is registered, so the caller takes no lock after the number — and the messages it queued
   * about the case earlier in the transaction, whose texts carry NUMBER_PLACEHOLDER where the
   * number goes (the registration statement fills them). A registered case's number is the last
   * thing the transaction should take before its COMMIT: the register's counter row stays locked
   * until then.
   */
  async function openWithin(
    tx: Tx,
    ctx: RequestContext,
    prepared: Awaited<ReturnType<typeof prepareWithin>>,
    after: RegistrationAfter = {},
  ): Promise<CaseRow> {
    return openPrepared(tx, ctx, prepared.input, prepared, after);
  }

  /** What the caller of openWithin writes with the case; see openWithin. */
  type RegistrationAfter = {
    timeline?: TimelineSpec[];
    audit?: AuditRecord[];
    messages?: { id: string; subject: string | null; body: string }[];
    /**
     * The registration is the caller's last statement: it commits the caller's transaction in its
     * own round trip (queryAndCommit), and nothing may run in that transaction afterwards. A
     * registration refused (unknown citizen, stale draft) fails before the COMMIT.
     */
    commitsTransaction?: boolean;
  };

  type PreparedNew = {
    caseId: string;
    category: CategoryRecord;
    asDraft: boolean;
    customFields: Record<string, unknown>;
    departmentId: string;
    /** For a case to be registered: when, and its due dates. */
    terms?: Awaited<ReturnType<typeof registrationTerms>>;
  };

  /** Everything a new case is checked against before anything is written. */
  async function prepareNew(
    q: DbOrTx,
    ctx: RequestContext,
    input: z.infer<typeof CreateCaseRequest>,
    opts: { departmentId?: string | null; fallbackToDraft?: boolean },
  ): Promise<PreparedNew> {
    const category = await requireCategory(q, ctx.tenantId, input.categoryId);
    if (!category.active) throw new AppError('category.inactive', 'This category no longer takes requests', { errors: [{ path: 'categoryId', message: 'Inactive' }] });
    let asDraft = input.draft;
    if (!input.citizenId && !category.allowAnonymous && !asDraft) {
      if (!opts.fallbackToDraft) throw new AppError('case.anonymous_not_allowed', 'This category does not take anonymous requests; identify the citizen', { errors: [{ path: 'citizenId', message: 'Required for this category' }] });
      asDraft = true;
    }
    let fields = validateCustomFields(category.fields, input.customFields, { requireAll: !asDraft });
    if (fields.errors.length > 0 && opts.fallbackToDraft && !asDraft) {
      const lenient = validateCustomFields(category.fields, input.customFields, { requireAll: false });
      if (lenient.errors.length === 0) {
        asDraft = true;
        fields = lenient;
      }
    }
    if (fields.errors.length > 0) throw validationFailed(fields.errors, 'Some fields of this category are not valid');
    return { caseId: randomUUID(), category, asDraft, customFields: fields.values, departmentId: opts.departmentId ?? category.departmentId };
  }

  /**
   * Writes a new case: a draft, or a registered case inserted once with its number. `tx`: the
   * caller's transaction; null: a registration of its own (batched with others, see register).
   */
  async function openPrepared(
    tx: Tx | null,
    ctx: RequestContext,
    input: z.infer<typeof CreateCaseRequest>,
    p: PreparedNew,
    after: RegistrationAfter = {},
  ): Promise<CaseRow> {
    const { category, departmentId } = p;
    const values = {
      tenantId: ctx.tenantId,
      categoryId: category.id,
      channel: input.channel,
      citizenId: input.citizenId ?? null,
      subject: input.subject,
      description: input.description,
      customFields: p.customFields,
      latitude: input.location?.latitude ?? null,
      longitude: input.location?.longitude ?? null,
      address: input.location?.address ?? null,
      priority: input.priority,
      departmentId,
      createdBy: ctx.actor.id,
    };
    const createdEntry = (caseId: string): AuditRecord => ({ action: 'case.created', subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { channel: input.channel, categoryId: category.id } });
    if (p.asDraft) {
      if (!tx) throw new Error('a draft is written in a transaction');
      if (input.citizenId) await requireCitizen(tx, ctx.tenantId, input.citizenId);
      const draft = await caseRepository.insert(tx, { ...values, id: p.caseId, status: 'draft', searchText: searchableText(input.subject, input.description) });
      await timelineEvent(tx, ctx, draft.id, { type: 'created', toStatus: 'draft', data: { channel: input.channel } });
      for (const e of after.timeline ?? []) await timelineEvent(tx, ctx, draft.id, e);
      await audit.record(tx, ctx, createdEntry(draft.id));
      for (const entry of after.audit ?? []) await audit.record(tx, ctx, entry);
      await emit(tx, ctx, 'case.drafted', draft);
      return draft;
    }
    const { caseId } = p;
    return register(tx, ctx, {
      caseId,
      category,
      departmentId,
      new: values,
      comment: null,
      // The timeline and trail of a case opened and registered at once read as before: created, then registered.
      timelineBefore: [{ type: 'created', toStatus: 'draft', data: { channel: input.channel } }],
      auditBefore: [createdEntry(caseId)],
      timelineAfter: after.timeline ?? [],
      auditAfter: after.audit ?? [],
      messages: after.messages ?? [],
      ...(p.terms ? { terms: p.terms } : {}),
      ...(after.commitsTransaction ? { commitsTransaction: true } : {}),
    });
  }

  /**
   * A message about an existing case (a reply, a duplicate submission): on the timeline for the
   * citizen to see, as an event for notifications. Inside the caller's transaction.
   */
  async function recordCorrespondence(
    tx: Tx,
    ctx: RequestContext,
    caseId: string,
    m: { inboundId: string; channel: string; from: string; subject: string | null; text: string; attachments: number; duplicate: boolean },
  ): Promise<void> {
    const row = await caseRepository.byId(tx, ctx.tenantId, caseId);
    if (!row) throw notFound('Case');
    await timelineEvent(tx, ctx, caseId, {
      type: m.duplicate ? 'duplicate_received' : 'message_received',
      comment: m.text.slice(0, 20_000),
      visibility: 'citizen',
      data: { inboundMessageId: m.inboundId, channel: m.channel, from: m.from, subject: m.subject, attachments: m.attachments },
    });
    await emit(tx, ctx, m.duplicate ? 'case.duplicate_received' : 'case.message_received', row, { inboundMessageId: m.inboundId, channel: m.channel });
  }

  type TimelineSpec = { type: string; fromStatus?: string | null; toStatus?: string | null; comment?: string | null; visibility?: 'internal' | 'citizen'; data?: Record<string, unknown>; ifAssigned?: boolean };
  type NewCaseValues = Omit<typeof cases.$inferInsert, 'status' | 'searchText'> & { tenantId: string; subject: string; description: string; departmentId: string };

  /**
   * Registers a case: a new one (`new`, inserted once as registered) or a draft (`draft`, which the
   * caller has locked). Everything that can be prepared is prepared here — the term, the numbering
   * template, the timeline, domain events and audit entries — with holes for what only the
   * registration itself knows (the number, the status, the assignee, the place in the audit chain).
   * civicline_register_cases (migration 0006) then does the serialised part in one round trip, in
   * the one lock order every registration takes: the department's routing lock, the register's
   * counter row, workload rows, the tenant's audit chain. Each is held to the end of the
   * transaction, so an audit entry of the same transaction that belongs before the registration
   * (`auditBefore`) is written by it, after the number: written first, it would hold the audit lock
   * while waiting for the counter, and deadlock with another registration holding the counter while
   * waiting for the audit lock.
   *
   * In the caller's transaction (`tx`) it runs there, alone. Without one, it is batched: the
   * registrations of one department, register and year that arrive while the previous batch is
   * being written go together in the next statement, which is their transaction, and share its
   * locks and its COMMIT (group commit; each still gets its own number, row, timeline, events and
   * audit entries). Event subscribers' jobs are enqueued in the same transaction.
   */
  async function register(
    tx: Tx | null,
    ctx: RequestContext,
    r: {
      caseId: string;
      category: CategoryRecord;
      departmentId: string;
      new?: NewCaseValues;
      draft?: CaseRow;
      comment: string | null;
      timelineBefore?: TimelineSpec[];
      auditBefore?: AuditRecord[];
      timelineAfter?: TimelineSpec[];
      auditAfter?: AuditRecord[];
      messages?: { id: string; subject: string | null; body: string }[];
      /** Computed beforehand (prepareWithin), so that the caller knows the due date before the number. */
      terms?: Awaited<ReturnType<typeof registrationTerms>>;
      /** In the caller's transaction `tx`: see RegistrationAfter. */
      commitsTransaction?: boolean;
    },
  ): Promise<CaseRow> {
    const prepared = await prepareRegistration(tx ?? db, ctx, r);
    const outcome = tx ? (await writeRegistrations(tx, ctx.tenantId, [prepared], r.commitsTransaction ? 'commit_or_fail' : 'stay'))[0]! : await batcher.submit(prepared);
    return finishRegistration(r, prepared, outcome);
  }

  type Registration = Awaited<ReturnType<typeof prepareRegistration>>;
  type RegistrationOutcome =
    | { seq: number; number: string; status: CaseStatus; assigneeId: string | null; writtenAt: string; error?: undefined }
    | { error: 'citizen_unknown' | 'citizen_merged' | 'stale'; mergedIntoId?: string };

  async function prepareRegistration(q: DbOrTx, ctx: RequestContext, r: Parameters<typeof register>[2]) {
    const { category, departmentId, caseId } = r;
    const { now, localDay, year, dueAt, forwardDueAt } = r.terms ?? (await registrationTerms(q, ctx.tenantId, category));
    const numbering = await registers.numbering(ctx.tenantId, category.registerId, year, q);
    const subject = r.new?.subject ?? r.draft!.subject;
    const description = r.new?.description ?? r.draft!.description;
    const channel = r.new?.channel ?? r.draft!.channel;
    const citizenId = r.new ? (r.new.citizenId ?? null) : r.draft!.citizenId;
    const routingPolicy = routingFor(category, departmentId);
    const rest = searchableText(subject, description);
    const number = new Hole('number');
    const status = new Hole('status');
    const assignee = new Hole('assignee');
    const actor = { actorType: ctx.actor.type, actorId: ctx.actor.id, reason: null, visibility: 'internal' };
    const timeline: TimelineSpec[] = [
      ...(r.timelineBefore ?? []),
      { type: 'status_changed', fromStatus: 'draft', toStatus: 'registered', comment: r.comment, visibility: 'citizen', data: { registrationNumber: number, dueAt: dueAt.toISOString() } },
      { type: 'status_changed', fromStatus: 'registered', toStatus: 'assigned', data: { assigneeId: assignee, routed: category.routing.strategy }, ifAssigned: true },
      ...(r.timelineAfter ?? []),
    ];
    const base = { registrationNumber: number, status, categoryId: category.id };
    const domainEvents = [
      { id: randomUUID(), type: 'case.registered', actorId: ctx.actor.id, payload: { ...base, dueAt: dueAt.toISOString(), channel, citizenId } },
      { id: randomUUID(), type: 'case.assigned', actorId: ctx.actor.id, payload: { ...base, assigneeId: assignee, departmentId }, ifAssigned: true },
    ];
    const auditEntries = [
      ...(r.auditBefore ?? []),
      { action: 'case.registered', subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { registrationNumber: number, assigneeId: assignee } },
      ...(r.auditAfter ?? []),
    ].map((e) => audit.prepare(ctx, e, now));
    const at = now.toISOString();
    const spec = {
      caseId,
      at,
      ...(r.new?.citizenId ? { citizenId: r.new.citizenId } : {}),
      ...(r.draft ? { draftVersion: r.draft.version } : {}),
      case: {
        ...(r.new
          ? {
              category_id: r.new.categoryId,
              channel: r.new.channel,
              citizen_id: r.new.citizenId ?? null,
              subject,
              description,
              custom_fields: r.new.customFields ?? {},
              latitude: r.new.latitude ?? null,
              longitude: r.new.longitude ?? null,
              address: r.new.address ?? null,
              priority: r.new.priority ?? 'normal',
              created_by: r.new.createdBy ?? null,
            }
          : {}),
        department_id: departmentId,
        registered_at: at,
        clock_started_at: at,
        due_at: dueAt.toISOString(),
        forward_due_at: forwardDueAt.toISOString(),
      },
      ...(routingPolicy.strategy !== 'manual'
        ? { routing: { departmentId, categoryId: category.id, strategy: routingPolicy.strategy, fixedUserId: routingPolicy.fixedUserId ?? null, day: localDay } }
        : {}),
      register: {
        id: numbering.registerId,
        year: numbering.counterYear,
        number: numbering.template,
        search: numbering.template.map((t) => (typeof t === 'string' ? searchableWords(t) : t)),
        numberUri: uriEncodedTemplate(numbering.template),
      },
      searchRest: rest,
      timeline: timeline.map((e) => ({ ...actor, fromStatus: null, toStatus: null, comment: null, data: {}, ...e })),
      events: domainEvents,
      audit: auditEntries,
      ...(r.messages?.length ? { messages: r.messages.map((m) => ({ id: m.id, subject: m.subject === null ? null : numberHoles(m.subject), body: numberHoles(m.body) })) } : {}),
    };
    return {
      tenantId: ctx.tenantId,
      /** Registrations with the same key take the same locks in the same order, and may share a statement. */
      batchKey: `${ctx.tenantId}|${routingPolicy.strategy === 'manual' ? '-' : departmentId}|${numbering.registerId}|${numbering.counterYear}`,
      spec,
      json: JSON.stringify(spec),
      domainEvents,
      numbering,
      now,
      dueAt,
      forwardDueAt,
      subject,
      description,
      rest,
    };
  }

  /** The moment of a registration made now, its local day and year, and its terms. */
  async function registrationTerms(q: DbOrTx, tenantId: string, category: CategoryRecord) {
    const now = clock.now();
    const calendar = await sla.calendarFor(q, tenantId);
    const localDay = localDateOf(now, calendar.timeZone);
    const { dueAt, forwardDueAt } = await termsOf(q, tenantId, calendar, category.deadline, localDay, now);
    return { now, localDay, year: Number(localDay.slice(0, 4)), dueAt, forwardDueAt };
  }

  /**
   * A registration's term and forwarding term. A term counted in days (calendar or working) depends
   * only on the local day of registration — day 1 is the next local day (deadline.ts) — so it is
   * computed once per calendar (a changed calendar is a new object), policy and day; a term in
   * working hours is computed every time.
   */
  const termMemo = new WeakMap<WorkingCalendar, Map<string, { dueAt: Date; forwardDueAt: Date }>>();
  async function termsOf(q: DbOrTx, tenantId: string, calendar: WorkingCalendar, policy: CategoryRecord['deadline'], day: string, now: Date) {
    const key = policy.unit === 'working_hours' ? null : `${policy.unit}|${policy.amount}|${policy.endOnNonWorkingDay}|${policy.forwardingDays}|${day}`;
    let memo = termMemo.get(calendar);
    const known = key ? memo?.get(key) : undefined;
    if (known) return known;
    const terms = {
      dueAt: await sla.dueAt(q, tenantId, { policy, startedAt: now, suspensions: [], extensionDays: null }),
      forwardDueAt: await sla.forwardDueAt(q, tenantId, policy, now),
    };
    if (key) {
      if (!memo) termMemo.set(calendar, (memo = new Map()));
      if (memo.size > 1_000) memo.clear();
      memo.set(key, terms);
    }
    return terms;
  }

  /**
   * One statement: the registrations, in order, in the caller's transaction or as one of their own.
   * In a transaction, `commit` commits it in the same round trip, with each refused registration
   * skipped (`commit`: a batch of the group commit) or failing the whole (`commit_or_fail`: the
   * caller's rows refer to the case).
   */
  async function writeRegistrations(q: DbOrTx, tenantId: string, batch: Registration[], end: 'stay' | 'commit' | 'commit_or_fail' = 'stay'): Promise<RegistrationOutcome[]> {
    if (events.hasSubscribers(REGISTRATION_EVENTS)) {
      // The subscribers' jobs, in the same transaction and before the registration statement: the
      // register's counter row it locks stays locked until COMMIT, so nothing should follow it. A job
      // whose event the statement does not write (`case.assigned` when no one was assigned, or a
      // registration that failed alone in its batch) finds nothing to do.
      const planned = batch.flatMap((b) => b.domainEvents.map((e) => ({ id: e.id, tenantId, type: e.type })));
      await events.dispatchMany(q as Tx, planned);
    }
    let outcomes: RegistrationOutcome[];
    try {
      const p = `{"tenantId":${JSON.stringify(tenantId)},"cases":[${batch.map((b) => b.json).join(',')}]}`;
      const res =
        end === 'stay' || !(q instanceof PgTransaction)
          ? await queryRaw<{ r: unknown }>(q, 'SELECT civicline_register_cases($1::jsonb) AS r', [p], { prepared: 'register_cases' })
          : await queryAndCommit<{ r: unknown }>(q as Tx, `SELECT ${end === 'commit' ? 'civicline_register_cases' : 'civicline_register_cases_or_fail'}($1::jsonb) AS r`, [p]);
      const raw = res.rows[0]!.r;
      outcomes = (typeof raw === 'string' ? JSON.parse(raw) : raw) as RegistrationOutcome[];
    } catch (err) {
      // A refused registration that had to fail the statement (migration 0016): its outcome, for
      // finishRegistration to say why.
      if (isRefusedRegistration(err)) return [JSON.parse(errorDetail(err)!) as RegistrationOutcome];
      // Two registers whose formats render the same text (`PET-{year}-{seq:6}` and `PET-2026-{seq:6}`)
      // collide on the number; the registration rolls back (the number is not consumed) and says why.
      if (isUniqueViolation(err, 'cases_registration_number_uq')) {
        const taken = /=\(.*?, (.*)\) already exists/.exec(errorDetail(err) ?? '')?.[1];
        throw new AppError('resource.conflict', `Registration number ${taken ? `${taken} ` : ''}is already used by another register; give each register a format of its own`, {
          ...(taken ? { registrationNumber: taken } : {}),
        });
      }
      throw err;
    }
    return outcomes;
  }

  /**
   * Group commit for registrations made outside a caller's transaction. The first of a key is
   * written at once; those that arrive while it is being written wait and go together in the next
   * statement (at most MAX_BATCH). Two groups of a key may be in flight: the second's BEGIN and
   * job inserts run while the first holds the register's counter, so the counter row is taken
   * again as soon as the first commits instead of after another round of statements (the numbers
   * stay gapless: each group takes the counter row's lock in turn). If a group fails as a whole, its
   * registrations are retried one by one, so one bad registration fails alone.
   */
  const MAX_BATCH = 64;
  const GROUPS_IN_FLIGHT = 2;
  const batcher = (() => {
    type Waiting = { reg: Registration; resolve: (o: RegistrationOutcome) => void; reject: (e: unknown) => void };
    const queues = new Map<string, { waiting: Waiting[]; writers: number }>();
    const write = (batch: Registration[]) =>
      events.hasSubscribers(REGISTRATION_EVENTS)
        ? db.transaction((t) => writeRegistrations(t, batch[0]!.tenantId, batch, 'commit'))
        : writeRegistrations(db, batch[0]!.tenantId, batch);
    async function writer(key: string, queue: { waiting: Waiting[]; writers: number }): Promise<void> {
      while (queue.waiting.length > 0) {
        const batch = queue.waiting.splice(0, MAX_BATCH);
        try {
          const outcomes = await write(batch.map((w) => w.reg));
          batch.forEach((w, i) => w.resolve(outcomes[i]!));
        } catch (err) {
          if (batch.length === 1) batch[0]!.reject(err);
          else {
            for (const w of batch) {
              try {
                w.resolve((await write([w.reg]))[0]!);
              } catch (e) {
                w.reject(e);
              }
            }
          }
        }
      }
      if (--queue.writers === 0) queues.delete(key);
    }
    return {
      submit(reg: Registration): Promise<RegistrationOutcome> {
        return new Promise((resolve, reject) => {
          let queue = queues.get(reg.batchKey);
          if (!queue) queues.set(reg.batchKey, (queue = { waiting: [], writers: 0 }));
          queue.waiting.push({ reg, resolve, reject });
          if (queue.writers >= GROUPS_IN_FLIGHT) return;
          queue.writers++;
          // The next tick: registrations arriving together go in one group.
          const q = queue;
          setImmediate(() => void writer(reg.batchKey, q));
        });
      },
    };
  })();

  /** The outcome as the case it wrote, without reading it back; or the refusal. */
  function finishRegistration(r: Parameters<typeof register>[2], p: Registration, outcome: RegistrationOutcome): CaseRow {
    if (outcome.error) {
      if (outcome.error === 'citizen_unknown') throw validationFailed([{ path: 'citizenId', message: 'No such citizen' }], 'Unknown citizen');
      if (outcome.error === 'citizen_merged') throw citizenMerged(outcome.mergedIntoId!);
      throw staleVersion('Case');
    }
    const { now, numbering, subject, description } = p;
    const registered = {
      registrationNumber: outcome.number,
      registerId: numbering.registerId,
      registrationYear: numbering.counterYear,
      registrationSeq: outcome.seq,
      status: outcome.status,
      assigneeId: outcome.assigneeId,
      departmentId: r.departmentId,
      registeredAt: now,
      clockStartedAt: now,
      dueAt: p.dueAt,
      forwardDueAt: p.forwardDueAt,
      warnedAt: null,
      overdueAt: null,
      searchText: [searchableText(outcome.number), p.rest].filter(Boolean).join(' '),
      updatedAt: new Date(outcome.writtenAt),
    };
    if (r.draft) return { ...r.draft, ...registered, version: r.draft.version + 1 };
    const n = r.new!;
    return {
      id: r.caseId,
      tenantId: n.tenantId,
      categoryId: n.categoryId,
      channel: n.channel,
      citizenId: n.citizenId ?? null,
      subject,
      description,
      customFields: n.customFields ?? {},
      latitude: n.latitude ?? null,
      longitude: n.longitude ?? null,
      address: n.address ?? null,
      priority: n.priority ?? 'normal',
      createdBy: n.createdBy ?? null,
      suspendedSince: null,
      suspensionReason: null,
      extensionDays: null,
      extensionReason: null,
      resolution: null,
      redirect: null,
      closedAt: null,
      version: 1,
      createdAt: new Date(outcome.writtenAt),
      ...registered,
    };
  }

  /** draft → registered (and assigned, if routing found someone), in the caller's transaction, which holds the draft's row lock. */
  async function registerDraft(tx: Tx, ctx: RequestContext, row: CaseRow, category: CategoryRecord, comment: string | null): Promise<CaseRow> {
    return register(tx, ctx, { caseId: row.id, category, departmentId: row.departmentId, draft: row, comment });
  }

  async function update(ctx: RequestContext, id: string, input: z.infer<typeof UpdateCaseRequest>): Promise<CaseDetail> {
    await db.transaction(async (tx) => {
      const { row, category: current } = await loadReadable(tx, ctx, id, true);
      if (row.version !== input.version) throw staleVersion('Case');
      if (!canEdit(caseViewOf(row, current), actorViewOf(ctx))) {
        throw FINAL_OR_FORBIDDEN(row.status as CaseStatus);
      }
      if (input.categoryId && input.categoryId !== row.categoryId && row.status !== 'draft') {
        throw new AppError('case.not_editable', 'Only a draft can change category; redirect a registered case instead', { errors: [{ path: 'categoryId', message: 'Drafts only' }] });
      }
      const category = input.categoryId ? await requireCategory(tx, ctx.tenantId, input.categoryId) : current;
      if (input.citizenId) await requireCitizen(tx, ctx.tenantId, input.citizenId);
      const customFields = input.customFields ?? (category.id === current.id ? row.customFields : {});
      const fields = validateCustomFields(category.fields, customFields, { requireAll: row.status !== 'draft' });
      if (fields.errors.length > 0) throw validationFailed(fields.errors, 'Some fields of this category are not valid');
      const subject = input.subject ?? row.subject;
      const description = input.description ?? row.description;
      const location = input.location === undefined ? undefined : input.location;
      const updated = await caseRepository.update(tx, ctx.tenantId, id, input.version, {
        subject,
        description,
        customFields: fields.values,
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.citizenId !== undefined ? { citizenId: input.citizenId } : {}),
        ...(category.id !== row.categoryId ? { categoryId: category.id, departmentId: category.departmentId } : {}),
        ...(location !== undefined
          ? { latitude: location?.latitude ?? null, longitude: location?.longitude ?? null, address: location?.address ?? null }
          : {}),
        searchText: searchableText(row.registrationNumber, subject, description),
      });
      if (!updated) throw staleVersion('Case');
      const changed = Object.keys(input).filter((k) => k !== 'version');
      await timelineEvent(tx, ctx, id, { type: 'updated', data: { changed } });
      await emit(tx, ctx, 'case.updated', updated, { changed });
      await audit.record(tx, ctx, { action: 'case.updated', subjectType: 'case', subjectId: id, purpose: 'case_handling', details: { changed } });
    });
    return afterWrite(ctx, id);
  }

  function FINAL_OR_FORBIDDEN(status: CaseStatus): AppError {
    return OPEN_STATUSES.includes(status) || status === 'draft'
      ? new AppError('auth.forbidden', 'You may not edit this case')
      : new AppError('case.not_editable', `A case that is ${status} can no longer be edited`);
  }

  /** Takes one lifecycle action. The state machine decides; this applies its consequences. */
  async function act<A extends CaseAction>(ctx: RequestContext, id: string, action: A, input: ActionInput[A]): Promise<CaseDetail> {
    await db.transaction(async (tx) => {
      const { row, category } = await loadReadable(tx, ctx, id, true);
      const i = input as ActionInput[CaseAction] & Record<string, unknown>;
      const external = action === 'redirect' ? Boolean((input as ActionInput['redirect']).agency) : undefined;
      const decision = decide(action, caseViewOf(row, category), actorViewOf(ctx), {
        ...(external !== undefined ? { external } : {}),
        ...(action === 'assign' ? { assigneeId: (input as ActionInput['assign']).assigneeId } : {}),
      });
      if (!decision.ok) throw new AppError(decision.code, decision.message);
      if (row.version !== input.version) throw staleVersion('Case');
      const now = clock.now();
      const from = row.status as CaseStatus;
      let to = decision.to;
      let patch: Partial<typeof cases.$inferInsert> = { status: to };
      let reason: string | null = null;
      let visibility: 'internal' | 'citizen' = 'internal';
      const data: Record<string, unknown> = {};

      switch (action) {
        case 'register': {
          const fields = validateCustomFields(category.fields, row.customFields, { requireAll: true });
          if (fields.errors.length > 0) throw validationFailed(fields.errors, 'Complete the required fields before registering');
          if (!row.citizenId && !category.allowAnonymous) {
            throw new AppError('case.anonymous_not_allowed', 'This category does not take anonymous requests; identify the citizen', { errors: [{ path: 'citizenId', message: 'Required for this category' }] });
          }
          await registerDraft(tx, ctx, row, category, i.comment ?? null);
          return;
        }
        case 'assign': {
          const { assigneeId } = input as ActionInput['assign'];
          const holdsIt = row.assigneeId === assigneeId; // already counted in their open cases
          if (!(await routing.isAssignable(tx, ctx.tenantId, row.departmentId, assigneeId, await sla.localToday(tx, ctx.tenantId), holdsIt))) {
            throw new AppError('case.invalid_assignee', 'This person cannot take cases of this department now (not a technician of it, inactive, absent or at capacity)', { errors: [{ path: 'assigneeId', message: 'Not assignable' }] });
          }
          patch.assigneeId = assigneeId;
          data.assigneeId = assigneeId;
          data.previousAssigneeId = row.assigneeId;
          break;
        }
        case 'suspend': {
          const code = (input as ActionInput['suspend']).reason;
          const [known] = await tx.select().from(suspensionReasons).where(and(eq(suspensionReasons.tenantId, ctx.tenantId), eq(suspensionReasons.code, code), eq(suspensionReasons.active, true)));
          if (!known) throw new AppError('case.invalid_reason', 'Unknown reason for stopping the clock', { errors: [{ path: 'reason', message: 'Not a configured reason' }] });
          await caseRepository.openSuspension(tx, { tenantId: ctx.tenantId, caseId: id, reason: code, fromAt: now });
          patch = { ...patch, suspendedSince: now, suspensionReason: code };
          reason = code;
          visibility = 'citizen';
          break;
        }
        case 'resume': {
          await caseRepository.closeSuspension(tx, ctx.tenantId, id, now);
          patch = { ...patch, suspendedSince: null, suspensionReason: null, dueAt: await termDue(tx, ctx, row, category, row.extensionDays) };
          data.suspendedFrom = row.suspendedSince?.toISOString();
          visibility = 'citizen';
          break;
        }
        case 'propose_resolution': {
          const r = input as ActionInput['propose_resolution'];
          patch.resolution = { answer: r.answer, returnMethod: r.returnMethod, proposedBy: ctx.actor.id, approvedBy: null };
          break;
        }
        case 'approve':
          patch = { ...patch, resolution: { ...(row.resolution ?? {}), approvedBy: ctx.actor.id }, closedAt: now };
          data.returnMethod = (row.resolution as { returnMethod?: string } | null)?.returnMethod;
          visibility = 'citizen';
          break;
        case 'return':
          break;
        case 'reject': {
          reason = (input as ActionInput['reject']).reason;
          patch.closedAt = now;
          visibility = 'citizen';
          break;
        }
        case 'redirect': {
          const r = input as ActionInput['redirect'];
          reason = r.reason;
          visibility = 'citizen';
          if (r.agency) {
            patch = { ...patch, redirect: { agency: r.agency, reason: r.reason }, closedAt: now };
            data.agency = r.agency;
            data.inTime = !row.forwardDueAt || now <= row.forwardDueAt;
          } else {
            const [dept] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.tenantId, ctx.tenantId), eq(departments.id, r.departmentId!)));
            if (!dept) throw validationFailed([{ path: 'departmentId', message: 'No such department' }], 'Unknown department');
            if (dept.id === row.departmentId) throw validationFailed([{ path: 'departmentId', message: 'The case is already there' }], 'Same department');
            const moved = await redirectInto(tx, ctx, category, dept.id);
            patch = { ...patch, ...moved, redirect: { departmentId: dept.id, fromDepartmentId: row.departmentId, reason: r.reason } };
            to = moved.status;
            data.fromDepartmentId = row.departmentId;
            data.toDepartmentId = dept.id;
            data.assigneeId = moved.assigneeId;
          }
          break;
        }
        case 'extend': {
          const e = input as ActionInput['extend'];
          if (row.extensionDays !== null) throw new AppError('case.extension_used', 'This case was already extended once; the law allows one extension');
          if (e.days > category.deadline.maxExtensionDays) {
            throw new AppError('case.extension_too_long', `This category allows an extension of at most ${category.deadline.maxExtensionDays} days`, { errors: [{ path: 'days', message: `At most ${category.deadline.maxExtensionDays}` }] });
          }
          const due = await termDue(tx, ctx, row, category, e.days);
          patch = { ...patch, extensionDays: e.days, extensionReason: e.reason, dueAt: due, ...(due > now ? { warnedAt: null, overdueAt: null } : {}) };
          reason = e.reason;
          visibility = 'citizen';
          data.previousDueAt = row.dueAt?.toISOString();
          data.dueAt = due.toISOString();
          break;
        }
        case 'close':
          patch.closedAt = row.closedAt ?? now;
          break;
        case 'withdraw':
          if (row.status === 'suspended') await caseRepository.closeSuspension(tx, ctx.tenantId, id, now);
          patch = { ...patch, closedAt: now, suspendedSince: null };
          visibility = 'citizen';
          break;
        case 'reopen': {
          // A reopened case gets a fresh term from today.
          const due = await sla.dueAt(tx, ctx.tenantId, { policy: category.deadline, startedAt: now, suspensions: [], extensionDays: null });
          patch = { ...patch, closedAt: null, clockStartedAt: now, dueAt: due, extensionDays: null, extensionReason: null, warnedAt: null, overdueAt: null };
          visibility = 'citizen';
          break;
        }
        case 'start':
          break;
      }

      const updated = await caseRepository.update(tx, ctx.tenantId, id, input.version, { ...patch, status: to });
      if (!updated) throw staleVersion('Case');
      await timelineEvent(tx, ctx, id, { type: action === 'extend' ? 'extended' : 'status_changed', fromStatus: from, toStatus: to, reason, comment: i.comment ?? null, visibility, data });
      await emit(tx, ctx, EVENT_OF[action], updated, { from, to, reason, ...data });
      if (action === 'redirect' && updated.assigneeId) await emit(tx, ctx, 'case.assigned', updated, { assigneeId: updated.assigneeId, departmentId: updated.departmentId });
      await audit.record(tx, ctx, { action: EVENT_OF[action], subjectType: 'case', subjectId: id, purpose: 'case_handling', details: { from, to, reason } });
    });
    return afterWrite(ctx, id);
  }

  /** The due date of the current term, with its suspensions (including one just closed) and any extension. */
  async function termDue(tx: Tx, ctx: RequestContext, row: CaseRow, category: CategoryRecord, extensionDays: number | null): Promise<Date> {
    const startedAt = row.clockStartedAt ?? row.registeredAt ?? clock.now();
    const suspensions = (await caseRepository.suspensions(tx, ctx.tenantId, row.id)).filter((s) => s.from >= startedAt);
    return sla.dueAt(tx, ctx.tenantId, { policy: category.deadline, startedAt, suspensions, extensionDays });
  }

  async function comment(ctx: RequestContext, id: string, input: { body: string; visibility: 'internal' | 'citizen' }): Promise<void> {
    await db.transaction(async (tx) => {
      const { row } = await loadReadable(tx, ctx, id);
      await timelineEvent(tx, ctx, id, { type: 'comment', comment: input.body, visibility: input.visibility });
      await emit(tx, ctx, 'case.commented', row, { visibility: input.visibility });
      await audit.record(tx, ctx, { action: 'case.commented', subjectType: 'case', subjectId: id, purpose: 'case_handling', details: { visibility: input.visibility } });
    });
  }

  async function addLink(ctx: RequestContext, id: string, input: { linkedCaseId: string; kind: string }): Promise<CaseDetail> {
    await db.transaction(async (tx) => {
      await loadReadable(tx, ctx, id);
      if (input.linkedCaseId === id) throw validationFailed([{ path: 'linkedCaseId', message: 'A case cannot be linked to itself' }]);
      // A case the actor may not read does not exist for them here either (nor does its number).
      const other = await loadReadable(tx, ctx, input.linkedCaseId).then(
        (r) => r.row,
        (err: unknown) => {
          if (err instanceof AppError && err.code === 'resource.not_found') return null;
          throw err;
        },
      );
      if (!other) throw validationFailed([{ path: 'linkedCaseId', message: 'No such case' }], 'Unknown case');
      if (await caseRepository.addLink(tx, { tenantId: ctx.tenantId, caseId: id, linkedCaseId: other.id, kind: input.kind })) {
        await timelineEvent(tx, ctx, id, { type: 'linked', data: { linkedCaseId: other.id, kind: input.kind, registrationNumber: other.registrationNumber } });
        await audit.record(tx, ctx, { action: 'case.linked', subjectType: 'case', subjectId: id, details: { linkedCaseId: other.id, kind: input.kind } });
      }
    });
    return get(ctx, id);
  }

  async function detail(ctx: RequestContext, row: CaseRow, category: CategoryRecord, links?: CaseLink[]): Promise<CaseDetail> {
    const l = links ?? (await caseRepository.links(db, ctx.tenantId, row.id));
    return presentDetail(row, category, sla, clock.now(), { links: l.map((x) => ({ ...x, kind: x.kind as 'related' })), allowedActions: allowedActions(caseViewOf(row, category), actorViewOf(ctx)) });
  }

  /**
   * The case as a write left it. The writer sees the outcome even when the write took the case out
   * of their sight (a redirect to another department, a technician opening a case for another
   * department): the write did happen, and a 404 would tell them it had not.
   */
  async function afterWrite(ctx: RequestContext, id: string): Promise<CaseDetail> {
    const found = await caseRepository.byIdWithLinks(db, ctx.tenantId, id);
    const category = found && (await cachedCategory(db, ctx.tenantId, found.row.categoryId));
    if (!found || !category) throw notFound('Case');
    return detail(ctx, found.row, category, found.links);
  }

  /** A case and its links in one statement; one the actor may not read does not exist for them. */
  async function get(ctx: RequestContext, id: string): Promise<CaseDetail> {
    const found = await caseRepository.byIdWithLinks(db, ctx.tenantId, id);
    if (!found) throw notFound('Case');
    return detail(ctx, found.row, await readableCategory(db, ctx, found.row), found.links);
  }

  async function getByNumber(ctx: RequestContext, registrationNumber: string): Promise<CaseDetail> {
    const found = await caseRepository.byNumberWithLinks(db, ctx.tenantId, registrationNumber);
    if (!found) throw notFound('Case');
    return detail(ctx, found.row, await readableCategory(db, ctx, found.row), found.links);
  }

  async function timeline(ctx: RequestContext, id: string) {
    await loadReadable(db, ctx, id);
    const rows = await caseRepository.timeline(db, ctx.tenantId, id);
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      actorType: r.actorType,
      actorId: r.actorId,
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      reason: r.reason,
      comment: r.comment,
      visibility: r.visibility as 'internal' | 'citizen',
      data: r.data,
      occurredAt: r.occurredAt.toISOString(),
    }));
  }

  async function list(ctx: RequestContext, q: z.infer<typeof CaseListQuery>): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
    const now = clock.now();
    const a = actorViewOf(ctx);
    const where: (SQL | undefined)[] = [eq(cases.tenantId, ctx.tenantId)];
    where.push(readableCasesCondition(ctx));
    if (q.status) where.push(inArray(cases.status, q.status));
    if (q.departmentId) where.push(eq(cases.departmentId, q.departmentId));
    if (q.assigneeId === 'me') where.push(a.userId ? eq(cases.assigneeId, a.userId) : sql`false`);
    else if (q.assigneeId === 'none') where.push(isNull(cases.assigneeId));
    else if (q.assigneeId) where.push(eq(cases.assigneeId, q.assigneeId));
    if (q.categoryId) where.push(eq(cases.categoryId, q.categoryId));
    if (q.channel) where.push(eq(cases.channel, q.channel));
    if (q.citizenId) where.push(eq(cases.citizenId, q.citizenId));
    const running = inArray(cases.status, OPEN_STATUSES.filter((s) => s !== 'suspended'));
    if (q.overdue === true) where.push(and(running, lt(cases.dueAt, now)));
    if (q.overdue === false) where.push(sql`NOT (${cases.status} IN ('registered','assigned','in_progress','resolution_proposed','reopened') AND ${cases.dueAt} < ${now})`);
    if (q.dueBefore) where.push(lt(cases.dueAt, new Date(q.dueBefore)));
    if (q.createdFrom) where.push(sql`${cases.createdAt} >= ${new Date(q.createdFrom)}`);
    if (q.createdTo) where.push(sql`${cases.createdAt} < ${new Date(q.createdTo)}`);
    if (q.q) {
      const terms = searchableText(q.q).split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
      if (terms.length > 0) {
        const tsquery = terms.map((t) => `${t}:*`).join(' & ');
        where.push(sql`to_tsvector('simple', ${cases.searchText}) @@ to_tsquery('simple', ${tsquery})`);
      }
    }
    if (q.cursor) where.push(afterCursor(q.cursor, cases.createdAt, cases.id));
    const rows = await db
      .select({ ...getTableColumns(cases), cursorAt: cursorAtOf(cases.createdAt) })
      .from(cases)
      .where(and(...where))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const cats = new Map<string, CategoryRecord>();
    for (const id of new Set(page.map((r) => r.categoryId))) {
      const c = await cachedCategory(db, ctx.tenantId, id);
      if (c) cats.set(id, c);
    }
    return {
      items: page.map((r) => presentSummary(r, cats.get(r.categoryId), sla, now)),
      nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  /**
   * Raises `case.deadline_approaching` and `case.overdue` once per case and term. Each is set
   * with a conditional UPDATE in the same transaction as its event, so two workers sweeping at
   * once cannot both raise it.
   */
  async function sweepDeadlines(): Promise<{ approaching: number; overdue: number }> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const overdue = await tx.execute(sql`
        UPDATE ${cases} SET overdue_at = ${now}, warned_at = COALESCE(warned_at, ${now})
        WHERE status IN ('registered','assigned','in_progress','resolution_proposed','reopened') AND due_at < ${now} AND overdue_at IS NULL
        RETURNING id, tenant_id, registration_number, status, category_id, due_at, assignee_id, department_id`);
      const approaching = await tx.execute(sql`
        UPDATE ${cases} c SET warned_at = ${now}
        FROM ${categories} cat
        WHERE cat.id = c.category_id AND c.status IN ('registered','assigned','in_progress','resolution_proposed','reopened')
          AND c.warned_at IS NULL AND c.due_at >= ${now}
          AND c.due_at < ${now}::timestamptz + make_interval(hours => (cat.deadline->>'warnBeforeHours')::int)
        RETURNING c.id, c.tenant_id, c.registration_number, c.status, c.category_id, c.due_at, c.assignee_id, c.department_id`);
      type Hit = { id: string; tenant_id: string; registration_number: string | null; status: string; category_id: string; due_at: Date | string; assignee_id: string | null; department_id: string };
      const rowsOf = (r: unknown) => (r as { rows: Hit[] }).rows;
      for (const [type, hits] of [['case.overdue', rowsOf(overdue)], ['case.deadline_approaching', rowsOf(approaching)]] as const) {
        for (const h of hits) {
          await events.record(tx, {
            tenantId: h.tenant_id,
            type,
            subjectType: 'case',
            subjectId: h.id,
            actorId: null,
            payload: { registrationNumber: h.registration_number, status: h.status, categoryId: h.category_id, dueAt: new Date(h.due_at).toISOString(), assigneeId: h.assignee_id, departmentId: h.department_id },
          });
        }
      }
      return { approaching: rowsOf(approaching).length, overdue: rowsOf(overdue).length };
    });
  }

  /** For modules that hang things on a case (attachments): the case, if this actor may read it. */
  async function readable(ctx: RequestContext, id: string, tx?: Tx): Promise<CaseRow> {
    return (await loadReadable(tx ?? db, ctx, id)).row;
  }

  return { create, prepareWithin, openWithin, recordCorrespondence, update, act, comment, addLink, get, getByNumber, timeline, list, sweepDeadlines, readable };
}

export type CaseService = ReturnType<typeof createCaseService>;
