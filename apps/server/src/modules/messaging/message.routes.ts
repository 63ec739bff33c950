import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CitizenMessagePage, CitizenMessagesQuery, IdParams, ListMessagesQuery, OutboundMessage, OutboundMessagePage } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { CitizenMessagesService } from './citizen-messages.service.ts';
import type { MessageLogService } from './message-log.service.ts';

export function messageRoutes(log: MessageLogService, citizenMessages: CitizenMessagesService): FastifyPluginAsyncZod {
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
      '/citizens/:id/messages',
      {
        schema: {
          tags: ['messages', 'citizens'],
          summary: 'A citizen’s message history, newest first: sent to them (and to records merged into theirs) or about their cases you may read (audited)',
          params: IdParams,
          querystring: CitizenMessagesQuery,
          response: { 200: CitizenMessagePage },
        },
        config: { access: { permission: 'citizens.read' } },
      },
      async (request) => citizenMessages.list(principalOf(request).ctx, request.params.id, request.query),
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
