import CircuitBreaker from 'opossum';
import { and, eq } from 'drizzle-orm';
import type { PersonalDataCipher } from '../../../platform/crypto/personal-data.ts';
import type { Db } from '../../../platform/db/client.ts';
import { createRowCache } from '../../../platform/db/row-cache.ts';
import { statusConnectors } from '../../../platform/db/schema/index.ts';
import type { RecordKind } from '../contract.ts';
import type { SourceRecord } from '../records.ts';
import { createCaseSource } from './case-source.ts';
import { createHttpSource, HttpConnectorSettings } from './http-source.ts';
import type { Lookup, RecordSource } from './source.ts';
import { createSqlSource, SqlConnectorSettings } from './sql-source.ts';
import { createStoreSource } from './store-source.ts';

export interface GuardSettings {
  /** Time budget of one look-up (the seed: an answer in under 2 s end to end). */
  defaultTimeoutMs: number;
  /** Failures (errors and timeouts), in percent of the calls of the rolling window, that open the circuit. */
  errorThresholdPercentage: number;
  /** Calls in the window before the circuit may open at all. */
  volumeThreshold: number;
  /** How long an open circuit refuses before one trial call goes through. */
  resetTimeoutMs: number;
}

export const DEFAULT_GUARD: GuardSettings = { defaultTimeoutMs: 1500, errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 30_000 };

export type FindResult = { ok: true; records: SourceRecord[] } | { ok: false; reason: 'timeout' | 'circuit_open' | 'error'; error?: unknown };

type ConnectorRow = typeof statusConnectors.$inferSelect;

interface Guarded {
  version: string;
  source: RecordSource;
  timeoutMs: number;
  breaker: CircuitBreaker<[string, RecordKind, Lookup, number], SourceRecord[]>;
}

const NEVER_ABORTED = new AbortController().signal;

// A connector changed on another node is picked up within this time.
const CONNECTOR_CACHE_TTL_MS = 10_000;

/**
 * Which source answers each record kind of a tenant, each behind a time budget and a circuit
 * breaker: a slow or failing source is answered `unavailable` at once instead of holding callers.
 */
export function createSourceRegistry(deps: { db: Db; groupedDb?: Db; cipher: PersonalDataCipher; guard?: Partial<GuardSettings>; logError?: (err: unknown, msg: string) => void }) {
  const guard = { ...DEFAULT_GUARD, ...deps.guard };
  const caseSource = createCaseSource(deps.db, deps.groupedDb ?? deps.db);
  const storeSource = createStoreSource(deps.db);
  const connectorCache = createRowCache<ConnectorRow | null>(CONNECTOR_CACHE_TTL_MS);
  const guarded = new Map<string, Guarded>();

  async function connectorOf(tenantId: string, kind: RecordKind): Promise<ConnectorRow | null> {
    const found = await connectorCache.get(`${tenantId}:${kind}`, async () => {
      const [row] = await deps.db
        .select()
        .from(statusConnectors)
        .where(and(eq(statusConnectors.tenantId, tenantId), eq(statusConnectors.kind, kind), eq(statusConnectors.active, true)));
      return row ?? null;
    });
    return found ?? null;
  }

  function build(row: ConnectorRow | null): { source: RecordSource; timeoutMs: number } {
    if (!row || row.type === 'builtin') return { source: storeSource, timeoutMs: row?.timeoutMs ?? guard.defaultTimeoutMs };
    const secret = row.secretCipher ? deps.cipher.decrypt(row.secretCipher) : null;
    if (row.type === 'http') return { source: createHttpSource(HttpConnectorSettings.parse(row.settings), secret), timeoutMs: row.timeoutMs };
    if (row.type === 'sql') {
      if (!secret) throw new Error('An SQL connector needs its connection string');
      return { source: createSqlSource(SqlConnectorSettings.parse(row.settings), secret, row.timeoutMs), timeoutMs: row.timeoutMs };
    }
    throw new Error(`Unknown connector type ${row.type}`);
  }

  async function guardFor(tenantId: string, kind: RecordKind): Promise<Guarded> {
    const row = kind === 'case' ? null : await connectorOf(tenantId, kind);
    const name = `${tenantId}:${kind}`;
    const version = row ? `${row.id}:${row.version}` : 'builtin';
    const existing = guarded.get(name);
    if (existing && existing.version === version) return existing;
    if (existing) void existing.source.close?.().catch(() => {});
    const { source, timeoutMs } = kind === 'case' ? { source: caseSource, timeoutMs: guard.defaultTimeoutMs } : build(row);
    // Outside sources get a signal that cancels their request at the budget. Our own cases are
    // one indexed statement on the pool (it ignores the signal): the breaker's timeout answers
    // for it, and the hot path saves a timer per turn.
    const signalFor = kind === 'case' ? () => NEVER_ABORTED : (budget: number) => AbortSignal.timeout(budget);
    const breaker = new CircuitBreaker(
      (t: string, k: RecordKind, lookup: Lookup, budget: number) => source.find(t, k, lookup, signalFor(budget)),
      {
        timeout: timeoutMs,
        errorThresholdPercentage: guard.errorThresholdPercentage,
        volumeThreshold: guard.volumeThreshold,
        resetTimeout: guard.resetTimeoutMs,
        name,
      },
    );
    const g: Guarded = { version, source, timeoutMs, breaker };
    guarded.set(name, g);
    return g;
  }

  async function find(tenantId: string, kind: RecordKind, lookup: Lookup): Promise<FindResult> {
    let g: Guarded;
    try {
      g = await guardFor(tenantId, kind);
    } catch (error) {
      deps.logError?.(error, `status-check: the connector for ${kind} is misconfigured`);
      return { ok: false, reason: 'error', error };
    }
    try {
      const records = await g.breaker.fire(tenantId, kind, lookup, g.timeoutMs);
      return { ok: true, records };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EOPENBREAKER') return { ok: false, reason: 'circuit_open' };
      if (code === 'ETIMEDOUT' || (error as Error).name === 'TimeoutError') return { ok: false, reason: 'timeout' };
      deps.logError?.(error, `status-check: the source for ${kind} failed`);
      return { ok: false, reason: 'error', error };
    }
  }

  /** After a connector is changed on this node. */
  function invalidate(tenantId: string, kind: RecordKind) {
    connectorCache.invalidate(`${tenantId}:${kind}`);
  }

  async function close() {
    for (const g of guarded.values()) {
      g.breaker.shutdown();
      await g.source.close?.().catch(() => {});
    }
    guarded.clear();
  }

  return { find, invalidate, close };
}

export type SourceRegistry = ReturnType<typeof createSourceRegistry>;
