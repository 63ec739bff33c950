import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateUserRequest, IdParams, ResetPasswordRequest, StaffUser, UpdateUserRequest } from '@civicline/contracts';
import { principalOf } from './access.hook.ts';
import type { UserService } from './user.service.ts';

export function userRoutes(users: UserService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      { schema: { tags: ['users'], summary: 'Staff users of my institution', response: { 200: z.array(StaffUser) } }, config: { access: { permission: 'users.read' } } },
      async (request) => users.list(principalOf(request).ctx),
    );
    app.get(
      '/users/:id',
      { schema: { tags: ['users'], params: IdParams, response: { 200: StaffUser } }, config: { access: { permission: 'users.read' } } },
      async (request) => users.get(principalOf(request).ctx, request.params.id),
    );
    app.post(
      '/users',
      { schema: { tags: ['users'], body: CreateUserRequest, response: { 201: StaffUser } }, config: { access: { permission: 'users.manage' } } },
      async (request, reply) => reply.status(201).send(await users.create(principalOf(request).ctx, request.body)),
    );
    app.patch(
      '/users/:id',
      { schema: { tags: ['users'], params: IdParams, body: UpdateUserRequest, response: { 200: StaffUser } }, config: { access: { permission: 'users.manage' } } },
      async (request) => users.update(principalOf(request).ctx, request.params.id, request.body),
    );
    app.post(
      '/users/:id/password',
      {
        schema: { tags: ['users'], summary: "Set a user's password (ends their sessions)", params: IdParams, body: ResetPasswordRequest, response: { 204: z.null() } },
        config: { access: { permission: 'users.manage' } },
      },
      async (request, reply) => {
        await users.resetPassword(principalOf(request).ctx, request.params.id, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );
  };
}
