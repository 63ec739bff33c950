import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { OUTBOUND_CHANNELS, type MESSAGE_PURPOSES } from '@civicline/contracts';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { outboundMessages } from '../../platform/db/schema/index.ts';
import { defineJob, type JobDefinition, type JobQueue } from '../../platform/jobs/queue.ts';
import type { OutgoingMessage, TransportResolver } from './transport.ts';

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

const DELIVER_JOB = 'messaging.deliver';
const DELIVER_RETRIES = 6;
/** Why a message caught mid-send by a stopped node is not sent again on its own. */
export const INTERRUPTED = 'interrupted while being handed to the carrier (the sending node stopped): it may have arrived; check before sending it again';

type Row = typeof outboundMessages.$inferSelect;

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
export function createMessagingService(deps: { db: Db; clock: Clock; jobs: JobQueue; resolveTransport: TransportResolver; emailDomain: string }) {
  const { db, clock, jobs } = deps;
  const failureListeners: FailureListener[] = [];
  /** Tells the listeners (notification fallbacks) in the transaction that marks the message failed. */
  async function failed(tx: Tx, rows: FailedMessage[]): Promise<void> {
    for (const row of rows) for (const listener of failureListeners) await listener(tx, row);
  }

  async function queue(tx: Tx, m: MessageRequest): Promise<{ id: string; messageId: string | null; created: boolean }> {
    const messageId = m.channel === 'email' ? `<${randomUUID()}@${deps.emailDomain}>` : null;
    const [row] = await tx
      .insert(outboundMessages)
      .values({
        tenantId: m.tenantId,
        caseId: m.caseId ?? null,
        citizenId: m.citizenId ?? null,
        channel: m.channel,
        purpose: m.purpose,
        toAddress: m.toAddress,
        subject: m.subject ?? null,
        body: m.body,
        language: m.language ?? null,
        messageId,
        inReplyTo: m.inReplyTo ?? null,
        idempotencyKey: m.idempotencyKey,
      })
      .onConflictDoNothing()
      .returning({ id: outboundMessages.id, messageId: outboundMessages.messageId });
    if (!row) {
      const [existing] = await tx
        .select({ id: outboundMessages.id, messageId: outboundMessages.messageId })
        .from(outboundMessages)
        .where(and(eq(outboundMessages.tenantId, m.tenantId), eq(outboundMessages.idempotencyKey, m.idempotencyKey)));
      return { ...existing!, created: false };
    }
    await jobs.enqueue(tx, DELIVER_JOB, { messageId: row.id, tenantId: m.tenantId }, m.notBefore ? { startAfter: m.notBefore } : {});
    return { ...row, created: true };
  }

  async function deliver(messageRowId: string, tenantId: string, retryCount: number): Promise<void> {
    const [row] = await db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.id, messageRowId)));
    if (!row) return;
    // Claimed only from `queued`: two nodes never both hand the same message over.
    const [claimed] = await db
      .update(outboundMessages)
      .set({ status: 'sending', attempts: sql`${outboundMessages.attempts} + 1` })
      .where(and(eq(outboundMessages.id, row.id), eq(outboundMessages.status, 'queued')))
      .returning({ id: outboundMessages.id });
    if (!claimed) {
      // Still `sending` on a retry: the node that took it stopped between handing it to the carrier
      // and recording that. It may have arrived, so it is not sent again (no carrier de-duplicates
      // for us); it fails visibly, for staff to check and send again from the outbox.
      if (row.status === 'sending') {
        await db
          .update(outboundMessages)
          .set({ status: 'failed', lastError: INTERRUPTED })
          .where(and(eq(outboundMessages.id, row.id), eq(outboundMessages.status, 'sending')));
      }
      return;
    }
    try {
      const transport = await deps.resolveTransport(tenantId, row.channel);
      if (!transport) throw new Error(`no ${row.channel} transport is configured for this institution`);
      const message: OutgoingMessage = {
        id: row.id,
        tenantId,
        channel: row.channel,
        toAddress: row.toAddress,
        subject: row.subject,
        body: row.body,
        messageId: row.messageId,
        inReplyTo: row.inReplyTo,
        idempotencyKey: row.idempotencyKey,
      };
      const result = await transport.send(message);
      const now = clock.now();
      await db
        .update(outboundMessages)
        .set({ status: result.delivered ? 'delivered' : 'sent', provider: result.provider, providerMessageId: result.providerMessageId, sentAt: now, deliveredAt: result.delivered ? now : null, lastError: null })
        .where(eq(outboundMessages.id, row.id));
    } catch (err) {
      const finalAttempt = retryCount >= DELIVER_RETRIES;
      await db.transaction(async (tx) => {
        await tx
          .update(outboundMessages)
          .set({ status: finalAttempt ? 'failed' : 'queued', lastError: String((err as Error).message ?? err).slice(0, 500) })
          .where(eq(outboundMessages.id, row.id));
        if (finalAttempt) await failed(tx, [{ id: row.id, tenantId, channel: row.channel, purpose: row.purpose }]);
      });
      throw err;
    }
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
    const rows = await tx
      .update(outboundMessages)
      .set({ status: 'queued', lastError: null })
      .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.id, id), eq(outboundMessages.status, 'failed')))
      .returning({ id: outboundMessages.id });
    if (rows.length === 0) return false;
    await jobs.enqueue(tx, DELIVER_JOB, { messageId: id, tenantId });
    return true;
  }

  const jobDefinitions: JobDefinition[] = [
    defineJob({
      name: DELIVER_JOB,
      payload: z.object({ messageId: z.uuid(), tenantId: z.uuid() }),
      retryLimit: DELIVER_RETRIES,
      retryDelaySeconds: 10,
      retryBackoff: true,
      // Sends wait on the network, not the database: many at once per worker node.
      batchSize: 32,
      // A node that died mid-send gives its deliveries back after this (the carriers' own timeouts
      // are shorter); the retry carries the same idempotency key, so a gateway recognises a repeat.
      expireInSeconds: 180,
      handle: (p, job) => deliver(p.messageId, p.tenantId, job.retryCount),
    }),
  ];

  /** Someone to tell when a message will not arrive (notifications fall back to another channel). */
  function onFailure(listener: FailureListener): void {
    failureListeners.push(listener);
  }

  return { queue, deliver, recordReceipt, requeue, onFailure, jobDefinitions };
}

export type MessagingService = ReturnType<typeof createMessagingService>;
