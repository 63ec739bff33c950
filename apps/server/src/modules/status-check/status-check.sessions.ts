import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import { queryRaw, type Db, type DbOrTx } from '../../platform/db/client.ts';
import { createStatementGroups } from '../../platform/db/statement-groups.ts';
import type { Level, RecordKind, StatusContext, SubjectRef } from './contract.ts';
import { RELAXED_COMMIT } from './status-check.guard.ts';

export interface Session {
  id: string;
  tenantId: string;
  kind: RecordKind;
  recordKey: string;
  reference: string;
  citizenId: string | null;
  callerIndex: string;
  conversationId: string | null;
  channel: string;
  entryPointId: string | null;
  levelNeeded: Level;
  sensitive: boolean;
  level: Level;
  consentAt: Date | null;
  check: { birthDate: string | null; phone: string | null };
}

interface Row {
  id: string;
  tenant_id: string;
  kind: string;
  record_key: string;
  reference: string;
  citizen_id: string | null;
  caller_index: string;
  conversation_id: string | null;
  channel: string;
  entry_point_id: string | null;
  level_needed: string;
  sensitive: boolean;
  level: string;
  consent_at: Date | string | null;
  check_cipher: string | null;
  expires_at: Date | string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Subject refs: `<session id>.<signature>`, the signature a keyed HMAC of the tenant and session,
 * so a ref cannot be guessed or moved to another institution; the session row binds it to the
 * caller who found the record. The subject's birth date and phone stay encrypted in the row.
 */
export function createSessions(deps: { db: Db; clock: Clock; cipher: PersonalDataCipher; ttlMinutes: number }) {
  const { clock, cipher } = deps;
  const sign = (tenantId: string, id: string) => cipher.blindIndex('status-ref', `${tenantId}:${id}`).slice(0, 32);
  const callerIndex = (tenantId: string, callerKey: string) => cipher.blindIndex('status-caller', `${tenantId}:${callerKey}`);

  function refOf(tenantId: string, id: string): SubjectRef {
    return `${id}.${sign(tenantId, id)}`;
  }

  function present(r: Row): Session {
    const check = r.check_cipher ? (JSON.parse(cipher.decrypt(r.check_cipher)) as Session['check']) : { birthDate: null, phone: null };
    return {
      id: r.id,
      tenantId: r.tenant_id,
      kind: r.kind as RecordKind,
      recordKey: r.record_key,
      reference: r.reference,
      citizenId: r.citizen_id,
      callerIndex: r.caller_index,
      conversationId: r.conversation_id,
      channel: r.channel,
      entryPointId: r.entry_point_id,
      levelNeeded: r.level_needed as Level,
      sensitive: r.sensitive,
      level: r.level as Level,
      consentAt: r.consent_at ? new Date(r.consent_at) : null,
      check,
    };
  }

  const COLUMNS = `id, tenant_id, kind, record_key, reference, citizen_id, caller_index, conversation_id, channel, entry_point_id, level_needed, sensitive, level, consent_at, check_cipher, expires_at`;

  /** The session a ref points at, if the ref is genuine, unexpired, of this tenant and of this caller. */
  async function resolve(q: DbOrTx, ctx: StatusContext, ref: SubjectRef): Promise<Session | null> {
    if (typeof ref !== 'string' || ref.length > 100) return null;
    const [id, signature] = ref.split('.');
    if (!id || !signature || !UUID.test(id)) return null;
    const expected = Buffer.from(sign(ctx.tenantId, id));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const { rows } = await queryRaw<Row>(q, `SELECT ${COLUMNS} FROM status_sessions WHERE id = $1 AND tenant_id = $2`, [id, ctx.tenantId]);
    const row = rows[0];
    if (!row || new Date(row.expires_at) <= clock.now()) return null;
    if (row.caller_index !== callerIndex(ctx.tenantId, ctx.callerKey)) return null;
    return present(row);
  }

  interface Fresh {
    session: Session;
    lockKey: string;
    checkCipher: string;
  }

  // New sessions of concurrent turns are written by one statement. The identifier's lock, if any,
  // is read by the same statement and stops that session's row: locked, no session.
  const freshGroups = createStatementGroups<Fresh, Date | null>(
    async (tenantId, fresh) => {
      const now = clock.now();
      const expires = new Date(now.getTime() + deps.ttlMinutes * 60_000);
      const col = <T>(f: (x: Fresh) => T) => fresh.map(f);
      const { rows } = await queryRaw<{ id: string; locked_until: Date | string }>(
        deps.db,
        `WITH ${RELAXED_COMMIT},
              asked AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[], $13::boolean[], $14::text[])
                          AS a(id, lock_key, kind, record_key, reference, citizen_id, caller_index, conversation_id, channel, entry_point_id, level_needed, sensitive, check_cipher)),
              locked AS (SELECT a.id, l.locked_until FROM asked a
                           JOIN status_locks l ON l.tenant_id = $1 AND l.scope = 'identifier' AND l.key_index = a.lock_key AND l.locked_until > $15),
              added AS (INSERT INTO status_sessions (id, tenant_id, kind, record_key, reference, citizen_id, caller_index, conversation_id, channel, entry_point_id, level_needed, sensitive, level, check_cipher, created_at, expires_at)
                        SELECT a.id, $1::uuid, a.kind, a.record_key, a.reference, a.citizen_id, a.caller_index, a.conversation_id, a.channel, a.entry_point_id, a.level_needed, a.sensitive, 'L1', a.check_cipher, $15::timestamptz, $16::timestamptz
                          FROM asked a, relaxed_commit WHERE NOT EXISTS (SELECT 1 FROM locked k WHERE k.id = a.id))
         SELECT id, locked_until FROM locked`,
        [
          tenantId,
          col((f) => f.session.id),
          col((f) => f.lockKey),
          col((f) => f.session.kind),
          col((f) => f.session.recordKey),
          col((f) => f.session.reference),
          col((f) => f.session.citizenId),
          col((f) => f.session.callerIndex),
          col((f) => f.session.conversationId),
          col((f) => f.session.channel),
          col((f) => f.session.entryPointId),
          col((f) => f.session.levelNeeded),
          col((f) => f.session.sensitive),
          col((f) => f.checkCipher),
          now.toISOString(),
          expires.toISOString(),
        ],
        { prepared: 'status-session-open-group' },
      );
      const locked = new Map(rows.map((r) => [r.id, new Date(r.locked_until)]));
      return fresh.map((f) => locked.get(f.session.id) ?? null);
    },
    { maxGroup: 100 },
  );

  /**
   * A new session, or the one this conversation already has for the record (its level kept) —
   * unless the record's identifier is locked (failed verifications): then no session, and the
   * lock's end. The lock is read in the same statement that writes the session, so a turn pays
   * one round trip for both. Sessions are disposable (a caller whose session a crash lost
   * identifies again): committed without waiting for the disk.
   */
  async function open(
    ctx: StatusContext,
    s: { kind: RecordKind; recordKey: string; reference: string; citizenId: string | null; levelNeeded: Level; sensitive: boolean; check: Session['check'] },
    identifierLockKey: string,
  ): Promise<{ session: Session; ref: SubjectRef } | { lockedUntil: Date }> {
    const caller = callerIndex(ctx.tenantId, ctx.callerKey);
    if (ctx.conversationId) {
      const now = clock.now();
      const expires = new Date(now.getTime() + deps.ttlMinutes * 60_000).toISOString();
      type Out = Row & { locked: Date | string | null };
      const { rows } = await queryRaw<Out>(
        deps.db,
        `WITH ${RELAXED_COMMIT},
              lock AS (SELECT locked_until FROM status_locks WHERE tenant_id = $1 AND scope = 'identifier' AND key_index = $2 AND locked_until > $3),
              kept AS (UPDATE status_sessions SET expires_at = $9, level_needed = $10, sensitive = $11
                        WHERE tenant_id = $1 AND conversation_id = $4 AND kind = $5 AND record_key = $6 AND caller_index = $7 AND expires_at > $8
                          AND (SELECT relaxed FROM relaxed_commit) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lock)
                        RETURNING ${COLUMNS})
         SELECT (SELECT max(locked_until) FROM lock) AS locked, kept.* FROM (SELECT 1) one LEFT JOIN kept ON true`,
        [ctx.tenantId, identifierLockKey, now.toISOString(), ctx.conversationId, s.kind, s.recordKey, caller, now.toISOString(), expires, s.levelNeeded, s.sensitive],
        { prepared: 'status-session-keep' },
      );
      const row = rows[0];
      if (row?.locked) return { lockedUntil: new Date(row.locked) };
      if (row?.id) return { session: present(row), ref: refOf(ctx.tenantId, row.id) };
    }
    const session: Session = {
      id: randomUUID(),
      tenantId: ctx.tenantId,
      kind: s.kind,
      recordKey: s.recordKey,
      reference: s.reference,
      citizenId: s.citizenId,
      callerIndex: caller,
      conversationId: ctx.conversationId ?? null,
      channel: ctx.channel,
      entryPointId: ctx.entryPointId,
      levelNeeded: s.levelNeeded,
      sensitive: s.sensitive,
      level: 'L1',
      consentAt: null,
      check: s.check,
    };
    const lockedUntil = await freshGroups.add(ctx.tenantId, { session, lockKey: identifierLockKey, checkCipher: cipher.encrypt(JSON.stringify(s.check)) });
    if (lockedUntil) return { lockedUntil };
    return { session, ref: refOf(ctx.tenantId, session.id) };
  }

  async function raise(q: DbOrTx, session: Session, level: Level): Promise<void> {
    await queryRaw(q, `UPDATE status_sessions SET level = $3 WHERE tenant_id = $1 AND id = $2`, [session.tenantId, session.id, level]);
  }

  async function consent(q: DbOrTx, session: Session): Promise<void> {
    await queryRaw(q, `UPDATE status_sessions SET consent_at = $3 WHERE tenant_id = $1 AND id = $2`, [session.tenantId, session.id, clock.now().toISOString()]);
  }

  return { resolve, open, raise, consent, callerIndex, refOf };
}

export type Sessions = ReturnType<typeof createSessions>;
