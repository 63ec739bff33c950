import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, OutboundMessage, Uuid } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { MessagingService } from './messaging.service.ts';

export function messageRoutes(messaging: MessagingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/messages',
      {
        schema: { tags: ['messages'], summary: 'Messages sent to citizens (with the development sink, this is where they land)', querystring: z.object({ caseId: Uuid.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.array(OutboundMessage) } },
        config: { access: { permission: 'messages.read' } },
      },
      async (request) => messaging.list(principalOf(request).ctx, request.query),
    );
    app.get(
      '/messages/:id',
      { schema: { tags: ['messages'], params: IdParams, response: { 200: OutboundMessage } }, config: { access: { permission: 'messages.read' } } },
      async (request) => messaging.get(principalOf(request).ctx, request.params.id),
    );
  };
}
