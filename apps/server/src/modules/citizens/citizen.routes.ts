import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Citizen, CitizenSearchQuery, CreateCitizenRequest, IdParams, MergeCitizensRequest, RevealQuery, UpdateCitizenRequest } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { CitizenService } from './citizen.service.ts';

/**
 * Searches carry national IDs, phones and e-mails in the query string; the request log keeps the
 * path and the names of the parameters, never their values (DESIGN §3, personal data).
 */
function redactQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = [...new Set(new URLSearchParams(url.slice(q + 1)).keys())];
  return `${url.slice(0, q)}?${keys.map((k) => `${encodeURIComponent(k)}=[redacted]`).join('&')}`;
}

const logSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, url: redactQuery(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
};

export function citizenRoutes(citizens: CitizenService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/citizens',
      { schema: { tags: ['citizens'], summary: 'Find citizens by phone, e-mail, national ID, client code or name', querystring: CitizenSearchQuery, response: { 200: z.array(Citizen) } }, config: { access: { permission: 'citizens.read' } }, logSerializers },
      async (request) => citizens.search(principalOf(request).ctx, request.query),
    );
    app.post(
      '/citizens',
      { schema: { tags: ['citizens'], body: CreateCitizenRequest, response: { 201: Citizen } }, config: { access: { permission: 'citizens.manage' } } },
      async (request, reply) => reply.status(201).send(await citizens.create(principalOf(request).ctx, request.body)),
    );
    app.get(
      '/citizens/:id',
      {
        schema: { tags: ['citizens'], summary: 'A citizen; `reveal=true` shows the national identifier in full (audited, some roles only)', params: IdParams, querystring: RevealQuery, response: { 200: Citizen } },
        config: { access: { permission: 'citizens.read' } },
        logSerializers,
      },
      async (request) => citizens.get(principalOf(request).ctx, request.params.id, { reveal: request.query.reveal, purpose: request.query.purpose }),
    );
    app.patch(
      '/citizens/:id',
      { schema: { tags: ['citizens'], params: IdParams, body: UpdateCitizenRequest, response: { 200: Citizen } }, config: { access: { permission: 'citizens.manage' } } },
      async (request) => citizens.update(principalOf(request).ctx, request.params.id, request.body),
    );
    app.post(
      '/citizens/:id/merge',
      { schema: { tags: ['citizens'], summary: 'Merge a duplicate record into this one (cases and history move over)', params: IdParams, body: MergeCitizensRequest, response: { 200: Citizen } }, config: { access: { permission: 'citizens.merge' } } },
      async (request) => citizens.merge(principalOf(request).ctx, request.params.id, request.body.duplicateId),
    );
  };
}
