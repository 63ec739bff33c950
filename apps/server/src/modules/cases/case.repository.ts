import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { caseEvents, caseLinks, cases, caseSuspensions } from '../../platform/db/schema/index.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/**
 * Lower-case, without diacritics, Romanian cedilla letters unified, and only words of letters and
 * digits — for the full-text column. Punctuation goes too: PostgreSQL's parser would read the
 * `-000123` of `PET-2026-000123` as a negative number, and the number could not be found.
 */
export function searchableText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .replace(/[şŞ]/g, 'ș')
    .replace(/[ţŢ]/g, 'ț')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The only writer of case tables. Every query is tenant-scoped. */
export const caseRepository = {
  async byId(db: DbOrTx, tenantId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | undefined> {
    const q = db.select().from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
    const [row] = opts.forUpdate ? await q.for('update') : await q;
    return row;
  },

  async byNumber(db: DbOrTx, tenantId: string, registrationNumber: string): Promise<CaseRow | undefined> {
    const [row] = await db.select().from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.registrationNumber, registrationNumber)));
    return row;
  },

  async insert(db: DbOrTx, values: typeof cases.$inferInsert): Promise<CaseRow> {
    const [row] = await db.insert(cases).values(values).returning();
    return row!;
  },

  /** Optimistic update; undefined when the version moved on. */
  async update(db: DbOrTx, tenantId: string, id: string, version: number, patch: Partial<typeof cases.$inferInsert>): Promise<CaseRow | undefined> {
    const [row] = await db
      .update(cases)
      .set({ ...patch, version: sql`${cases.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id), eq(cases.version, version)))
      .returning();
    return row;
  },

  async addEvent(db: DbOrTx, values: Omit<typeof caseEvents.$inferInsert, 'seq'>): Promise<void> {
    await db.insert(caseEvents).values(values);
  },

  async timeline(db: DbOrTx, tenantId: string, caseId: string): Promise<CaseEventRow[]> {
    return db.select().from(caseEvents).where(and(eq(caseEvents.tenantId, tenantId), eq(caseEvents.caseId, caseId))).orderBy(asc(caseEvents.seq));
  },

  async suspensions(db: DbOrTx, tenantId: string, caseId: string): Promise<{ from: Date; to: Date | null }[]> {
    const rows = await db
      .select({ from: caseSuspensions.fromAt, to: caseSuspensions.toAt })
      .from(caseSuspensions)
      .where(and(eq(caseSuspensions.tenantId, tenantId), eq(caseSuspensions.caseId, caseId)))
      .orderBy(asc(caseSuspensions.fromAt));
    return rows;
  },

  async openSuspension(db: DbOrTx, values: { tenantId: string; caseId: string; reason: string; fromAt: Date }): Promise<void> {
    await db.insert(caseSuspensions).values(values);
  },

  async closeSuspension(db: DbOrTx, tenantId: string, caseId: string, toAt: Date): Promise<void> {
    await db
      .update(caseSuspensions)
      .set({ toAt })
      .where(and(eq(caseSuspensions.tenantId, tenantId), eq(caseSuspensions.caseId, caseId), isNull(caseSuspensions.toAt)));
  },

  async links(db: DbOrTx, tenantId: string, caseId: string) {
    return db
      .select({ linkedCaseId: caseLinks.linkedCaseId, kind: caseLinks.kind, registrationNumber: cases.registrationNumber })
      .from(caseLinks)
      .innerJoin(cases, eq(cases.id, caseLinks.linkedCaseId))
      .where(and(eq(caseLinks.tenantId, tenantId), eq(caseLinks.caseId, caseId)));
  },

  async addLink(db: DbOrTx, values: { tenantId: string; caseId: string; linkedCaseId: string; kind: string }): Promise<boolean> {
    const rows = await db.insert(caseLinks).values(values).onConflictDoNothing().returning({ kind: caseLinks.kind });
    return rows.length > 0;
  },
};
