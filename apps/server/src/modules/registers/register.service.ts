import type { LocalizedText } from '@civicline/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { registers } from '../../platform/db/schema/index.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import { rowCache } from '../../platform/db/row-cache.ts';
import { numberTemplate, type NumberTemplate } from './registration-number.ts';

type Row = typeof registers.$inferSelect;

export const REGISTER_CACHE_TTL_MS = 10_000;

const present = (r: Row) => ({ id: r.id, code: r.code, name: r.name, format: r.format, yearly: r.yearly, active: r.active, version: r.version });
export type RegisterDto = ReturnType<typeof present>;

export function createRegisterService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function byId(tx: Db | Tx, tenantId: string, id: string): Promise<Row | undefined> {
    const [row] = await tx.select().from(registers).where(and(eq(registers.tenantId, tenantId), eq(registers.id, id)));
    return row;
  }

  /**
   * Registers are read on every registration and change rarely. This node forgets one the moment
   * it updates it; another node of a cluster may number with the previous format for up to this long.
   */
  const cache = rowCache<Row>(db, 'registers', REGISTER_CACHE_TTL_MS);
  const formatCache = rowCache<{ format: string; code: string }[]>(db, 'register-formats', REGISTER_CACHE_TTL_MS);

  /**
   * Every register's format and code, to recognise registration numbers quoted in messages. `via`
   * reads them on a miss (the caller's transaction, when inside one: the embedded database has one
   * connection, which that transaction holds).
   */
  async function formats(tenantId: string, via: Db | Tx = db): Promise<{ format: string; code: string }[]> {
    return (await formatCache.get(tenantId, () => via.select({ format: registers.format, code: registers.code }).from(registers).where(eq(registers.tenantId, tenantId)))) ?? [];
  }

  /**
   * How a register numbers a case registered in `year` (the tenant's local year): its counter
   * (per year, or one for ever) and the format rendered with holes for the sequence number. The
   * number itself is taken by civicline_register_cases (migration 0006) in the registering
   * transaction, under the counter row's lock: numbers are gapless, and a rolled-back
   * registration never consumed one. `via` reads a register not in the cache (a transaction, when inside one).
   */
  async function numbering(tenantId: string, registerId: string, year: number, via: Db | Tx = db): Promise<{ registerId: string; counterYear: number; template: NumberTemplate }> {
    const register = await cache.get(`${tenantId}:${registerId}`, () => byId(via, tenantId, registerId));
    if (!register) throw notFound('Register');
    return { registerId, counterYear: register.yearly ? year : 0, template: numberTemplate(register.format, { year, register: register.code }) };
  }

  async function list(ctx: RequestContext) {
    const rows = await db.select().from(registers).where(eq(registers.tenantId, ctx.tenantId)).orderBy(asc(registers.code));
    return rows.map(present);
  }

  async function get(ctx: RequestContext, id: string) {
    const row = await byId(db, ctx.tenantId, id);
    if (!row) throw notFound('Register');
    return present(row);
  }

  async function create(ctx: RequestContext, input: { code: string; name: LocalizedText; format: string; yearly: boolean }) {
    try {
      return await createWithin(ctx, input);
    } finally {
      formatCache.invalidate(ctx.tenantId);
    }
  }

  async function createWithin(ctx: RequestContext, input: { code: string; name: LocalizedText; format: string; yearly: boolean }) {
    return db.transaction(async (tx) => {
      const sameFormat = await tx.select({ code: registers.code }).from(registers).where(and(eq(registers.tenantId, ctx.tenantId), eq(registers.format, input.format)));
      if (sameFormat.length > 0) {
        // Two registers rendering the same numbers would collide on the case's unique number.
        throw new AppError('resource.conflict', `Register ${sameFormat[0]!.code} already uses this format; give each register a format of its own`, { errors: [{ path: 'format', message: 'Already used' }] });
      }
      const [clash] = await tx.select({ id: registers.id }).from(registers).where(and(eq(registers.tenantId, ctx.tenantId), eq(registers.code, input.code)));
      if (clash) throw new AppError('resource.conflict', 'A register with this code already exists', { errors: [{ path: 'code', message: 'Already in use' }] });
      const [row] = await tx
        .insert(registers)
        .values({ tenantId: ctx.tenantId, ...input })
        .returning()
        .catch((err: unknown) => {
          if (isUniqueViolation(err, 'registers_tenant_code_uq')) throw new AppError('resource.conflict', 'A register with this code already exists', { errors: [{ path: 'code', message: 'Already in use' }] });
          throw err;
        });
      await audit.record(tx, ctx, { action: 'register.created', subjectType: 'register', subjectId: row!.id, details: { code: input.code, format: input.format } });
      return present(row!);
    });
  }

  async function update(ctx: RequestContext, id: string, input: { name?: LocalizedText | undefined; format?: string | undefined; active?: boolean | undefined; version: number }) {
    try {
      return await updateWithin(ctx, id, input);
    } finally {
      cache.invalidate(`${ctx.tenantId}:${id}`);
      formatCache.invalidate(ctx.tenantId);
    }
  }

  async function updateWithin(ctx: RequestContext, id: string, input: { name?: LocalizedText | undefined; format?: string | undefined; active?: boolean | undefined; version: number }) {
    return db.transaction(async (tx) => {
      if (!(await byId(tx, ctx.tenantId, id))) throw notFound('Register');
      const { version, ...patch } = input;
      const [row] = await tx
        .update(registers)
        .set({ ...patch, version: sql`${registers.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(registers.tenantId, ctx.tenantId), eq(registers.id, id), eq(registers.version, version)))
        .returning();
      if (!row) throw staleVersion('Register');
      await audit.record(tx, ctx, { action: 'register.updated', subjectType: 'register', subjectId: id, details: { changes: patch } });
      return present(row);
    });
  }

  return { numbering, formats, list, get, create, update };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
