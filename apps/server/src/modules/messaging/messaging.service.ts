import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { OUTBOUND_CHANNELS, type MESSAGE_PURPOSES } from '@civicline/contracts';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import { queryRaw, type Db, type Tx } from '../../platform/db/client.ts';
import { outboundMessages } from '../../platform/db/schema/index.ts';
import { defineJob, type JobDefinition, type JobQueue } from '../../platform/jobs/queue.ts';
import { PermanentSendError, type OutgoingMessage, type Transport, type TransportResolver } from './transport.ts';

export const MESSAGE_CHANNELS = OUTBOUND_CHANNELS;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export interface MessageRequest {
  tenantId: string;
  channel: MessageChannel;
  purpose: (typeof MESSAGE_PURPOSES)[number];
  toAddress: string;
  subject?: string | null;
  body: string;
  language?: string | null;
  caseId?: string | null;
  citizenId?: string | null;
  inReplyTo?: string | null;
  /** The same key twice is one message: a retried step never sends twice. */
  idempotencyKey: string;
  /** Not before this moment (quiet hours): the delivery job waits until then. */
  notBefore?: Date | null;
}

/** A message that will not arrive: the last retry failed, or the carrier reported it undelivered. */
export interface FailedMessage {
  id: string;
  tenantId: string;
  channel: string;
  purpose: string;
}
export type FailureListener = (tx: Tx, message: FailedMessage) => Promise<void>;

/**
 * One delivery queue per channel, so each drains at its carrier's pace: an SMS (a one-time code)
 * never waits behind a batch of e-mails. Portal inbox messages need no delivery (the inbox is the
 * database) and have none.
 */
export const deliverJobOf = (channel: MessageChannel) => `messaging.deliver.${channel}`;
const DELIVERED_ON_WRITE: readonly MessageChannel[] = ['portal'];
const DELIVER_RETRIES = 6;
/** Why a message caught mid-send by a stopped node is not sent again on its own. */
export const INTERRUPTED = 'interrupted while being handed to the carrier (the sending node stopped): it may have arrived; check before sending it again';

type Row = typeof outboundMessages.$inferSelect;

/** One message to hand over, from its delivery job. */
export interface DeliveryRequest {
  messageId: string;
  tenantId: string;
  /** The job's retries so far: the last one marks the message failed. */
  retryCount: number;
}

// One parameter for any number of messages (a batch of notifications queues hundreds); the same
// key twice (a retried step) inserts nothing.
const INSERT_SQL = `
  INSERT INTO outbound_messages (tenant_id, case_id, citizen_id, channel, purpose, to_address, subject, body, language, message_id, in_reply_to, idempotency_key,
                                 status, provider, sent_at, delivered_at)
  SELECT "tenantId", "caseId", "citizenId", channel, purpose, "toAddress", subject, body, language, "messageId", "inReplyTo", "idempotencyKey",
         status, provider, "sentAt", "deliveredAt"
    FROM json_to_recordset($1::json) AS x("tenantId" uuid, "caseId" uuid, "citizenId" uuid, channel text, purpose text, "toAddress" text, subject text, body text,
                                          language text, "messageId" text, "inReplyTo" text, "idempotencyKey" text,
                                          status text, provider text, "sentAt" timestamptz, "deliveredAt" timestamptz)
  ON CONFLICT DO NOTHING
  RETURNING id, message_id AS "messageId", tenant_id AS "tenantId", idempotency_key AS "idempotencyKey"`;

const CLAIM_SQL = `
  UPDATE outbound_messages m SET status = 'sending', attempts = m.attempts + 1
    FROM unnest($1::uuid[], $2::uuid[]) AS w(id, tenant_id)
   WHERE m.id = w.id AND m.tenant_id = w.tenant_id AND m.status = 'queued'
  RETURNING m.id, m.tenant_id, m.channel, m.purpose, m.to_address, m.subject, m.body, m.message_id, m.in_reply_to, m.idempotency_key`;

const SENT_SQL = `
  UPDATE outbound_messages m
     SET status = CASE WHEN s.delivered THEN 'delivered' ELSE 'sent' END, provider = s.provider, provider_message_id = s.provider_message_id,
         sent_at = $1, delivered_at = CASE WHEN s.delivered THEN $1::timestamptz END, last_error = NULL
    FROM unnest($2::uuid[], $3::text[], $4::text[], $5::boolean[]) AS s(id, provider, provider_message_id, delivered)
   WHERE m.id = s.id`;

interface ClaimedRow {
  id: string;
  tenant_id: string;
  channel: string;
  purpose: string;
  to_address: string;
  subject: string | null;
  body: string;
  message_id: string | null;
  in_reply_to: string | null;
  idempotency_key: string;
}

export function presentMessage(r: Row) {
  return {
    id: r.id,
    caseId: r.caseId,
    channel: r.channel,
    purpose: r.purpose,
    toAddress: r.toAddress,
    subject: r.subject,
    body: r.body,
    language: r.language,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    provider: r.provider,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  };
}

/**
 * The one way every feature sends a message: the message row and its delivery job are written in
 * the caller's transaction, so a message exists if and only if the reason for it committed; the job
 * retries with backoff and marks the message failed when it gives up.
 */
export function createMessagingService(deps: { db: Db; clock: Clock; jobs: JobQueue; resolveTransport: TransportResolver; emailDomain: string; batchSize?: number }) {
  const { db, clock, jobs } = deps;
  const failureListeners: FailureListener[] = [];
  /** Tells the listeners (notification fallbacks) in the transaction that marks the message failed. */
  async function failed(tx: Tx, rows: FailedMessage[]): Promise<void> {
    for (const row of rows) for (const listener of failureListeners) await listener(tx, row);
  }

  const rowValues = (m: MessageRequest, now: Date) => ({
    ...(DELIVERED_ON_WRITE.includes(m.channel) ? { status: 'delivered', provider: 'portal-inbox', sentAt: now, deliveredAt: now } : { status: 'queued' }),
    tenantId: m.tenantId,
    caseId: m.caseId ?? null,
    citizenId: m.citizenId ?? null,
    channel: m.channel,
    purpose: m.purpose,
    toAddress: m.toAddress,
    subject: m.subject ?? null,
    body: m.body,
    language: m.language ?? null,
    messageId: m.channel === 'email' ? `<${randomUUID()}@${deps.emailDomain}>` : null,
    inReplyTo: m.inReplyTo ?? null,
    idempotencyKey: m.idempotencyKey,
  });

  /**
   * Many messages in the caller's transaction: one insert for the rows and one per start time for
   * their delivery jobs. A key already taken (a retried step) gives back the existing message,
   * `created: false`, and no second job. Results are in the order of the requests.
   */
  async function queueMany(tx: Tx, list: MessageRequest[]): Promise<{ id: string; messageId: string | null; created: boolean }[]> {
    if (list.length === 0) return [];
    const keyOf = (tenantId: string, key: string) => `${tenantId}|${key}`;
    const { rows: inserted } = await queryRaw<{ id: string; messageId: string | null; tenantId: string; idempotencyKey: string }>(tx, INSERT_SQL, [JSON.stringify(list.map((m) => rowValues(m, clock.now())))], { prepared: 'messaging_insert' });
    const created = new Map(inserted.map((r) => [keyOf(r.tenantId, r.idempotencyKey), r]));
    const taken = list.filter((m) => !created.has(keyOf(m.tenantId, m.idempotencyKey)));
    const existing = new Map<string, { id: string; messageId: string | null }>();
    for (const tenantId of new Set(taken.map((m) => m.tenantId))) {
      const keys = taken.filter((m) => m.tenantId === tenantId).map((m) => m.idempotencyKey);
      const rows = await tx
        .select({ id: outboundMessages.id, messageId: outboundMessages.messageId, idempotencyKey: outboundMessages.idempotencyKey })
        .from(outboundMessages)
        .where(and(eq(outboundMessages.tenantId, tenantId), inArray(outboundMessages.idempotencyKey, keys)));
      for (const r of rows) existing.set(keyOf(tenantId, r.idempotencyKey), r);
    }
    // Jobs grouped by channel and start time (quiet hours defer a whole batch to the same morning).
    const jobGroups = new Map<string, { channel: MessageChannel; at: Date | null; payloads: { messageId: string; tenantId: string }[] }>();
    const results = list.map((m) => {
      const row = created.get(keyOf(m.tenantId, m.idempotencyKey));
      if (!row) return { ...existing.get(keyOf(m.tenantId, m.idempotencyKey))!, created: false };
      if (!DELIVERED_ON_WRITE.includes(m.channel)) {
        const at = m.notBefore ?? null;
        const groupKey = `${m.channel}|${at?.getTime() ?? 0}`;
        const group = jobGroups.get(groupKey) ?? { channel: m.channel, at, payloads: [] };
        group.payloads.push({ messageId: row.id, tenantId: m.tenantId });
        jobGroups.set(groupKey, group);
      }
      // The same key twice in one call is one message.
      created.delete(keyOf(m.tenantId, m.idempotencyKey));
      existing.set(keyOf(m.tenantId, m.idempotencyKey), row);
      return { id: row.id, messageId: row.messageId, created: true };
    });
    for (const group of jobGroups.values()) await jobs.enqueueMany(tx, deliverJobOf(group.channel), group.payloads, { startAfter: group.at });
    return results;
  }

  async function queue(tx: Tx, m: MessageRequest): Promise<{ id: string; messageId: string | null; created: boolean }> {
    const [result] = await queueMany(tx, [m]);
    return result!;
  }

  /**
   * Hands a batch of messages to their carriers: claimed in one statement (only from `queued`, so
   * two nodes never both hand the same message over), sent concurrently, and recorded as sent in
   * one statement. Returns, per request in order, null or the error that failed it (its job retries);
   * null also for a message the carrier refused for good, which is marked failed at once.
   */
  async function deliverMany(requests: DeliveryRequest[]): Promise<(Error | null)[]> {
    if (requests.length === 0) return [];
    const { rows: claimedRows } = await queryRaw<ClaimedRow>(db, CLAIM_SQL, [requests.map((r) => r.messageId), requests.map((r) => r.tenantId)], { prepared: 'messaging_claim' });
    const byId = new Map(claimedRows.map((r) => [r.id, r]));
    const unclaimed = requests.filter((r) => !byId.has(r.messageId)).map((r) => r.messageId);
    if (unclaimed.length > 0) {
      // Still `sending` on a retry: the node that took it stopped between handing it to the carrier
      // and recording that. It may have arrived, so it is not sent again (no carrier de-duplicates
      // for us); it fails visibly, for staff to check and send again from the outbox.
      await db
        .update(outboundMessages)
        .set({ status: 'failed', lastError: INTERRUPTED })
        .where(and(inArray(outboundMessages.id, unclaimed), eq(outboundMessages.status, 'sending')));
    }
    const transports = new Map<string, Promise<Transport | null>>();
    const transportOf = (tenantId: string, channel: string) => {
      const k = `${tenantId}|${channel}`;
      if (!transports.has(k)) transports.set(k, deps.resolveTransport(tenantId, channel));
      return transports.get(k)!;
    };
    const outcomes = await Promise.allSettled(
      claimedRows.map(async (row) => {
        const transport = await transportOf(row.tenant_id, row.channel);
        if (!transport) throw new Error(`no ${row.channel} transport is configured for this institution`);
        const message: OutgoingMessage = {
          id: row.id,
          tenantId: row.tenant_id,
          channel: row.channel,
          toAddress: row.to_address,
          subject: row.subject,
          body: row.body,
          messageId: row.message_id,
          inReplyTo: row.in_reply_to,
          idempotencyKey: row.idempotency_key,
        };
        return transport.send(message);
      }),
    );
    const sent = claimedRows.flatMap((row, i) => {
      const o = outcomes[i]!;
      return o.status === 'fulfilled' ? [{ row, result: o.value }] : [];
    });
    if (sent.length > 0) {
      const now = clock.now();
      await queryRaw(db, SENT_SQL, [now, sent.map((x) => x.row.id), sent.map((x) => x.result.provider), sent.map((x) => x.result.providerMessageId), sent.map((x) => x.result.delivered === true)], { prepared: 'messaging_sent' });
    }
    const errors = new Map<string, Error>();
    for (const [i, row] of claimedRows.entries()) {
      const o = outcomes[i]!;
      if (o.status === 'fulfilled') continue;
      const err = o.reason instanceof Error ? o.reason : new Error(String(o.reason));
      const request = requests.find((r) => r.messageId === row.id)!;
      // The job's last retry fails the message for good (one sent again from the outbox gets a new
      // job), and so does the carrier's final refusal of this very message, at once.
      const permanent = err instanceof PermanentSendError;
      const finalAttempt = permanent || request.retryCount >= DELIVER_RETRIES;
      await db.transaction(async (tx) => {
        await tx
          .update(outboundMessages)
          .set({ status: finalAttempt ? 'failed' : 'queued', lastError: err.message.slice(0, 500) })
          .where(eq(outboundMessages.id, row.id));
        if (finalAttempt) await failed(tx, [{ id: row.id, tenantId: row.tenant_id, channel: row.channel, purpose: row.purpose }]);
      });
      // A permanent refusal is recorded on the message; its job is done, there is nothing to retry.
      if (!permanent) errors.set(row.id, err);
    }
    return requests.map((r) => errors.get(r.messageId) ?? null);
  }

  async function deliver(messageRowId: string, tenantId: string, retryCount: number): Promise<void> {
    const [err] = await deliverMany([{ messageId: messageRowId, tenantId, retryCount }]);
    if (err) throw err;
  }

  /** A carrier's delivery receipt: `delivered` or `failed`, matched by the provider's own id. */
  async function recordReceipt(provider: string, providerMessageId: string, outcome: 'delivered' | 'failed', error?: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const rows = await tx
        .update(outboundMessages)
        .set(outcome === 'delivered' ? { status: 'delivered', deliveredAt: clock.now() } : { status: 'failed', lastError: error ?? 'the carrier reported a failure' })
        .where(and(eq(outboundMessages.provider, provider), eq(outboundMessages.providerMessageId, providerMessageId)))
        .returning({ id: outboundMessages.id, tenantId: outboundMessages.tenantId, channel: outboundMessages.channel, purpose: outboundMessages.purpose });
      if (outcome === 'failed') await failed(tx, rows);
      return rows.length > 0;
    });
  }

  /** Gives a message that failed for good a fresh delivery job; false if it is not failed (any more). */
  async function requeue(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    const [row] = await tx
      .update(outboundMessages)
      .set({ status: 'queued', lastError: null })
      .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.id, id), eq(outboundMessages.status, 'failed')))
      .returning({ id: outboundMessages.id, channel: outboundMessages.channel });
    if (!row) return false;
    const channel = row.channel as MessageChannel;
    if (DELIVERED_ON_WRITE.includes(channel)) {
      await tx.update(outboundMessages).set({ status: 'delivered', provider: 'portal-inbox', sentAt: clock.now(), deliveredAt: clock.now() }).where(eq(outboundMessages.id, id));
    } else {
      await jobs.enqueue(tx, deliverJobOf(channel), { messageId: id, tenantId });
    }
    return true;
  }

  // The channel queues, and the one queue of earlier versions, whose jobs an upgraded database may still hold.
  const queueNames = [...MESSAGE_CHANNELS.filter((c) => !DELIVERED_ON_WRITE.includes(c)).map(deliverJobOf), 'messaging.deliver'];
  const jobDefinitions: JobDefinition[] = queueNames.map((name) =>
    defineJob({
      name,
      payload: z.object({ messageId: z.uuid(), tenantId: z.uuid() }),
      retryLimit: DELIVER_RETRIES,
      retryDelaySeconds: 10,
      retryBackoff: true,
      // Sends wait on the network, not the database: many at once per worker node, claimed and
      // recorded together (JOB_BATCH_SIZE).
      batchSize: deps.batchSize ?? 100,
      // A node that died mid-send gives its deliveries back after this (the carriers' own timeouts
      // are shorter); the retry carries the same idempotency key, so a gateway recognises a repeat.
      expireInSeconds: 180,
      handle: (p, job) => deliver(p.messageId, p.tenantId, job.retryCount),
      handleBatch: (batch) => deliverMany(batch.map((j) => ({ messageId: j.payload.messageId, tenantId: j.payload.tenantId, retryCount: j.retryCount }))),
    }),
  );

  /** Someone to tell when a message will not arrive (notifications fall back to another channel). */
  function onFailure(listener: FailureListener): void {
    failureListeners.push(listener);
  }

  return { queue, queueMany, deliver, deliverMany, recordReceipt, requeue, onFailure, jobDefinitions };
}

export type MessagingService = ReturnType<typeof createMessagingService>;
