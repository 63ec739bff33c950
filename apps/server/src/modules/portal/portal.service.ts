import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Language, LocalizedText, PortalSubmission } from '@civicline/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { systemContext, type RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.ts';
import type { Db } from '../../platform/db/client.ts';
import { caseEvents, cases, tenants } from '../../platform/db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import type { FileStorage } from '../../platform/storage/file-storage.ts';
import type { AttachmentService } from '../attachments/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CaseService } from '../cases/index.ts';
import { findCategory, type CategoryService } from '../categories/index.ts';
import { isMobile, normalizePhone } from '../citizens/index.ts';
import type { IntakeService } from '../intake/index.ts';
import { STATUS_TEXT } from './portal-texts.ts';

const UPLOAD_TTL_MS = 24 * 3_600_000;

interface UploadClaim {
  tenantId: string;
  key: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  expiresAt: number;
}

/**
 * The public portal: what an anonymous visitor may see and do. Requests go through intake like
 * every other channel; status answers follow the same disclosure rules as the phone line.
 */
export function createPortalService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: PersonalDataCipher;
  storage: FileStorage;
  attachments: AttachmentService;
  categories: CategoryService;
  caseService: CaseService;
  intake: IntakeService;
  /** The institution's chat entry point for the portal's widget (status-check decides which). */
  chatEntryPoint: (tenantId: string) => Promise<string | null>;
}) {
  const { db, clock, audit, cipher, storage, attachments, caseService, intake } = deps;

  async function tenantBySlug(slug: string) {
    const [t] = await db.select().from(tenants).where(eq(tenants.slug, slug));
    if (!t) throw notFound('Institution');
    return t;
  }

  async function institution(slug: string) {
    const t = await tenantBySlug(slug);
    const [list, chatEntryPointId] = await Promise.all([deps.categories.list(systemContext(t.id, 'web'), { activeOnly: true }), deps.chatEntryPoint(t.id)]);
    return {
      slug: t.slug,
      name: t.name,
      country: t.country,
      defaultLanguage: t.defaultLanguage as Language,
      categories: list.map((c) => ({
        id: c.id,
        code: c.code,
        group: c.group,
        name: c.name,
        description: c.description as Record<string, string>,
        fields: c.fields,
        allowAnonymous: c.allowAnonymous,
        sendSms: c.sendSms,
        disclosureLevel: c.disclosureLevel,
        deadline: { unit: c.deadline.unit, amount: c.deadline.amount },
      })),
      chatEntryPointId,
    };
  }

  // An upload token is a signed claim on a stored file: no table, and nobody can forge one.
  const sign = (payload: string) => cipher.blindIndex('portal-upload', payload);
  function encodeClaim(c: UploadClaim): string {
    const payload = Buffer.from(JSON.stringify(c)).toString('base64url');
    return `${payload}.${sign(payload)}`;
  }
  function decodeClaim(token: string, tenantId: string, index: number): UploadClaim {
    const [payload, mac] = token.split('.');
    const invalid = () => new AppError('portal.upload_invalid', 'An uploaded file is no longer valid; upload it again', { errors: [{ path: `uploadTokens.${index}`, message: 'Expired or invalid' }] });
    if (!payload || !mac || sign(payload) !== mac) throw invalid();
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString()) as UploadClaim;
    if (claim.tenantId !== tenantId || claim.expiresAt < clock.now().getTime()) throw invalid();
    return claim;
  }

  async function upload(slug: string, file: { fileName: string; stream: Readable }) {
    const t = await tenantBySlug(slug);
    const item = await attachments.storeIncoming(`${t.id}/portal-uploads`, file.fileName, file.stream);
    if (!item.stored || !item.contentType) {
      throw item.refused === 'too large'
        ? new AppError('attachment.too_large', 'The file is too large', { errors: [{ path: 'file', message: 'Too large' }] })
        : new AppError('attachment.forbidden_type', 'This type of file is not accepted', { errors: [{ path: 'file', message: 'Type not accepted' }] });
    }
    const claim: UploadClaim = { tenantId: t.id, key: item.stored.key, fileName: item.fileName, contentType: item.contentType, sizeBytes: item.stored.sizeBytes, expiresAt: clock.now().getTime() + UPLOAD_TTL_MS };
    return { token: encodeClaim(claim), fileName: item.fileName, sizeBytes: item.stored.sizeBytes, contentType: item.contentType };
  }

  async function submit(slug: string, input: z.infer<typeof PortalSubmission>, meta: { idempotencyKey?: string | undefined; ip: string }) {
    const t = await tenantBySlug(slug);
    const category = await findCategory(db, t.id, input.categoryId);
    if (!category || !category.active) throw validationFailed([{ path: 'categoryId', message: 'No such category' }]);
    const c = input.contact;
    let phone: string | undefined;
    if (c.phone) {
      const p = normalizePhone(c.phone, t.country);
      if (!p.ok) throw validationFailed([{ path: 'contact.phone', message: p.message }]);
      phone = p.e164;
    }
    if (c.preferredChannel === 'email' && !c.email) throw validationFailed([{ path: 'contact.email', message: 'Required' }]);
    if (c.preferredChannel === 'sms' && (!phone || !isMobile(phone))) throw validationFailed([{ path: 'contact.phone', message: 'A mobile number is needed for SMS' }]);
    const claims = input.uploadTokens.map((token, i) => decodeClaim(token, t.id, i));

    const result = await intake.receive({
      tenantId: t.id,
      channel: 'web',
      // A retried submission (same Idempotency-Key) is recognised, not registered twice.
      externalId: meta.idempotencyKey ? `portal:${meta.idempotencyKey}` : `portal:${randomUUID()}`,
      receivedAt: clock.now(),
      from: { email: c.email, phone, name: `${c.firstName} ${c.lastName}` },
      subject: input.subject,
      text: input.description,
      attachments: claims.map((cl) => ({ fileName: cl.fileName, content: storage.open(cl.key) })),
      raw: { contentType: 'application/json', data: Buffer.from(JSON.stringify({ ...input, uploadTokens: claims.map((cl) => cl.fileName), ip: meta.ip })) },
      route: { categoryId: category.id, acknowledge: true },
      form: {
        customFields: input.customFields,
        location: input.location,
        person: { firstName: c.firstName, lastName: c.lastName, language: c.language, preferredChannel: c.preferredChannel },
        acknowledgeBy: c.preferredChannel,
        consent: { textVersion: input.consent.textVersion },
      },
    });
    await Promise.all(claims.map((cl) => storage.remove(cl.key).catch(() => {})));
    if (result.outcome === 'ignored' || result.outcome === 'draft_created') {
      throw new AppError('server.internal', 'The request could not be registered');
    }
    const kase = await caseService.get(systemContext(t.id, 'web'), result.caseId);
    return {
      registrationNumber: kase.registrationNumber!,
      registeredAt: kase.registeredAt ?? clock.now().toISOString(),
      dueAt: kase.deadline.dueAt,
      acknowledgementChannel: result.outcome === 'case_created' && result.acknowledged ? c.preferredChannel : null,
    };
  }

  /**
   * Level-1 status check by registration number: the general status, nothing personal. Records
   * of categories that need more (L2, L3) answer that verification is needed (the status-check
   * service adds those steps). Every look-up is audited, found or not.
   */
  async function status(slug: string, registrationNumber: string, language: Language, meta: { ip: string }) {
    const t = await tenantBySlug(slug);
    const ctx: RequestContext = { tenantId: t.id, actor: { type: 'citizen', id: null, roles: [], departmentIds: [] }, requestId: null, channel: 'web', ip: meta.ip };
    const [row] = await db.select().from(cases).where(and(eq(cases.tenantId, t.id), eq(cases.registrationNumber, registrationNumber.trim())));
    const category = row ? await findCategory(db, t.id, row.categoryId) : undefined;
    await audit.recordAccess(ctx, {
      action: row ? 'status.checked' : 'status.not_found',
      subjectType: 'case',
      subjectId: row?.id ?? null,
      purpose: 'status_check',
      details: { level: 'L1', registrationNumber: registrationNumber.slice(0, 64), ip: meta.ip },
    });
    if (!row || !category || row.status === 'draft') throw notFound('Request');
    if (category.disclosureLevel !== 'L1') {
      throw new AppError('portal.verification_required', 'This request needs an extra identity check', { level: category.disclosureLevel });
    }
    const [last] = await db
      .select({ at: caseEvents.occurredAt })
      .from(caseEvents)
      .where(and(eq(caseEvents.tenantId, t.id), eq(caseEvents.caseId, row.id)))
      .orderBy(desc(caseEvents.seq))
      .limit(1);
    const status = row.status as keyof (typeof STATUS_TEXT)['en'];
    return {
      registrationNumber: row.registrationNumber!,
      status,
      statusText: STATUS_TEXT[language][status],
      category: category.name as LocalizedText,
      registeredAt: row.registeredAt?.toISOString() ?? null,
      dueAt: row.dueAt?.toISOString() ?? null,
      lastChangeAt: (last?.at ?? row.updatedAt).toISOString(),
      // Level 1 discloses nothing personal; notes come with the verified levels.
      publicNotes: [],
    };
  }

  return { institution, upload, submit, status, tenantBySlug };
}

export type PortalService = ReturnType<typeof createPortalService>;
