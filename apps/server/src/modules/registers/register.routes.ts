import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateRegisterRequest, IdParams, Register, UpdateRegisterRequest } from '@civicline/contracts';
import { principalOf } from '../identity/index.ts';
import type { RegisterService } from './register.service.ts';

export function registerRoutes(registers: RegisterService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/registers',
      { schema: { tags: ['registers'], summary: 'Numbering registers', response: { 200: z.array(Register) } }, config: { access: { permission: 'registers.read' } } },
      async (request) => registers.list(principalOf(request).ctx),
    );
    app.get(
      '/registers/:id',
      { schema: { tags: ['registers'], params: IdParams, response: { 200: Register } }, config: { access: { permission: 'registers.read' } } },
      async (request) => registers.get(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/registers',
      { schema: { tags: ['registers'], body: CreateRegisterRequest, response: { 201: Register } }, config: { access: { permission: 'registers.manage' } } },
      async (request, reply) => reply.status(201).send(await registers.create(principalOf(request).ctx, request.body)),
    );
    app.patch(
      '/registers/:id',
      { schema: { tags: ['registers'], params: IdParams, body: UpdateRegisterRequest, response: { 200: Register } }, config: { access: { permission: 'registers.manage' } } },
      async (request) => registers.update(principalOf(request).ctx, request.params.id, request.body),
    );
  };
}
