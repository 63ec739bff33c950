import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type Middleware = ReturnType<typeof helmet>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Security headers of this route instead of the application's (merged over them). */
    securityHeaders?: HelmetOptions;
  }
}

/**
 * Helmet's security headers on every response. Each set of options is built into its middleware
 * once, when the route is added (@fastify/helmet built it again on every request: a status turn
 * spent more time there than in its own logic).
 */
export function addSecurityHeaders(app: FastifyInstance, defaults: HelmetOptions): void {
  const base = helmet(defaults);
  const ownByUrl = new Map<string, Middleware>();
  app.addHook('onRoute', (route) => {
    const own = route.config?.securityHeaders;
    if (own) ownByUrl.set(route.url, helmet({ ...defaults, ...own } as HelmetOptions));
  });
  app.addHook('onRequest', (request, reply, done) => {
    const own = request.routeOptions.config.securityHeaders ? ownByUrl.get(request.routeOptions.url ?? '') : undefined;
    (own ?? base)(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
}
