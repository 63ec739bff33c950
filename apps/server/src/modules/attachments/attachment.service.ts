import type { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { caseAttachments, caseEvents } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventOutbox } from '../../platform/events/outbox.ts';
import { FileTooLargeError, type FileStorage } from '../../platform/storage/file-storage.ts';
import type { AuditService } from '../audit/index.ts';
import type { CaseService } from '../cases/index.ts';
import { detectType, safeFileName } from './file-types.ts';

type Row = typeof caseAttachments.$inferSelect;

const present = (r: Row) => ({
  id: r.id,
  fileName: r.fileName,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  createdAt: r.createdAt.toISOString(),
});

export function createAttachmentService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  events: EventOutbox;
  cases: CaseService;
  storage: FileStorage;
  maxBytes: number;
}) {
  const { db, clock, audit, events, cases, storage } = deps;

  /**
   * Stores the file first, then records it in one transaction with its timeline entry, audit entry
   * and event; if that transaction fails the stored file is removed, so nothing half-exists.
   */
  async function upload(ctx: RequestContext, caseId: string, file: { fileName: string; stream: Readable }) {
    const kase = await cases.readable(ctx, caseId);
    const fileName = safeFileName(file.fileName);
    let stored;
    try {
      stored = await storage.put(`${ctx.tenantId}/${caseId}`, file.stream, deps.maxBytes);
    } catch (err) {
      if (err instanceof FileTooLargeError) {
        throw new AppError('attachment.too_large', `Files may be at most ${Math.floor(deps.maxBytes / 1024 / 1024)} MB`, { errors: [{ path: 'file', message: 'Too large' }] });
      }
      throw err;
    }
    const contentType = detectType(stored.head, fileName);
    if (!contentType || stored.sizeBytes === 0) {
      await storage.remove(stored.key);
      throw new AppError('attachment.forbidden_type', 'Only PDF, images (JPEG, PNG, TIFF, GIF, WebP), office documents and text files are accepted', { errors: [{ path: 'file', message: 'Type not accepted' }] });
    }
    try {
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(caseAttachments)
          .values({ tenantId: ctx.tenantId, caseId, fileName, contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, storageKey: stored.key, uploadedBy: ctx.actor.id })
          .returning();
        await tx.insert(caseEvents).values({
          tenantId: ctx.tenantId,
          caseId,
          type: 'attachment_added',
          actorType: ctx.actor.type,
          actorId: ctx.actor.id,
          data: { attachmentId: r!.id, fileName, sizeBytes: stored.sizeBytes, contentType },
          occurredAt: clock.now(),
        });
        await audit.record(tx, ctx, { action: 'case.attachment_added', subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { attachmentId: r!.id, sha256: stored.sha256 } });
        await events.record(tx, { tenantId: ctx.tenantId, type: 'case.attachment_added', subjectType: 'case', subjectId: caseId, actorId: ctx.actor.id, payload: { attachmentId: r!.id, registrationNumber: kase.registrationNumber } });
        return r!;
      });
      return present(row);
    } catch (err) {
      await storage.remove(stored.key);
      throw err;
    }
  }

  /**
   * For intake: stores a file that came with a message before its case exists. A file of a type
   * we do not take is kept out (noted on the timeline), not a reason to lose the message.
   */
  async function storeIncoming(prefix: string, rawName: string, content: Readable | Buffer) {
    const fileName = safeFileName(rawName);
    try {
      const stored = await storage.put(prefix, content, deps.maxBytes);
      const contentType = stored.sizeBytes > 0 ? detectType(stored.head, fileName) : null;
      if (!contentType) {
        await storage.remove(stored.key);
        return { fileName, stored: null, contentType: null, refused: 'type not accepted' as const };
      }
      return { fileName, stored, contentType, refused: null };
    } catch (err) {
      if (err instanceof FileTooLargeError) return { fileName, stored: null, contentType: null, refused: 'too large' as const };
      throw err;
    }
  }

  type StoredItem = Awaited<ReturnType<typeof storeIncoming>>;

  /**
   * Records files stored by storeIncoming on a case, in one statement inside the caller's
   * transaction, and returns their timeline entries (added, or refused and why) for the caller to
   * write where they belong on the case's timeline.
   */
  async function recordStoredFiles(tx: Tx, ctx: RequestContext, caseId: string, items: StoredItem[]): Promise<{ type: string; data: Record<string, unknown> }[]> {
    const kept = items.filter((i) => i.stored && i.contentType);
    const rows = kept.length
      ? await tx
          .insert(caseAttachments)
          .values(kept.map((i) => ({ tenantId: ctx.tenantId, caseId, fileName: i.fileName, contentType: i.contentType!, sizeBytes: i.stored!.sizeBytes, sha256: i.stored!.sha256, storageKey: i.stored!.key, uploadedBy: ctx.actor.id })))
          .returning({ id: caseAttachments.id, storageKey: caseAttachments.storageKey })
      : [];
    const idOf = new Map(rows.map((r) => [r.storageKey, r.id]));
    return items.map((i) =>
      i.stored && i.contentType
        ? { type: 'attachment_added', data: { attachmentId: idOf.get(i.stored.key), fileName: i.fileName, sizeBytes: i.stored.sizeBytes, contentType: i.contentType } }
        : { type: 'attachment_refused', data: { fileName: i.fileName, reason: i.refused } },
    );
  }

  /** Records files stored by storeIncoming on a case, with their timeline entries, inside the caller's transaction. */
  async function recordStored(tx: Tx, ctx: RequestContext, caseId: string, items: StoredItem[]): Promise<void> {
    const entries = await recordStoredFiles(tx, ctx, caseId, items);
    if (entries.length === 0) return;
    const base = { tenantId: ctx.tenantId, caseId, actorType: ctx.actor.type, actorId: ctx.actor.id, occurredAt: clock.now() };
    await tx.insert(caseEvents).values(entries.map((e) => ({ ...base, ...e })));
  }

  async function list(ctx: RequestContext, caseId: string) {
    await cases.readable(ctx, caseId);
    const rows = await db
      .select()
      .from(caseAttachments)
      .where(and(eq(caseAttachments.tenantId, ctx.tenantId), eq(caseAttachments.caseId, caseId)))
      .orderBy(asc(caseAttachments.createdAt));
    return rows.map(present);
  }

  /** Documents carry personal data: each download is audited before the bytes leave. */
  async function download(ctx: RequestContext, caseId: string, attachmentId: string) {
    await cases.readable(ctx, caseId);
    const [row] = await db
      .select()
      .from(caseAttachments)
      .where(and(eq(caseAttachments.tenantId, ctx.tenantId), eq(caseAttachments.caseId, caseId), eq(caseAttachments.id, attachmentId)));
    if (!row) throw notFound('Attachment');
    await audit.recordAccess(ctx, { action: 'case.attachment_downloaded', subjectType: 'case', subjectId: caseId, purpose: 'case_handling', details: { attachmentId } });
    return { ...present(row), stream: storage.open(row.storageKey) };
  }

  return { upload, storeIncoming, recordStored, recordStoredFiles, list, download };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
