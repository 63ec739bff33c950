import { and, eq } from 'drizzle-orm';
import { anyUuid } from '../../platform/db/any-of.ts';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { domainEvents, notificationMessages, outboundMessages } from '../../platform/db/schema/index.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import { defineJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import type { FailedMessage, MessagingService } from '../messaging/index.ts';
import { APPOINTMENT_EVENTS, projectAppointment, sweepAppointments } from './appointment-reminders.ts';
import { acknowledgedChannelsMany, draftCitizenNotices, planChannels, writeCitizenNotices, type CitizenNotice } from './citizen-delivery.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { notificationRepository, ruleRecord } from './notification.repository.ts';
import { firingRules, type RuleRecord, type TemplateChannel } from './rule-model.ts';
import { notifyStaff } from './staff-delivery.ts';
import { sendStaffDigests } from './staff-digest.ts';
import { loadStepFacts, loadStepFactsMany, type StepEvent, type StepFacts } from './step-facts.ts';

export const DISPATCH_JOB = 'notifications.dispatch';

/**
 * The events rules may be written for: those of the default rules, the case lifecycle's others,
 * the appointment events of status-check and the scheduled steps raised here.
 */
export const NOTIFIABLE_EVENTS = [
  ...new Set([
    ...DEFAULT_RULES.map((r) => r.eventType),
    'case.assigned',
    'case.started',
    'case.resumed',
    'case.resolution_returned',
    'case.closed',
    'case.withdrawn',
    'case.reopened',
    'case.payment_received',
    ...APPOINTMENT_EVENTS,
  ]),
].sort();

/** A step to dispatch: a domain event of an institution. */
export interface StepRef {
  tenantId: string;
  eventId: string;
}

export interface NotificationServiceDeps {
  db: Db;
  clock: Clock;
  events: EventOutbox;
  messaging: MessagingService;
  publicBaseUrl: string;
  /** Steps a worker node dispatches in one transaction (JOB_BATCH_SIZE). */
  batchSize?: number;
}

export function createNotificationService(deps: NotificationServiceDeps) {
  const { db, clock } = deps;
  const delivery = { clock, messaging: deps.messaging, publicBaseUrl: deps.publicBaseUrl };

  const asStep = (row: typeof domainEvents.$inferSelect): StepEvent => ({ id: row.id, tenantId: row.tenantId, type: row.type, subjectType: row.subjectType, subjectId: row.subjectId, payload: row.payload, occurredAt: row.occurredAt });

  async function loadEvent(tx: Tx, tenantId: string, eventId: string): Promise<StepEvent | null> {
    const [row] = await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.id, eventId)));
    return row ? asStep(row) : null;
  }

  /** The steps asked for, in the order asked, each only in its own institution. */
  async function loadEvents(tx: Tx, steps: readonly StepRef[]): Promise<StepEvent[]> {
    const rows = await tx
      .select()
      .from(domainEvents)
      .where(and(anyUuid(domainEvents.tenantId, [...new Set(steps.map((s) => s.tenantId))]), anyUuid(domainEvents.id, steps.map((s) => s.eventId))));
    const byKey = new Map(rows.map((r) => [`${r.tenantId}|${r.id}`, r]));
    return [...new Set(steps.map((s) => `${s.tenantId}|${s.eventId}`))].flatMap((k) => (byKey.has(k) ? [asStep(byKey.get(k)!)] : []));
  }

  /**
   * Steps of cases: the rules that fire and their messages, all in one transaction however many
   * steps (a worker takes its queued steps in batches). A worker dying halfway leaves nothing; the
   * retry writes the same messages under the same keys, and a step handled twice (two nodes, a
   * replay) finds its keys taken and sends nothing more.
   */
  async function dispatchMany(steps: readonly StepRef[]): Promise<{ messages: number; staff: number }> {
    if (steps.length === 0) return { messages: 0, staff: 0 };
    return db.transaction(async (tx) => {
      const events = await loadEvents(tx, steps);
      const withRules: { ev: StepEvent; rules: RuleRecord[] }[] = [];
      for (const ev of events) {
        if ((APPOINTMENT_EVENTS as readonly string[]).includes(ev.type)) await projectAppointment(tx, ev);
        await notificationRepository.ensureDefaults(tx, ev.tenantId);
        const rules = await notificationRepository.rulesFor(tx, ev.tenantId, ev.type);
        if (rules.length > 0) withRules.push({ ev, rules });
      }
      const factsOf = await loadStepFactsMany(tx, withRules.map((w) => w.ev));
      const firingOf = withRules.flatMap(({ ev, rules }) => {
        const facts = factsOf.get(ev.id);
        // Procedures settled on the spot send nothing (the seed: certifications, same-day papers).
        if (!facts || facts.category?.instant) return [];
        return [{ ev, facts, firing: firingRules(rules, { payload: ev.payload, submissionChannel: facts.kase?.channel ?? null }) }];
      });
      const acknowledged = await acknowledgedOf(tx, firingOf);
      let staff = 0;
      const notices: CitizenNotice[] = [];
      for (const { ev, facts, firing } of firingOf) {
        for (const rule of firing) {
          if (rule.audience === 'staff') {
            staff += await notifyStaff(tx, rule, ev, facts, clock.now());
            continue;
          }
          const plan = planChannels(rule, facts, acknowledged.get(`${ev.tenantId}|${facts.kase?.id}`) ?? new Set());
          notices.push(...(await draftCitizenNotices(delivery, tx, rule, ev, facts, plan.send)));
        }
      }
      const messages = (await writeCitizenNotices(delivery, tx, notices)).length;
      return { messages, staff };
    });
  }

  /** The channels intake acknowledged, for the cases of the steps whose rules care (one query per institution). */
  async function acknowledgedOf(tx: Tx, list: { ev: StepEvent; facts: StepFacts; firing: RuleRecord[] }[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const caseIdsByTenant = new Map<string, string[]>();
    for (const { ev, facts, firing } of list) {
      if (!facts.kase || !firing.some((r) => r.conditions.skipAcknowledged)) continue;
      caseIdsByTenant.set(ev.tenantId, [...(caseIdsByTenant.get(ev.tenantId) ?? []), facts.kase.id]);
    }
    for (const [tenantId, caseIds] of caseIdsByTenant) {
      for (const [caseId, channels] of await acknowledgedChannelsMany(tx, tenantId, caseIds)) out.set(`${tenantId}|${caseId}`, channels);
    }
    return out;
  }

  /** One step (dispatchMany of one). */
  function dispatch(tenantId: string, eventId: string): Promise<{ messages: number; staff: number }> {
    return dispatchMany([{ tenantId, eventId }]);
  }

  /**
   * A notification SMS that will not arrive: the rule's fallback channels get the same notice,
   * except those the step already reached. In the transaction that marked the SMS failed.
   */
  async function fallBack(tx: Tx, failed: FailedMessage): Promise<void> {
    if (failed.channel !== 'sms' || failed.purpose !== 'notification') return;
    const [link] = await tx.select().from(notificationMessages).where(and(eq(notificationMessages.tenantId, failed.tenantId), eq(notificationMessages.messageId, failed.id)));
    if (!link) return;
    // A failure reported twice (a late receipt after the last retry) falls back once.
    const [already] = await tx.select({ id: notificationMessages.messageId }).from(notificationMessages).where(and(eq(notificationMessages.tenantId, failed.tenantId), eq(notificationMessages.fallbackOf, failed.id))).limit(1);
    if (already) return;
    const ruleRow = await notificationRepository.rule(tx, failed.tenantId, link.ruleId);
    const ev = await loadEvent(tx, failed.tenantId, link.eventId);
    if (!ruleRow || !ev || ruleRow.fallback.length === 0) return;
    const rule = ruleRecord(ruleRow);
    const facts = await loadStepFacts(tx, ev);
    if (!facts) return;
    const reached = await tx
      .select({ channel: outboundMessages.channel })
      .from(notificationMessages)
      .innerJoin(outboundMessages, eq(outboundMessages.id, notificationMessages.messageId))
      .where(and(eq(notificationMessages.tenantId, failed.tenantId), eq(notificationMessages.ruleId, rule.id), eq(notificationMessages.eventId, ev.id)));
    const used = new Set(reached.map((r) => r.channel));
    const plan = planChannels({ channels: rule.fallback, conditions: {} }, facts, new Set());
    const next = plan.send.find((c: TemplateChannel) => !used.has(c));
    if (next) await writeCitizenNotices(delivery, tx, await draftCitizenNotices(delivery, tx, rule, ev, facts, [next], { fallbackOf: failed.id }));
  }

  function subscribe(): void {
    for (const type of NOTIFIABLE_EVENTS) deps.events.subscribe(type, DISPATCH_JOB);
    deps.messaging.onFailure(fallBack);
  }

  const jobDefinitions = (consoleUrl: string): JobDefinition[] => [
    defineJob({
      name: DISPATCH_JOB,
      payload: z.object({ eventId: z.uuid(), tenantId: z.uuid(), type: z.string() }),
      retryLimit: 8,
      retryDelaySeconds: 5,
      retryBackoff: true,
      // A batch of steps is one transaction and idempotent: a dead node's steps may come back soon.
      batchSize: deps.batchSize ?? 100,
      expireInSeconds: 60,
      handle: async (p) => {
        await dispatch(p.tenantId, p.eventId);
      },
      handleBatch: async (jobs) => {
        await dispatchMany(jobs.map((j) => ({ tenantId: j.payload.tenantId, eventId: j.payload.eventId })));
        return jobs.map(() => null);
      },
    }),
    defineJob({
      name: 'notifications.sweep-appointments',
      payload: z.object({}).passthrough(),
      cron: '* * * * *',
      retryLimit: 1,
      handle: async () => {
        await sweepAppointments({ db, clock, events: deps.events });
      },
    }),
    defineJob({
      name: 'notifications.staff-digest',
      payload: z.object({}).passthrough(),
      cron: '0 * * * *',
      retryLimit: 2,
      handle: async () => {
        await sendStaffDigests({ db, clock, messaging: deps.messaging, consoleUrl });
      },
    }),
  ];

  return { dispatch, dispatchMany, fallBack, subscribe, jobDefinitions, sweepAppointments: () => sweepAppointments({ db, clock, events: deps.events }), sendStaffDigests: (consoleUrl: string) => sendStaffDigests({ db, clock, messaging: deps.messaging, consoleUrl }) };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
