import { and, eq } from 'drizzle-orm';
import { anyUuid } from '../../platform/db/any-of.ts';
import { queryRaw } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { outboundMessages } from '../../platform/db/schema/index.ts';
import { recordTimelineEntries } from '../cases/index.ts';
import type { MessageRequest, MessagingService } from '../messaging/index.ts';
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

/** Channels on which intake already acknowledged each of these cases (its receipt, queued in the registration itself). */
export async function acknowledgedChannelsMany(tx: Tx, tenantId: string, caseIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (caseIds.length === 0) return out;
  const rows = await tx
    .selectDistinct({ caseId: outboundMessages.caseId, channel: outboundMessages.channel })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, tenantId), anyUuid(outboundMessages.caseId, caseIds), eq(outboundMessages.purpose, 'acknowledgement')));
  for (const r of rows) {
    if (!r.caseId) continue;
    out.set(r.caseId, (out.get(r.caseId) ?? new Set()).add(r.channel));
  }
  return out;
}

export async function acknowledgedChannels(tx: Tx, tenantId: string, caseId: string | null): Promise<Set<string>> {
  if (!caseId) return new Set();
  return (await acknowledgedChannelsMany(tx, tenantId, [caseId])).get(caseId) ?? new Set();
}

// One parameter for any number of rows: a batch of steps writes hundreds at once.
const INSERT_LINKS_SQL = `
  INSERT INTO notification_messages (message_id, tenant_id, rule_id, event_id, case_id, citizen_id, fallback_of)
  SELECT message_id, tenant_id, rule_id, event_id, case_id, citizen_id, fallback_of
    FROM json_to_recordset($1::json) AS x(message_id uuid, tenant_id uuid, rule_id uuid, event_id uuid, case_id uuid, citizen_id uuid, fallback_of uuid)`;

/** A rendered notice for one channel, not yet written. */
export interface CitizenNotice {
  request: MessageRequest;
  ruleId: string;
  ruleCode: string;
  eventId: string;
  caseId: string | null;
  citizenId: string;
  notBefore: Date | null;
  fallbackOf: string | null;
}

/** A rule's notices for one step in the citizen's language; non-urgent SMS wait out the institution's quiet hours. */
export async function draftCitizenNotices(
  deps: CitizenDeliveryDeps,
  tx: Tx,
  rule: RuleRecord,
  ev: StepEvent,
  f: StepFacts,
  channels: readonly TemplateChannel[],
  opts: { fallbackOf?: string } = {},
): Promise<CitizenNotice[]> {
  const citizen = f.citizen;
  if (!citizen || channels.length === 0) return [];
  const settings = await notificationRepository.settings(tx, ev.tenantId);
  const values = templateValues(f, ev, citizen.language, deps.publicBaseUrl);
  const caseId = f.kase?.id ?? null;
  const notices: CitizenNotice[] = [];
  for (const channel of channels) {
    const template = await notificationRepository.template(tx, ev.tenantId, rule.templateCode, channel, [citizen.language, f.tenant.defaultLanguage]);
    if (!template) continue;
    const rendered = renderFor(channel, template.language as typeof citizen.language, template, values);
    const notBefore = channel === 'sms' && !rule.urgent ? quietUntil(deps.clock.now(), f.tenant.timeZone, { start: settings.quietStart, end: settings.quietEnd }) : null;
    const toAddress = channel === 'sms' ? citizen.phone! : channel === 'email' ? citizen.email! : `portal:${citizen.id}`;
    const key = notificationKey(rule.id, caseId, ev.id, channel);
    notices.push({
      request: {
        tenantId: ev.tenantId,
        channel,
        purpose: 'notification',
        toAddress,
        subject: rendered.subject,
        body: rendered.body,
        language: template.language,
        caseId,
        citizenId: citizen.id,
        idempotencyKey: opts.fallbackOf ? `${key}:fallback` : key,
        notBefore,
      },
      ruleId: rule.id,
      ruleCode: rule.code,
      eventId: ev.id,
      caseId,
      citizenId: citizen.id,
      notBefore,
      fallbackOf: opts.fallbackOf ?? null,
    });
  }
  return notices;
}

/**
 * Queues notices in the step's transaction, however many steps they come from: each message with
 * its idempotency key (a key already taken writes nothing more), linked to its rule and step, and
 * entered in the case's timeline, one insert per table. Returns the ids of the messages created.
 */
export async function writeCitizenNotices(deps: CitizenDeliveryDeps, tx: Tx, notices: readonly CitizenNotice[]): Promise<string[]> {
  if (notices.length === 0) return [];
  // In key order: two nodes writing overlapping steps wait for each other instead of deadlocking.
  const ordered = [...notices].sort((a, b) => (a.request.idempotencyKey < b.request.idempotencyKey ? -1 : a.request.idempotencyKey > b.request.idempotencyKey ? 1 : 0));
  const queued = await deps.messaging.queueMany(tx, ordered.map((n) => n.request));
  const created = ordered.flatMap((n, i) => (queued[i]!.created ? [{ n, id: queued[i]!.id }] : []));
  if (created.length === 0) return [];
  await queryRaw(tx, INSERT_LINKS_SQL, [JSON.stringify(created.map(({ n, id }) => ({ message_id: id, tenant_id: n.request.tenantId, rule_id: n.ruleId, event_id: n.eventId, case_id: n.caseId, citizen_id: n.citizenId, fallback_of: n.fallbackOf })))]);
  const now = deps.clock.now();
  await recordTimelineEntries(
    tx,
    created.flatMap(({ n, id }) =>
      n.caseId
        ? [{ tenantId: n.request.tenantId, caseId: n.caseId, type: 'notification', at: now, data: { messageId: id, channel: n.request.channel, rule: n.ruleCode, ...(n.notBefore ? { notBefore: n.notBefore.toISOString() } : {}), ...(n.fallbackOf ? { fallbackOf: n.fallbackOf } : {}) } }]
        : [],
    ),
  );
  return created.map((c) => c.id);
}
