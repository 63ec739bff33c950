import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Container } from './container.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { registerProblemHandlers } from './platform/http/problem.ts';
import { addSecurityHeaders } from './platform/http/security-headers.ts';
import { loggerOptions } from './platform/logger.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { authRoutes, registerAccessControl, userRoutes } from './modules/identity/index.ts';
import { departmentRoutes } from './modules/organisation/index.ts';
import { tenantRoutes } from './modules/tenants/index.ts';
import { caseCountRoutes, caseRoutes } from './modules/cases/index.ts';
import { categoryRoutes } from './modules/categories/index.ts';
import { citizenRoutes } from './modules/citizens/index.ts';
import { registerRoutes } from './modules/registers/index.ts';
import { workloadRoutes } from './modules/routing/index.ts';
import { calendarRoutes } from './modules/sla/index.ts';
import { attachmentRoutes } from './modules/attachments/index.ts';
import { channelConfigRoutes } from './modules/intake/index.ts';
import { messageRoutes } from './modules/messaging/index.ts';
import { smsWebhookRoutes } from './channels/sms/index.ts';
import { callRoutes, voiceWebhookRoutes } from './channels/voice/index.ts';
import { registryRoutes } from './channels/registry/index.ts';
import { portalRoutes } from './modules/portal/index.ts';
import { statusCheckRoutes, statusPortalRoutes } from './modules/status-check/index.ts';
import { assistantChatRoutes, assistantHandoverRoutes, assistantVoiceRoutes } from './channels/assistant/index.ts';
import { caseServicesRoutes } from './modules/case-services/index.ts';
import { citizenInboxRoutes, notificationAdminRoutes, staffNotificationRoutes } from './modules/notifications/index.ts';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/** Client-side routes of the two single-page apps, each answered with its page. */
export const WEB_APP_PAGES = [
  { prefix: '/console', page: 'index.html' },
  { prefix: '/portal', page: 'portal.html' },
] as const;

/** The pages' Content-Security-Policy (helmet's defaults, plus these). */
const CSP_DIRECTIVES = { 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] };

/**
 * The portal's chat alone (`/portal/<slug>/chat`), which institutions embed in an iframe on their
 * own websites: it may be framed by any site (no X-Frame-Options, CSP `frame-ancestors *`). It
 * needs no sign-in and holds nothing a framing site could not ask the public chat API itself.
 */
export const EMBEDDABLE_PAGE = '/portal/:slug/chat';
const EMBEDDABLE_HELMET = { frameguard: false as const, contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, 'frame-ancestors': ['*'] } } };

const NOT_BUILT = '<!doctype html><html lang="en"><meta charset="utf-8"><title>CivicLine</title><main><h1>CivicLine</h1><p>The web app is not built: run <code>npm run build -w @civicline/web</code>. The API is at <a href="/api/docs">/api/docs</a>.</p></main></html>';

/**
 * The web app: the built files of apps/web/dist, one public route per file (no wildcard, so
 * nothing else under / is served), "/" for the console, and the client routes under /console and
 * /portal, which answer with their page so a deep link or a reload works.
 */
async function registerWebApp(scope: FastifyInstance): Promise<void> {
  const dist = path.join(WEB_ROOT, 'dist');
  const built = fs.existsSync(path.join(dist, 'index.html'));
  if (built) {
    await scope.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      setHeaders: (res, file) => {
        // Hashed bundles never change; the pages must be fetched again to find new bundles.
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    scope.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT));
  }
  const pageHandler = (page: string) => async (_request: unknown, reply: FastifyReply) =>
    built ? reply.header('cache-control', 'no-cache').sendFile(page) : reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  for (const { prefix, page } of WEB_APP_PAGES) {
    scope.get(prefix, { schema: { hide: true } }, pageHandler(page));
    scope.get(`${prefix}/*`, { schema: { hide: true } }, pageHandler(page));
  }
  scope.get(EMBEDDABLE_PAGE, { schema: { hide: true }, config: { securityHeaders: EMBEDDABLE_HELMET } }, pageHandler('portal.html'));
}

export interface RouteInfo {
  method: string;
  url: string;
  access: unknown;
}

/** Builds the HTTP application; tests build it too and drive it with inject(). */
export async function buildApp(
  container: Container,
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance & { routeList: RouteInfo[] }> {
  const { config } = container;
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A caller's X-Request-Id is kept for tracing only if it looks like an id: it ends up in logs and the audit trail.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  // Node closes idle keep-alive connections once, when closing starts; a request still running
  // then leaves its connection idle afterwards, and close would wait out the client's keep-alive
  // (72 s). So while closing, idle connections are closed as they appear. (An app that never
  // listened, as in tests driven by inject(), has no connections and no 'close' event to wait for.)
  app.addHook('preClose', async () => {
    if (!app.server.listening) return;
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100).unref();
    app.server.once('close', () => clearInterval(sweep));
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body on a JSON route is a 415, not a validation puzzle.
  app.removeContentTypeParser('text/plain');

  const routeList: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Read access lazily: hooks of inner scopes may still set it after this one runs.
    for (const method of methods) {
      routeList.push({ method, url: route.url, get access() { return route.config?.access; } });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerProblemHandlers(app);
  addSecurityHeaders(app, { contentSecurityPolicy: { directives: CSP_DIRECTIVES } });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // One file per request; our own storage meter enforces the size, one byte before busboy would.
  await app.register(multipart, { limits: { fileSize: config.attachmentMaxBytes + 1, files: 1, fields: 10, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CivicLine API',
        version: '1',
        description: 'Every request is answered as JSON; errors are RFC 9457 application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'civicline_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  registerAccessControl(app, container.auth);

  await app.register(healthRoutes(container.database));
  await app.register(
    async (v1) => {
      await v1.register(authRoutes({ auth: container.auth, cookieSecure: config.cookieSecure }));
      await v1.register(tenantRoutes(container.tenants));
      await v1.register(departmentRoutes(container.departments));
      await v1.register(userRoutes(container.users));
      await v1.register(auditRoutes(container.audit));
      await v1.register(registerRoutes(container.registers));
      await v1.register(categoryRoutes(container.categories));
      await v1.register(calendarRoutes(container.sla));
      await v1.register(workloadRoutes(container.routing));
      await v1.register(citizenRoutes(container.citizens));
      await v1.register(caseCountRoutes(container.caseCounts));
      await v1.register(caseRoutes(container.cases));
      await v1.register(attachmentRoutes(container.attachments));
      await v1.register(channelConfigRoutes(container.channelConfig));
      await v1.register(messageRoutes(container.messageLog, container.citizenMessages));
      const webhookDeps = { db: container.db, tenants: container.tenants, clock: container.clock, channelConfig: container.channelConfig, publicUrl: config.publicUrl };
      await v1.register(smsWebhookRoutes({ ...webhookDeps, sms: container.sms, assistant: container.smsAssistant }));
      await v1.register(voiceWebhookRoutes({ ...webhookDeps, calls: container.calls }));
      await v1.register(callRoutes(container.calls));
      await v1.register(registryRoutes(container.registry, { maxFileBytes: config.attachmentMaxBytes }));
      await v1.register(statusCheckRoutes(container.statusCheck.admin, container.statusCheck.records));
      await v1.register(assistantVoiceRoutes({ ...webhookDeps, assistant: container.assistant, calls: container.calls }));
      await v1.register(assistantHandoverRoutes({ calls: container.calls }));
      await v1.register(caseServicesRoutes(container.caseServices));
      await v1.register(notificationAdminRoutes(container.notificationAdmin));
      await v1.register(staffNotificationRoutes(container.db));
    },
    { prefix: '/api/v1' },
  );
  await app.register(portalRoutes(container.portal), { prefix: '/api/public/v1' });
  await app.register(statusPortalRoutes(container.statusCheck, container.tenants), { prefix: '/api/public/v1' });
  await app.register(assistantChatRoutes({ assistant: container.assistant, tenants: container.tenants }), { prefix: '/api/public/v1' });
  await app.register(citizenInboxRoutes(container.citizenAccess), { prefix: '/api/public/v1' });

  // Public, static surfaces: the API description and the web app.
  await app.register(async (publicScope) => {
    publicScope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: route.config?.access ?? { public: true } };
    });
    publicScope.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await publicScope.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
    await registerWebApp(publicScope);
  });

  return Object.assign(app, { routeList }) as unknown as FastifyInstance & { routeList: RouteInfo[] };
}
