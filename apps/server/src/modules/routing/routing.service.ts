import type { RoutingPolicy } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { staffAbsences, staffCapacity, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';

/**
 * Open cases weigh by priority when balancing work: an urgent case counts as four low ones. The
 * database keeps each person's open cases and load (staff_workload, trigger cases_track_workload,
 * migration 0006) with these weights and OPEN_STATUSES; a test checks they agree.
 */
export const PRIORITY_WEIGHT: Record<string, number> = { low: 1, normal: 2, high: 3, urgent: 4 };

export interface Candidate {
  userId: string;
  openCases: number;
  load: number;
  capacity: number | null;
}

export function createRoutingService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** Technicians of the department who are active and not absent on `localDay`, with their load. */
  async function candidates(tx: Tx, tenantId: string, departmentId: string, localDay: string, only?: string): Promise<Candidate[]> {
    const result = await tx.execute(sql`
      SELECT user_id, capacity, open_cases, load FROM civicline_routing_candidates(${tenantId}::uuid, ${departmentId}::uuid, ${localDay}::date)
      ${only ? sql`WHERE user_id = ${only}::uuid` : sql``}`);
    return (result as unknown as { rows: { user_id: string; capacity: number | null; open_cases: number; load: number }[] }).rows.map((r) => ({
      userId: r.user_id,
      capacity: r.capacity === null ? null : Number(r.capacity),
      openCases: Number(r.open_cases),
      load: Number(r.load),
    }));
  }

  /**
   * Chooses who gets a new case, inside the registering transaction (civicline_choose_assignee,
   * migration 0006): among the candidates below capacity, `fixed` gives it to that person,
   * `round_robin` to the next one by id after the category's last, `least_loaded` to the smallest
   * weighted load, then the fewest open cases, then the smallest id. Routing for one department
   * is serialised (a lock held to the end of the transaction) so that concurrent registrations
   * see each other's assignments. A registration routes inside civicline_register_cases; this is
   * for a case that moves to another department.
   */
  async function chooseAssignee(
    tx: Tx,
    tenantId: string,
    input: { categoryId: string; departmentId: string; routing: RoutingPolicy; localDay: string },
  ): Promise<string | null> {
    if (input.routing.strategy === 'manual') return null;
    const result = await tx.execute(sql`
      SELECT civicline_choose_assignee(${tenantId}::uuid, ${input.departmentId}::uuid, ${input.categoryId}::uuid,
                                       ${input.routing.strategy}, ${input.routing.fixedUserId ?? null}::uuid, ${input.localDay}::date) AS chosen`);
    return (result as unknown as { rows: { chosen: string | null }[] }).rows[0]?.chosen ?? null;
  }

  /**
   * Whether a person may be given a case of this department today (manual assignment): an active
   * technician of it, not absent, and below their capacity (`holdsCase`: the case is already theirs
   * and counted among their open cases).
   */
  async function isAssignable(tx: Tx, tenantId: string, departmentId: string, userId: string, localDay: string, holdsCase = false): Promise<boolean> {
    const [c] = await candidates(tx, tenantId, departmentId, localDay, userId);
    if (!c) return false;
    return c.capacity === null || c.openCases - (holdsCase ? 1 : 0) < c.capacity;
  }

  async function assertUser(tx: Tx | Db, tenantId: string, userId: string): Promise<void> {
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    if (!u) throw notFound('User');
  }

  async function getWorkload(ctx: RequestContext, userId: string) {
    await assertUser(db, ctx.tenantId, userId);
    const [cap] = await db.select().from(staffCapacity).where(and(eq(staffCapacity.tenantId, ctx.tenantId), eq(staffCapacity.userId, userId)));
    const absences = await db
      .select()
      .from(staffAbsences)
      .where(and(eq(staffAbsences.tenantId, ctx.tenantId), eq(staffAbsences.userId, userId)))
      .orderBy(asc(staffAbsences.fromDay));
    return {
      capacity: cap?.capacity ?? null,
      absences: absences.map((a) => ({ id: a.id, fromDay: a.fromDay, toDay: a.toDay, reason: a.reason })),
    };
  }

  async function setCapacity(ctx: RequestContext, userId: string, capacity: number | null) {
    await db.transaction(async (tx) => {
      await assertUser(tx, ctx.tenantId, userId);
      await tx.delete(staffCapacity).where(and(eq(staffCapacity.tenantId, ctx.tenantId), eq(staffCapacity.userId, userId)));
      if (capacity !== null) await tx.insert(staffCapacity).values({ tenantId: ctx.tenantId, userId, capacity });
      await audit.record(tx, ctx, { action: 'staff.capacity_set', subjectType: 'user', subjectId: userId, details: { capacity } });
    });
    return getWorkload(ctx, userId);
  }

  async function addAbsence(ctx: RequestContext, userId: string, a: { fromDay: string; toDay: string; reason?: string | undefined }) {
    if (a.toDay < a.fromDay) {
      throw new AppError('request.validation_failed', 'The absence ends before it starts', { errors: [{ path: 'toDay', message: 'Before fromDay' }] });
    }
    await db.transaction(async (tx) => {
      await assertUser(tx, ctx.tenantId, userId);
      const [row] = await tx.insert(staffAbsences).values({ tenantId: ctx.tenantId, userId, fromDay: a.fromDay, toDay: a.toDay, reason: a.reason ?? null }).returning();
      await audit.record(tx, ctx, { action: 'staff.absence_added', subjectType: 'user', subjectId: userId, details: { absenceId: row!.id, fromDay: a.fromDay, toDay: a.toDay } });
    });
    return getWorkload(ctx, userId);
  }

  async function removeAbsence(ctx: RequestContext, userId: string, absenceId: string) {
    await db.transaction(async (tx) => {
      const gone = await tx
        .delete(staffAbsences)
        .where(and(eq(staffAbsences.tenantId, ctx.tenantId), eq(staffAbsences.userId, userId), eq(staffAbsences.id, absenceId)))
        .returning({ id: staffAbsences.id });
      if (gone.length === 0) throw notFound('Absence');
      await audit.record(tx, ctx, { action: 'staff.absence_removed', subjectType: 'user', subjectId: userId, details: { absenceId } });
    });
    return getWorkload(ctx, userId);
  }

  return { chooseAssignee, isAssignable, getWorkload, setCapacity, addAbsence, removeAbsence };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
