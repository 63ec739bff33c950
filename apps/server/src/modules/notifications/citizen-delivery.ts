import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notificationMessages, outboundMessages } from '../../platform/db/schema/index.ts';
import { recordTimelineEntry } from '../cases/index.ts';
import type { MessagingService } from '../messaging/index.ts';
import { notificationRepository } from './notification.repository.ts';
import { quietUntil } from './quiet-hours.ts';
import { renderFor } from './render.ts';
import { arrivalChannelOf, preferredChannelOf, type RuleRecord, type TemplateChannel } from './rule-model.ts';
import { templateValues, type StepEvent, type StepFacts } from './step-facts.ts';

export interface CitizenDeliveryDeps {
  clock: Clock;
  messaging: MessagingService;
  publicBaseUrl: string;
}

/** The idempotency key of a rule's message for one step on one channel: a retried or replayed step never sends twice. */
export const notificationKey = (ruleId: string, caseId: string | null, eventId: string, channel: string) => `notif:${ruleId}:${caseId ?? '-'}:${eventId}:${channel}`;

/** Why a channel of a rule was left out for a step (shown by the preview). */
export type SkipReason = 'no_sms_for_category' | 'consent_withdrawn' | 'no_address' | 'already_acknowledged' | 'no_arrival_channel';

/** Pure: the channels a citizen rule sends on for this step, and those it leaves out with the reason. */
export function planChannels(rule: Pick<RuleRecord, 'channels' | 'conditions'>, f: StepFacts, acknowledged: ReadonlySet<string>): { send: TemplateChannel[]; skipped: { channel: string; reason: SkipReason }[] } {
  const send: TemplateChannel[] = [];
  const skipped: { channel: string; reason: SkipReason }[] = [];
  for (const token of rule.channels) {
    const channel = token === 'arrival' ? arrivalChannelOf(f.kase?.channel ?? null) : token === 'preferred' ? preferredChannelOf(f.citizen?.preferredChannel ?? null) : (token as TemplateChannel);
    if (!channel) {
      skipped.push({ channel: token, reason: 'no_arrival_channel' });
      continue;
    }
    if (send.includes(channel)) continue;
    const reason = skipReason(channel, rule, f, acknowledged);
    if (reason) skipped.push({ channel, reason });
    else send.push(channel);
  }
  return { send, skipped };
}

function skipReason(channel: TemplateChannel, rule: Pick<RuleRecord, 'conditions'>, f: StepFacts, acknowledged: ReadonlySet<string>): SkipReason | null {
  // The seed: only procedures flagged "send SMS" send SMS (the inbox and e-mail still get the notice).
  if (channel === 'sms' && f.category && !f.category.sendSms) return 'no_sms_for_category';
  if (f.citizen?.refused.has(channel)) return 'consent_withdrawn';
  if (channel === 'sms' && !f.citizen?.phone) return 'no_address';
  if (channel === 'email' && !f.citizen?.email) return 'no_address';
  if (rule.conditions.skipAcknowledged && acknowledged.has(channel)) return 'already_acknowledged';
  return null;
}

/** Channels on which intake already acknowledged this case (its receipt, queued in the registration itself). */
export async function acknowledgedChannels(tx: Tx, tenantId: string, caseId: string | null): Promise<Set<string>> {
  if (!caseId) return new Set();
  const rows = await tx
    .selectDistinct({ channel: outboundMessages.channel })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.caseId, caseId), eq(outboundMessages.purpose, 'acknowledgement')));
  return new Set(rows.map((r) => r.channel));
}

/**
 * Queues a rule's messages for one step, in the step's transaction: each with its idempotency
 * key, linked to its rule and step, and entered in the case's timeline. Non-urgent SMS wait out
 * the institution's quiet hours.
 */
export async function sendToCitizen(
  deps: CitizenDeliveryDeps,
  tx: Tx,
  rule: RuleRecord,
  ev: StepEvent,
  f: StepFacts,
  channels: readonly TemplateChannel[],
  opts: { fallbackOf?: string } = {},
): Promise<string[]> {
  const citizen = f.citizen;
  if (!citizen) return [];
  const settings = await notificationRepository.settings(tx, ev.tenantId);
  const values = templateValues(f, ev, citizen.language, deps.publicBaseUrl);
  const caseId = f.kase?.id ?? null;
  const created: string[] = [];
  for (const channel of channels) {
    const template = await notificationRepository.template(tx, ev.tenantId, rule.templateCode, channel, [citizen.language, f.tenant.defaultLanguage]);
    if (!template) continue;
    const rendered = renderFor(channel, template.language as typeof citizen.language, template, values);
    const notBefore = channel === 'sms' && !rule.urgent ? quietUntil(deps.clock.now(), f.tenant.timeZone, { start: settings.quietStart, end: settings.quietEnd }) : null;
    const toAddress = channel === 'sms' ? citizen.phone! : channel === 'email' ? citizen.email! : `portal:${citizen.id}`;
    const queued = await deps.messaging.queue(tx, {
      tenantId: ev.tenantId,
      channel,
      purpose: 'notification',
      toAddress,
      subject: rendered.subject,
      body: rendered.body,
      language: template.language,
      caseId,
      citizenId: citizen.id,
      idempotencyKey: opts.fallbackOf ? `${notificationKey(rule.id, caseId, ev.id, channel)}:fallback` : notificationKey(rule.id, caseId, ev.id, channel),
      notBefore,
    });
    if (!queued.created) continue;
    await tx.insert(notificationMessages).values({ messageId: queued.id, tenantId: ev.tenantId, ruleId: rule.id, eventId: ev.id, caseId, citizenId: citizen.id, fallbackOf: opts.fallbackOf ?? null });
    if (caseId) {
      await recordTimelineEntry(tx, {
        tenantId: ev.tenantId,
        caseId,
        type: 'notification',
        at: deps.clock.now(),
        data: { messageId: queued.id, channel, rule: rule.code, ...(notBefore ? { notBefore: notBefore.toISOString() } : {}), ...(opts.fallbackOf ? { fallbackOf: opts.fallbackOf } : {}) },
      });
    }
    created.push(queued.id);
  }
  return created;
}
