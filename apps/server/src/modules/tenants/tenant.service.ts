import { CreateTenantRequest, type Tenant, type UpdateTenantRequest } from '@civicline/contracts';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { systemContext, type RequestContext } from '../../platform/auth/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { rowCache } from '../../platform/db/row-cache.ts';
import { citizens, suspensionReasons, tenants } from '../../platform/db/schema/index.ts';
import { DEFAULT_SUSPENSION_REASONS } from '../sla/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';

type Row = typeof tenants.$inferSelect;

const present = (r: Row): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  country: r.country,
  timeZone: r.timeZone,
  defaultLanguage: r.defaultLanguage as Tenant['defaultLanguage'],
  nationalIdScheme: r.nationalIdScheme as Tenant['nationalIdScheme'],
});

/** Another node of a cluster may show an institution's previous name or time zone for this long. */
const TENANT_CACHE_TTL_MS = 10_000;

export function createTenantService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  const cache = rowCache<Tenant>(db, 'tenants', TENANT_CACHE_TTL_MS);

  /**
   * An institution as channels need it on every message (name, time zone, slug, language), cached.
   * `via` reads it on a miss (the caller's transaction, when inside one).
   */
  async function byId(tenantId: string, via: Db | Tx = db): Promise<Tenant | undefined> {
    return cache.get(tenantId, async () => {
      const [row] = await via.select().from(tenants).where(eq(tenants.id, tenantId));
      return row && present(row);
    });
  }

  /** Creating an institution is an operator's task (CLI, seed), not an HTTP one. */
  async function create(input: z.input<typeof CreateTenantRequest>): Promise<Tenant> {
    const data = CreateTenantRequest.parse(input);
    return db.transaction(async (tx) => {
      const [clash] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, data.slug));
      if (clash) throw new AppError('tenant.slug_taken', `An institution with the slug "${data.slug}" already exists`);
      const [row] = await tx.insert(tenants).values(data).returning();
      await tx.insert(suspensionReasons).values(DEFAULT_SUSPENSION_REASONS.map((r) => ({ tenantId: row!.id, ...r })));
      await audit.record(tx, systemContext(row!.id), { action: 'tenant.created', subjectType: 'tenant', subjectId: row!.id, details: { slug: data.slug } });
      return present(row!);
    });
  }

  async function get(ctx: RequestContext): Promise<Tenant> {
    const [row] = await db.select().from(tenants).where(eq(tenants.id, ctx.tenantId));
    if (!row) throw notFound('Institution');
    return present(row);
  }

  async function bySlug(slug: string): Promise<Tenant | undefined> {
    const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug));
    return row && present(row);
  }

  async function listAll(): Promise<Tenant[]> {
    return (await db.select().from(tenants).orderBy(tenants.slug)).map(present);
  }

  async function update(ctx: RequestContext, input: z.infer<typeof UpdateTenantRequest>): Promise<Tenant> {
    try {
      return await updateWithin(ctx, input);
    } finally {
      cache.invalidate(ctx.tenantId);
    }
  }

  async function updateWithin(ctx: RequestContext, input: z.infer<typeof UpdateTenantRequest>): Promise<Tenant> {
    return db.transaction(async (tx) => {
      const [current] = await tx.select({ scheme: tenants.nationalIdScheme }).from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
      if (!current) throw notFound('Institution');
      if (input.nationalIdScheme !== undefined && input.nationalIdScheme !== current.scheme) {
        // Identifiers on file are blind-indexed and validated under the current scheme; under another
        // one they could never be found again, and new ones could duplicate them unnoticed.
        const [held] = await tx.select({ id: citizens.id }).from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), isNotNull(citizens.nationalIdIndex))).limit(1);
        if (held) {
          throw new AppError('resource.in_use', 'Citizens are registered with identifiers of the current scheme; it cannot be changed', {
            errors: [{ path: 'nationalIdScheme', message: 'Identifiers of the current scheme are on file' }],
          });
        }
      }
      const [row] = await tx
        .update(tenants)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(tenants.id, ctx.tenantId))
        .returning();
      if (!row) throw notFound('Institution');
      await audit.record(tx, ctx, { action: 'tenant.updated', subjectType: 'tenant', subjectId: ctx.tenantId, details: { changes: input } });
      return present(row);
    });
  }

  return { create, get, byId, bySlug, listAll, update };
}

export type TenantService = ReturnType<typeof createTenantService>;
