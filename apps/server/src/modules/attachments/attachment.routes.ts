import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Attachment, IdParams, Uuid } from '@civicline/contracts';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../identity/index.ts';
import type { AttachmentService } from './attachment.service.ts';

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so "Cerere autorizație.pdf" arrives intact. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function attachmentRoutes(attachments: AttachmentService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/:id/attachments',
      { schema: { tags: ['cases'], params: IdParams, response: { 200: z.array(Attachment) } }, config: { access: { permission: 'cases.read' } } },
      async (request) => attachments.list(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/cases/:id/attachments',
      {
        schema: { tags: ['cases'], summary: 'Upload one file (multipart/form-data, field "file")', consumes: ['multipart/form-data'], params: IdParams, response: { 201: Attachment } },
        config: { access: { permission: 'cases.act' } },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 'Send the file as multipart/form-data');
        const file = await request.file();
        if (!file) throw new AppError('request.validation_failed', 'No file was sent', { errors: [{ path: 'file', message: 'Required' }] });
        const created = await attachments.upload(principalOf(request).ctx, request.params.id, { fileName: file.filename, stream: file.file });
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/cases/:id/attachments/:attachmentId',
      { schema: { tags: ['cases'], summary: 'Download a file', params: z.object({ id: Uuid, attachmentId: Uuid }) }, config: { access: { permission: 'cases.read' } } },
      async (request, reply) => {
        const file = await attachments.download(principalOf(request).ctx, request.params.id, request.params.attachmentId);
        return reply
          .header('content-type', file.contentType)
          .header('content-length', String(file.sizeBytes))
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-checksum-sha256', file.sha256)
          .send(file.stream);
      },
    );
  };
}
