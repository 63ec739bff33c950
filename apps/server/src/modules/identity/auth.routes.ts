import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiToken,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreatedApiToken,
  IdParams,
  LoginRequest,
  LoginResponse,
  Me,
} from '@civicline/contracts';
import { principalOf, SESSION_COOKIE } from './access.hook.ts';
import type { AuthService } from './auth.service.ts';

export function authRoutes(deps: { auth: AuthService; cookieSecure: boolean }): FastifyPluginAsyncZod {
  const { auth } = deps;
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: LoginRequest, response: { 200: LoginResponse } },
        config: {
          access: { public: true },
          // Per address *and* e-mail: a contact centre signs in many operators from one NAT address.
          rateLimit: {
            max: 10,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '')}`,
          },
        },
      },
      async (request, reply) => {
        const { token, expiresAt, me } = await auth.login(request.body, {
          requestId: String(request.id),
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.cookieSecure,
          path: '/',
          expires: expiresAt,
        });
        return { user: me, expiresAt: expiresAt.toISOString() };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: z.null() } }, config: { access: { authenticated: true } } },
      async (request, reply) => {
        await auth.logout(principalOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: Me } }, config: { access: { authenticated: true } } },
      async (request) => principalOf(request).me,
    );

    app.post(
      '/auth/password',
      {
        schema: { tags: ['auth'], summary: 'Change my password (ends my other sessions)', body: ChangePasswordRequest, response: { 204: z.null() } },
        config: { access: { authenticated: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        await auth.changePassword(principalOf(request), request.body.currentPassword, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me/tokens',
      { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.array(ApiToken) } }, config: { access: { authenticated: true } } },
      async (request) => auth.listApiTokens(principalOf(request).ctx),
    );

    app.post(
      '/me/tokens',
      {
        schema: { tags: ['auth'], summary: 'Create an API token (shown once)', body: CreateApiTokenRequest, response: { 201: CreatedApiToken } },
        config: { access: { authenticated: true } },
      },
      async (request, reply) => {
        const created = await auth.createApiToken(principalOf(request).ctx, request.body.name, request.body.expiresInDays);
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/me/tokens/:id',
      { schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParams, response: { 204: z.null() } }, config: { access: { authenticated: true } } },
      async (request, reply) => {
        await auth.revokeApiToken(principalOf(request).ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
