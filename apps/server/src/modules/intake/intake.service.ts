import { randomUUID } from 'node:crypto';
import type { Language, Tenant } from '@civicline/contracts';
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import { OPEN_STATUSES } from '../cases/index.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { queryRaw, type Db, type Tx } from '../../platform/db/client.ts';
import { cases, inboundMessages, outboundMessages } from '../../platform/db/schema/index.ts';
import type { FileStorage } from '../../platform/storage/file-storage.ts';
import type { AttachmentService } from '../attachments/index.ts';
import type { AuditRecord, AuditService } from '../audit/index.ts';
import type { CaseService } from '../cases/index.ts';
import { NUMBER_PLACEHOLDER, type RegisterService } from '../registers/index.ts';
import type { TenantService } from '../tenants/index.ts';
import { findOrCreateByContact } from '../citizens/index.ts';
import type { MessagingService } from '../messaging/index.ts';
import { renderAcknowledgement } from './acknowledgement.ts';
import type { InboundMessage, IntakeOutcome } from './inbound-message.ts';
import { findRegistrationNumbers, fingerprintOf } from './references.ts';

export interface IntakeSettings {
  /** The same sender and text again within this window is a duplicate, not a new request. */
  duplicateWindowHours: number;
  /**
   * An SMS without a registration number, from a phone whose earlier SMS to the same line opened
   * or joined a case that is still open, continues that case within this window (0: never).
   */
  smsConversationHours: number;
  publicUrl: string;
  maxAttachmentBytes: number;
}

// Every message with a sender asks this: a fixed statement, named on PostgreSQL (planned once per connection).
const FIND_DUPLICATE_SQL = `SELECT i.case_id AS "caseId", c.registration_number AS number
  FROM inbound_messages i JOIN cases c ON c.id = i.case_id
  WHERE i.tenant_id = $1 AND i.fingerprint = $2 AND i.received_at >= $3 AND i.case_id IS NOT NULL
  ORDER BY i.received_at DESC LIMIT 1`;

type StoredItem = Awaited<ReturnType<AttachmentService['storeIncoming']>>;

/**
 * The one door every channel's messages come through. It decides what a message is — a reply to
 * a case, a duplicate, an auto-reply, a new request — and commits that together with the raw
 * message, the case, its attachments and the acknowledgement, or none of them.
 */
export function createIntakeService(deps: {
  db: Db;
  audit: AuditService;
  caseService: CaseService;
  registers: RegisterService;
  tenants: TenantService;
  attachments: AttachmentService;
  messaging: MessagingService;
  storage: FileStorage;
  settings: IntakeSettings;
}) {
  const { db, audit, caseService, attachments, messaging, storage, settings } = deps;

  async function previousOutcome(msg: InboundMessage): Promise<IntakeOutcome | null> {
    const [prev] = await db
      .select({ id: inboundMessages.id, outcome: inboundMessages.outcome, reason: inboundMessages.reason, caseId: inboundMessages.caseId, number: cases.registrationNumber })
      .from(inboundMessages)
      .leftJoin(cases, eq(cases.id, inboundMessages.caseId))
      .where(and(eq(inboundMessages.tenantId, msg.tenantId), eq(inboundMessages.channel, msg.channel), eq(inboundMessages.externalId, msg.externalId)));
    if (!prev) return null;
    if (prev.outcome === 'ignored' || !prev.caseId) return { outcome: 'ignored', reason: prev.reason ?? 'ignored', inboundId: prev.id };
    if (prev.outcome === 'draft_created') return { outcome: 'draft_created', caseId: prev.caseId, inboundId: prev.id };
    if (prev.outcome === 'case_created') return { outcome: 'case_created', caseId: prev.caseId, registrationNumber: prev.number, inboundId: prev.id, acknowledged: true };
    return { outcome: prev.outcome as 'appended' | 'duplicate', caseId: prev.caseId, registrationNumber: prev.number, inboundId: prev.id };
  }

  /** Files are stored before the transaction (they can be large) and removed again if it fails. */
  async function storeFiles(msg: InboundMessage, inboundId: string) {
    const prefix = `${msg.tenantId}/inbound/${inboundId}`;
    const raw = msg.raw ? await storage.put(prefix, msg.raw.data, Number.MAX_SAFE_INTEGER) : null;
    const items: StoredItem[] = [];
    for (const a of msg.attachments ?? []) {
      items.push(await attachments.storeIncoming(prefix, a.fileName, a.content));
    }
    return { raw, items, keys: [...(raw ? [raw.key] : []), ...items.flatMap((i) => (i.stored ? [i.stored.key] : []))] };
  }

  /** The case this message is about, if it answers one of ours or names a registration number. */
  async function findReferencedCase(tx: Tx, msg: InboundMessage): Promise<{ id: string; registrationNumber: string | null } | null> {
    if (msg.inReplyTo?.length) {
      const [hit] = await tx
        .select({ id: cases.id, registrationNumber: cases.registrationNumber })
        .from(outboundMessages)
        .innerJoin(cases, eq(cases.id, outboundMessages.caseId))
        .where(and(eq(outboundMessages.tenantId, msg.tenantId), inArray(outboundMessages.messageId, msg.inReplyTo.slice(0, 50))));
      if (hit) return hit;
    }
    const formats = await deps.registers.formats(msg.tenantId, tx);
    for (const number of findRegistrationNumbers(`${msg.subject ?? ''}\n${msg.text.slice(0, 5000)}`, formats)) {
      const [hit] = await tx
        .select({ id: cases.id, registrationNumber: cases.registrationNumber })
        .from(cases)
        .where(and(eq(cases.tenantId, msg.tenantId), eq(cases.registrationNumber, number)));
      if (hit) return hit;
    }
    return null;
  }

  /** The open case an SMS conversation with this phone on this line is about, if one is recent. */
  async function findConversationCase(tx: Tx, msg: InboundMessage): Promise<{ id: string; registrationNumber: string | null } | null> {
    if (msg.channel !== 'sms' || !msg.from.phone || !msg.to || settings.smsConversationHours <= 0) return null;
    const since = new Date(msg.receivedAt.getTime() - settings.smsConversationHours * 3_600_000);
    const [hit] = await tx
      .select({ id: cases.id, registrationNumber: cases.registrationNumber })
      .from(inboundMessages)
      .innerJoin(cases, eq(cases.id, inboundMessages.caseId))
      .where(
        and(
          eq(inboundMessages.tenantId, msg.tenantId),
          eq(inboundMessages.channel, 'sms'),
          eq(inboundMessages.senderAddress, msg.from.phone),
          eq(inboundMessages.recipient, msg.to),
          gte(inboundMessages.receivedAt, since),
          inArray(cases.status, [...OPEN_STATUSES]),
        ),
      )
      .orderBy(desc(inboundMessages.receivedAt))
      .limit(1);
    return hit ?? null;
  }

  async function findDuplicate(tx: Tx, msg: InboundMessage, fingerprint: string, inboundId: string) {
    const since = new Date(msg.receivedAt.getTime() - settings.duplicateWindowHours * 3_600_000);
    const { rows } = await queryRaw<{ caseId: string; number: string | null }>(tx, FIND_DUPLICATE_SQL, [msg.tenantId, fingerprint, since.toISOString()], { prepared: 'intake_duplicate' });
    const hit = rows[0];
    return hit && hit.caseId !== inboundId ? { id: hit.caseId, registrationNumber: hit.number } : null;
  }

  /**
   * Where and how the acknowledgement of a new case would go, read before the case is registered:
   * after the number, the transaction holds the register's counter, and only the message's own
   * insert should run under it.
   */
  function acknowledgementPlan(msg: InboundMessage, tenant: Tenant) {
    const wanted = msg.form?.acknowledgeBy ?? (msg.channel === 'sms' ? 'sms' : 'email');
    const channel: 'sms' | 'email' | null = wanted === 'sms' ? (msg.from.phone ? 'sms' : null) : msg.from.email ? 'email' : null;
    const to = channel === 'sms' ? msg.from.phone : msg.from.email;
    if (!channel || !to || msg.route?.acknowledge === false) return null;
    return { channel, to, tenant };
  }

  /**
   * Queues the acknowledgement of a case about to be registered: its number is not known yet, so
   * the text carries NUMBER_PLACEHOLDER, which the registration statement replaces.
   */
  async function acknowledge(
    tx: Tx,
    msg: InboundMessage,
    plan: NonNullable<ReturnType<typeof acknowledgementPlan>>,
    kase: { id: string; registrationNumber: string; dueAt: Date | null; registeredAt: Date; subject: string },
    citizen: { id: string; language: Language },
    inboundId: string,
  ): Promise<{ id: string; subject: string | null; body: string }> {
    const { channel, to, tenant } = plan;
    const text = renderAcknowledgement(channel, {
      language: citizen.language,
      timeZone: tenant.timeZone,
      institution: tenant.name,
      number: kase.registrationNumber,
      subject: kase.subject,
      registeredAt: kase.registeredAt,
      dueAt: kase.dueAt,
      // The citizen portal's status page, the same link the registry receipt's QR code carries.
      statusUrl: `${settings.publicUrl}/portal/${tenant.slug}/status?number=${encodeURIComponent(kase.registrationNumber)}`,
    });
    const inReplyTo = msg.channel === 'email' || msg.channel === 'fax' ? msg.externalId : null;
    const queued = await messaging.queue(tx, {
      tenantId: msg.tenantId,
      channel,
      purpose: 'acknowledgement',
      toAddress: to,
      subject: text.subject,
      body: text.body,
      language: citizen.language,
      caseId: kase.id,
      citizenId: citizen.id,
      inReplyTo,
      idempotencyKey: `ack:${inboundId}`,
    });
    return { id: queued.id, subject: text.subject, body: text.body };
  }

  async function receive(msg: InboundMessage): Promise<IntakeOutcome> {
    // No look-up first: a message received before (a sender's retry) fails the insert of its row
    // on the unique external id, which rolls everything back and answers with the first outcome
    // (see the catch below). The common case, a new message, saves a round trip.
    const inboundId = randomUUID();
    const files = await storeFiles(msg, inboundId);
    const ctx: RequestContext = { tenantId: msg.tenantId, actor: { type: 'channel', id: null, roles: [], departmentIds: [] }, requestId: inboundId, channel: msg.channel };
    const sender = msg.from.email ?? msg.from.phone ?? '';
    // The same text to another category (another mailbox, another form) is another request.
    const fingerprint = sender ? fingerprintOf(sender, `${msg.route?.categoryId ?? ''}|${msg.subject ?? ''}`, msg.text) : null;
    try {
      return await db.transaction(async (tx) => {
        type Extra = { caseId?: string; citizenId?: string | null; citizenCreated?: boolean };
        const auditOf = (outcome: IntakeOutcome['outcome'], extra: Extra): AuditRecord[] => [
          ...(extra.citizenCreated ? [{ action: 'citizen.created', subjectType: 'citizen', subjectId: extra.citizenId ?? null, purpose: 'case_handling', details: { from: msg.channel } }] : []),
          { action: `intake.${outcome}`, subjectType: 'inbound_message', subjectId: inboundId, purpose: 'case_handling', details: { caseId: extra.caseId ?? null, channel: msg.channel } },
          // The hash-chained trail is the consent log: who agreed to which wording, when, for which request.
          ...(msg.form?.consent && extra.citizenId
            ? [{ action: 'consent.given', subjectType: 'citizen', subjectId: extra.citizenId, purpose: 'personal_data_processing', details: { textVersion: msg.form.consent.textVersion, caseId: extra.caseId ?? null, channel: msg.channel } }]
            : []),
        ];
        // The raw message's row, written once with what became of it (nothing refers to it before
        // the transaction ends; its case is checked at COMMIT, migration 0008).
        const recordOutcome = (outcome: IntakeOutcome['outcome'], reason: string | null, extra: Extra) =>
          tx.insert(inboundMessages).values({
            id: inboundId,
            tenantId: msg.tenantId,
            channel: msg.channel,
            externalId: msg.externalId,
            receivedAt: msg.receivedAt,
            senderAddress: sender || null,
            senderName: msg.from.name ?? null,
            recipient: msg.to ?? null,
            subject: msg.subject ?? null,
            bodyText: msg.text,
            fingerprint,
            rawStorageKey: files.raw?.key ?? null,
            rawContentType: msg.raw?.contentType ?? null,
            rawSizeBytes: files.raw?.sizeBytes ?? null,
            autoGenerated: Boolean(msg.autoGenerated),
            outcome,
            reason,
            caseId: extra.caseId ?? null,
            citizenId: extra.citizenId ?? null,
          });
        const finish = async (o: IntakeOutcome, extra: Extra = {}) => {
          await recordOutcome(o.outcome, o.outcome === 'ignored' ? o.reason : null, extra);
          for (const entry of auditOf(o.outcome, extra)) await audit.record(tx, ctx, entry);
          return o;
        };
        if (msg.autoGenerated) return finish({ outcome: 'ignored', reason: 'automatic message (auto-reply, bounce or list)', inboundId });

        const attach = async (caseId: string) => {
          await attachments.recordStored(tx, ctx, caseId, files.items);
        };
        const correspondence = { inboundId, channel: msg.channel, from: sender, subject: msg.subject ?? null, text: msg.text, attachments: files.items.length };

        // A filled-in form is always a new request, even if its text quotes another case's number.
        const referenced = msg.form ? null : await findReferencedCase(tx, msg);
        if (referenced) {
          await caseService.recordCorrespondence(tx, ctx, referenced.id, { ...correspondence, duplicate: false });
          await attach(referenced.id);
          return finish({ outcome: 'appended', caseId: referenced.id, registrationNumber: referenced.registrationNumber, inboundId }, { caseId: referenced.id });
        }
        const duplicate = fingerprint ? await findDuplicate(tx, msg, fingerprint, inboundId) : null;
        if (duplicate) {
          await caseService.recordCorrespondence(tx, ctx, duplicate.id, { ...correspondence, duplicate: true });
          await attach(duplicate.id);
          return finish({ outcome: 'duplicate', caseId: duplicate.id, registrationNumber: duplicate.registrationNumber, inboundId }, { caseId: duplicate.id });
        }
        const conversation = msg.form ? null : await findConversationCase(tx, msg);
        if (conversation) {
          await caseService.recordCorrespondence(tx, ctx, conversation.id, { ...correspondence, duplicate: false });
          await attach(conversation.id);
          return finish({ outcome: 'appended', caseId: conversation.id, registrationNumber: conversation.registrationNumber, inboundId }, { caseId: conversation.id });
        }
        const categoryId = msg.route?.categoryId;
        if (!categoryId) return finish({ outcome: 'ignored', reason: 'no category is configured for this address or line', inboundId });

        const form = msg.form;
        const tenant = await deps.tenants.byId(msg.tenantId, tx);
        if (!tenant) throw new Error(`no institution ${msg.tenantId}`);
        const citizen = sender
          ? await findOrCreateByContact(tx, ctx, { email: msg.from.email, phone: msg.from.phone, name: msg.from.name, language: form?.person?.language ?? msg.from.language, person: form?.person }, tenant)
          : null;
        const ackPlan = citizen && !msg.draft ? acknowledgementPlan(msg, tenant) : null;
        const prepared = await caseService.prepareWithin(
          tx,
          ctx,
          {
            categoryId,
            channel: msg.channel,
            citizenId: citizen?.id ?? null,
            subject: (msg.subject?.trim() || msg.text.trim().split('\n')[0] || `${msg.channel} ${sender}`).slice(0, 300).padEnd(3, '.'),
            description: msg.text.slice(0, 20_000),
            customFields: form?.customFields ?? {},
            ...(form?.location ? { location: form.location } : {}),
            priority: 'normal',
            draft: Boolean(msg.draft),
          },
          // A form's sender corrects their own input; a free message becomes a draft for staff instead.
          { departmentId: msg.route?.departmentId ?? null, fallbackToDraft: !form },
        );
        const extra: Extra = { caseId: prepared.caseId, citizenId: citizen?.id ?? null, citizenCreated: citizen?.created ?? false };
        const outcome = prepared.asDraft ? 'draft_created' : 'case_created';
        // Everything that refers to the case is written before it (those references are checked at
        // COMMIT, migration 0008), so that a registration's number, whose counter row stays locked
        // until COMMIT, is taken by the last statement.
        const attached = await attachments.recordStoredFiles(tx, ctx, prepared.caseId, files.items);
        await recordOutcome(outcome, null, extra);
        const ack =
          citizen && ackPlan && prepared.terms
            ? await acknowledge(tx, msg, ackPlan, { id: prepared.caseId, registrationNumber: NUMBER_PLACEHOLDER, dueAt: prepared.terms.dueAt, registeredAt: prepared.terms.now, subject: prepared.input.subject }, citizen, inboundId)
            : null;
        // The files' timeline entries and intake's audit entries go into the case's own writing: for
        // a registered case that is the registration statement, so nothing after the number takes
        // the audit chain's lock again, and the timeline reads created, registered, files.
        // The registration commits intake's transaction in its own round trip: nothing follows it here.
        const created = await caseService.openWithin(tx, ctx, prepared, { timeline: attached, audit: auditOf(outcome, extra), messages: ack ? [ack] : [], commitsTransaction: true });
        if (created.status === 'draft') return { outcome: 'draft_created', caseId: created.id, inboundId };
        return { outcome: 'case_created', caseId: created.id, registrationNumber: created.registrationNumber, inboundId, acknowledged: ack !== null };
      });
    } catch (err) {
      await Promise.all(files.keys.map((k) => storage.remove(k).catch(() => {})));
      // A message received before gets its first outcome, whatever stopped this attempt: its row's
      // insert failing on the unique external id (a retry, or the same message twice at once), or
      // a check its first delivery passed and a changed setting now fails (a category switched off).
      const earlier = await previousOutcome(msg).catch(() => null);
      if (earlier) return earlier;
      throw err;
    }
  }

  return { receive };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
