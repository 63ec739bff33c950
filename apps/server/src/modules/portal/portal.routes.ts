import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LANGUAGES,
  PortalLangQuery,
  PortalStatus,
  PortalStatusRequest,
  PortalSubmission,
  PortalSubmissionResult,
  PortalUpload,
  PublicInstitution,
  type Language,
} from '@civicline/contracts';
import { AppError } from '../../platform/errors.ts';
import type { PortalService } from './portal.service.ts';
import { translateProblem } from './portal-texts.ts';

const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });

/** The language asked for: `?lang=`, else the first supported one in Accept-Language, else English. */
export function languageOf(query: unknown, acceptLanguage: string | undefined): Language {
  const q = (query as { lang?: string } | undefined)?.lang;
  if (q && (LANGUAGES as readonly string[]).includes(q)) return q as Language;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(tag)) return tag as Language;
  }
  return 'en';
}

export function portalRoutes(portal: PortalService): FastifyPluginAsyncZod {
  return async (app) => {
    // Citizens read problems in their own language.
    app.addHook('onRequest', async (request) => {
      request.translateProblem = translateProblem(languageOf(request.query, request.headers['accept-language']));
    });
    const open = (max: number) => ({ access: { public: true as const }, rateLimit: { max, timeWindow: '1 minute' } });

    app.get(
      '/institutions/:slug',
      { schema: { tags: ['portal'], summary: 'An institution and the requests it takes, for the public portal', params: SlugParams, querystring: PortalLangQuery, response: { 200: PublicInstitution } }, config: open(240) },
      async (request) => portal.institution(request.params.slug),
    );
    app.post(
      '/institutions/:slug/uploads',
      {
        schema: { tags: ['portal'], summary: 'Upload one file (multipart, field "file") before submitting', consumes: ['multipart/form-data'], params: SlugParams, querystring: PortalLangQuery, response: { 201: PortalUpload } },
        config: open(30),
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', 'Send the file as multipart/form-data');
        const file = await request.file();
        if (!file) throw new AppError('request.validation_failed', 'No file was sent', { errors: [{ path: 'file', message: 'Required' }] });
        return reply.status(201).send(await portal.upload(request.params.slug, { fileName: file.filename, stream: file.file }));
      },
    );
    app.post(
      '/institutions/:slug/requests',
      {
        schema: {
          tags: ['portal'],
          summary: 'Submit a request; an Idempotency-Key header makes a retried submission safe',
          params: SlugParams,
          querystring: PortalLangQuery,
          headers: z.object({ 'idempotency-key': z.string().regex(/^[A-Za-z0-9_-]{8,100}$/).optional() }),
          body: PortalSubmission,
          response: { 201: PortalSubmissionResult },
        },
        config: open(10),
      },
      async (request, reply) => {
        const result = await portal.submit(request.params.slug, request.body, { idempotencyKey: request.headers['idempotency-key'], ip: request.ip });
        return reply.status(201).send(result);
      },
    );
    app.post(
      '/institutions/:slug/status',
      { schema: { tags: ['portal'], summary: 'Check a request by its registration number', params: SlugParams, querystring: PortalLangQuery, body: PortalStatusRequest, response: { 200: PortalStatus } }, config: open(20) },
      async (request) =>
        portal.status(request.params.slug, request.body.registrationNumber, languageOf(request.query, request.headers['accept-language']), { ip: request.ip }),
    );
  };
}
