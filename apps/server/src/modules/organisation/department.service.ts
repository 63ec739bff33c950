import type { Department, LocalizedText } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { departmentMemberships, departments } from '../../platform/db/schema/index.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';

type Row = typeof departments.$inferSelect;

export interface CreateDepartmentInput {
  parentId: string | null;
  code: string;
  name: LocalizedText;
  email: string | null;
}

export interface UpdateDepartmentInput {
  parentId?: string | null | undefined;
  name?: LocalizedText | undefined;
  email?: string | null | undefined;
  active?: boolean | undefined;
  version: number;
}

const present = (r: Row): Department => ({
  id: r.id,
  parentId: r.parentId,
  code: r.code,
  name: r.name,
  email: r.email,
  active: r.active,
  version: r.version,
});

/** Departments form a tree (a directorate holds services, a service holds offices). */
export function createDepartmentService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function byId(tx: Db | Tx, tenantId: string, id: string): Promise<Row | undefined> {
    const [row] = await tx.select().from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
    return row;
  }

  /** A department may not be moved under itself or one of its descendants. */
  async function assertValidParent(tx: Tx, tenantId: string, id: string | null, parentId: string | null): Promise<void> {
    if (parentId === null) return;
    const parentError = (message: string) =>
      new AppError(message.includes('own') ? 'department.cycle' : 'request.validation_failed', message, {
        errors: [{ path: 'parentId', message }],
      });
    let cursor: string | null = parentId;
    for (let depth = 0; cursor !== null; depth++) {
      if (cursor === id) throw parentError('A department cannot be placed under its own sub-department');
      const row = await byId(tx, tenantId, cursor);
      if (!row) throw parentError('No such parent department');
      if (depth > 64) throw parentError('The department tree is too deep');
      cursor = row.parentId;
    }
  }

  async function list(ctx: RequestContext): Promise<Department[]> {
    const rows = await db
      .select()
      .from(departments)
      .where(eq(departments.tenantId, ctx.tenantId))
      .orderBy(asc(departments.code));
    return rows.map(present);
  }

  async function get(ctx: RequestContext, id: string): Promise<Department> {
    const row = await byId(db, ctx.tenantId, id);
    if (!row) throw notFound('Department');
    return present(row);
  }

  async function create(ctx: RequestContext, input: CreateDepartmentInput): Promise<Department> {
    return db.transaction(async (tx) => {
      await assertValidParent(tx, ctx.tenantId, null, input.parentId);
      const [clash] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.tenantId, ctx.tenantId), eq(departments.code, input.code)));
      const duplicateCode = () =>
        new AppError('resource.conflict', 'A department with this code already exists', {
          errors: [{ path: 'code', message: 'Already in use' }],
        });
      if (clash) throw duplicateCode();
      let row: Row | undefined;
      try {
        [row] = await tx
          .insert(departments)
          .values({ tenantId: ctx.tenantId, ...input })
          .returning();
      } catch (error) {
        // A concurrent create with the same code got there between our check and our insert.
        throw isUniqueViolation(error, 'departments_tenant_code_uq') ? duplicateCode() : error;
      }
      await audit.record(tx, ctx, { action: 'department.created', subjectType: 'department', subjectId: row!.id, details: { code: input.code } });
      return present(row!);
    });
  }

  async function update(ctx: RequestContext, id: string, input: UpdateDepartmentInput): Promise<Department> {
    return db.transaction(async (tx) => {
      const current = await byId(tx, ctx.tenantId, id);
      if (!current) throw notFound('Department');
      if (input.parentId !== undefined) await assertValidParent(tx, ctx.tenantId, id, input.parentId);
      const { version, ...patch } = input;
      const [row] = await tx
        .update(departments)
        .set({ ...patch, version: sql`${departments.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(departments.tenantId, ctx.tenantId), eq(departments.id, id), eq(departments.version, version)))
        .returning();
      if (!row) throw staleVersion('Department');
      await audit.record(tx, ctx, { action: 'department.updated', subjectType: 'department', subjectId: id, details: { changes: patch } });
      return present(row);
    });
  }

  /** Only an empty department (no sub-departments, no members) can be deleted; otherwise deactivate it. */
  async function remove(ctx: RequestContext, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      if (!(await byId(tx, ctx.tenantId, id))) throw notFound('Department');
      const result = await tx.execute(sql`
        SELECT
          (SELECT count(*)::int FROM ${departments} WHERE tenant_id = ${ctx.tenantId} AND parent_id = ${id}) AS children,
          (SELECT count(*)::int FROM ${departmentMemberships} WHERE tenant_id = ${ctx.tenantId} AND department_id = ${id}) AS members
      `);
      const usage = (result as unknown as { rows: unknown[] }).rows[0] as { children: number; members: number } | undefined;
      if (usage && (usage.children > 0 || usage.members > 0)) {
        throw new AppError('resource.in_use', 'This department still has sub-departments or members; deactivate it instead', usage);
      }
      await tx.delete(departments).where(and(eq(departments.tenantId, ctx.tenantId), eq(departments.id, id)));
      await audit.record(tx, ctx, { action: 'department.deleted', subjectType: 'department', subjectId: id });
    });
  }

  return { list, get, create, update, remove };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
