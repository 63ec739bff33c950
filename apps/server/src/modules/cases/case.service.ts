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
import { and, desc, eq, getTableColumns, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { cases, categories, citizens, departments, suspensionReasons } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion, validationFailed } from '../../platform/errors.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import type { AuditRecord, AuditService } from '../audit/index.ts';
import { findCategory, type CategoryRecord } from '../categories/index.ts';
import type { RegisterService } from '../registers/index.ts';
import type { RoutingService } from '../routing/index.ts';
import type { SlaService } from '../sla/index.ts';
import { allowedActions, canEdit, canRead, decide, OPEN_STATUSES, type ActorView, type CaseView } from './case.lifecycle.ts';
import { presentDetail, presentSummary } from './case.presenter.ts';
import { caseRepository, searchableText, type CaseRow } from './case.repository.ts';
import { validateCustomFields } from './custom-fields.ts';

type ActionInput = { [A in CaseAction]: z.infer<(typeof CaseActionRequests)[A]> };

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

export function actorViewOf(ctx: RequestContext): ActorView {
  return { userId: ctx.actor.id, roles: ctx.actor.roles, departmentIds: ctx.actor.departmentIds, system: ctx.actor.type === 'system' };
}

function caseViewOf(row: CaseRow, category: CategoryRecord): CaseView {
  return {
    status: row.status as CaseStatus,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    categorySupervisorIds: category.routing.supervisorIds,
  };
}

/**
 * A page ends at a (created_at, id) pair. created_at is kept to the microsecond, as PostgreSQL
 * stores it: cut to JavaScript's milliseconds, the cursor would skip the cases created later in
 * the same millisecond as the last one of the page (concurrent intake does that).
 */
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(`${row.cursorAt}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || !CURSOR_AT.test(at) || !CURSOR_ID.test(id)) {
    throw new AppError('request.validation_failed', 'Invalid cursor', { errors: [{ path: 'cursor', message: 'Invalid' }] });
  }
  return { createdAt: at, id };
}

export function createCaseService(deps: CaseServiceDeps) {
  const { db, clock, audit, events, registers, routing, sla } = deps;

  async function requireCategory(tx: Tx | Db, tenantId: string, id: string, path = 'categoryId'): Promise<CategoryRecord> {
    const category = await findCategory(tx, tenantId, id);
    if (!category) throw validationFailed([{ path, message: 'No such category' }], 'Unknown category');
    return category;
  }

  async function requireCitizen(tx: Tx, tenantId: string, citizenId: string): Promise<void> {
    const [c] = await tx.select({ id: citizens.id, mergedIntoId: citizens.mergedIntoId }).from(citizens).where(and(eq(citizens.tenantId, tenantId), eq(citizens.id, citizenId)));
    if (!c) throw validationFailed([{ path: 'citizenId', message: 'No such citizen' }], 'Unknown citizen');
    if (c.mergedIntoId) throw new AppError('citizen.merged', 'This citizen record was merged into another one', { mergedIntoId: c.mergedIntoId, errors: [{ path: 'citizenId', message: `Merged into ${c.mergedIntoId}` }] });
  }

  /** Loads a case the actor may read; one they may not read does not exist for them. */
  async function loadReadable(tx: Tx | Db, ctx: RequestContext, id: string, forUpdate = false) {
    const row = await caseRepository.byId(tx, ctx.tenantId, id, { forUpdate });
    if (!row) throw notFound('Case');
    const category = await findCategory(tx, ctx.tenantId, row.categoryId);
    if (!category || !canRead(caseViewOf(row, category), actorViewOf(ctx))) throw notFound('Case');
    return { row, category };
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

  /** Gives a case its number, its term and (by the category's routing) its assignee. */
  async function registerInto(tx: Tx, ctx: RequestContext, row: CaseRow, category: CategoryRecord, departmentId: string) {
    const now = clock.now();
    const year = await sla.localYear(tx, ctx.tenantId, now);
    const issued = row.registrationNumber ? null : await registers.issueNumber(tx, ctx.tenantId, category.registerId, year);
    const dueAt = await sla.dueAt(tx, ctx.tenantId, { policy: category.deadline, startedAt: now, suspensions: [], extensionDays: null });
    const forwardDueAt = await sla.forwardDueAt(tx, ctx.tenantId, category.deadline, now);
    const assigneeId = await routing.chooseAssignee(tx, ctx.tenantId, {
      categoryId: category.id,
      departmentId,
      routing: departmentId === category.departmentId ? category.routing : { strategy: 'least_loaded', supervisorIds: [] },
      localDay: await sla.localToday(tx, ctx.tenantId),
    });
    return {
      ...(issued ? { registrationNumber: issued.number, registrationYear: issued.year, registrationSeq: issued.seq, registerId: category.registerId, registeredAt: now } : {}),
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

  async function create(ctx: RequestContext, input: z.infer<typeof CreateCaseRequest>): Promise<CaseDetail> {
    const created = await db.transaction((tx) => createWithin(tx, ctx, input));
    return afterWrite(ctx, created.id);
  }

  /**
   * Opens a case inside the caller's transaction (intake commits the raw message, the case and the
   * acknowledgement together). `fallbackToDraft`: what a channel cannot complete — required fields,
   * the citizen of a category that takes no anonymous requests — becomes a draft for staff to
   * finish instead of a refusal, so no message is lost. `departmentId` overrides the category's.
   */
  async function createWithin(
    tx: Tx,
    ctx: RequestContext,
    input: z.infer<typeof CreateCaseRequest>,
    opts: { departmentId?: string | null; fallbackToDraft?: boolean } = {},
  ): Promise<CaseRow> {
      const category = await requireCategory(tx, ctx.tenantId, input.categoryId);
      if (!category.active) throw new AppError('category.inactive', 'This category no longer takes requests', { errors: [{ path: 'categoryId', message: 'Inactive' }] });
      let asDraft = input.draft;
      if (input.citizenId) await requireCitizen(tx, ctx.tenantId, input.citizenId);
      else if (!category.allowAnonymous && !asDraft) {
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
      const departmentId = opts.departmentId ?? category.departmentId;

      const draft = await caseRepository.insert(tx, {
        tenantId: ctx.tenantId,
        categoryId: category.id,
        status: 'draft',
        channel: input.channel,
        citizenId: input.citizenId,
        subject: input.subject,
        description: input.description,
        customFields: fields.values,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        address: input.location?.address ?? null,
        priority: input.priority,
        departmentId,
        createdBy: ctx.actor.id,
        searchText: searchableText(input.subject, input.description),
      });
      await timelineEvent(tx, ctx, draft.id, { type: 'created', toStatus: 'draft', data: { channel: input.channel } });
      const createdEntry: AuditRecord = { action: 'case.created', subjectType: 'case', subjectId: draft.id, purpose: 'case_handling', details: { channel: input.channel, categoryId: category.id } };
      if (asDraft) {
        await audit.record(tx, ctx, createdEntry);
        await emit(tx, ctx, 'case.drafted', draft);
        return draft;
      }
      return registerDraft(tx, ctx, draft, category, null, [createdEntry], departmentId);
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

  /**
   * draft → registered (and assigned, if routing found someone). Locks are taken in one order by
   * every writer — the register's counter row, then the department's routing lock, then the
   * tenant's audit chain — so `auditBefore` (the entries of the same transaction that precede the
   * registration) are written here, after the number, not before it: an audit entry written first
   * would hold the audit lock while waiting for the counter, and deadlock with a draft being
   * registered at the same moment, which holds the counter while waiting for the audit lock.
   */
  async function registerDraft(
    tx: Tx,
    ctx: RequestContext,
    row: CaseRow,
    category: CategoryRecord,
    comment: string | null,
    auditBefore: AuditRecord[] = [],
    departmentId = row.departmentId,
  ): Promise<CaseRow> {
    const patch = await registerInto(tx, ctx, row, category, departmentId);
    const updated = await caseRepository
      .update(tx, ctx.tenantId, row.id, row.version, { ...patch, searchText: searchableText(patch.registrationNumber, row.subject, row.description) })
      .catch((err: unknown) => {
        // Two registers whose formats render the same text (both `PET-{year}-{seq:6}`) collide on
        // the number; the registration rolls back (the number is not consumed) and says why.
        if (isUniqueViolation(err, 'cases_registration_number_uq')) {
          throw new AppError('resource.conflict', `Registration number ${patch.registrationNumber} is already used by another register; give each register a format of its own`, {
            registrationNumber: patch.registrationNumber,
          });
        }
        throw err;
      });
    if (!updated) throw staleVersion('Case');
    await timelineEvent(tx, ctx, row.id, { type: 'status_changed', fromStatus: 'draft', toStatus: 'registered', comment, visibility: 'citizen', data: { registrationNumber: updated.registrationNumber, dueAt: updated.dueAt?.toISOString() } });
    await emit(tx, ctx, 'case.registered', updated, { dueAt: updated.dueAt?.toISOString(), channel: updated.channel, citizenId: updated.citizenId });
    if (updated.assigneeId) {
      await timelineEvent(tx, ctx, row.id, { type: 'status_changed', fromStatus: 'registered', toStatus: 'assigned', data: { assigneeId: updated.assigneeId, routed: category.routing.strategy } });
      await emit(tx, ctx, 'case.assigned', updated, { assigneeId: updated.assigneeId, departmentId: updated.departmentId });
    }
    for (const entry of auditBefore) await audit.record(tx, ctx, entry);
    await audit.record(tx, ctx, { action: 'case.registered', subjectType: 'case', subjectId: row.id, purpose: 'case_handling', details: { registrationNumber: updated.registrationNumber, assigneeId: updated.assigneeId } });
    return updated;
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
            const moved = await registerInto(tx, ctx, row, category, dept.id);
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

  async function detail(ctx: RequestContext, row: CaseRow, category: CategoryRecord): Promise<CaseDetail> {
    const links = (await caseRepository.links(db, ctx.tenantId, row.id)).map((l) => ({ ...l, kind: l.kind as 'related' }));
    return presentDetail(row, category, sla, clock.now(), { links, allowedActions: allowedActions(caseViewOf(row, category), actorViewOf(ctx)) });
  }

  /**
   * The case as a write left it. The writer sees the outcome even when the write took the case out
   * of their sight (a redirect to another department, a technician opening a case for another
   * department): the write did happen, and a 404 would tell them it had not.
   */
  async function afterWrite(ctx: RequestContext, id: string): Promise<CaseDetail> {
    const row = await caseRepository.byId(db, ctx.tenantId, id);
    const category = row && (await findCategory(db, ctx.tenantId, row.categoryId));
    if (!row || !category) throw notFound('Case');
    return detail(ctx, row, category);
  }

  async function get(ctx: RequestContext, id: string): Promise<CaseDetail> {
    const { row, category } = await loadReadable(db, ctx, id);
    return detail(ctx, row, category);
  }

  async function getByNumber(ctx: RequestContext, registrationNumber: string): Promise<CaseDetail> {
    const row = await caseRepository.byNumber(db, ctx.tenantId, registrationNumber);
    if (!row) throw notFound('Case');
    return get(ctx, row.id);
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
    const seesAll = a.system || ['admin', 'auditor', 'operator', 'registrar'].some((r) => a.roles.includes(r as never));
    if (!seesAll) {
      where.push(
        or(
          a.departmentIds.length > 0 ? inArray(cases.departmentId, [...a.departmentIds]) : undefined,
          a.userId ? eq(cases.assigneeId, a.userId) : undefined,
          a.userId ? sql`EXISTS (SELECT 1 FROM ${categories} cat WHERE cat.id = ${cases.categoryId} AND cat.routing->'supervisorIds' ? ${a.userId})` : undefined,
        ) ?? sql`false`,
      );
    }
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
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push(sql`(${cases.createdAt}, ${cases.id}) < (${c.createdAt}::timestamptz, ${c.id}::uuid)`);
    }
    const rows = await db
      .select({ ...getTableColumns(cases), cursorAt: sql<string>`to_char(${cases.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(cases)
      .where(and(...where))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const cats = new Map<string, CategoryRecord>();
    for (const id of new Set(page.map((r) => r.categoryId))) {
      const c = await findCategory(db, ctx.tenantId, id);
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

  return { create, createWithin, recordCorrespondence, update, act, comment, addLink, get, getByNumber, timeline, list, sweepDeadlines, readable };
}

export type CaseService = ReturnType<typeof createCaseService>;
