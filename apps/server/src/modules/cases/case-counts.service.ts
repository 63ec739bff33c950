import type { CaseCounts, CaseCountsQuery } from '@civicline/contracts';
import { and, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { cases } from '../../platform/db/schema/index.ts';
import { OPEN_STATUSES } from './case.lifecycle.ts';
import { actorViewOf, readableCasesCondition, supervisesCategoryOf } from './case-read-scope.ts';

const RUNNING = OPEN_STATUSES.filter((s) => s !== 'suspended');

/**
 * The inbox queues counted in one query. Each count uses the same conditions as the case list
 * with the matching filters (GET /cases?assigneeId=me&status=…), so a queue's number is the
 * number of rows the list shows for it.
 */
export function createCaseCountsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function counts(ctx: RequestContext, q: z.infer<typeof CaseCountsQuery>): Promise<CaseCounts> {
    const now = clock.now();
    const a = actorViewOf(ctx);
    const me = a.userId;
    // Who sees which case: the same rule as the case list.
    const where: (SQL | undefined)[] = [eq(cases.tenantId, ctx.tenantId), inArray(cases.status, [...OPEN_STATUSES]), readableCasesCondition(ctx)];
    const soon = new Date(now.getTime() + q.dueSoonHours * 3_600_000);
    const running = inArray(cases.status, RUNNING);
    const isSupervisor = a.roles.includes('supervisor');
    const approvable = isSupervisor
      ? or(a.departmentIds.length > 0 ? inArray(cases.departmentId, [...a.departmentIds]) : undefined, me ? supervisesCategoryOf(me) : undefined) ?? sql`false`
      : a.roles.includes('admin')
        ? sql`true`
        : sql`false`;
    const count = (cond: SQL | undefined) => sql<number>`count(*) FILTER (WHERE ${cond ?? sql`true`})::int`;
    const deptColumns = Object.fromEntries(a.departmentIds.map((d, i) => [`d${i}`, count(eq(cases.departmentId, d))]));
    const [row] = await db
      .select({
        open: count(undefined),
        mine: count(me ? eq(cases.assigneeId, me) : sql`false`),
        unassigned: count(sql`${cases.assigneeId} IS NULL`),
        dueSoon: count(and(running, sql`${cases.dueAt} >= ${now}`, sql`${cases.dueAt} < ${soon}`)),
        overdue: count(and(running, sql`${cases.dueAt} < ${now}`)),
        awaitingApproval: count(and(eq(cases.status, 'resolution_proposed'), approvable)),
        ...deptColumns,
      })
      .from(cases)
      .where(and(...where));
    const r = (row ?? {}) as Record<string, number>;
    const byAssignee: Record<string, number> = {};
    if (q.departmentId) {
      const rows = await db
        .select({ assigneeId: cases.assigneeId, n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(...where, eq(cases.departmentId, q.departmentId), isNotNull(cases.assigneeId)))
        .groupBy(cases.assigneeId);
      for (const x of rows) if (x.assigneeId) byAssignee[x.assigneeId] = Number(x.n);
    }
    return {
      mine: Number(r.mine ?? 0),
      departments: Object.fromEntries(a.departmentIds.map((d, i) => [d, Number(r[`d${i}`] ?? 0)])),
      unassigned: Number(r.unassigned ?? 0),
      dueSoon: Number(r.dueSoon ?? 0),
      overdue: Number(r.overdue ?? 0),
      awaitingApproval: Number(r.awaitingApproval ?? 0),
      open: Number(r.open ?? 0),
      byAssignee,
      at: now.toISOString(),
    };
  }

  return { counts };
}

export type CaseCountsService = ReturnType<typeof createCaseCountsService>;
