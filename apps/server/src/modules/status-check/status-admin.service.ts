import { and, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import type { Db } from '../../platform/db/client.ts';
import { auditEntries, citizens, statusConnectors, statusEntryPoints, statusFraudFlags } from '../../platform/db/schema/index.ts';
import { notFound, staleVersion, validationFailed } from '../../platform/errors.ts';
import type { AuditService } from '../audit/index.ts';
import type { AccessHistoryEntry, RecordKind, StatusLanguage } from './contract.ts';
import type { EntryPointResolver } from './entry-points.ts';
import { HttpConnectorSettings } from './sources/http-source.ts';
import type { SourceRegistry } from './sources/registry.ts';
import { SqlConnectorSettings } from './sources/sql-source.ts';

type EntryPointRow = typeof statusEntryPoints.$inferSelect;
type ConnectorRow = typeof statusConnectors.$inferSelect;

export interface EntryPointInput {
  channel: 'chat' | 'web';
  name: string;
  disclosableKinds: RecordKind[];
  defaultLanguage: StatusLanguage;
  active?: boolean;
}

export interface ConnectorInput {
  type: 'builtin' | 'http' | 'sql';
  settings: Record<string, unknown>;
  /** HTTP: the auth header's value; SQL: the connection string. Omitted: the stored one is kept. */
  secret?: string | null | undefined;
  timeoutMs: number;
  active: boolean;
}

export const presentEntryPoint = (r: EntryPointRow) => ({
  id: r.id,
  channel: r.channel as 'chat' | 'web',
  name: r.name,
  disclosableKinds: r.disclosableKinds as RecordKind[],
  defaultLanguage: r.defaultLanguage as StatusLanguage,
  active: r.active,
  version: r.version,
});

export const presentConnector = (r: ConnectorRow) => ({
  id: r.id,
  kind: r.kind as RecordKind,
  type: r.type as ConnectorInput['type'],
  settings: r.settings,
  hasSecret: r.secretCipher !== null,
  timeoutMs: r.timeoutMs,
  active: r.active,
  version: r.version,
});

/**
 * What staff configure and watch around the status check: chat/web entry points and what each
 * may disclose, the connector of each record kind, the fraud flags supervisors review, and the
 * history of checks on a citizen's data.
 */
export function createStatusAdminService(deps: { db: Db; clock: Clock; audit: AuditService; cipher: PersonalDataCipher; sources: SourceRegistry; entryPoints: () => EntryPointResolver }) {
  const { db, audit, clock, cipher } = deps;

  async function listEntryPoints(ctx: RequestContext) {
    return (await db.select().from(statusEntryPoints).where(eq(statusEntryPoints.tenantId, ctx.tenantId)).orderBy(statusEntryPoints.name)).map(presentEntryPoint);
  }

  async function createEntryPoint(ctx: RequestContext, input: EntryPointInput) {
    const out = await db.transaction(async (tx) => {
      const [row] = await tx.insert(statusEntryPoints).values({ tenantId: ctx.tenantId, ...input, active: input.active ?? true }).returning();
      await audit.record(tx, ctx, { action: 'status_entry_point.created', subjectType: 'status_entry_point', subjectId: row!.id, details: { channel: input.channel, kinds: input.disclosableKinds } });
      return presentEntryPoint(row!);
    });
    // The portal learns of a first chat entry point at once.
    deps.entryPoints().invalidate();
    return out;
  }

  async function updateEntryPoint(ctx: RequestContext, id: string, input: Partial<EntryPointInput> & { version: number }) {
    const { version, ...changes } = input;
    const out = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(statusEntryPoints)
        .set({ ...changes, version: version + 1, updatedAt: clock.now() })
        .where(and(eq(statusEntryPoints.tenantId, ctx.tenantId), eq(statusEntryPoints.id, id), eq(statusEntryPoints.version, version)))
        .returning();
      if (!row) {
        const [exists] = await tx.select({ id: statusEntryPoints.id }).from(statusEntryPoints).where(and(eq(statusEntryPoints.tenantId, ctx.tenantId), eq(statusEntryPoints.id, id)));
        throw exists ? staleVersion('Entry point') : notFound('Entry point');
      }
      await audit.record(tx, ctx, { action: 'status_entry_point.updated', subjectType: 'status_entry_point', subjectId: id, details: { changes: Object.keys(changes) } });
      return presentEntryPoint(row);
    });
    deps.entryPoints().invalidate();
    return out;
  }

  async function listConnectors(ctx: RequestContext) {
    return (await db.select().from(statusConnectors).where(eq(statusConnectors.tenantId, ctx.tenantId))).map(presentConnector);
  }

  function checkSettings(input: ConnectorInput) {
    if (input.type === 'builtin') return {};
    const parsed = (input.type === 'http' ? HttpConnectorSettings : SqlConnectorSettings).safeParse(input.settings);
    if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => ({ path: ['settings', ...i.path].join('.'), message: i.message })));
    return parsed.data as Record<string, unknown>;
  }

  /** Sets the connector of a record kind (there is one per kind and tenant). */
  async function putConnector(ctx: RequestContext, kind: RecordKind, input: ConnectorInput) {
    if (kind === 'case') throw validationFailed([{ path: 'kind', message: 'Cases are CivicLine’s own records; they need no connector' }]);
    const settings = checkSettings(input);
    if (input.type === 'sql' && !input.secret) {
      const [existing] = await db.select({ secret: statusConnectors.secretCipher }).from(statusConnectors).where(and(eq(statusConnectors.tenantId, ctx.tenantId), eq(statusConnectors.kind, kind)));
      if (!existing?.secret) throw validationFailed([{ path: 'secret', message: 'An SQL connector needs its connection string' }]);
    }
    const secret = input.secret === undefined ? undefined : input.secret === null ? null : cipher.encrypt(input.secret);
    const out = await db.transaction(async (tx) => {
      const values = { type: input.type, settings, timeoutMs: input.timeoutMs, active: input.active, ...(secret !== undefined ? { secretCipher: secret } : {}) };
      const [row] = await tx
        .insert(statusConnectors)
        .values({ tenantId: ctx.tenantId, kind, ...values })
        .onConflictDoUpdate({ target: [statusConnectors.tenantId, statusConnectors.kind], set: { ...values, version: sqlIncrement(), updatedAt: clock.now() } })
        .returning();
      await audit.record(tx, ctx, { action: 'status_connector.set', subjectType: 'status_connector', subjectId: row!.id, details: { kind, type: input.type, secretChanged: secret !== undefined } });
      return presentConnector(row!);
    });
    deps.sources.invalidate(ctx.tenantId, kind);
    return out;
  }

  async function listFraudFlags(ctx: RequestContext, opts: { open?: boolean } = {}) {
    const where = [eq(statusFraudFlags.tenantId, ctx.tenantId)];
    if (opts.open) where.push(isNull(statusFraudFlags.reviewedAt));
    const rows = await db.select().from(statusFraudFlags).where(and(...where)).orderBy(desc(statusFraudFlags.flaggedAt)).limit(200);
    return rows.map((r) => ({
      id: r.id,
      caller: r.callerMask,
      channel: r.channel,
      entryPointId: r.entryPointId,
      identifiers: r.identifiers,
      flaggedAt: r.flaggedAt!.toISOString(),
      blockedUntil: r.blockedUntil!.toISOString(),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
    }));
  }

  /** A supervisor looked at a flag; `release` lifts the block at once (a false alarm). */
  async function reviewFraudFlag(ctx: RequestContext, id: string, input: { release: boolean }) {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const [row] = await tx
        .update(statusFraudFlags)
        .set({ reviewedAt: now, reviewedBy: ctx.actor.id, ...(input.release ? { blockedUntil: now } : {}) })
        .where(and(eq(statusFraudFlags.tenantId, ctx.tenantId), eq(statusFraudFlags.id, id)))
        .returning();
      if (!row) throw notFound('Fraud flag');
      await audit.record(tx, ctx, { action: 'status_fraud_flag.reviewed', subjectType: 'status_fraud_flag', subjectId: id, details: { release: input.release } });
      return { id: row.id, reviewedAt: now.toISOString(), blockedUntil: row.blockedUntil!.toISOString() };
    });
  }

  /**
   * Who checked a citizen's data, when and through what channel — for the citizen (the GDPR
   * right of access) and for staff; the reading is itself audited.
   */
  async function accessHistory(ctx: RequestContext, citizenId: string, opts: { limit?: number } = {}): Promise<AccessHistoryEntry[]> {
    // Another institution's citizen does not exist here: no history, and no audit entry naming them.
    const [citizen] = await db.select({ id: citizens.id }).from(citizens).where(and(eq(citizens.tenantId, ctx.tenantId), eq(citizens.id, citizenId)));
    if (!citizen) throw notFound('Citizen');
    const rows = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.tenantId, ctx.tenantId), eq(auditEntries.subjectType, 'citizen'), eq(auditEntries.subjectId, citizenId), like(auditEntries.action, 'status\\_check.%')))
      .orderBy(desc(auditEntries.seq))
      .limit(Math.min(opts.limit ?? 100, 500));
    await audit.recordAccess(ctx, { action: 'status_check.history_read', subjectType: 'citizen', subjectId: citizenId, purpose: 'data_subject_access', details: { entries: rows.length } });
    return rows.map((r) => {
      const d = r.details ?? {};
      return {
        at: r.occurredAt!.toISOString(),
        action: r.action,
        channel: r.channel,
        actorType: r.actorType,
        kind: (d.kind as RecordKind | undefined) ?? null,
        reference: (d.reference as string | undefined) ?? null,
        outcome: String(d.outcome ?? ''),
      };
    });
  }

  return { listEntryPoints, createEntryPoint, updateEntryPoint, listConnectors, putConnector, listFraudFlags, reviewFraudFlag, accessHistory };
}

export type StatusAdminService = ReturnType<typeof createStatusAdminService>;

const sqlIncrement = () => sql`${statusConnectors.version} + 1`;
