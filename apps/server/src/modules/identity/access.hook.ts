import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { AuthService, Principal } from './auth.service.ts';
import { hasPermission, type Permission } from './permissions.ts';

export type RouteAccess = { public: true } | { authenticated: true } | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. A route without it is denied to everyone. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'civicline_session';

/** The principal of an authenticated route (the access hook guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('auth.unauthenticated', 'Sign in first');
  return request.principal;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value.trim() : undefined;
}

/**
 * Deny by default: every route must declare its access; the check runs before the body is even
 * parsed, so an anonymous caller learns nothing from validation errors.
 */
export function registerAccessControl(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access && 'public' in access) return;
    const principal = await auth.authenticate(
      { session: request.cookies[SESSION_COOKIE], bearer: bearerOf(request) },
      { requestId: String(request.id), ip: request.ip },
    );
    if (!principal) throw new AppError('auth.unauthenticated', 'Sign in first');
    request.principal = principal;
    if (!access) throw new AppError('auth.forbidden', 'This route has no access rule, so it is closed');
    if ('permission' in access && !hasPermission(principal.me.roles, access.permission)) {
      throw new AppError('auth.forbidden', 'Your role does not allow this');
    }
  });
}
