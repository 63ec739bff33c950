import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PortalLangQuery, Uuid } from '@civicline/contracts';
import { z } from 'zod';
import { languageOf, translateProblem } from '../portal/index.ts';
import { ConsentUpdate, SignInCodeRequest, SignInVerifyRequest, type CitizenAccessService } from './citizen-access.service.ts';

const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) });
const Authorization = z.object({ authorization: z.string().max(200).optional() });

/**
 * The citizen portal's sign-in by one-time code and inbox. Public at the gate (no staff login),
 * rate limited; the inbox routes check the citizen's own bearer token themselves.
 */
export function citizenInboxRoutes(access: CitizenAccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', async (request) => {
      request.translateProblem = translateProblem(languageOf(request.query, request.headers['accept-language']));
    });
    const open = (max: number) => ({ access: { public: true as const }, rateLimit: { max, timeWindow: '1 minute' } });
    const tags = ['portal'];
    app.post('/institutions/:slug/sign-in/code', { schema: { tags, summary: 'Send a one-time sign-in code to a phone or e-mail on file (the answer is the same when none is)', params: SlugParams, querystring: PortalLangQuery, body: SignInCodeRequest }, config: open(10) }, async (request, reply) =>
      reply.code(202).send(await access.requestCode(request.params.slug, request.body)),
    );
    app.post('/institutions/:slug/sign-in/verify', { schema: { tags, summary: 'Exchange the code for a portal session token (bearer)', params: SlugParams, querystring: PortalLangQuery, body: SignInVerifyRequest }, config: open(20) }, async (request) =>
      access.verifyCode(request.params.slug, request.body),
    );
    app.get('/institutions/:slug/inbox', { schema: { tags, summary: 'My messages (signed in by code)', params: SlugParams, querystring: PortalLangQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(50) }), headers: Authorization }, config: open(60) }, async (request) =>
      access.inbox(request.params.slug, request.headers.authorization, { limit: request.query.limit }),
    );
    app.post('/institutions/:slug/inbox/:id/read', { schema: { tags, summary: 'Mark a message read', params: SlugParams.extend({ id: Uuid }), querystring: PortalLangQuery, headers: Authorization }, config: open(120) }, async (request, reply) => {
      await access.markRead(request.params.slug, request.headers.authorization, request.params.id);
      return reply.code(204).send();
    });
    app.get('/institutions/:slug/consents', { schema: { tags, summary: 'The channels I agree to be written on', params: SlugParams, querystring: PortalLangQuery, headers: Authorization }, config: open(60) }, async (request) =>
      access.consents(request.params.slug, request.headers.authorization),
    );
    app.put('/institutions/:slug/consents', { schema: { tags, summary: 'Give or withdraw consent for a channel', params: SlugParams, querystring: PortalLangQuery, headers: Authorization, body: ConsentUpdate }, config: open(30) }, async (request) =>
      access.setConsent(request.params.slug, request.headers.authorization, request.body),
    );
  };
}
