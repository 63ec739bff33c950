import {
  type Category,
  type CreateCategoryRequest,
  type DeadlinePolicy,
  type FieldDefinition,
  type RoutingPolicy,
  type UpdateCategoryRequest,
} from '@civicline/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { rowCache } from '../../platform/db/row-cache.ts';
import { categories, departments, registers, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion, type FieldError } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';

type Row = typeof categories.$inferSelect;

/** A category as the rest of the domain uses it (typed JSON columns). */
export interface CategoryRecord extends Category {
  fields: FieldDefinition[];
  deadline: DeadlinePolicy;
  routing: RoutingPolicy;
}

export function presentCategory(r: Row): CategoryRecord {
  return {
    id: r.id,
    code: r.code,
    group: r.groupCode,
    name: r.name,
    description: r.description,
    fields: r.fields as FieldDefinition[],
    deadline: r.deadline as DeadlinePolicy,
    routing: r.routing as RoutingPolicy,
    departmentId: r.departmentId,
    registerId: r.registerId,
    sendSms: r.sendSms,
    instant: r.instant,
    sensitive: r.sensitive,
    disclosureLevel: r.disclosureLevel as Category['disclosureLevel'],
    allowAnonymous: r.allowAnonymous,
    active: r.active,
    version: r.version,
  };
}

export async function findCategory(db: DbOrTx, tenantId: string, id: string): Promise<CategoryRecord | undefined> {
  const [row] = await db.select().from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)));
  return row && presentCategory(row);
}

/**
 * Categories are read on every case request and change rarely. This node forgets one the moment
 * it updates it; another node of a cluster may use the previous version for up to this long.
 */
export const CATEGORY_CACHE_TTL_MS = 10_000;

const categoryCache = (db: Db) => rowCache<CategoryRecord>(db, 'categories', CATEGORY_CACHE_TTL_MS);

/**
 * The category, from this process's cache (see CATEGORY_CACHE_TTL_MS). `db` names the database
 * the cache belongs to; `via` runs the read on a miss (a transaction, when inside one). A caller
 * must treat the record as read-only: it is shared.
 */
export async function cachedCategory(db: Db, tenantId: string, id: string, via: DbOrTx = db): Promise<CategoryRecord | undefined> {
  return categoryCache(db).get(`${tenantId}:${id}`, () => findCategory(via, tenantId, id));
}

export function createCategoryService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** Every id a category refers to must belong to the same institution. */
  async function checkReferences(
    tx: Tx,
    tenantId: string,
    c: { departmentId?: string | undefined; registerId?: string | undefined; routing?: RoutingPolicy | undefined },
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (c.departmentId) {
      const [d] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, c.departmentId)));
      if (!d) errors.push({ path: 'departmentId', message: 'No such department' });
    }
    if (c.registerId) {
      const [r] = await tx.select({ id: registers.id }).from(registers).where(and(eq(registers.tenantId, tenantId), eq(registers.id, c.registerId)));
      if (!r) errors.push({ path: 'registerId', message: 'No such register' });
    }
    const people = [...(c.routing?.supervisorIds ?? []), ...(c.routing?.fixedUserId ? [c.routing.fixedUserId] : [])];
    if (people.length > 0) {
      const found = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.id, people)));
      c.routing?.supervisorIds.forEach((id, i) => {
        if (!found.some((f) => f.id === id)) errors.push({ path: `routing.supervisorIds.${i}`, message: 'No such user' });
      });
      if (c.routing?.fixedUserId && !found.some((f) => f.id === c.routing!.fixedUserId)) {
        errors.push({ path: 'routing.fixedUserId', message: 'No such user' });
      }
    }
    if (errors.length > 0) throw new AppError('request.validation_failed', 'Some references are not valid', { errors });
  }

  async function list(ctx: RequestContext, opts: { activeOnly?: boolean } = {}): Promise<CategoryRecord[]> {
    const rows = await db
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, ctx.tenantId), opts.activeOnly ? eq(categories.active, true) : undefined))
      .orderBy(asc(categories.groupCode), asc(categories.code));
    return rows.map(presentCategory);
  }

  async function get(ctx: RequestContext, id: string): Promise<CategoryRecord> {
    const c = await findCategory(db, ctx.tenantId, id);
    if (!c) throw notFound('Category');
    return c;
  }

  const codeTaken = () => new AppError('resource.conflict', 'A category with this code already exists', { errors: [{ path: 'code', message: 'Already in use' }] });

  async function create(ctx: RequestContext, input: z.infer<typeof CreateCategoryRequest>): Promise<CategoryRecord> {
    try {
      return await db.transaction(async (tx) => {
        await checkReferences(tx, ctx.tenantId, input);
        const [clash] = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, ctx.tenantId), eq(categories.code, input.code)));
        if (clash) throw codeTaken();
        const { group, ...rest } = input;
        const [row] = await tx.insert(categories).values({ tenantId: ctx.tenantId, groupCode: group, ...rest }).returning();
        await audit.record(tx, ctx, { action: 'category.created', subjectType: 'category', subjectId: row!.id, details: { code: input.code } });
        return presentCategory(row!);
      });
    } catch (err) {
      // Two creates of one code both pass the check above; the unique index refuses the second.
      if (isUniqueViolation(err, 'categories_tenant_code_uq')) throw codeTaken();
      throw err;
    }
  }

  async function update(ctx: RequestContext, id: string, input: z.infer<typeof UpdateCategoryRequest>): Promise<CategoryRecord> {
    try {
      return await updateWithin(ctx, id, input);
    } finally {
      // After the commit (or the failure): the next read here takes the row as it now is.
      categoryCache(db).invalidate(`${ctx.tenantId}:${id}`);
    }
  }

  async function updateWithin(ctx: RequestContext, id: string, input: z.infer<typeof UpdateCategoryRequest>): Promise<CategoryRecord> {
    return db.transaction(async (tx) => {
      const current = await findCategory(tx, ctx.tenantId, id);
      if (!current) throw notFound('Category');
      await checkReferences(tx, ctx.tenantId, input);
      const { version, group, ...rest } = input;
      const [row] = await tx
        .update(categories)
        .set({ ...rest, ...(group !== undefined ? { groupCode: group } : {}), version: sql`${categories.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(categories.tenantId, ctx.tenantId), eq(categories.id, id), eq(categories.version, version)))
        .returning();
      if (!row) throw staleVersion('Category');
      await audit.record(tx, ctx, { action: 'category.updated', subjectType: 'category', subjectId: id, details: { changed: Object.keys(input).filter((k) => k !== 'version') } });
      return presentCategory(row);
    });
  }

  return { list, get, create, update };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
