import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { departmentMemberships, tenants, users } from '../../platform/db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;

/** The only writer of users and their department memberships. Every query is tenant-scoped. */
export const userRepository = {
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    return row;
  },

  /** Login candidates: the same e-mail may exist in several institutions. */
  async byEmail(db: DbOrTx, email: string, tenantSlug?: string) {
    return db
      .select({ user: users, tenantSlug: tenants.slug })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(
        and(
          sql`lower(${users.email}) = ${email.toLowerCase()}`,
          tenantSlug ? eq(tenants.slug, tenantSlug) : undefined,
        ),
      );
  },

  async emailTaken(db: DbOrTx, tenantId: string, email: string): Promise<boolean> {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = ${email.toLowerCase()}`));
    return rows.length > 0;
  },

  async list(db: DbOrTx, tenantId: string): Promise<UserRow[]> {
    return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.displayName));
  },

  async departmentIds(db: DbOrTx, tenantId: string, userIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return map;
    const rows = await db
      .select({ userId: departmentMemberships.userId, departmentId: departmentMemberships.departmentId })
      .from(departmentMemberships)
      .where(and(eq(departmentMemberships.tenantId, tenantId), inArray(departmentMemberships.userId, userIds)));
    for (const r of rows) map.get(r.userId)?.push(r.departmentId);
    return map;
  },

  async insert(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await db.insert(users).values(values).returning();
    return row!;
  },

  /** Optimistic update: returns undefined when the version no longer matches. */
  async update(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number | null,
    patch: Partial<typeof users.$inferInsert>,
  ): Promise<UserRow | undefined> {
    const [row] = await db
      .update(users)
      .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(eq(users.tenantId, tenantId), eq(users.id, id), version === null ? undefined : eq(users.version, version)),
      )
      .returning();
    return row;
  },

  /** Login bookkeeping does not bump the version: it is not an edit of the account. */
  async recordLoginOutcome(
    db: DbOrTx,
    tenantId: string,
    id: string,
    patch: Pick<Partial<typeof users.$inferInsert>, 'failedLoginCount' | 'lockedUntil' | 'lastLoginAt'>,
  ): Promise<void> {
    await db.update(users).set(patch).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  },

  async setDepartments(db: DbOrTx, tenantId: string, userId: string, departmentIds: string[]): Promise<void> {
    await db
      .delete(departmentMemberships)
      .where(and(eq(departmentMemberships.tenantId, tenantId), eq(departmentMemberships.userId, userId)));
    if (departmentIds.length > 0) {
      await db
        .insert(departmentMemberships)
        .values(departmentIds.map((departmentId) => ({ tenantId, userId, departmentId })));
    }
  },

  /**
   * Locks the tenant's active admins (FOR UPDATE) while counting them, so two transactions that
   * each remove a different admin cannot both see "2" and leave none: the second waits for the
   * first, then re-reads the rows and no longer counts the one that was removed.
   */
  async countActiveAdmins(db: DbOrTx, tenantId: string): Promise<number> {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.active, true), sql`'admin' = ANY(${users.roles})`))
      .for('update');
    return rows.length;
  },
};
