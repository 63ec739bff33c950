import { timingSafeEqual } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import { queryRaw, type Db, type DbOrTx } from '../../platform/db/client.ts';
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

/** A session made by a turn and not written yet: its row goes with the turn's audit entry. */
export interface NewSession {
  session: Session;
  /** The record's birth date and phone, encrypted; null when it has neither (nothing to protect). */
  checkCipher: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * A CTE `added` inserting new sessions from parameter $param, a JSON array of sessionRow: one
 * statement for any number of them.
 */
export function insertSessions(param: number): string {
  return `added AS (INSERT INTO status_sessions (id, tenant_id, kind, record_key, reference, citizen_id, caller_index, conversation_id, channel, entry_point_id, level_needed, sensitive, level, check_cipher, created_at, expires_at)
    SELECT a.id, a.tenant_id, a.kind, a.record_key, a.reference, a.citizen_id, a.caller_index, a.conversation_id, a.channel, a.entry_point_id, a.level_needed, a.sensitive, 'L1', a.check_cipher, a.created_at, a.expires_at
      FROM jsonb_to_recordset($${param}::jsonb)
        AS a(id uuid, tenant_id uuid, kind text, record_key text, reference text, citizen_id uuid, caller_index text, conversation_id text, channel text, entry_point_id uuid, level_needed text, sensitive boolean, check_cipher text, created_at timestamptz, expires_at timestamptz)
    RETURNING id)`;
}

/** One element of insertSessions' parameter. */
export function sessionRow({ session: s, checkCipher, createdAt, expiresAt }: NewSession) {
  return {
    id: s.id,
    tenant_id: s.tenantId,
    kind: s.kind,
    record_key: s.recordKey,
    reference: s.reference,
    citizen_id: s.citizenId,
    caller_index: s.callerIndex,
    conversation_id: s.conversationId,
    channel: s.channel,
    entry_point_id: s.entryPointId,
    level_needed: s.levelNeeded,
    sensitive: s.sensitive,
    check_cipher: checkCipher,
    created_at: createdAt.toISOString(),
    expires_at: expiresAt.toISOString(),
  };
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

  /**
   * A new session or the one this conversation already has for the record (its level kept). A
   * new one is not written here: its row goes with the turn's audit entry, in the same statement
   * and commit (see `insertSessions`), so a turn pays no round trip of its own for it. The
   * record's identifier lock is the caller's to check first. `caller`: callerIndex of ctx.
   */
  async function open(
    ctx: StatusContext,
    caller: string,
    s: { kind: RecordKind; recordKey: string; reference: string; citizenId: string | null; levelNeeded: Level; sensitive: boolean; check: Session['check'] },
  ): Promise<{ session: Session; ref: SubjectRef; fresh: NewSession | null }> {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + deps.ttlMinutes * 60_000);
    if (ctx.conversationId) {
      // ${RELAXED_COMMIT}: a session a crash forgets costs a caller one more identification.
      const { rows } = await queryRaw<Row>(
        deps.db,
        `WITH ${RELAXED_COMMIT}
         UPDATE status_sessions SET expires_at = $7, level_needed = $8, sensitive = $9
          WHERE tenant_id = $1 AND conversation_id = $2 AND kind = $3 AND record_key = $4 AND caller_index = $5 AND expires_at > $6
            AND (SELECT relaxed FROM relaxed_commit) IS NOT NULL
         RETURNING ${COLUMNS}`,
        [ctx.tenantId, ctx.conversationId, s.kind, s.recordKey, caller, now.toISOString(), expiresAt.toISOString(), s.levelNeeded, s.sensitive],
        { prepared: 'status-session-keep' },
      );
      if (rows[0]) return { session: present(rows[0]), ref: refOf(ctx.tenantId, rows[0].id), fresh: null };
    }
    const session: Session = {
      // Time-ordered, as the table's own default (migration 0018): the key grows at its right edge.
      id: timeOrderedUuid(),
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
    const checkCipher = s.check.birthDate || s.check.phone ? cipher.encrypt(JSON.stringify(s.check)) : null;
    return { session, ref: refOf(ctx.tenantId, session.id), fresh: { session, checkCipher, createdAt: now, expiresAt } };
  }

  /** Writes new sessions in the caller's transaction (a turn whose audit entry has its own). */
  async function insert(q: DbOrTx, fresh: NewSession[]): Promise<void> {
    if (fresh.length === 0) return;
    await queryRaw(q, `WITH ${insertSessions(1)} SELECT count(*) FROM added`, [JSON.stringify(fresh.map(sessionRow))]);
  }

  async function raise(q: DbOrTx, session: Session, level: Level): Promise<void> {
    await queryRaw(q, `UPDATE status_sessions SET level = $3 WHERE tenant_id = $1 AND id = $2`, [session.tenantId, session.id, level]);
  }

  async function consent(q: DbOrTx, session: Session): Promise<void> {
    await queryRaw(q, `UPDATE status_sessions SET consent_at = $3 WHERE tenant_id = $1 AND id = $2`, [session.tenantId, session.id, clock.now().toISOString()]);
  }

  return { resolve, open, insert, raise, consent, callerIndex, refOf };
}

export type Sessions = ReturnType<typeof createSessions>;
