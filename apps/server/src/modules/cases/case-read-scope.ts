import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import { cases, categories } from '../../platform/db/schema/index.ts';
import { readsAllCases, type ActorView } from './case.lifecycle.ts';

export function actorViewOf(ctx: RequestContext): ActorView {
  return { userId: ctx.actor.id, roles: ctx.actor.roles, departmentIds: ctx.actor.departmentIds, system: ctx.actor.type === 'system' };
}

/** The case's category names this user among its supervisors. */
export function supervisesCategoryOf(userId: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${categories} cat WHERE cat.id = ${cases.categoryId} AND cat.routing->'supervisorIds' ? ${userId})`;
}

/**
 * `canRead` as a condition on the `cases` table, for lists and for what hangs on cases (their
 * messages): undefined when the actor reads every case; otherwise their departments' cases, those
 * assigned to them and those of categories they supervise.
 */
export function readableCasesCondition(ctx: RequestContext): SQL | undefined {
  const a = actorViewOf(ctx);
  if (readsAllCases(a)) return undefined;
  return (
    or(
      a.departmentIds.length > 0 ? inArray(cases.departmentId, [...a.departmentIds]) : undefined,
      a.userId ? eq(cases.assigneeId, a.userId) : undefined,
      a.userId ? supervisesCategoryOf(a.userId) : undefined,
    ) ?? sql`false`
  );
}
