import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, ListMessagesQuery, OutboundMessage, OutboundMessagePage } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { MessageLogService } from './message-log.service.ts';

export function messageRoutes(log: MessageLogService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/messages',
      {
        schema: {
          tags: ['messages'],
          summary: 'The outbox: every message sent to citizens, newest first (with the development sink, this is where they land)',
          querystring: ListMessagesQuery,
          response: { 200: OutboundMessagePage },
        },
        config: { access: { permission: 'messages.read_all' } },
      },
      async (request) => log.list(principalOf(request).ctx, request.query),
    );
    app.get(
      '/cases/:id/messages',
      {
        schema: { tags: ['messages'], summary: 'The messages sent about a case', params: IdParams, querystring: ListMessagesQuery.omit({ caseId: true }), response: { 200: OutboundMessagePage } },
        config: { access: { permission: 'messages.read' } },
      },
      async (request) => log.list(principalOf(request).ctx, { ...request.query, caseId: request.params.id }),
    );
    app.get(
      '/messages/:id',
      { schema: { tags: ['messages'], params: IdParams, response: { 200: OutboundMessage } }, config: { access: { permission: 'messages.read' } } },
      async (request) => log.get(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/messages/:id/resend',
      { schema: { tags: ['messages'], summary: 'Send a failed message again', params: IdParams, response: { 200: OutboundMessage } }, config: { access: { permission: 'messages.resend' } } },
      async (request) => log.resend(principalOf(request).ctx, request.params.id),
    );
  };
}
