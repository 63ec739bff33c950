import type { Clock } from '../../platform/clock.ts';
import { queryRaw, type Db, type DbOrTx } from '../../platform/db/client.ts';
import { createStatementGroups } from '../../platform/db/statement-groups.ts';

export interface GuardLimits {
  /** Failed verifications before the identifier (and, counted separately, the caller) is locked. */
  maxFailures: number;
  lockMinutes: number;
  /** Different identifiers one caller may ask about within the window; reaching it blocks and flags them. */
  fraudIdentifiers: number;
  fraudWindowMinutes: number;
  blockMinutes: number;
}

export const DEFAULT_LIMITS: GuardLimits = { maxFailures: 3, lockMinutes: 15, fraudIdentifiers: 5, fraudWindowMinutes: 60, blockMinutes: 60 };

export type LockScope = 'identifier' | 'caller';

/**
 * A CTE that makes the statement's own (implicit) transaction commit without waiting for the
 * disk — for rows a crash may lose at no cost (probes, subject sessions), never for audit
 * entries. In the statement itself, so it costs no round trip; the statement must read it.
 */
export const RELAXED_COMMIT = `relaxed_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS relaxed)`;

/**
 * Locks after failed verifications and blocks for callers trying many identifiers. Keys are blind
 * indexes (never the phone number or the identifier itself), so this table discloses nothing.
 * `db`: where the grouped probe runs (Database.groupedDb).
 */
export function createGuard(deps: { db: Db; clock: Clock; limits: GuardLimits }) {
  const { clock, limits } = deps;

  async function lockedUntil(q: DbOrTx, tenantId: string, scope: LockScope, key: string): Promise<Date | null> {
    const { rows } = await queryRaw<{ locked_until: Date | string | null }>(
      q,
      `SELECT locked_until FROM status_locks WHERE tenant_id = $1 AND scope = $2 AND key_index = $3`,
      [tenantId, scope, key],
    );
    const until = rows[0]?.locked_until ? new Date(rows[0].locked_until) : null;
    return until && until > clock.now() ? until : null;
  }

  /** A failed verification: counts, and locks at the limit. Returns the attempts left, or the lock's end. */
  async function fail(q: DbOrTx, tenantId: string, scope: LockScope, key: string): Promise<{ attemptsLeft: number; lockedUntil: Date | null }> {
    const now = clock.now();
    const until = new Date(now.getTime() + limits.lockMinutes * 60_000);
    const { rows } = await queryRaw<{ failures: number; locked_until: Date | string | null }>(
      q,
      `INSERT INTO status_locks (tenant_id, scope, key_index, failures, locked_until, updated_at) VALUES ($1, $2, $3, 1, NULL, $4)
       ON CONFLICT (tenant_id, scope, key_index) DO UPDATE SET
         failures = CASE WHEN status_locks.locked_until IS NOT NULL AND status_locks.locked_until <= $4 THEN 1 ELSE status_locks.failures + 1 END,
         locked_until = CASE WHEN status_locks.locked_until IS NOT NULL AND status_locks.locked_until <= $4 THEN NULL ELSE status_locks.locked_until END,
         updated_at = $4
       RETURNING failures, locked_until`,
      [tenantId, scope, key, now.toISOString()],
    );
    const failures = Number(rows[0]!.failures);
    if (failures >= limits.maxFailures) {
      await queryRaw(q, `UPDATE status_locks SET locked_until = $4, failures = 0 WHERE tenant_id = $1 AND scope = $2 AND key_index = $3`, [tenantId, scope, key, until.toISOString()]);
      return { attemptsLeft: 0, lockedUntil: until };
    }
    return { attemptsLeft: limits.maxFailures - failures, lockedUntil: null };
  }

  /** A successful verification clears the identifier's count (the caller's stays: it is about them). */
  async function clear(q: DbOrTx, tenantId: string, scope: LockScope, key: string): Promise<void> {
    await queryRaw(q, `DELETE FROM status_locks WHERE tenant_id = $1 AND scope = $2 AND key_index = $3 AND (locked_until IS NULL OR locked_until <= $4)`, [tenantId, scope, key, clock.now().toISOString()]);
  }

  interface Asked {
    caller: { index: string; mask: string; channel: string; entryPointId: string | null };
    identifierIndex: string;
    /** The lock key of the record asked for, when it is known before the look-up. */
    identifierLockKey: string | null;
  }
  interface Seen {
    probes: number;
    blocked: Date | null;
    locked: Date | null;
    identifierLocked: Date | null;
    /** This turn raised the caller's fraud flag. */
    flagged: boolean;
  }

  // The probes of concurrent turns go in one statement (see createStatementGroups): under load a
  // turn shares its round trip and its commit instead of paying for both.
  const admitGroups = createStatementGroups<Asked, Seen>(
    async (tenantId, asked) => {
      const now = clock.now();
      const since = new Date(now.getTime() - limits.fraudWindowMinutes * 60_000).toISOString();
      // The main SELECT sees the table as it was before the statement: it adds the probes it inserts
      // (a caller asking twice in one group counts both of their new identifiers).
      // ${RELAXED_COMMIT}: a probe a crash forgets costs nothing, so its commit does not wait for the disk.
      const { rows } = await queryRaw<{ probes: number | string; blocked: Date | string | null; locked: Date | string | null; identifier_locked: Date | string | null }>(
        deps.db,
        `WITH ${RELAXED_COMMIT},
              asked AS (SELECT * FROM unnest($2::text[], $3::text[], $6::text[]) WITH ORDINALITY AS a(caller_index, identifier_index, lock_key, n)),
              gone AS (DELETE FROM status_probes WHERE tenant_id = $1 AND caller_index = ANY($2::text[]) AND first_at <= $4),
              added AS (INSERT INTO status_probes (tenant_id, caller_index, identifier_index, first_at)
                        SELECT DISTINCT $1::uuid, caller_index, identifier_index, $5::timestamptz FROM asked
                        ON CONFLICT DO NOTHING RETURNING caller_index)
         SELECT (SELECT relaxed FROM relaxed_commit) AS relaxed,
                (SELECT count(*) FROM status_probes p WHERE p.tenant_id = $1 AND p.caller_index = a.caller_index AND p.first_at > $4)
                  + (SELECT count(*) FROM added d WHERE d.caller_index = a.caller_index) AS probes,
                (SELECT max(blocked_until) FROM status_fraud_flags f WHERE f.tenant_id = $1 AND f.caller_index = a.caller_index AND f.blocked_until > $5) AS blocked,
                (SELECT locked_until FROM status_locks l WHERE l.tenant_id = $1 AND l.scope = 'caller' AND l.key_index = a.caller_index AND l.locked_until > $5) AS locked,
                (SELECT locked_until FROM status_locks l WHERE l.tenant_id = $1 AND l.scope = 'identifier' AND l.key_index = a.lock_key AND l.locked_until > $5) AS identifier_locked
           FROM asked a ORDER BY a.n`,
        [tenantId, asked.map((a) => a.caller.index), asked.map((a) => a.identifierIndex), since, now.toISOString(), asked.map((a) => a.identifierLockKey)],
        { prepared: 'status-admit-group-v2' },
      );
      const date = (v: Date | string | null) => (v ? new Date(v) : null);
      const seen: Seen[] = rows.map((r) => ({ probes: Number(r.probes), blocked: date(r.blocked), locked: date(r.locked), identifierLocked: date(r.identifier_locked), flagged: false }));
      // A caller reaching the limit is blocked and flagged once, however many of their turns were in the group.
      const flaggedCallers = new Set<string>();
      for (const [i, a] of asked.entries()) {
        const x = seen[i]!;
        if (x.blocked || x.locked || x.probes < limits.fraudIdentifiers) continue;
        const until = new Date(now.getTime() + limits.blockMinutes * 60_000);
        if (!flaggedCallers.has(a.caller.index)) {
          flaggedCallers.add(a.caller.index);
          x.flagged = true;
          await queryRaw(
            deps.db,
            `INSERT INTO status_fraud_flags (tenant_id, caller_index, caller_mask, channel, entry_point_id, identifiers, flagged_at, blocked_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [tenantId, a.caller.index, a.caller.mask, a.caller.channel, a.caller.entryPointId, x.probes, now.toISOString(), until.toISOString()],
          );
        }
        x.blocked = until;
      }
      return seen;
    },
    { name: 'status probe', maxGroup: 100 },
  );

  /**
   * Notes that a caller asked about an identifier and reads what stops them (a block, their lock):
   * one statement, shared with concurrent turns. At the limit of different identifiers within the
   * window the caller is blocked and a fraud flag is raised for supervisors. The probe is noted
   * even for a blocked caller (it changes nothing for them).
   * With `identifierLockKey`, the lock of that identifier is read too.
   */
  async function admit(
    tenantId: string,
    caller: Asked['caller'],
    identifierIndex: string,
    identifierLockKey: string | null,
  ): Promise<{ blockedUntil: Date | null; lockedUntil: Date | null; identifierLockedUntil: Date | null; identifiers: number; flagged: boolean }> {
    const seen = await admitGroups.add(tenantId, { caller, identifierIndex, identifierLockKey });
    return { blockedUntil: seen.blocked, lockedUntil: seen.locked, identifierLockedUntil: seen.identifierLocked, identifiers: seen.probes, flagged: seen.flagged };
  }

  /** Everything that stops a verb on a found record, in one statement: a block, the caller's lock, the identifier's lock. */
  async function refusals(q: DbOrTx, tenantId: string, callerIndex: string, identifierKey: string): Promise<{ blockedUntil: Date | null; callerLockedUntil: Date | null; identifierLockedUntil: Date | null }> {
    const now = clock.now().toISOString();
    const { rows } = await queryRaw<{ blocked: Date | string | null; caller: Date | string | null; identifier: Date | string | null }>(
      q,
      `SELECT (SELECT max(blocked_until) FROM status_fraud_flags WHERE tenant_id = $1 AND caller_index = $2 AND blocked_until > $4) AS blocked,
              (SELECT locked_until FROM status_locks WHERE tenant_id = $1 AND scope = 'caller' AND key_index = $2 AND locked_until > $4) AS caller,
              (SELECT locked_until FROM status_locks WHERE tenant_id = $1 AND scope = 'identifier' AND key_index = $3 AND locked_until > $4) AS identifier`,
      [tenantId, callerIndex, identifierKey, now],
    );
    const r = rows[0]!;
    const d = (v: Date | string | null) => (v ? new Date(v) : null);
    return { blockedUntil: d(r.blocked), callerLockedUntil: d(r.caller), identifierLockedUntil: d(r.identifier) };
  }

  return { lockedUntil, fail, clear, admit, refusals, limits };
}

export type Guard = ReturnType<typeof createGuard>;

/** A caller as supervisors see them: enough to recognise a repeat, not enough to call them. */
export function maskCaller(callerKey: string): string {
  if (/^\+?\d{6,}$/.test(callerKey)) return `${callerKey.slice(0, 4)}…${callerKey.slice(-2)}`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(callerKey)) return callerKey.replace(/\.\d{1,3}$/, '.x');
  return `${callerKey.slice(0, 3)}…`;
}
