import type { RoutingPolicy } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { departmentMemberships, routingCursors, staffAbsences, staffCapacity, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { OPEN_STATUSES } from '../cases/case.lifecycle.ts';

/** Open cases weigh by priority when balancing work: an urgent case counts as four low ones. */
export const PRIORITY_WEIGHT: Record<string, number> = { low: 1, normal: 2, high: 3, urgent: 4 };

export interface Candidate {
  userId: string;
  openCases: number;
  load: number;
  capacity: number | null;
}

/**
 * Picks from candidates by strategy. Pure: the service gathers the candidates.
 * least_loaded: the smallest weighted load, then the fewest open cases, then a stable order.
 * round_robin: the next one after the last person chosen for this category.
 */
export function pickAssignee(strategy: RoutingPolicy['strategy'], candidates: Candidate[], lastUserId: string | null, fixedUserId?: string): string | null {
  const eligible = candidates.filter((c) => c.capacity === null || c.openCases < c.capacity).sort((a, b) => (a.userId < b.userId ? -1 : 1));
  if (eligible.length === 0) return null;
  switch (strategy) {
    case 'manual':
      return null;
    case 'fixed':
      return eligible.find((c) => c.userId === fixedUserId)?.userId ?? null;
    case 'round_robin': {
      const next = eligible.find((c) => lastUserId !== null && c.userId > lastUserId);
      return (next ?? eligible[0]!).userId;
    }
    case 'least_loaded': {
      const best = [...eligible].sort((a, b) => a.load - b.load || a.openCases - b.openCases || (a.userId < b.userId ? -1 : 1));
      return best[0]!.userId;
    }
  }
}

export function createRoutingService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** Technicians of the department who are active and not absent on `localDay`, with their load. */
  async function candidates(tx: Tx, tenantId: string, departmentId: string, localDay: string, only?: string): Promise<Candidate[]> {
    const open = sql.join(OPEN_STATUSES.map((s) => sql`${s}`), sql`, `);
    const result = await tx.execute(sql`
      SELECT u.id AS user_id,
             cap.capacity,
             COALESCE(w.open_cases, 0)::int AS open_cases,
             COALESCE(w.load, 0)::int AS load
      FROM ${users} u
      JOIN ${departmentMemberships} m ON m.user_id = u.id AND m.tenant_id = u.tenant_id AND m.department_id = ${departmentId}
      LEFT JOIN ${staffCapacity} cap ON cap.user_id = u.id AND cap.tenant_id = u.tenant_id
      LEFT JOIN LATERAL (
        SELECT count(*) AS open_cases,
               sum(CASE c.priority WHEN 'low' THEN 1 WHEN 'high' THEN 3 WHEN 'urgent' THEN 4 ELSE 2 END) AS load
        FROM cases c WHERE c.tenant_id = u.tenant_id AND c.assignee_id = u.id AND c.status IN (${open})
      ) w ON true
      WHERE u.tenant_id = ${tenantId} AND u.active AND 'technician' = ANY(u.roles)
        ${only ? sql`AND u.id = ${only}` : sql``}
        AND NOT EXISTS (
          SELECT 1 FROM ${staffAbsences} a
          WHERE a.tenant_id = u.tenant_id AND a.user_id = u.id AND a.from_day <= ${localDay} AND a.to_day >= ${localDay}
        )`);
    return (result as unknown as { rows: { user_id: string; capacity: number | null; open_cases: number; load: number }[] }).rows.map((r) => ({
      userId: r.user_id,
      capacity: r.capacity === null ? null : Number(r.capacity),
      openCases: Number(r.open_cases),
      load: Number(r.load),
    }));
  }

  /**
   * Chooses who gets a new case, inside the registering transaction. Routing for one department
   * is serialised so that concurrent registrations see each other's assignments.
   */
  async function chooseAssignee(
    tx: Tx,
    tenantId: string,
    input: { categoryId: string; departmentId: string; routing: RoutingPolicy; localDay: string },
  ): Promise<string | null> {
    if (input.routing.strategy === 'manual') return null;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`routing:${tenantId}:${input.departmentId}`}, 0))`);
    const list = await candidates(tx, tenantId, input.departmentId, input.localDay);
    const [cursor] = await tx
      .select({ lastUserId: routingCursors.lastUserId })
      .from(routingCursors)
      .where(and(eq(routingCursors.tenantId, tenantId), eq(routingCursors.categoryId, input.categoryId)));
    const chosen = pickAssignee(input.routing.strategy, list, cursor?.lastUserId ?? null, input.routing.fixedUserId);
    if (chosen && input.routing.strategy === 'round_robin') {
      await tx
        .insert(routingCursors)
        .values({ tenantId, categoryId: input.categoryId, lastUserId: chosen })
        .onConflictDoUpdate({ target: [routingCursors.tenantId, routingCursors.categoryId], set: { lastUserId: chosen } });
    }
    return chosen;
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
