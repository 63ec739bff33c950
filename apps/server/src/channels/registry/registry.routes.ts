import { DailyRegister, DailyRegisterQuery, ReceiptQuery, RecordedDocument, Uuid } from '@civicline/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { principalOf } from '../../modules/identity/index.ts';
import { readRegistryUpload } from './registry-form.ts';
import type { RegistryService } from './registry.service.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export function registryRoutes(registry: RegistryService, opts: { maxFileBytes: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/registry/documents',
      {
        schema: {
          tags: ['registry'],
          summary: 'Record a paper document (post, courier, handed in, fax on paper) with its scans',
          description:
            'multipart/form-data: categoryId, delivery, receivedOn, pages, subject, description, senderReference, sender (JSON, or dotted fields such as sender.lastName, sender.address.line; or sender.citizenId), customFields (JSON), and one or more files named "files" (PDF, JPEG, PNG, TIFF). An Idempotency-Key header makes a retry return the first result. 201 for a new case; 200 when the document joined the case it refers to.',
          consumes: ['multipart/form-data'],
          response: { 200: RecordedDocument, 201: RecordedDocument },
        },
        config: { access: { permission: 'registry.record' } },
      },
      async (request, reply) => {
        const given = request.headers['idempotency-key'];
        const key = Array.isArray(given) ? given[0] : given;
        if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
          throw new AppError('request.validation_failed', 'Idempotency-Key must be 8 to 100 letters, digits or ._:-', { errors: [{ path: 'Idempotency-Key', message: 'Invalid' }] });
        }
        const upload = await readRegistryUpload(request, opts);
        try {
          const recorded = await registry.record(principalOf(request).ctx, upload, { idempotencyKey: key });
          return reply.status(recorded.outcome === 'case_created' ? 201 : 200).send(recorded);
        } finally {
          await upload.cleanup();
        }
      },
    );

    app.get(
      '/registry/documents',
      {
        schema: { tags: ['registry'], summary: "The day's register: documents recorded on a day (today by default)", querystring: DailyRegisterQuery, response: { 200: DailyRegister } },
        config: { access: { permission: 'registry.read' } },
      },
      async (request) => registry.daily(principalOf(request).ctx, request.query.date),
    );

    app.get(
      '/registry/documents/:caseId/receipt.pdf',
      {
        schema: { tags: ['registry'], summary: 'The printable receipt (PDF) of a recorded document', params: z.object({ caseId: Uuid }), querystring: ReceiptQuery },
        config: { access: { permission: 'registry.read' } },
      },
      async (request, reply) => {
        const { pdf, fileName } = await registry.receipt(principalOf(request).ctx, request.params.caseId, { entryId: request.query.entry, format: request.query.format });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );
  };
}
