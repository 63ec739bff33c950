import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { queryRaw, type Db, type DbOrTx } from '../../platform/db/client.ts';
import { caseEvents, caseLinks, cases, caseSuspensions } from '../../platform/db/schema/index.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/**
 * Lower-case, without diacritics, Romanian cedilla letters unified, and only words of letters and
 * digits — for the full-text column. Punctuation goes too: PostgreSQL's parser would read the
 * `-000123` of `PET-2026-000123` as a negative number, and the number could not be found.
 */
export function searchableText(...parts: (string | null | undefined)[]): string {
  return searchableWords(parts.filter(Boolean).join(' ')).trim();
}

/**
 * searchableText before the final trim. Every character maps on its own (digits stay digits), so
 * the words of `a + digits + b` are the words of `a`, the digits, then the words of `b`: a
 * registration number's words can be prepared before its sequence number is known.
 */
export function searchableWords(text: string): string {
  return text
    .replace(/[şŞ]/g, 'ș')
    .replace(/[ţŢ]/g, 'ț')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
}

export interface CaseLink {
  linkedCaseId: string;
  kind: string;
  registrationNumber: string | null;
}

/** A case's links as one JSON array, for reading a case and its links in one statement. */
const linksJson = sql<CaseLink[] | string>`COALESCE((
  SELECT json_agg(json_build_object('linkedCaseId', l.linked_case_id, 'kind', l.kind, 'registrationNumber', lc.registration_number) ORDER BY l.created_at, l.linked_case_id, l.kind)
  FROM ${caseLinks} l JOIN ${cases} lc ON lc.id = l.linked_case_id
  WHERE l.tenant_id = ${cases}.tenant_id AND l.case_id = ${cases}.id), '[]'::json)`;

const withLinks = { ...getTableColumns(cases), links: linksJson };

function splitLinks(r: CaseRow & { links: CaseLink[] | string }): { row: CaseRow; links: CaseLink[] } {
  const { links, ...row } = r;
  return { row, links: typeof links === 'string' ? (JSON.parse(links) as CaseLink[]) : links };
}

/** The reads of one case with its links, as prepared statements of one database (parsed and planned once per connection). */
function preparedReads(db: Db) {
  const byId = db
    .select(withLinks)
    .from(cases)
    .where(and(eq(cases.tenantId, sql.placeholder('tenantId')), eq(cases.id, sql.placeholder('id'))))
    .prepare('civicline_case_by_id');
  const byNumber = db
    .select(withLinks)
    .from(cases)
    .where(and(eq(cases.tenantId, sql.placeholder('tenantId')), eq(cases.registrationNumber, sql.placeholder('number'))))
    .prepare('civicline_case_by_number');
  return { byId, byNumber };
}

const prepared = new WeakMap<Db, ReturnType<typeof preparedReads>>();
function readsOf(db: Db) {
  let p = prepared.get(db);
  if (!p) prepared.set(db, (p = preparedReads(db)));
  return p;
}

/** The only writer of case tables. Every query is tenant-scoped. */
const INSERT_EVENTS_SQL = `
  INSERT INTO case_events (tenant_id, case_id, type, actor_type, actor_id, from_status, to_status, reason, comment, visibility, data, occurred_at)
  SELECT tenant_id, case_id, type, actor_type, actor_id, from_status, to_status, reason, comment, visibility, data, occurred_at
    FROM json_to_recordset($1::json) AS x(tenant_id uuid, case_id uuid, type text, actor_type text, actor_id text, from_status text, to_status text, reason text, comment text, visibility text, data jsonb, occurred_at timestamptz)`;

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

  /** A case and its links in one statement (outside a transaction). */
  async byIdWithLinks(db: Db, tenantId: string, id: string): Promise<{ row: CaseRow; links: CaseLink[] } | undefined> {
    const [r] = await readsOf(db).byId.execute({ tenantId, id });
    return r && splitLinks(r);
  },

  /** A case by its registration number and its links in one statement (outside a transaction). */
  async byNumberWithLinks(db: Db, tenantId: string, registrationNumber: string): Promise<{ row: CaseRow; links: CaseLink[] } | undefined> {
    const [r] = await readsOf(db).byNumber.execute({ tenantId, number: registrationNumber });
    return r && splitLinks(r);
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

  /** Many timeline rows in one statement with one parameter (a batch of notifications writes hundreds). */
  async addEvents(db: DbOrTx, values: Omit<typeof caseEvents.$inferInsert, 'seq' | 'id'>[]): Promise<void> {
    if (values.length === 0) return;
    const rows = values.map((v) => ({
      tenant_id: v.tenantId,
      case_id: v.caseId,
      type: v.type,
      actor_type: v.actorType,
      actor_id: v.actorId ?? null,
      from_status: v.fromStatus ?? null,
      to_status: v.toStatus ?? null,
      reason: v.reason ?? null,
      comment: v.comment ?? null,
      visibility: v.visibility ?? 'internal',
      data: v.data ?? {},
      occurred_at: v.occurredAt,
    }));
    await queryRaw(db, INSERT_EVENTS_SQL, [JSON.stringify(rows)]);
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
