import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import {
  CreateCitizenRequest,
  type CaseStatus,
  type DeliveryMethod,
  type Language,
  type RecordDocumentForm,
  type RecordedDocument,
  type RegistryEntry,
  type Tenant,
} from '@civicline/contracts';
import { validateCustomFields } from '@civicline/contracts/custom-fields';
import { and, asc, count, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import { caseAttachments, cases as caseTable, citizens as citizenTable, inboundMessages, registryEntries, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound, validationFailed, type FieldError } from '../../platform/errors.ts';
import type { AuditService } from '../../modules/audit/index.ts';
import type { CaseService } from '../../modules/cases/index.ts';
import { findCategory } from '../../modules/categories/index.ts';
import { normalizePhone, type CitizenService } from '../../modules/citizens/index.ts';
import type { InboundChannel, IntakeService } from '../../modules/intake/index.ts';
import { localDateOf } from '../../modules/sla/index.ts';
import type { TenantService } from '../../modules/tenants/index.ts';
import { receiptLanguage } from './receipt-texts.ts';
import { renderReceipt } from './receipt-pdf.ts';
import type { ScannedFile } from './registry-form.ts';

type Form = z.infer<typeof RecordDocumentForm>;

/** Post and courier arrive by post; a document handed in at the desk is the registry's; a fax is a fax. */
export const CHANNEL_OF: Record<DeliveryMethod, InboundChannel> = { post: 'post', courier: 'post', in_person: 'registry', fax_paper: 'fax' };

export interface RegistrySettings {
  publicBaseUrl: string;
}

const DAY_MS = 86_400_000;

export function statusUrlOf(publicBaseUrl: string, tenantSlug: string, registrationNumber: string): string {
  return `${publicBaseUrl}/portal/${encodeURIComponent(tenantSlug)}/status?number=${encodeURIComponent(registrationNumber)}`;
}

export const receiptPathOf = (caseId: string, entryId: string) => `/api/v1/registry/documents/${caseId}/receipt.pdf?entry=${entryId}`;

const nameOf = (s: Form['sender']) => (s.kind === 'organisation' ? s.organisationName! : [s.firstName, s.lastName].filter(Boolean).join(' '));

/**
 * The registry desk. The registrar's paper document goes to intake as a neutral message (intake
 * stores the scans and opens the case); this adapter keeps what intake does not model — delivery,
 * pages, the sender's reference, the day it arrived — and completes the case as the registrar:
 * the sender, the category's fields, the registration. Then it prints the receipt.
 */
export function createRegistryService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  intake: IntakeService;
  cases: CaseService;
  citizens: CitizenService;
  tenants: TenantService;
  settings: RegistrySettings;
}) {
  const { db, clock, audit, intake, cases, citizens, tenants, settings } = deps;

  /** Everything the database can say about the form, checked before anything is written. */
  async function check(ctx: RequestContext, tenant: Tenant, form: Form): Promise<void> {
    const errors: FieldError[] = [];
    const category = await findCategory(db, ctx.tenantId, form.categoryId);
    if (!category) errors.push({ path: 'categoryId', message: 'No such category' });
    else if (!category.active) errors.push({ path: 'categoryId', message: 'This category no longer takes requests' });
    else errors.push(...validateCustomFields(category.fields, form.customFields, { requireAll: true }).errors);

    const today = localDateOf(clock.now(), tenant.timeZone);
    if (form.receivedOn > today) errors.push({ path: 'receivedOn', message: `Cannot be after today (${today})` });

    const s = form.sender;
    if (s.citizenId) {
      const [c] = await db.select({ mergedIntoId: citizenTable.mergedIntoId }).from(citizenTable).where(and(eq(citizenTable.tenantId, ctx.tenantId), eq(citizenTable.id, s.citizenId)));
      if (!c) errors.push({ path: 'sender.citizenId', message: 'No such citizen' });
      else if (c.mergedIntoId) errors.push({ path: 'sender.citizenId', message: `This record was merged into ${c.mergedIntoId}; use that one` });
    } else if (s.phone) {
      const p = normalizePhone(s.phone, tenant.country);
      if (!p.ok) errors.push({ path: 'sender.phone', message: p.message });
    }
    if (errors.length > 0) throw validationFailed(errors, 'Some fields of the document are not valid');
  }

  async function createSender(ctx: RequestContext, s: Form['sender']): Promise<string> {
    const request = CreateCitizenRequest.parse({
      kind: s.kind ?? 'person',
      ...(s.firstName ? { firstName: s.firstName } : {}),
      ...(s.lastName ? { lastName: s.lastName } : {}),
      ...(s.organisationName ? { organisationName: s.organisationName } : {}),
      ...(s.preferredLanguage ? { preferredLanguage: s.preferredLanguage } : {}),
      addresses: s.address ? [s.address] : [],
      phones: s.phone ? [s.phone] : [],
      emails: s.email ? [s.email] : [],
      preferredChannel: s.email ? 'email' : s.phone ? 'sms' : 'post',
    });
    return (await citizens.create(ctx, request)).id;
  }

  async function entryOf(inboundId: string) {
    const [row] = await db.select().from(registryEntries).where(eq(registryEntries.inboundMessageId, inboundId));
    return row;
  }

  /**
   * Records a paper document. All the registrar can get wrong is checked first (422, nothing
   * written); then the sender, intake's message and case, the registry entry, and the case
   * completed and registered as the registrar. With an idempotency key, a repeated request (a
   * double click, a retry after a lost answer) returns the first one's result and finishes what
   * it left undone.
   */
  async function record(ctx: RequestContext, upload: { form: Form; files: ScannedFile[] }, opts: { idempotencyKey?: string | undefined } = {}): Promise<RecordedDocument> {
    const { form, files } = upload;
    const tenant = await tenants.get(ctx);
    await check(ctx, tenant, form);
    const channel = CHANNEL_OF[form.delivery];
    const externalId = `registry:${opts.idempotencyKey ?? randomUUID()}`;

    const [earlier] = opts.idempotencyKey
      ? await db
          .select({ sender: registryEntries.senderCitizenId })
          .from(inboundMessages)
          .leftJoin(registryEntries, eq(registryEntries.inboundMessageId, inboundMessages.id))
          .where(and(eq(inboundMessages.tenantId, ctx.tenantId), eq(inboundMessages.channel, channel), eq(inboundMessages.externalId, externalId)))
      : [];
    const senderCitizenId = form.sender.citizenId ?? earlier?.sender ?? (await createSender(ctx, form.sender));
    const senderName = form.sender.citizenId ? undefined : nameOf(form.sender);

    const streams = files.map((f) => fs.createReadStream(f.tmpPath));
    let outcome;
    try {
      outcome = await intake.receive({
        tenantId: ctx.tenantId,
        channel,
        externalId,
        receivedAt: clock.now(),
        from: { name: senderName },
        subject: form.subject,
        text: form.description,
        attachments: files.map((f, i) => ({ fileName: f.fileName, content: streams[i]! })),
        // The registrar hands the receipt over; intake sends no acknowledgement of its own.
        route: { categoryId: form.categoryId, acknowledge: false },
        draft: true,
      });
    } finally {
      for (const s of streams) s.destroy();
    }
    if (outcome.outcome === 'ignored') throw new Error(`intake ignored a registry document: ${outcome.reason}`);

    const [inserted] = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(registryEntries)
        .values({
          tenantId: ctx.tenantId,
          caseId: outcome.caseId,
          inboundMessageId: outcome.inboundId,
          delivery: form.delivery,
          pages: form.pages,
          senderReference: form.senderReference ?? null,
          senderCitizenId,
          receivedOn: form.receivedOn,
          recordedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
        })
        .onConflictDoNothing({ target: registryEntries.inboundMessageId })
        .returning();
      if (rows[0]) {
        await audit.record(tx, ctx, {
          action: 'registry.document_recorded',
          subjectType: 'case',
          subjectId: outcome.caseId,
          purpose: 'case_handling',
          details: { entryId: rows[0].id, inboundMessageId: outcome.inboundId, delivery: form.delivery, pages: form.pages, scans: files.length, outcome: outcome.outcome },
        });
      }
      return rows;
    });
    const entry = inserted ?? (await entryOf(outcome.inboundId))!;

    // A new case comes from intake as a draft: the registrar completes and registers it.
    let kase = await cases.get(ctx, outcome.caseId);
    if (outcome.outcome === 'draft_created' && kase.status === 'draft') {
      kase = await cases.update(ctx, kase.id, { citizenId: entry.senderCitizenId, customFields: form.customFields, version: kase.version });
      kase = await cases.act(ctx, kase.id, 'register', { version: kase.version });
    }
    return {
      outcome: outcome.outcome === 'draft_created' ? 'case_created' : outcome.outcome,
      entryId: entry.id,
      caseId: kase.id,
      registrationNumber: kase.registrationNumber,
      status: kase.status,
      registeredAt: kase.registeredAt,
      dueAt: kase.deadline.dueAt,
      senderCitizenId: entry.senderCitizenId,
      attachments: files.length,
      receiptUrl: receiptPathOf(kase.id, entry.id),
      statusUrl: kase.registrationNumber ? statusUrlOf(settings.publicBaseUrl, tenant.slug, kase.registrationNumber) : null,
    };
  }

  /** The printable receipt of a recorded document; every download is an audit entry. */
  async function receipt(ctx: RequestContext, caseId: string, opts: { entryId?: string | undefined; format: 'a5' | 'a4' }): Promise<{ pdf: Buffer; fileName: string }> {
    const kase = await cases.get(ctx, caseId);
    const [entry] = await db
      .select()
      .from(registryEntries)
      .where(and(eq(registryEntries.tenantId, ctx.tenantId), eq(registryEntries.caseId, caseId), ...(opts.entryId ? [eq(registryEntries.id, opts.entryId)] : [])))
      .orderBy(asc(registryEntries.createdAt))
      .limit(1);
    if (!entry) throw notFound('Registry entry');
    if (!kase.registrationNumber || !kase.registeredAt) {
      throw new AppError('resource.conflict', 'The case of this document is not registered yet; register it to print its receipt');
    }
    const tenant = await tenants.get(ctx);
    const language = receiptLanguage(tenant.defaultLanguage);
    const category = await findCategory(db, ctx.tenantId, kase.categoryId);
    const names = (category?.name ?? {}) as Partial<Record<Language, string>>;
    const [sender] = entry.senderCitizenId
      ? await db.select({ name: citizenTable.displayName, addresses: citizenTable.addresses }).from(citizenTable).where(and(eq(citizenTable.tenantId, ctx.tenantId), eq(citizenTable.id, entry.senderCitizenId)))
      : [];
    const [registrar] = entry.recordedBy ? await db.select({ name: users.displayName }).from(users).where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, entry.recordedBy))) : [];
    const [scans] = await db
      .select({ n: count() })
      .from(caseAttachments)
      .where(and(eq(caseAttachments.tenantId, ctx.tenantId), eq(caseAttachments.caseId, caseId), like(caseAttachments.storageKey, `${ctx.tenantId}/inbound/${entry.inboundMessageId}/%`)));
    const address = (sender?.addresses as { line: string; postalCode?: string; locality?: string }[] | undefined)?.[0];
    const pdf = await renderReceipt({
      language,
      timeZone: tenant.timeZone,
      institution: tenant.name,
      registrationNumber: kase.registrationNumber,
      registeredAt: new Date(kase.registeredAt),
      dueAt: kase.deadline.dueAt ? new Date(kase.deadline.dueAt) : null,
      category: names[language] ?? names.en ?? Object.values(names)[0] ?? '',
      sender: sender ? { name: sender.name, address: address ? [address.line, [address.postalCode, address.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null } : null,
      senderReference: entry.senderReference,
      delivery: entry.delivery as DeliveryMethod,
      receivedOn: entry.receivedOn,
      pages: entry.pages,
      subject: kase.subject,
      scans: Number(scans?.n ?? 0),
      registrar: registrar?.name ?? null,
      statusUrl: statusUrlOf(settings.publicBaseUrl, tenant.slug, kase.registrationNumber),
      format: opts.format,
    });
    await audit.recordAccess(ctx, {
      action: 'registry.receipt_downloaded',
      subjectType: 'case',
      subjectId: caseId,
      purpose: 'case_handling',
      details: { entryId: entry.id, senderCitizenId: entry.senderCitizenId },
    });
    return { pdf, fileName: `${kase.registrationNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf` };
  }

  /** The day's register: every document recorded that day (in the institution's time zone), in order. */
  async function daily(ctx: RequestContext, date: string | undefined): Promise<{ date: string; timeZone: string; items: RegistryEntry[] }> {
    const tenant = await tenants.get(ctx);
    const day = date ?? localDateOf(clock.now(), tenant.timeZone);
    // A range the index serves (no zone is more than a day off UTC), then the exact local day.
    const from = new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS);
    const to = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * DAY_MS);
    const rows = await db
      .select({
        entry: registryEntries,
        registrationNumber: caseTable.registrationNumber,
        status: caseTable.status,
        subject: caseTable.subject,
        categoryId: caseTable.categoryId,
        registeredAt: caseTable.registeredAt,
        dueAt: caseTable.dueAt,
        senderName: citizenTable.displayName,
        recordedByName: users.displayName,
      })
      .from(registryEntries)
      .innerJoin(caseTable, eq(caseTable.id, registryEntries.caseId))
      .leftJoin(citizenTable, eq(citizenTable.id, registryEntries.senderCitizenId))
      .leftJoin(users, eq(users.id, registryEntries.recordedBy))
      .where(
        and(
          eq(registryEntries.tenantId, ctx.tenantId),
          gte(registryEntries.createdAt, from),
          lt(registryEntries.createdAt, to),
          sql`(${registryEntries.createdAt} AT TIME ZONE ${tenant.timeZone})::date = ${day}::date`,
        ),
      )
      .orderBy(asc(registryEntries.createdAt), asc(registryEntries.id))
      .limit(5000);
    await audit.recordAccess(ctx, { action: 'registry.daily_register_read', subjectType: 'registry', subjectId: null, purpose: 'case_handling', details: { date: day, entries: rows.length } });
    return {
      date: day,
      timeZone: tenant.timeZone,
      items: rows.map((r) => ({
        entryId: r.entry.id,
        caseId: r.entry.caseId,
        registrationNumber: r.registrationNumber,
        status: r.status as CaseStatus,
        subject: r.subject,
        categoryId: r.categoryId,
        registeredAt: r.registeredAt?.toISOString() ?? null,
        dueAt: r.dueAt?.toISOString() ?? null,
        recordedAt: r.entry.createdAt.toISOString(),
        recordedBy: r.entry.recordedBy && r.recordedByName ? { id: r.entry.recordedBy, displayName: r.recordedByName } : null,
        delivery: r.entry.delivery as DeliveryMethod,
        pages: r.entry.pages,
        receivedOn: r.entry.receivedOn,
        senderReference: r.entry.senderReference,
        sender: r.entry.senderCitizenId && r.senderName ? { citizenId: r.entry.senderCitizenId, displayName: r.senderName } : null,
        receiptUrl: receiptPathOf(r.entry.caseId, r.entry.id),
      })),
    };
  }

  return { record, receipt, daily };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
