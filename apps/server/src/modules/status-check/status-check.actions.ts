import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { queryRaw, type Db, type Tx } from '../../platform/db/client.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import type { MessagingService } from '../messaging/index.ts';
import type {
  AppointmentEventPayload,
  AppointmentFacts,
  AppointmentOutcome,
  PreferenceOutcome,
  SendSummaryOutcome,
  SlotsOutcome,
  StatusContext,
  SubjectRef,
} from './contract.ts';
import { pick, type SourceRecord, type SourceText } from './records.ts';
import { atLeast, gateLevel } from './status-check.presenter.ts';
import { maskPhone, type StatusCheckCore } from './status-check.service.ts';
import type { Session } from './status-check.sessions.ts';

interface AppointmentRow {
  id: string;
  reference: string;
  version: number;
  facts: { state: string; purpose: SourceText; startsAt: string; place: SourceText; placeId: string | null; caseId: string | null; forRecord?: string };
}

const SUMMARY_MAX = 640;

/**
 * What an L3 caller may change: pickup appointments (booked against bookable slots, with the
 * domain events the notifications module sends reminders from, in the same transaction) and the
 * voice opt-out; and the summary SMS, which only ever goes to the registered phone.
 */
export function createStatusActions(deps: { db: Db; clock: Clock; events: EventOutbox; messaging: MessagingService; core: StatusCheckCore }) {
  const { db, clock, events, messaging } = deps;
  const { open, fetch, record, subjectOf, tenantOf } = deps.core.internals;

  async function l3(ctx: StatusContext, ref: SubjectRef): Promise<{ session: Session; rec: SourceRecord } | { out: Exclude<AppointmentOutcome, { outcome: 'booked' }> }> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return { out: o.refusal };
    if (!atLeast(o.session.level, 'L3')) return { out: { outcome: 'verification_required', levelNeeded: 'L3' } };
    const f = await fetch(ctx, o.session);
    if ('refusal' in f) return { out: f.refusal };
    return { session: o.session, rec: f.record };
  }

  async function placeLanguage(ctx: StatusContext) {
    return (await tenantOf(ctx.tenantId)).defaultLanguage;
  }

  function toFacts(row: AppointmentRow, language: string, fallback: string): AppointmentFacts {
    return {
      kind: 'appointment',
      reference: row.reference,
      appointmentId: row.id,
      state: row.facts.state as AppointmentFacts['state'],
      purpose: pick(row.facts.purpose, language, fallback) ?? '',
      startsAt: new Date(row.facts.startsAt).toISOString(),
      place: pick(row.facts.place, language, fallback) ?? '',
      changeable: row.facts.state === 'booked' || row.facts.state === 'confirmed',
    };
  }

  async function emit(tx: Tx, ctx: StatusContext, type: 'appointment.booked' | 'appointment.rescheduled' | 'appointment.cancelled', row: AppointmentRow, citizenId: string | null, language: string, previousStartsAt?: string) {
    const payload: AppointmentEventPayload = {
      appointmentId: row.id,
      caseId: row.facts.caseId,
      citizenId,
      startsAt: new Date(row.facts.startsAt).toISOString(),
      place: pick(row.facts.place, language, language) ?? '',
      ...(previousStartsAt ? { previousStartsAt } : {}),
    };
    await events.record(tx, { tenantId: ctx.tenantId, type, subjectType: 'appointment', subjectId: row.id, payload: payload as unknown as Record<string, unknown> });
  }

  /** The appointment a ref is about: the appointment itself, or the live one booked for the record. */
  async function appointmentFor(q: Db | Tx, ctx: StatusContext, session: Session, lock = false): Promise<AppointmentRow | null> {
    const where =
      session.kind === 'appointment'
        ? { sql: `kind = 'appointment' AND id::text = $2`, value: session.recordKey }
        : { sql: `kind = 'appointment' AND facts->>'forRecord' = $2 AND facts->>'state' IN ('booked','confirmed')`, value: `${session.kind}:${session.recordKey}` };
    const { rows } = await queryRaw<AppointmentRow>(
      q,
      `SELECT id, reference, version, facts FROM status_records WHERE tenant_id = $1 AND ${where.sql} ORDER BY created_at DESC LIMIT 1${lock ? ' FOR UPDATE' : ''}`,
      [ctx.tenantId, where.value],
    );
    return rows[0] ?? null;
  }

  async function takeSlot(tx: Tx, tenantId: string, slot: { placeId: string; startsAt: string }): Promise<Record<string, string> | null> {
    const { rows } = await queryRaw<{ place: Record<string, string> }>(
      tx,
      `UPDATE status_slots SET booked = booked + 1 WHERE tenant_id = $1 AND place_id = $2 AND starts_at = $3 AND booked < capacity AND starts_at > $4 RETURNING place`,
      [tenantId, slot.placeId, new Date(slot.startsAt).toISOString(), clock.now().toISOString()],
    );
    return rows[0]?.place ?? null;
  }

  async function releaseSlot(tx: Tx, tenantId: string, placeId: string | null, startsAt: string) {
    if (!placeId) return;
    await queryRaw(tx, `UPDATE status_slots SET booked = greatest(booked - 1, 0) WHERE tenant_id = $1 AND place_id = $2 AND starts_at = $3`, [tenantId, placeId, new Date(startsAt).toISOString()]);
  }

  async function listSlots(ctx: StatusContext, ref: SubjectRef, opts: { from?: string; days?: number } = {}): Promise<SlotsOutcome> {
    const g = await l3(ctx, ref);
    if ('out' in g) return g.out.outcome === 'slot_taken' ? { outcome: 'verification_required', levelNeeded: 'L3' } : (g.out as SlotsOutcome);
    const from = opts.from && !Number.isNaN(Date.parse(opts.from)) ? new Date(Math.max(Date.parse(opts.from), clock.now().getTime())) : clock.now();
    const to = new Date(from.getTime() + Math.min(Math.max(opts.days ?? 14, 1), 60) * 86_400_000);
    const { rows } = await queryRaw<{ place_id: string; place: Record<string, string>; starts_at: Date | string }>(
      db,
      `SELECT place_id, place, starts_at FROM status_slots WHERE tenant_id = $1 AND starts_at > $2 AND starts_at <= $3 AND booked < capacity ORDER BY starts_at, place_id LIMIT 20`,
      [ctx.tenantId, from.toISOString(), to.toISOString()],
    );
    const fallback = await placeLanguage(ctx);
    await db.transaction((tx) => record(tx, ctx, 'status_check.appointment', subjectOf(g.session), { kind: g.session.kind, reference: g.session.reference, action: 'slots', outcome: 'slots', count: rows.length }));
    return { outcome: 'slots', slots: rows.map((s) => ({ placeId: s.place_id, place: pick(s.place, ctx.language, fallback) ?? s.place_id, startsAt: new Date(s.starts_at).toISOString() })) };
  }

  async function book(ctx: StatusContext, ref: SubjectRef, slot: { placeId: string; startsAt: string }): Promise<AppointmentOutcome> {
    const g = await l3(ctx, ref);
    if ('out' in g) return g.out;
    const { session, rec } = g;
    const fallback = await placeLanguage(ctx);
    const existing = await appointmentFor(db, ctx, session);
    if (existing) return reschedule(ctx, ref, slot);
    const facts = rec.facts as Record<string, SourceText>;
    const purpose = rec.kind === 'document' ? facts.documentName : rec.kind === 'case' ? facts.categoryName : rec.reference;
    return db.transaction(async (tx) => {
      const place = await takeSlot(tx, ctx.tenantId, slot);
      if (!place) {
        await record(tx, ctx, 'status_check.appointment', subjectOf(session), { kind: session.kind, reference: session.reference, action: 'book', outcome: 'slot_taken' });
        return { outcome: 'slot_taken' } as const;
      }
      const reference = `APT-${randomBytes(4).toString('hex').toUpperCase()}`;
      const row: AppointmentRow['facts'] = {
        state: 'booked',
        purpose: purpose ?? rec.reference,
        startsAt: new Date(slot.startsAt).toISOString(),
        place,
        placeId: slot.placeId,
        caseId: rec.kind === 'case' ? rec.key : null,
        forRecord: `${rec.kind}:${rec.key}`,
      };
      const { rows } = await queryRaw<AppointmentRow>(
        tx,
        `INSERT INTO status_records (tenant_id, kind, reference, citizen_id, birth_date, phone, level_needed, sensitive, facts, source)
         VALUES ($1, 'appointment', $2, $3, $4, $5, 'L1', false, $6, 'booking') RETURNING id, reference, version, facts`,
        [ctx.tenantId, reference, rec.citizenId, rec.birthDate, rec.phone, JSON.stringify(row)],
      );
      const booked = rows[0]!;
      await emit(tx, ctx, 'appointment.booked', booked, rec.citizenId, fallback);
      await record(tx, ctx, 'status_check.appointment', subjectOf(session), { kind: session.kind, reference: session.reference, action: 'book', outcome: 'booked', appointmentId: booked.id });
      return { outcome: 'booked', appointment: toFacts(booked, ctx.language, fallback) } as const;
    });
  }

  async function change(ctx: StatusContext, ref: SubjectRef, action: 'reschedule' | 'cancel' | 'confirm', slot?: { placeId: string; startsAt: string }): Promise<AppointmentOutcome> {
    const g = await l3(ctx, ref);
    if ('out' in g) return g.out;
    const { session, rec } = g;
    const fallback = await placeLanguage(ctx);
    return db.transaction(async (tx) => {
      const row = await appointmentFor(tx, ctx, session, true);
      const audit = (outcome: string, extra: Record<string, unknown> = {}) => record(tx, ctx, 'status_check.appointment', subjectOf(session), { kind: session.kind, reference: session.reference, action, outcome, ...extra });
      if (!row || (row.facts.state !== 'booked' && row.facts.state !== 'confirmed')) {
        await audit('invalid_ref');
        return { outcome: 'invalid_ref' } as const;
      }
      const previousStartsAt = new Date(row.facts.startsAt).toISOString();
      const facts = { ...row.facts };
      if (action === 'reschedule') {
        const place = await takeSlot(tx, ctx.tenantId, slot!);
        if (!place) {
          await audit('slot_taken');
          return { outcome: 'slot_taken' } as const;
        }
        await releaseSlot(tx, ctx.tenantId, row.facts.placeId, row.facts.startsAt);
        Object.assign(facts, { state: 'booked', startsAt: new Date(slot!.startsAt).toISOString(), place, placeId: slot!.placeId });
      } else if (action === 'cancel') {
        await releaseSlot(tx, ctx.tenantId, row.facts.placeId, row.facts.startsAt);
        facts.state = 'cancelled';
      } else facts.state = 'confirmed';
      const { rows } = await queryRaw<AppointmentRow>(
        tx,
        `UPDATE status_records SET facts = $3, version = version + 1, updated_at = $4 WHERE tenant_id = $1 AND id = $2 RETURNING id, reference, version, facts`,
        [ctx.tenantId, row.id, JSON.stringify(facts), clock.now().toISOString()],
      );
      const updated = rows[0]!;
      if (action === 'reschedule') await emit(tx, ctx, 'appointment.rescheduled', updated, rec.citizenId, fallback, previousStartsAt);
      if (action === 'cancel') await emit(tx, ctx, 'appointment.cancelled', updated, rec.citizenId, fallback);
      const outcome = action === 'reschedule' ? 'rescheduled' : action === 'cancel' ? 'cancelled' : 'confirmed';
      await audit(outcome, { appointmentId: updated.id });
      return { outcome, appointment: toFacts(updated, ctx.language, fallback) } as const;
    });
  }

  const reschedule = (ctx: StatusContext, ref: SubjectRef, slot: { placeId: string; startsAt: string }) => change(ctx, ref, 'reschedule', slot);
  const cancel = (ctx: StatusContext, ref: SubjectRef) => change(ctx, ref, 'cancel');
  const confirm = (ctx: StatusContext, ref: SubjectRef) => change(ctx, ref, 'confirm');

  async function setVoiceOptOut(ctx: StatusContext, ref: SubjectRef, optOut: boolean): Promise<PreferenceOutcome> {
    const g = await l3(ctx, ref);
    if ('out' in g) return g.out.outcome === 'slot_taken' ? { outcome: 'verification_required', levelNeeded: 'L3' } : (g.out as PreferenceOutcome);
    const { session, rec } = g;
    await db.transaction(async (tx) => {
      if (rec.citizenId) {
        await queryRaw(tx, `UPDATE citizens SET voice_opt_out = $3, version = version + 1, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [ctx.tenantId, rec.citizenId, optOut, clock.now().toISOString()]);
      } else if (rec.kind !== 'case') {
        await queryRaw(tx, `UPDATE status_records SET voice_opt_out = $4, updated_at = $5 WHERE tenant_id = $1 AND kind = $2 AND id::text = $3`, [ctx.tenantId, rec.kind, rec.key, optOut, clock.now().toISOString()]);
      }
      await record(tx, ctx, 'status_check.preference', subjectOf(session), { kind: session.kind, reference: session.reference, voiceOptOut: optOut, outcome: 'updated' });
    });
    return { outcome: 'updated' };
  }

  async function sendSummary(ctx: StatusContext, ref: SubjectRef, body: string): Promise<SendSummaryOutcome> {
    const o = await open(ctx, ref);
    if ('refusal' in o) return o.refusal;
    const { session } = o;
    const f = await fetch(ctx, session);
    if ('refusal' in f) return f.refusal;
    const gate = gateLevel(f.record);
    if (!atLeast(session.level, gate) || (f.record.sensitive && !session.consentAt)) return { outcome: 'verification_required', levelNeeded: gate };
    const phone = f.record.phone;
    const text = String(body).trim();
    if (!phone || text.length === 0 || text.length > SUMMARY_MAX) return { outcome: 'not_possible' };
    await db.transaction(async (tx) => {
      await messaging.queue(tx, {
        tenantId: ctx.tenantId,
        channel: 'sms',
        purpose: 'reply',
        toAddress: phone,
        body: text,
        language: ctx.language,
        citizenId: f.record.citizenId,
        caseId: f.record.kind === 'case' ? f.record.key : null,
        idempotencyKey: `status-summary:${session.id}:${clock.now().getTime()}`,
      });
      await record(tx, ctx, 'status_check.summary_sent', subjectOf(session), { kind: session.kind, reference: session.reference, outcome: 'queued' });
    });
    return { outcome: 'queued', maskedPhone: maskPhone(phone) };
  }

  return { listSlots, book, reschedule, cancel, confirm, setVoiceOptOut, sendSummary };
}
