import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/platform/auth/context.ts';
import { auditEntries, domainEvents } from '../src/platform/db/schema/index.ts';
import { purgeStatusCheck, type AnswerOutcome, type IdentifyOutcome } from '../src/modules/status-check/index.ts';
import { createStaff, createTestApp, login, type TestContext } from './helpers/harness.ts';
import { BIRTH_DATE, createStatusFixture, randomMobile, type StatusFixture } from './helpers/status-fixtures.ts';

/** The status-check service on a real database: every outcome of the contract. */
describe('status-check service', () => {
  let t: TestContext;
  let f: StatusFixture;

  beforeAll(async () => {
    t = await createTestApp();
    await t.c.jobs.start({ work: false });
    f = await createStatusFixture(t);
  });
  afterAll(() => t.close());

  const s = () => t.c.statusCheck;
  const found = (o: IdentifyOutcome) => {
    if (o.outcome !== 'found') throw new Error(`expected found, got ${JSON.stringify(o)}`);
    return o;
  };
  const facts = (o: AnswerOutcome) => {
    if (o.outcome !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(o)}`);
    return o;
  };
  const auditOf = (action: string) =>
    t.c.db.select().from(auditEntries).where(and(eq(auditEntries.tenantId, f.tenantId), like(auditEntries.action, action)));

  it('answers an L1 record with its general status only, and audits the look-up and the answer', async () => {
    const ctx = f.ctx({ callerKey: randomMobile() });
    const id = found(await s().identify(ctx, { by: 'registration_number', value: f.cases.approved.toLowerCase().replace(/-/g, ' - ') }));
    expect(id).toMatchObject({ kind: 'case', levelNeeded: 'L1', sensitive: false, consentNeeded: false, reference: f.cases.approved });
    expect(id.maskedPhone).toMatch(/^\+40 \*+\d{2}$/);
    const a = facts(await s().answer(ctx, id.ref));
    expect(a.facts).toMatchObject({ kind: 'case', reference: f.cases.approved, categoryName: 'Certificat fiscal', stage: 'submitted' });
    expect(a.facts).not.toHaveProperty('details');
    expect(a.moreWithLevel).toBe('L2');
    const english = facts(await s().answer({ ...ctx, language: 'en' }, id.ref));
    expect(english.facts).toMatchObject({ categoryName: 'Fiscal certificate' });
    const entries = await t.c.db.select().from(auditEntries).where(and(eq(auditEntries.tenantId, f.tenantId), eq(auditEntries.subjectType, 'citizen'), eq(auditEntries.subjectId, f.citizenId)));
    expect(entries.filter((e) => e.action === 'status_check.identify' && e.details.outcome === 'found' && e.details.reference === f.cases.approved).length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.action === 'status_check.answer' && e.details.outcome === 'answer').length).toBeGreaterThan(0);
  });

  it('check: one turn gives the answer when the level allows it, and only the identification when it does not', async () => {
    const ctx = f.ctx({ callerKey: randomMobile() });
    const l1 = await s().check(ctx, { by: 'registration_number', value: f.cases.approved });
    expect(l1).toMatchObject({ outcome: 'found', kind: 'case', answer: { outcome: 'answer', level: 'L1', facts: { reference: f.cases.approved, stage: 'submitted' } } });
    const l2 = await s().check(ctx, { by: 'registration_number', value: f.cases.l2 });
    expect(l2).toMatchObject({ outcome: 'found', levelNeeded: 'L2' });
    expect(l2).not.toHaveProperty('answer');
    expect(await s().check(ctx, { by: 'registration_number', value: 'PET-2026-777777' })).toEqual({ outcome: 'not_found', next: 'national_id' });
  });

  it('refuses malformed identifiers before any look-up, with a reason, and audits the refusal', async () => {
    const ctx = f.ctx({ callerKey: randomMobile() });
    expect(await s().identify(ctx, { by: 'registration_number', value: 'PET-2026-12' })).toEqual({ outcome: 'invalid', reason: 'format' });
    expect(await s().identify(ctx, { by: 'registration_number', value: 'drop table;' })).toEqual({ outcome: 'invalid', reason: 'format' });
    const wrongCheck = f.cnp.slice(0, 12) + String((Number(f.cnp[12]) + 1) % 10);
    expect(await s().identify(ctx, { by: 'national_id', value: wrongCheck, kind: 'case' })).toEqual({ outcome: 'invalid', reason: 'checksum' });
    const invalids = (await auditOf('status_check.identify')).filter((e) => e.details.outcome === 'invalid');
    expect(invalids.length).toBeGreaterThanOrEqual(3);
    // No identifier is ever written to the audit trail in plain text.
    expect(JSON.stringify(invalids)).not.toContain(wrongCheck);
  });

  it('not found by number → offers the national ID fallback; not found by national ID → transfer', async () => {
    const ctx = f.ctx({ callerKey: randomMobile() });
    expect(await s().identify(ctx, { by: 'registration_number', value: 'PET-2026-999999' })).toEqual({ outcome: 'not_found', next: 'national_id' });
    const byId = found(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'document' }));
    expect(byId).toMatchObject({ kind: 'document', reference: f.records.document });
    expect(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'appointment' })).toEqual({ outcome: 'not_found', next: 'transfer' });
  });

  it('L2: needs the birth date (or the last 4 phone digits) before saying anything, then gives the details', async () => {
    const ctx = f.ctx({ callerKey: randomMobile() });
    const id = found(await s().identify(ctx, { by: 'registration_number', value: f.cases.l2 }));
    expect(id).toMatchObject({ levelNeeded: 'L2', l2Methods: ['birth_date', 'phone_last4'] });
    expect(await s().answer(ctx, id.ref)).toEqual({ outcome: 'verification_required', levelNeeded: 'L2', consentNeeded: false });
    expect(await s().verify(ctx, id.ref, { birthDate: '07.03.1984' })).toEqual({ outcome: 'verified', level: 'L2', consentNeeded: false });
    const a = facts(await s().answer(ctx, id.ref));
    expect(a.facts).toMatchObject({ kind: 'case', categoryName: 'Autorizație de construire', details: { subject: 'Autorizație casă' } });

    // An invoice (financial: L2 by default), by client code, verified by the phone's last digits.
    const inv = found(await s().identify(ctx, { by: 'client_code', value: f.clientCode.toLowerCase(), kind: 'invoice' }));
    expect(inv.levelNeeded).toBe('L2');
    expect(await s().verify(ctx, inv.ref, { phoneLast4: f.phone.slice(-4) })).toMatchObject({ outcome: 'verified', level: 'L2' });
    expect(facts(await s().answer({ ...ctx, language: 'en' }, inv.ref)).facts).toMatchObject({
      kind: 'invoice',
      state: 'overdue',
      serviceName: 'Water and sewerage',
      details: { balance: { amount: '123.45', currency: 'RON' }, penalties: { amount: '4.10', currency: 'RON' }, consumption: { quantity: '8.5', unit: 'm3' } },
    });
    // By address too, punctuation and case aside.
    expect(found(await s().identify(ctx, { by: 'address', value: 'strada florilor 3 cluj napoca', kind: 'invoice' })).reference).toBe(f.records.invoice);
  });

  it('three wrong birth dates lock the identifier, for every caller, and the caller apart', async () => {
    const caller = randomMobile();
    const ctx = f.ctx({ callerKey: caller });
    const id = found(await s().identify(ctx, { by: 'registration_number', value: f.cases.l2 }));
    expect(await s().verify(ctx, id.ref, { birthDate: '1990-01-01' })).toEqual({ outcome: 'failed', attemptsLeft: 2 });
    expect(await s().verify(ctx, id.ref, { birthDate: '1990-01-02' })).toEqual({ outcome: 'failed', attemptsLeft: 1 });
    const third = await s().verify(ctx, id.ref, { birthDate: '1990-01-03' });
    expect(third).toMatchObject({ outcome: 'locked', scope: 'identifier' });
    // Locked: even the right birth date now gets nothing.
    expect(await s().verify(ctx, id.ref, { birthDate: BIRTH_DATE })).toMatchObject({ outcome: 'locked' });
    expect(await s().answer(ctx, id.ref)).toMatchObject({ outcome: 'locked' });
    // Another caller asking for the same record meets the identifier's lock.
    expect(await s().identify(f.ctx({ callerKey: randomMobile() }), { by: 'registration_number', value: f.cases.l2 })).toMatchObject({ outcome: 'locked', scope: 'identifier' });
    // The caller who failed three times is locked for other records too.
    expect(await s().identify(ctx, { by: 'registration_number', value: f.cases.approved })).toMatchObject({ outcome: 'locked', scope: 'caller' });
    await t.database.query(`UPDATE status_locks SET locked_until = now() - interval '1 second' WHERE tenant_id = $1`, [f.tenantId]);
  });

  it('L3: a 6-digit code by SMS to the registered phone, single use; sensitive records also need consent, and the citizen is told', async () => {
    const ctx = f.ctx({ callerKey: randomMobile(), conversationId: 'conv-l3' });
    const id = found(await s().identify(ctx, { by: 'registration_number', value: f.cases.sensitive }));
    expect(id).toMatchObject({ levelNeeded: 'L3', sensitive: true, consentNeeded: true });
    expect(await s().answer(ctx, id.ref)).toEqual({ outcome: 'verification_required', levelNeeded: 'L3', consentNeeded: true });
    // L2 is not enough for a sensitive record.
    await s().verify(ctx, id.ref, { birthDate: BIRTH_DATE });
    expect(await s().answer(ctx, id.ref)).toMatchObject({ outcome: 'verification_required', levelNeeded: 'L3' });

    const sent = await s().sendCode(ctx, id.ref);
    expect(sent).toMatchObject({ outcome: 'sent', maskedPhone: id.maskedPhone });
    const code = await f.lastCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = await t.database.query<{ code_hash: string }>(`SELECT code_hash FROM status_codes WHERE tenant_id = $1`, [f.tenantId]);
    expect(JSON.stringify(stored.rows)).not.toContain(code!);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(await s().verifyCode(ctx, id.ref, wrong)).toEqual({ outcome: 'failed', attemptsLeft: 2 });
    expect(await s().verifyCode(ctx, id.ref, code!)).toEqual({ outcome: 'verified', level: 'L3', consentNeeded: true });
    // Single use.
    expect(await s().verifyCode(ctx, id.ref, code!)).toMatchObject({ outcome: 'failed' });

    expect(await s().answer(ctx, id.ref)).toEqual({ outcome: 'verification_required', levelNeeded: 'L3', consentNeeded: true });
    expect(await s().recordConsent(ctx, id.ref)).toEqual({ outcome: 'recorded' });
    const a = facts(await s().answer(ctx, id.ref));
    expect(a).toMatchObject({ level: 'L3', facts: { kind: 'case', categoryName: 'Dosar medical' } });
    const notices = (await f.messagesTo(f.phone)).filter((m) => m.purpose === 'notification');
    expect(notices.some((m) => m.body.includes(f.cases.sensitive) && m.body.includes('linia telefonica'))).toBe(true);
    expect((await auditOf('status_check.consent')).length).toBeGreaterThan(0);

    // The same conversation asking again keeps its level.
    const again = found(await s().identify(ctx, { by: 'registration_number', value: f.cases.sensitive }));
    expect(again.level).toBe('L3');
  });

  it('an expired code is refused', async () => {
    const ctx = f.ctx({ callerKey: randomMobile() });
    const id = found(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' }));
    await s().sendCode(ctx, id.ref);
    const code = await f.lastCode();
    await t.database.query(`UPDATE status_codes SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND used_at IS NULL`, [f.tenantId]);
    expect(await s().verifyCode(ctx, id.ref, code!)).toMatchObject({ outcome: 'failed' });
  });

  it('one caller trying 5 different identifiers is blocked and flagged for supervisors', async () => {
    const caller = randomMobile();
    const ctx = f.ctx({ callerKey: caller });
    for (let i = 1; i <= 4; i++) {
      expect(await s().identify(ctx, { by: 'registration_number', value: `PET-2026-90000${i}` })).toMatchObject({ outcome: 'not_found' });
    }
    const fifth = await s().identify(ctx, { by: 'registration_number', value: 'PET-2026-900005' });
    expect(fifth.outcome).toBe('blocked');
    // Blocked: even a real number now gets nothing, and so does a ref found before.
    expect(await s().identify(ctx, { by: 'registration_number', value: f.cases.approved })).toMatchObject({ outcome: 'blocked' });
    const flags = await s().admin.listFraudFlags(systemContext(f.tenantId), { open: true });
    const flag = flags.find((x) => x.caller === `${caller.slice(0, 4)}…${caller.slice(-2)}`);
    expect(flag).toMatchObject({ identifiers: 5, channel: 'voice', entryPointId: f.lines.general });
    expect(JSON.stringify(flags)).not.toContain(caller);

    // Supervisors see it over the API; a technician may not.
    const sup = await createStaff(t.c, f.tenantId, ['supervisor']);
    const tech = await createStaff(t.c, f.tenantId, ['technician']);
    const supCookie = (await login(t.app, sup.email)).cookie;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status-check/fraud-flags?open=true', headers: { cookie: supCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((x: { id: string }) => x.id)).toContain(flag!.id);
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/status-check/fraud-flags', headers: { cookie: (await login(t.app, tech.email)).cookie } });
    expect(denied.statusCode).toBe(403);
    // Released by a supervisor: the caller may ask again.
    const review = await t.app.inject({ method: 'POST', url: `/api/v1/status-check/fraud-flags/${flag!.id}/review`, headers: { cookie: supCookie }, payload: { release: true } });
    expect(review.statusCode).toBe(200);
    await t.database.query(`DELETE FROM status_probes WHERE tenant_id = $1`, [f.tenantId]);
    expect(await s().identify(ctx, { by: 'registration_number', value: f.cases.approved })).toMatchObject({ outcome: 'found' });
  });

  it('concurrent turns of one caller share their statements and still count together: 5 identifiers at once block them, with one flag', async () => {
    const caller = randomMobile();
    const ctx = f.ctx({ callerKey: caller });
    const outcomes = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => s().identify(ctx, { by: 'registration_number', value: `PET-2026-91000${i}` })));
    expect(outcomes.filter((o) => o.outcome === 'blocked').length).toBeGreaterThan(0);
    expect(await s().identify(ctx, { by: 'registration_number', value: f.cases.approved })).toMatchObject({ outcome: 'blocked' });
    const flags = (await s().admin.listFraudFlags(systemContext(f.tenantId), { open: true })).filter((x) => x.caller === `${caller.slice(0, 4)}…${caller.slice(-2)}`);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.identifiers).toBeGreaterThanOrEqual(5);
  });

  it('concurrent look-ups of different numbers by different callers each get their own record and a ref that opens only it', async () => {
    const asked = [f.cases.approved, f.cases.l2, f.cases.sensitive, 'PET-2026-920001', f.cases.approved, f.cases.l2];
    const ctxs = asked.map(() => f.ctx({ callerKey: randomMobile() }));
    const outcomes = await Promise.all(asked.map((value, i) => s().identify(ctxs[i]!, { by: 'registration_number', value })));
    outcomes.forEach((o, i) => {
      if (asked[i] === 'PET-2026-920001') expect(o).toEqual({ outcome: 'not_found', next: 'national_id' });
      else expect(found(o).reference).toBe(asked[i]);
    });
    const refs = outcomes.map((o) => (o.outcome === 'found' ? o.ref : null));
    expect(new Set(refs.filter(Boolean)).size).toBe(5);
    const first = facts(await s().answer(ctxs[0]!, refs[0]!));
    expect(first.facts).toMatchObject({ reference: f.cases.approved });
    // A ref is bound to the caller who found it: another caller of the same group gets nothing with it.
    expect(await s().answer(ctxs[4]!, refs[0]!)).toEqual({ outcome: 'invalid_ref' });
  });

  it('the purge deletes expired sessions (with their codes), probes out of the fraud window and run-out locks or stale failure counts, and keeps the live ones', async () => {
    const q = (sql: string, values: unknown[] = []) => t.database.query(sql, values);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const mark = `purge-${Date.now()}`;
    const session = (expiresAt: string) =>
      q(`INSERT INTO status_sessions (tenant_id, kind, record_key, reference, caller_index, channel, level_needed, expires_at) VALUES ($1, 'case', $2, $2, $2, 'web', 'L1', $3) RETURNING id`, [f.tenantId, mark, expiresAt]);
    const expired = ((await session(ago(1))) as { rows: { id: string }[] }).rows[0]!.id;
    const live = ((await session(ago(-30))) as { rows: { id: string }[] }).rows[0]!.id;
    await q(`INSERT INTO status_codes (tenant_id, session_id, code_hash, expires_at, created_at) VALUES ($1, $2, 'x', $3, $3)`, [f.tenantId, expired, ago(2)]);
    await q(`INSERT INTO status_probes (tenant_id, caller_index, identifier_index, first_at) VALUES ($1, $2, 'old', $3), ($1, $2, 'recent', $4)`, [f.tenantId, mark, ago(61), ago(5)]);
    await q(
      `INSERT INTO status_locks (tenant_id, scope, key_index, failures, locked_until, updated_at) VALUES
         ($1, 'caller', $2 || ':stale', 2, NULL, $3), ($1, 'caller', $2 || ':fresh', 2, NULL, $4),
         ($1, 'identifier', $2 || ':ran-out', 0, $5, $6), ($1, 'identifier', $2 || ':locked', 0, $7, $4)`,
      [f.tenantId, mark, ago(16), ago(1), ago(1), ago(16), ago(-10)],
    );
    const counts = await purgeStatusCheck(t.c.db, t.c.clock, { fraudWindowMinutes: 60, lockMinutes: 15 });
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    const left = async (sql: string) => ((await q(sql, [f.tenantId, mark])) as { rows: { k: string }[] }).rows.map((r) => r.k).sort();
    expect(await left(`SELECT id::text AS k FROM status_sessions WHERE tenant_id = $1 AND record_key = $2`)).toEqual([live]);
    expect(((await q(`SELECT count(*)::int AS n FROM status_codes WHERE session_id = $1`, [expired])) as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    expect(await left(`SELECT identifier_index AS k FROM status_probes WHERE tenant_id = $1 AND caller_index = $2`)).toEqual(['recent']);
    expect(await left(`SELECT key_index AS k FROM status_locks WHERE tenant_id = $1 AND key_index LIKE $2 || ':%'`)).toEqual([`${mark}:fresh`, `${mark}:locked`]);
    // Scheduled on the workers.
    expect(t.c.statusCheck.jobDefinitions.map((j) => j.name)).toContain('status-check.purge');
  });

  it('need to know: each line discloses only its record kinds', async () => {
    const caller = randomMobile();
    const on = (line: string) => f.ctx({ callerKey: caller, entryPointId: line });
    expect(await s().identify(on(f.lines.fiscal), { by: 'registration_number', value: f.cases.approved })).toEqual({ outcome: 'not_disclosed_here', kind: 'case' });
    expect(await s().identify(on(f.lines.social), { by: 'client_code', value: f.clientCode, kind: 'invoice' })).toEqual({ outcome: 'not_disclosed_here', kind: 'invoice' });
    expect(found(await s().identify(on(f.lines.fiscal), { by: 'client_code', value: f.clientCode, kind: 'invoice' })).kind).toBe('invoice');
    expect(found(await s().identify(on(f.lines.social), { by: 'national_id', value: f.cnp, kind: 'benefit' })).kind).toBe('benefit');
    expect(await s().identify(on(f.lines.none), { by: 'national_id', value: f.cnp, kind: 'benefit' })).toMatchObject({ outcome: 'not_disclosed_here' });
    // A ref found on one line is no key to another line's kinds.
    const ref = found(await s().identify(on(f.lines.social), { by: 'national_id', value: f.cnp, kind: 'benefit' })).ref;
    expect(await s().answer(on(f.lines.fiscal), ref)).toEqual({ outcome: 'not_disclosed_here', kind: 'benefit' });
    // Nor is it anyone else's.
    expect(await s().answer(f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.social }), ref)).toEqual({ outcome: 'invalid_ref' });
    expect(await s().answer(on(f.lines.social), ref.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a')))).toEqual({ outcome: 'invalid_ref' });
    expect((await s().entryPoint(on(f.lines.fiscal)))?.kinds).toEqual(['invoice', 'local_tax']);
  });

  it('a citizen who opted out of voice gets nothing by voice, and still gets answers in the chat', async () => {
    const caller = randomMobile();
    const sys = systemContext(f.tenantId, 'test');
    const citizen = await t.c.citizens.get(sys, f.citizenId, { audit: false });
    await t.c.citizens.update(sys, f.citizenId, { voiceOptOut: true, version: citizen.version });
    try {
      expect(await s().identify(f.ctx({ callerKey: caller }), { by: 'registration_number', value: f.cases.approved })).toEqual({ outcome: 'voice_opted_out' });
      const chat = f.ctx({ callerKey: '10.1.2.3', channel: 'chat', entryPointId: f.chatEntryPoint });
      expect(found(await s().identify(chat, { by: 'registration_number', value: f.cases.approved })).kind).toBe('case');
    } finally {
      const now = await t.c.citizens.get(sys, f.citizenId, { audit: false });
      await t.c.citizens.update(sys, f.citizenId, { voiceOptOut: false, version: now.version });
    }
  });

  it('L3 changes: books, moves and cancels a pickup appointment, with the events in the same transaction', async () => {
    const ctx = f.ctx({ callerKey: randomMobile(), conversationId: 'conv-appointment' });
    const id = found(await s().identify(ctx, { by: 'registration_number', value: f.records.document }));
    const l1 = facts(await s().answer(ctx, id.ref));
    expect(l1).toMatchObject({ canBookAppointment: false, facts: { kind: 'document', state: 'ready_for_pickup', readyFrom: '2026-12-15', pickupPlace: 'Registratura, ghișeul 2' } });
    expect(await s().listSlots(ctx, id.ref)).toEqual({ outcome: 'verification_required', levelNeeded: 'L3' });
    await s().sendCode(ctx, id.ref);
    expect(await s().verifyCode(ctx, id.ref, (await f.lastCode())!)).toMatchObject({ outcome: 'verified', level: 'L3' });
    const l3 = facts(await s().answer(ctx, id.ref));
    expect(l3).toMatchObject({ canBookAppointment: true, facts: { details: { bring: ['Cartea de identitate'] } } });

    const slots = await s().listSlots(ctx, id.ref);
    expect(slots.outcome).toBe('slots');
    const mine = slots.outcome === 'slots' ? slots.slots.filter((x) => x.placeId === f.slot.placeId) : [];
    expect(mine.map((x) => x.startsAt)).toEqual([f.slot.startsAt, f.slot.later]);
    const booked = await s().book(ctx, id.ref, { placeId: f.slot.placeId, startsAt: f.slot.startsAt });
    expect(booked).toMatchObject({ outcome: 'booked', appointment: { state: 'booked', startsAt: f.slot.startsAt, place: 'Registratura, ghișeul 2', purpose: 'Certificat de naștere' } });
    // The slot had room for one: another verified caller cannot have it (booking again moves the record's live appointment).
    const other = f.ctx({ callerKey: randomMobile() });
    const otherId = found(await s().identify(other, { by: 'registration_number', value: f.records.document }));
    await s().sendCode(other, otherId.ref);
    await s().verifyCode(other, otherId.ref, (await f.lastCode())!);
    expect(await s().book(other, otherId.ref, { placeId: f.slot.placeId, startsAt: f.slot.startsAt })).toEqual({ outcome: 'slot_taken' });
    const moved = await s().reschedule(ctx, id.ref, { placeId: f.slot.placeId, startsAt: f.slot.later });
    expect(moved).toMatchObject({ outcome: 'rescheduled', appointment: { startsAt: f.slot.later } });
    const freed = await s().listSlots(ctx, id.ref);
    expect(freed.outcome === 'slots' && freed.slots.filter((x) => x.placeId === f.slot.placeId).map((x) => x.startsAt)).toEqual([f.slot.startsAt]);
    const cancelled = await s().cancel(ctx, id.ref);
    expect(cancelled).toMatchObject({ outcome: 'cancelled' });
    expect(await s().cancel(ctx, id.ref)).toEqual({ outcome: 'invalid_ref' });

    const appointmentId = booked.outcome === 'booked' ? booked.appointment.appointmentId : '';
    const evs = await t.c.db.select().from(domainEvents).where(and(eq(domainEvents.tenantId, f.tenantId), eq(domainEvents.subjectId, appointmentId)));
    expect(evs.map((e) => e.type).sort()).toEqual(['appointment.booked', 'appointment.cancelled', 'appointment.rescheduled']);
    const rescheduled = evs.find((e) => e.type === 'appointment.rescheduled')!;
    expect(rescheduled.payload).toMatchObject({ appointmentId, caseId: null, citizenId: f.citizenId, startsAt: f.slot.later, previousStartsAt: f.slot.startsAt, place: 'Registratura, ghișeul 2' });
  });

  it('the voice opt-out can be set at L3, and the summary SMS goes to the registered phone only', async () => {
    const ctx = f.ctx({ callerKey: randomMobile(), entryPointId: f.lines.social });
    const id = found(await s().identify(ctx, { by: 'national_id', value: f.cnp, kind: 'benefit' }));
    expect(await s().setVoiceOptOut(ctx, id.ref, true)).toEqual({ outcome: 'verification_required', levelNeeded: 'L3' });
    expect(await s().sendSummary(ctx, id.ref, 'Dosarul SOC a fost respins.')).toEqual({ outcome: 'verification_required', levelNeeded: 'L2' });
    await s().verify(ctx, id.ref, { birthDate: BIRTH_DATE });
    expect(facts(await s().answer(ctx, id.ref)).facts).toMatchObject({ kind: 'benefit', state: 'rejected', details: { rejectionReason: 'Venitul depășește plafonul' } });
    expect(await s().sendSummary(ctx, id.ref, 'Dosarul a fost respins.')).toMatchObject({ outcome: 'queued' });
    expect((await f.messagesTo(f.phone)).some((m) => m.body === 'Dosarul a fost respins.')).toBe(true);
    await s().sendCode(ctx, id.ref);
    await s().verifyCode(ctx, id.ref, (await f.lastCode())!);
    expect(await s().setVoiceOptOut(ctx, id.ref, true)).toEqual({ outcome: 'updated' });
    expect(await s().identify(f.ctx({ callerKey: randomMobile() }), { by: 'registration_number', value: f.cases.approved })).toEqual({ outcome: 'voice_opted_out' });
    // Undoing it is not a thing to do by voice either: nothing answers there any more.
    expect(await s().setVoiceOptOut(ctx, id.ref, false)).toEqual({ outcome: 'voice_opted_out' });
    const sys = systemContext(f.tenantId, 'test');
    const citizen = await t.c.citizens.get(sys, f.citizenId, { audit: false });
    expect(citizen.voiceOptOut).toBe(true);
    await t.c.citizens.update(sys, f.citizenId, { voiceOptOut: false, version: citizen.version });
  });

  it('the citizen and staff can read who checked the data, when and by which channel', async () => {
    const history = await s().admin.accessHistory(systemContext(f.tenantId), f.citizenId);
    expect(history.length).toBeGreaterThan(5);
    expect(history.some((h) => h.channel === 'voice' && h.action === 'status_check.answer' && h.outcome === 'answer')).toBe(true);
    expect(history.some((h) => h.channel === 'chat')).toBe(true);
    const staff = await createStaff(t.c, f.tenantId, ['operator']);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/citizens/${f.citizenId}/status-access`, headers: { cookie: (await login(t.app, staff.email)).cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().length).toBeGreaterThan(5);
    expect((await auditOf('status_check.history_read')).length).toBeGreaterThanOrEqual(2);
  });
  it('concurrent turns: each answer is in the tenant\'s chain, appended by the database between other audited writes, and the chain verifies', async () => {
    const before = (await auditOf('status_check.answer')).length;
    const callers = Array.from({ length: 12 }, () => randomMobile());
    // Turns whose entries the database links in groups, racing verbs that append in their own transactions (a wrong birth date).
    const l2 = found(await s().identify(f.ctx({ callerKey: callers[0]! }), { by: 'registration_number', value: f.cases.l2 }));
    const turns = await Promise.all([
      ...callers.map((callerKey) => s().check(f.ctx({ callerKey }), { by: 'registration_number', value: f.cases.approved })),
      s().verify(f.ctx({ callerKey: callers[0]! }), l2.ref, { birthDate: '1900-01-01' }),
    ]);
    expect(turns.slice(0, callers.length).every((o) => o.outcome === 'found' && 'answer' in o && o.answer.outcome === 'answer')).toBe(true);
    const answers = await auditOf('status_check.answer');
    expect(answers.length - before).toBe(callers.length);
    const seqs = answers.map((e) => e.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    const verified = await t.c.audit.verify(f.tenantId);
    expect(verified.ok).toBe(true);
  });
});
