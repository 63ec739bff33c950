import { randomInt, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import { queryRaw, type Db, type Tx } from '../../platform/db/client.ts';
import type { AuditService } from '../audit/index.ts';
import type { NationalIdScheme } from '../citizens/index.ts';
import type { MessagingService } from '../messaging/index.ts';
import type { RegisterService } from '../registers/index.ts';
import type { TenantService } from '../tenants/index.ts';
import type {
  AnswerOutcome,
  CheckOutcome,
  ConsentOutcome,
  EntryPointInfo,
  IdentifyOutcome,
  Level,
  RecordKind,
  RefusalOutcome,
  SendCodeOutcome,
  StatusContext,
  StatusLanguage,
  StatusQuery,
  SubjectRef,
  VerifyOutcome,
} from './contract.ts';
import { createAuditBatcher } from './audit-batcher.ts';
import { createEntryPointResolver } from './entry-points.ts';
import { parseQuery } from './identifiers.ts';
import type { SourceRecord } from './records.ts';
import { atLeast, gateLevel, maxLevel, moreWithLevel, presentFacts } from './status-check.presenter.ts';
import { createGuard, DEFAULT_LIMITS, maskCaller, type GuardLimits } from './status-check.guard.ts';
import { createSessions, type NewSession, type Session } from './status-check.sessions.ts';
import { accessNoticeText, codeText } from './status-check.texts.ts';
import type { SourceRegistry } from './sources/registry.ts';

export interface StatusCheckSettings {
  limits: GuardLimits;
  /** How long a found record stays usable by its ref (one call, one chat). */
  sessionMinutes: number;
  codeMinutes: number;
  /** One-time codes sent per session at most (each is an SMS the institution pays for). */
  maxCodesPerSession: number;
}

export const DEFAULT_STATUS_SETTINGS: StatusCheckSettings = { limits: DEFAULT_LIMITS, sessionMinutes: 30, codeMinutes: 5, maxCodesPerSession: 3 };

export interface StatusCheckDeps {
  db: Db;
  /** Where the turn's grouped statements run (Database.groupedDb); `db` if not given. */
  groupedDb?: Db;
  clock: Clock;
  audit: AuditService;
  cipher: PersonalDataCipher;
  messaging: MessagingService;
  registers: RegisterService;
  tenants: TenantService;
  sources: SourceRegistry;
  settings?: Partial<StatusCheckSettings>;
}

const NATIONAL_ID_PURPOSE = 'national-id';

/** The level a record needs and whether consent is still missing, as the caller is told. */
function consentMissing(s: Pick<Session, 'sensitive' | 'consentAt'>) {
  return s.sensitive && s.consentAt === null;
}

/**
 * The status-check service: identification, verification levels, locks and fraud blocks, need to
 * know per entry point, and answers as structured facts. Every verb audits what it did, found or
 * not; the channels (assistant, portal, SMS) only render what it returns.
 */
export function createStatusCheckService(deps: StatusCheckDeps) {
  const { db, clock, audit, cipher, messaging } = deps;
  const settings: StatusCheckSettings = { ...DEFAULT_STATUS_SETTINGS, ...deps.settings, limits: { ...DEFAULT_LIMITS, ...deps.settings?.limits } };
  const groupedDb = deps.groupedDb ?? db;
  const guard = createGuard({ db: groupedDb, clock, limits: settings.limits });
  const sessions = createSessions({ db, clock, cipher, ttlMinutes: settings.sessionMinutes });
  const entryPoints = createEntryPointResolver(db);
  const batcher = createAuditBatcher(groupedDb, audit);

  async function tenantOf(tenantId: string) {
    const t = await deps.tenants.byId(tenantId);
    if (!t) throw new Error(`Unknown tenant ${tenantId}`);
    return t;
  }

  function auditContext(ctx: StatusContext): RequestContext {
    return {
      tenantId: ctx.tenantId,
      actor: { type: ctx.channel === 'web' || ctx.channel === 'chat' ? 'citizen' : 'channel', id: null, roles: [], departmentIds: [] },
      requestId: ctx.requestId ?? null,
      channel: ctx.channel,
      ip: ctx.channel === 'web' || ctx.channel === 'chat' ? ctx.callerKey : null,
    };
  }

  /** Who the entry is about: the citizen when known (so they can read it later), else the record. */
  function subjectOf(s: { citizenId: string | null; kind: RecordKind; reference: string }) {
    return s.citizenId ? { subjectType: 'citizen', subjectId: s.citizenId } : { subjectType: 'status_record', subjectId: `${s.kind}:${s.reference}` };
  }

  async function record(tx: Tx, ctx: StatusContext, action: string, subject: { subjectType: string; subjectId: string | null }, details: Record<string, unknown>) {
    await audit.record(tx, auditContext(ctx), { action, ...subject, purpose: 'status_check', details: { entryPointId: ctx.entryPointId, conversationId: ctx.conversationId ?? null, ...details } });
  }

  /**
   * A look-up's audit entry (with the session the turn opened, if any): grouped with concurrent
   * ones, committed before the caller hears anything.
   */
  function noted(ctx: StatusContext, action: string, subject: { subjectType: string; subjectId: string | null }, details: Record<string, unknown>, session: NewSession | null = null): Promise<void> {
    return batcher.add(auditContext(ctx), { action, ...subject, purpose: 'status_check', details: { entryPointId: ctx.entryPointId, conversationId: ctx.conversationId ?? null, ...details } }, session);
  }

  async function entryPoint(ctx: StatusContext): Promise<EntryPointInfo | null> {
    const t = await tenantOf(ctx.tenantId);
    return entryPoints.resolve(ctx, t.defaultLanguage as StatusLanguage);
  }

  // An identifier is locked by the record's reference (a case's registration number), so a turn
  // asking by number can read the lock before the look-up, in the probe's statement.
  const identifierLockKey = (tenantId: string, kind: RecordKind, reference: string) => cipher.blindIndex('status-identifier', `${tenantId}:${kind}:${reference}`);

  async function identify(ctx: StatusContext, query: StatusQuery): Promise<IdentifyOutcome> {
    const o = await find(ctx, query);
    if (o.outcome !== 'found') return o;
    const { record: _record, session: _session, fresh, ...outcome } = o;
    await noted(ctx, 'status_check.identify', subjectOf(o.record), { ...o.audit, outcome: 'found', levelNeeded: o.levelNeeded, sensitive: o.sensitive }, fresh);
    const { audit: _audit, ...told } = outcome;
    return told;
  }

  /** A record found: its session (a new one is written with the turn's audit entry) and what that entry says of the query. */
  type Found = Extract<IdentifyOutcome, { outcome: 'found' }> & { record: SourceRecord; session: Session; fresh: NewSession | null; audit: Record<string, unknown> };

  async function find(ctx: StatusContext, query: StatusQuery): Promise<Exclude<IdentifyOutcome, { outcome: 'found' }> | Found> {
    const t = await tenantOf(ctx.tenantId);
    const ep = await entryPoints.resolve(ctx, t.defaultLanguage as StatusLanguage);
    const callerIndex = sessions.callerIndex(ctx.tenantId, ctx.callerKey);
    const askedKind: RecordKind = 'kind' in query ? query.kind : 'case';
    const queryAudit = { by: query.by, kind: 'kind' in query ? query.kind : null };

    const allowed = ep?.kinds ?? [];
    const parsed = parseQuery(query, {
      formats: await deps.registers.formats(ctx.tenantId),
      scheme: t.nationalIdScheme as NationalIdScheme,
      allowedKinds: allowed,
      blindIndex: (normalized, scheme) => cipher.blindIndex(NATIONAL_ID_PURPOSE, `${scheme}:${normalized}`),
      today: clock.now(),
    });
    if (!parsed.ok) {
      await noted(ctx, 'status_check.identify', { subjectType: 'status_query', subjectId: null }, { ...queryAudit, outcome: 'invalid', reason: parsed.reason });
      return { outcome: 'invalid', reason: parsed.reason };
    }
    const kinds = parsed.kinds.filter((k) => allowed.includes(k));
    if (kinds.length === 0) {
      const kind = parsed.caseFirst ? 'case' : askedKind;
      await noted(ctx, 'status_check.identify', { subjectType: 'status_query', subjectId: null }, { ...queryAudit, outcome: 'not_disclosed_here' });
      return { outcome: 'not_disclosed_here', kind };
    }

    // The probe commits before anything is told: a caller cycling through identifiers is stopped
    // even if every one of them is wrong. Blocks and the caller's lock are read in the same
    // statement, and so is the identifier's lock when the number names our own case.
    const identifierIndex = cipher.blindIndex('status-probe', `${ctx.tenantId}:${query.by}:${parsed.normalized}`);
    const ownCaseByNumber = parsed.lookup.by === 'reference' && kinds.length === 1 && kinds[0] === 'case';
    const askedLockKey = ownCaseByNumber ? identifierLockKey(ctx.tenantId, 'case', parsed.normalized) : null;
    const admission = guard.admit(ctx.tenantId, { index: callerIndex, mask: maskCaller(ctx.callerKey), channel: ctx.channel, entryPointId: ep?.entryPointId ?? null }, identifierIndex, askedLockKey);
    // Our own case is read from our own database alongside the probe, and used only once the
    // probe has admitted the caller. Outside sources are asked only after it: a blocked caller
    // costs them nothing.
    const early = ownCaseByNumber ? deps.sources.find(ctx.tenantId, 'case', parsed.lookup) : null;
    const admitted = await admission;
    if (admitted.blockedUntil) {
      await noted(ctx, 'status_check.identify', { subjectType: 'status_query', subjectId: null }, { ...queryAudit, outcome: 'blocked', identifiers: admitted.identifiers, fraudFlag: admitted.flagged });
      return { outcome: 'blocked', until: admitted.blockedUntil.toISOString() };
    }
    if (admitted.lockedUntil) {
      await noted(ctx, 'status_check.identify', { subjectType: 'status_query', subjectId: null }, { ...queryAudit, outcome: 'locked' });
      return { outcome: 'locked', scope: 'caller', until: admitted.lockedUntil.toISOString() };
    }

    let found: SourceRecord | null = null;
    let unavailable: { kind: RecordKind; reason: 'timeout' | 'circuit_open' | 'error' } | null = null;
    for (const kind of kinds) {
      const r = early ? await early : await deps.sources.find(ctx.tenantId, kind, parsed.lookup);
      if (!r.ok) {
        unavailable ??= { kind, reason: r.reason };
        continue;
      }
      if (r.records[0]) {
        found = r.records[0];
        break;
      }
    }

    if (!found) {
      // A source that did not answer may hold the record: "not found" would be a wrong answer.
      const outcome: IdentifyOutcome = unavailable
        ? { outcome: 'unavailable', kind: unavailable.kind, reason: unavailable.reason }
        : { outcome: 'not_found', next: query.by === 'registration_number' ? 'national_id' : 'transfer' };
      await noted(ctx, 'status_check.identify', { subjectType: 'status_query', subjectId: null }, { ...queryAudit, outcome: outcome.outcome, ...(unavailable ? { reason: unavailable.reason, sourceKind: unavailable.kind } : {}) });
      return outcome;
    }

    const r = found;
    const subject = subjectOf(r);
    const base = { ...queryAudit, kind: r.kind, reference: r.reference };
    if (ctx.channel === 'voice' && r.voiceOptOut) {
      await noted(ctx, 'status_check.identify', subject, { ...base, outcome: 'voice_opted_out' });
      return { outcome: 'voice_opted_out' };
    }
    const levelNeeded = gateLevel(r);
    // The identifier's lock: read with the probe when the number was known, else now.
    const lockedWithProbe = askedLockKey !== null && r.kind === 'case' && r.reference === parsed.normalized;
    const identifierLocked = lockedWithProbe ? admitted.identifierLockedUntil : await guard.lockedUntil(db, ctx.tenantId, 'identifier', identifierLockKey(ctx.tenantId, r.kind, r.reference));
    if (identifierLocked) {
      await noted(ctx, 'status_check.identify', subject, { ...base, outcome: 'locked' });
      return { outcome: 'locked', scope: 'identifier', until: identifierLocked.toISOString() };
    }
    const { session, ref, fresh } = await sessions.open(ctx, callerIndex, {
      kind: r.kind,
      recordKey: r.key,
      reference: r.reference,
      citizenId: r.citizenId,
      levelNeeded,
      sensitive: r.sensitive,
      check: { birthDate: r.birthDate, phone: r.phone },
    });
    return {
      record: r,
      session,
      fresh,
      audit: base,
      outcome: 'found',
      ref,
      kind: r.kind,
      levelNeeded,
      level: session.level,
      sensitive: r.sensitive,
      consentNeeded: consentMissing(session),
      l2Methods: [...(r.birthDate ? (['birth_date'] as const) : []), ...(r.phone ? (['phone_last4'] as const) : [])],
      maskedPhone: r.phone ? maskPhone(r.phone) : null,
      reference: r.reference,
    };
  }

  /**
   * Everything a verb on a ref checks first: the ref is genuine and this caller's, the caller is
   * not blocked or locked, the identifier is not locked, and the entry point may disclose the kind.
   */
  async function open(ctx: StatusContext, ref: SubjectRef): Promise<{ session: Session } | { refusal: RefusalOutcome }> {
    const session = await sessions.resolve(db, ctx, ref);
    if (!session) return { refusal: { outcome: 'invalid_ref' } };
    const r = await guard.refusals(db, ctx.tenantId, session.callerIndex, identifierLockKey(ctx.tenantId, session.kind, session.reference));
    if (r.blockedUntil) return { refusal: { outcome: 'blocked', until: r.blockedUntil.toISOString() } };
    if (r.callerLockedUntil) return { refusal: { outcome: 'locked', scope: 'caller', until: r.callerLockedUntil.toISOString() } };
    if (r.identifierLockedUntil) return { refusal: { outcome: 'locked', scope: 'identifier', until: r.identifierLockedUntil.toISOString() } };
    const ep = await entryPoint(ctx);
    if (!ep || !ep.kinds.includes(session.kind)) return { refusal: { outcome: 'not_disclosed_here', kind: session.kind } };
    return { session };
  }

  /** A wrong birth date, phone digits or code: counts against the identifier and, apart, the caller. */
  async function failed(tx: Tx, ctx: StatusContext, session: Session, method: string): Promise<VerifyOutcome> {
    const id = await guard.fail(tx, ctx.tenantId, 'identifier', identifierLockKey(ctx.tenantId, session.kind, session.reference));
    const caller = await guard.fail(tx, ctx.tenantId, 'caller', session.callerIndex);
    const outcome: VerifyOutcome = id.lockedUntil
      ? { outcome: 'locked', scope: 'identifier', until: id.lockedUntil.toISOString() }
      : caller.lockedUntil
        ? { outcome: 'locked', scope: 'caller', until: caller.lockedUntil.toISOString() }
        : { outcome: 'failed', attemptsLeft: Math.min(id.attemptsLeft, caller.attemptsLeft) };
    await record(tx, ctx, 'status_check.verify', subjectOf(session), { kind: session.kind, reference: session.reference, method, outcome: outcome.outcome });
    return outcome;
  }

  async function passed(tx: Tx, ctx: StatusContext, session: Session, level: Level, method: string): Promise<VerifyOutcome> {
    const reached = maxLevel(session.level, level);
    await sessions.raise(tx, session, reached);
    await guard.clear(tx, ctx.tenantId, 'identifier', identifierLockKey(ctx.tenantId, session.kind, session.reference));
    await record(tx, ctx, 'status_check.verify', subjectOf(session), { kind: session.kind, reference: session.reference, method, outcome: 'verified', level: reached });
    return { outcome: 'verified', level: reached, consentNeeded: consentMissing(session) };
  }

  async function verify(ctx: StatusContext, ref: SubjectRef, proof: { birthDate: string } | { phoneLast4: string }): Promise<VerifyOutcome> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    const { session } = o;
    if ('birthDate' in proof) {
      if (!session.check.birthDate) return { outcome: 'not_possible' };
      const given = normalizeDate(proof.birthDate);
      return db.transaction((tx) => (given !== null && given === session.check.birthDate ? passed(tx, ctx, session, 'L2', 'birth_date') : failed(tx, ctx, session, 'birth_date')));
    }
    if (!session.check.phone) return { outcome: 'not_possible' };
    const digits = String(proof.phoneLast4).replace(/\D/g, '');
    return db.transaction((tx) => (digits.length === 4 && session.check.phone!.endsWith(digits) ? passed(tx, ctx, session, 'L2', 'phone_last4') : failed(tx, ctx, session, 'phone_last4')));
  }

  const codeHash = (sessionId: string, code: string) => cipher.blindIndex('status-code', `${sessionId}:${code}`);

  async function sendCode(ctx: StatusContext, ref: SubjectRef): Promise<SendCodeOutcome> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    const { session } = o;
    const phone = session.check.phone;
    if (!phone) return { outcome: 'not_possible' };
    const t = await tenantOf(ctx.tenantId);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + settings.codeMinutes * 60_000);
    return db.transaction(async (tx) => {
      const { rows } = await queryRaw<{ n: number | string }>(tx, `SELECT count(*) AS n FROM status_codes WHERE tenant_id = $1 AND session_id = $2`, [ctx.tenantId, session.id]);
      if (Number(rows[0]!.n) >= settings.maxCodesPerSession) {
        await record(tx, ctx, 'status_check.code_sent', subjectOf(session), { kind: session.kind, reference: session.reference, outcome: 'not_possible', reason: 'too_many_codes' });
        return { outcome: 'not_possible' } as const;
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // Only the newest code counts: an earlier one that arrives late is worthless.
      await queryRaw(tx, `UPDATE status_codes SET used_at = $3 WHERE tenant_id = $1 AND session_id = $2 AND used_at IS NULL`, [ctx.tenantId, session.id, now.toISOString()]);
      const { rows: inserted } = await queryRaw<{ id: string }>(
        tx,
        `INSERT INTO status_codes (tenant_id, session_id, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [ctx.tenantId, session.id, codeHash(session.id, code), expiresAt.toISOString(), now.toISOString()],
      );
      await messaging.queue(tx, {
        tenantId: ctx.tenantId,
        channel: 'sms',
        purpose: 'otp',
        toAddress: phone,
        body: codeText(ctx.language, { institution: t.name, code }),
        language: ctx.language,
        citizenId: session.citizenId,
        idempotencyKey: `status-code:${inserted[0]!.id}`,
      });
      await record(tx, ctx, 'status_check.code_sent', subjectOf(session), { kind: session.kind, reference: session.reference, outcome: 'sent' });
      return { outcome: 'sent', maskedPhone: maskPhone(phone), expiresAt: expiresAt.toISOString() } as const;
    });
  }

  async function verifyCode(ctx: StatusContext, ref: SubjectRef, code: string): Promise<VerifyOutcome> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    const { session } = o;
    const given = String(code).replace(/\D/g, '');
    return db.transaction(async (tx) => {
      const { rows } = await queryRaw<{ id: string; code_hash: string }>(
        tx,
        `SELECT id, code_hash FROM status_codes WHERE tenant_id = $1 AND session_id = $2 AND used_at IS NULL AND expires_at > $3 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [ctx.tenantId, session.id, clock.now().toISOString()],
      );
      const live = rows[0];
      const match = live && given.length === 6 && timingSafeEqual(Buffer.from(live.code_hash), Buffer.from(codeHash(session.id, given)));
      if (!live || !match) return failed(tx, ctx, session, 'sms_code');
      await queryRaw(tx, `UPDATE status_codes SET used_at = $2 WHERE id = $1`, [live.id, clock.now().toISOString()]);
      return passed(tx, ctx, session, 'L3', 'sms_code');
    });
  }

  async function recordConsent(ctx: StatusContext, ref: SubjectRef): Promise<ConsentOutcome> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    const { session } = o;
    await db.transaction(async (tx) => {
      await sessions.consent(tx, session);
      await record(tx, ctx, 'status_check.consent', subjectOf(session), { kind: session.kind, reference: session.reference, outcome: 'recorded', sensitive: session.sensitive });
    });
    return { outcome: 'recorded' };
  }

  /** The record again, fresh from its source (a status may have changed since identify). */
  async function fetch(ctx: StatusContext, session: Session): Promise<{ record: SourceRecord } | { refusal: RefusalOutcome }> {
    const r = await deps.sources.find(ctx.tenantId, session.kind, { by: 'key', value: session.recordKey });
    if (!r.ok) return { refusal: { outcome: 'unavailable', kind: session.kind, reason: r.reason } };
    const rec = r.records[0];
    if (!rec) return { refusal: { outcome: 'invalid_ref' } };
    if (ctx.channel === 'voice' && rec.voiceOptOut) return { refusal: { outcome: 'voice_opted_out' } };
    return { record: rec };
  }

  async function answer(ctx: StatusContext, ref: SubjectRef): Promise<AnswerOutcome> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    const { session } = o;
    const f = await fetch(ctx, session);
    const subject = subjectOf(session);
    const base = { kind: session.kind, reference: session.reference };
    if ('refusal' in f) {
      await noted(ctx, 'status_check.answer', subject, { ...base, outcome: f.refusal.outcome });
      return f.refusal;
    }
    const r = f.record;
    const gate = gateLevel(r);
    const consentNeeded = r.sensitive && session.consentAt === null;
    if (!atLeast(session.level, gate) || consentNeeded) {
      await noted(ctx, 'status_check.answer', subject, { ...base, outcome: 'verification_required', levelNeeded: gate, level: session.level });
      return { outcome: 'verification_required', levelNeeded: gate, consentNeeded };
    }
    return disclose(ctx, session, r);
  }

  /** The facts the session's level allows, audited (and, for a sensitive record, the person told) before they are returned. */
  async function disclose(ctx: StatusContext, session: Session, r: SourceRecord, extra: Record<string, unknown> = {}, fresh: NewSession | null = null): Promise<AnswerOutcome> {
    const t = await tenantOf(ctx.tenantId);
    const facts = presentFacts(r, session.level, ctx.language, t.defaultLanguage);
    const more = moreWithLevel(r, session.level);
    const details = { ...extra, kind: session.kind, reference: session.reference, outcome: 'answer', level: session.level, sensitive: r.sensitive };
    if (!r.sensitive || !r.phone) await noted(ctx, 'status_check.answer', subjectOf(session), details, fresh);
    else {
      await db.transaction(async (tx) => {
        if (fresh) await sessions.insert(tx, [fresh]);
        await record(tx, ctx, 'status_check.answer', subjectOf(session), details);
        // Special categories (health, judicial): the person is told their data was read.
        await messaging.queue(tx, {
          tenantId: ctx.tenantId,
          channel: 'sms',
          purpose: 'notification',
          toAddress: r.phone!,
          body: accessNoticeText(ctx.language, { institution: t.name, reference: r.reference, channel: ctx.channel, at: clock.now(), timeZone: t.timeZone }),
          language: ctx.language,
          citizenId: r.citizenId,
          idempotencyKey: `status-access:${session.id}`,
        });
      });
    }
    return {
      outcome: 'answer',
      level: session.level,
      levelNeeded: gateLevel(r),
      facts,
      canBookAppointment: atLeast(session.level, 'L3') && pickupPossible(r),
      ...(more ? { moreWithLevel: more } : {}),
    };
  }

  /**
   * One turn of "the caller gives an identifier, the system says the status": identify and,
   * when the level already reached allows it (an L1 record, or a conversation verified before),
   * the answer, without asking the source twice.
   */
  async function check(ctx: StatusContext, query: StatusQuery): Promise<CheckOutcome> {
    const o = await find(ctx, query);
    if (o.outcome !== 'found') return o;
    const { record: r, session, fresh, audit: queryAudit, ...found } = o;
    // One entry for the identification and its answer together.
    const identified = { by: query.by, identified: true, levelNeeded: found.levelNeeded };
    if (!atLeast(session.level, found.levelNeeded) || found.consentNeeded) {
      await noted(ctx, 'status_check.identify', subjectOf(r), { ...queryAudit, ...identified, outcome: 'found', sensitive: r.sensitive }, fresh);
      return found;
    }
    return { ...found, answer: await disclose(ctx, session, r, identified, fresh) };
  }

  /** The citizen a ref's record belongs to, for their own access history: needs L2 at least. */
  async function citizenOf(ctx: StatusContext, ref: SubjectRef): Promise<{ citizenId: string } | RefusalOutcome | { outcome: 'verification_required'; levelNeeded: Level } | { outcome: 'not_possible' }> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    if (!atLeast(o.session.level, 'L2')) return { outcome: 'verification_required', levelNeeded: 'L2' };
    if (!o.session.citizenId) return { outcome: 'not_possible' };
    return { citizenId: o.session.citizenId };
  }

  return {
    entryPoint,
    citizenOf,
    check,
    identify,
    verify,
    sendCode,
    verifyCode,
    recordConsent,
    answer,
    /** For the other verbs of the module (appointments, preferences, summaries). */
    internals: { open, fetch, record, subjectOf, tenantOf, settings, guard, entryPoints },
  };
}

export type StatusCheckCore = ReturnType<typeof createStatusCheckService>;

/** A pickup appointment makes sense for a document or a decided request. */
export function pickupPossible(r: SourceRecord): boolean {
  const f = r.facts as Record<string, unknown>;
  if (r.kind === 'document') return f.state === 'ready_for_pickup' || f.state === 'in_preparation';
  if (r.kind === 'case') return ['resolved', 'closed'].includes(String(f.status));
  return false;
}

/** `+40722123456` → `+40 7** *** *56`-like: the country and the last two digits only. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `+${digits.slice(0, 2)} ${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-2)}`;
}

/** YYYY-MM-DD from what a caller may type or say: 1984-03-07, 7.3.1984, 07/03/1984. */
export function normalizeDate(input: string): string | null {
  const s = String(input).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

function iso(y: number, mo: number, d: number): string | null {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
