import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES, PortalLangQuery, StatusAccessEntry, StatusCodeBody, StatusOutcome, StatusQueryBody, StatusRefBody, StatusVerifyBody, type Language } from '@civicline/contracts';
import { systemContext } from '../../platform/auth/context.ts';
import { createRowCache } from '../../platform/db/row-cache.ts';
import { notFound } from '../../platform/errors.ts';
import type { TenantService } from '../tenants/index.ts';
import type { StatusContext } from './contract.ts';
import type { StatusCheck } from './index.ts';

const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });

function languageOf(query: unknown, acceptLanguage: string | undefined): Language {
  const q = (query as { lang?: string } | undefined)?.lang;
  if (q && (LANGUAGES as readonly string[]).includes(q)) return q as Language;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(tag)) return tag as Language;
  }
  return 'en';
}

/**
 * The portal's "check my request" steps over the status-check service: identify, then the
 * birth date or phone digits (L2) or the SMS code (L3) the record needs, consent for sensitive
 * records, the answer, and the citizen's own access history. The caller is their IP address:
 * locks and fraud blocks apply to the web exactly as to a phone number.
 */
export function statusPortalRoutes(status: StatusCheck, tenants: TenantService): FastifyPluginAsyncZod {
  return async (app) => {
    const open = (max: number) => ({ access: { public: true as const }, rateLimit: { max, timeWindow: '1 minute' } });
    const tags = ['portal'];
    const response = { 200: StatusOutcome };

    // Every step names the institution by its slug; a renamed slug is seen within 10 s.
    const bySlug = createRowCache<{ id: string }>(10_000);
    async function contextOf(request: { params: { slug: string }; query: unknown; headers: Record<string, unknown>; ip: string; id: string }): Promise<StatusContext> {
      const t = await bySlug.get(request.params.slug, async () => {
        const found = await tenants.bySlug(request.params.slug);
        return found && { id: found.id };
      });
      if (!t) throw notFound('Institution');
      return { tenantId: t.id, entryPointId: null, channel: 'web', callerKey: request.ip, language: languageOf(request.query, request.headers['accept-language'] as string | undefined), requestId: String(request.id) };
    }

    const base = '/institutions/:slug/status-check';
    app.post(`${base}/identify`, { schema: { tags, summary: 'Find a record: by registration number, national ID + kind, client code or address', params: SlugParams, querystring: PortalLangQuery, body: StatusQueryBody, response }, config: open(20) }, async (r) =>
      status.identify(await contextOf(r), r.body),
    );
    app.post(`${base}/check`, { schema: { tags, summary: 'Identify and, when no further check is needed, answer: one step', params: SlugParams, querystring: PortalLangQuery, body: StatusQueryBody, response }, config: open(20) }, async (r) =>
      status.check(await contextOf(r), r.body),
    );
    app.post(`${base}/verify`, { schema: { tags, summary: 'Level 2: birth date or the last 4 digits of the registered phone', params: SlugParams, querystring: PortalLangQuery, body: StatusVerifyBody, response }, config: open(20) }, async (r) => {
      const { ref, ...proof } = r.body;
      return status.verify(await contextOf(r), ref, proof as { birthDate: string } | { phoneLast4: string });
    });
    app.post(`${base}/send-code`, { schema: { tags, summary: 'Level 3: a one-time code by SMS to the registered phone', params: SlugParams, querystring: PortalLangQuery, body: StatusRefBody, response }, config: open(5) }, async (r) =>
      status.sendCode(await contextOf(r), r.body.ref),
    );
    app.post(`${base}/verify-code`, { schema: { tags, params: SlugParams, querystring: PortalLangQuery, body: StatusCodeBody, response }, config: open(20) }, async (r) =>
      status.verifyCode(await contextOf(r), r.body.ref, r.body.code),
    );
    app.post(`${base}/consent`, { schema: { tags, summary: 'The citizen confirms access to sensitive data', params: SlugParams, querystring: PortalLangQuery, body: StatusRefBody, response }, config: open(20) }, async (r) =>
      status.recordConsent(await contextOf(r), r.body.ref),
    );
    app.post(`${base}/answer`, { schema: { tags, summary: 'What the verified level allows to be told', params: SlugParams, querystring: PortalLangQuery, body: StatusRefBody, response }, config: open(30) }, async (r) =>
      status.answer(await contextOf(r), r.body.ref),
    );
    app.post(
      `${base}/access-history`,
      { schema: { tags, summary: 'Who checked my data (needs level 2 on one of my records)', params: SlugParams, querystring: PortalLangQuery, body: StatusRefBody, response: { 200: z.union([z.object({ outcome: z.literal('history'), entries: z.array(StatusAccessEntry) }), StatusOutcome]) } }, config: open(10) },
      async (r) => {
        const ctx = await contextOf(r);
        const owner = await status.citizenOf(ctx, r.body.ref);
        if ('outcome' in owner) return owner;
        const entries = await status.admin.accessHistory({ ...systemContext(ctx.tenantId, 'web'), actor: { type: 'citizen', id: owner.citizenId, roles: [], departmentIds: [] }, ip: r.ip }, owner.citizenId);
        return { outcome: 'history' as const, entries };
      },
    );
  };
}
