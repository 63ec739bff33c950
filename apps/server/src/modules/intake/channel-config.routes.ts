import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateMailboxRequest,
  CreatePhoneLineRequest,
  CreateProviderAccountRequest,
  IdParams,
  Mailbox,
  PhoneLine,
  ProviderAccount,
  UpdateMailboxRequest,
  UpdatePhoneLineRequest,
  UpdateProviderAccountRequest,
} from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { ChannelConfigService } from './channel-config.service.ts';

export function channelConfigRoutes(config: ChannelConfigService): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { access: { permission: 'channels.read' as const } };
    const manage = { access: { permission: 'channels.manage' as const } };
    app.get('/mailboxes', { schema: { tags: ['channels'], summary: 'The mailbox map: receiving addresses and where their mail goes', response: { 200: z.array(Mailbox) } }, config: read }, async (r) => config.listMailboxes(principalOf(r).ctx));
    app.post('/mailboxes', { schema: { tags: ['channels'], body: CreateMailboxRequest, response: { 201: Mailbox } }, config: manage }, async (r, reply) => reply.status(201).send(await config.createMailbox(principalOf(r).ctx, r.body)));
    app.patch('/mailboxes/:id', { schema: { tags: ['channels'], params: IdParams, body: UpdateMailboxRequest, response: { 200: Mailbox } }, config: manage }, async (r) => config.updateMailbox(principalOf(r).ctx, r.params.id, r.body));
    app.delete('/mailboxes/:id', { schema: { tags: ['channels'], params: IdParams, response: { 204: z.null() } }, config: manage }, async (r, reply) => {
      await config.deleteMailbox(principalOf(r).ctx, r.params.id);
      return reply.status(204).send(null);
    });
    app.get('/phone-lines', { schema: { tags: ['channels'], summary: 'Phone numbers for SMS and calls', response: { 200: z.array(PhoneLine) } }, config: read }, async (r) => config.listLines(principalOf(r).ctx));
    app.post('/phone-lines', { schema: { tags: ['channels'], body: CreatePhoneLineRequest, response: { 201: PhoneLine } }, config: manage }, async (r, reply) => reply.status(201).send(await config.createLine(principalOf(r).ctx, r.body)));
    app.patch('/phone-lines/:id', { schema: { tags: ['channels'], params: IdParams, body: UpdatePhoneLineRequest, response: { 200: PhoneLine } }, config: manage }, async (r) => config.updateLine(principalOf(r).ctx, r.params.id, r.body));
    app.delete('/phone-lines/:id', { schema: { tags: ['channels'], params: IdParams, response: { 204: z.null() } }, config: manage }, async (r, reply) => {
      await config.deleteLine(principalOf(r).ctx, r.params.id);
      return reply.status(204).send(null);
    });
    app.get('/provider-accounts', { schema: { tags: ['channels'], summary: 'SMS, e-mail and webhook providers (secrets never shown)', response: { 200: z.array(ProviderAccount) } }, config: manage }, async (r) => config.listAccounts(principalOf(r).ctx));
    app.post('/provider-accounts', { schema: { tags: ['channels'], body: CreateProviderAccountRequest, response: { 201: ProviderAccount } }, config: manage }, async (r, reply) => reply.status(201).send(await config.createAccount(principalOf(r).ctx, r.body)));
    app.patch('/provider-accounts/:id', { schema: { tags: ['channels'], params: IdParams, body: UpdateProviderAccountRequest, response: { 200: ProviderAccount } }, config: manage }, async (r) => config.updateAccount(principalOf(r).ctx, r.params.id, r.body));
  };
}
