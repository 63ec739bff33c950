import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { notificationAppointments } from '../../platform/db/schema/index.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import { FINAL_STATUSES } from '../cases/index.ts';
import type { StepEvent } from './step-facts.ts';

/** The appointment events status-check raises; notifications keep a projection of them to remind from. */
export const APPOINTMENT_EVENTS = ['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled'] as const;
const RESULT_WARNING_HOURS = 3;
const REMINDER_HOURS = 24;

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** Keeps the projection of an appointment up to date, in the transaction that handles its event. */
export async function projectAppointment(tx: Tx, ev: StepEvent): Promise<void> {
  const appointmentId = str(ev.payload.appointmentId) ?? ev.subjectId;
  const startsAt = str(ev.payload.startsAt);
  if (!appointmentId || !startsAt) return;
  const values = {
    tenantId: ev.tenantId,
    appointmentId,
    caseId: str(ev.payload.caseId),
    citizenId: str(ev.payload.citizenId),
    startsAt: new Date(startsAt),
    place: str(ev.payload.place) ?? '',
    cancelled: ev.type === 'appointment.cancelled',
  };
  await tx
    .insert(notificationAppointments)
    .values(values)
    .onConflictDoUpdate({ target: [notificationAppointments.tenantId, notificationAppointments.appointmentId], set: { caseId: values.caseId, citizenId: values.citizenId, startsAt: values.startsAt, place: values.place, cancelled: values.cancelled } });
}

/**
 * The scheduled steps of appointments: "appointment tomorrow" a day before, and the seed's overdue
 * warning when a case still has no result 3 hours before its appointment. Each is raised once per
 * start time (a moved appointment is reminded again) by a conditional UPDATE in the transaction of
 * its event, so two workers sweeping at once cannot both raise it.
 */
export async function sweepAppointments(deps: { db: Db; clock: Clock; events: EventOutbox }): Promise<{ reminders: number; warnings: number }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    type Hit = { tenant_id: string; appointment_id: string; case_id: string | null; citizen_id: string | null; starts_at: Date | string; place: string };
    const rowsOf = (r: unknown) => (r as { rows: Hit[] }).rows;
    const reminders = rowsOf(
      await tx.execute(sql`
        UPDATE ${notificationAppointments} SET reminded_for = starts_at
        WHERE NOT cancelled AND starts_at > ${now}::timestamptz + make_interval(hours => ${RESULT_WARNING_HOURS})
          AND starts_at <= ${now}::timestamptz + make_interval(hours => ${REMINDER_HOURS})
          AND reminded_for IS DISTINCT FROM starts_at
        RETURNING tenant_id, appointment_id, case_id, citizen_id, starts_at, place`),
    );
    const finals = sql.join(FINAL_STATUSES.map((s) => sql`${s}`), sql`, `);
    const warnings = rowsOf(
      await tx.execute(sql`
        UPDATE ${notificationAppointments} a SET result_checked_for = a.starts_at
        FROM cases c
        WHERE c.id = a.case_id AND c.tenant_id = a.tenant_id AND NOT a.cancelled
          AND a.starts_at > ${now} AND a.starts_at <= ${now}::timestamptz + make_interval(hours => ${RESULT_WARNING_HOURS})
          AND a.result_checked_for IS DISTINCT FROM a.starts_at
          AND c.status NOT IN (${finals})
        RETURNING a.tenant_id, a.appointment_id, a.case_id, a.citizen_id, a.starts_at, a.place`),
    );
    for (const [type, hits] of [['appointment.reminder_due', reminders], ['appointment.result_missing', warnings]] as const) {
      for (const h of hits) {
        await deps.events.record(tx, {
          tenantId: h.tenant_id,
          type,
          subjectType: 'appointment',
          subjectId: h.appointment_id,
          actorId: null,
          payload: { appointmentId: h.appointment_id, caseId: h.case_id, citizenId: h.citizen_id, startsAt: new Date(h.starts_at).toISOString(), place: h.place },
        });
      }
    }
    return { reminders: reminders.length, warnings: warnings.length };
  });
}

/** For tests and the admin view: an appointment as notifications know it. */
export async function projectedAppointment(db: Db, tenantId: string, appointmentId: string) {
  const [row] = await db.select().from(notificationAppointments).where(and(eq(notificationAppointments.tenantId, tenantId), eq(notificationAppointments.appointmentId, appointmentId)));
  return row;
}
