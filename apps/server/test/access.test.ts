import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type RouteInfo } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import { PERMISSIONS, type Permission } from '../src/modules/identity/permissions.ts';
import type { RouteAccess } from '../src/modules/identity/access.hook.ts';
import { createStaff, createTenant, createTestApp, login, testConfig, type TestContext } from './helpers/harness.ts';

/**
 * The routes anyone may call without signing in. Adding a public route must be a conscious
 * decision, so it has to be added here too; the test fails on any route that is public but not
 * listed (and on any listed route that disappeared).
 */
const SIGNED_WEBHOOK_ROUTES = [
  'POST /api/v1/webhooks/twilio/sms',
  'POST /api/v1/webhooks/twilio/sms-status',
  'POST /api/v1/webhooks/twilio/voice',
  'POST /api/v1/webhooks/twilio/voice-status',
  'POST /api/v1/webhooks/sms',
  'POST /api/v1/webhooks/sms/status',
  'POST /api/v1/webhooks/voice',
  // The voice assistant's turns (Twilio TwiML, jambonz JSON).
  'POST /api/v1/webhooks/twilio/assistant',
  'POST /api/v1/webhooks/jambonz/assistant',
];

/** Open to citizens, not staff: without the citizen's portal token (from a one-time code) they answer 401. */
const CITIZEN_TOKEN_ROUTES = [
  'GET /api/public/v1/institutions/:slug/inbox',
  'POST /api/public/v1/institutions/:slug/inbox/:id/read',
  'GET /api/public/v1/institutions/:slug/consents',
  'PUT /api/public/v1/institutions/:slug/consents',
];

const PUBLIC_API_ROUTES = [
  'GET /healthz',
  'GET /readyz',
  'POST /api/v1/auth/login',
  'GET /api/openapi.json',
  // Swagger UI and the spec it renders.
  'GET /api/docs',
  'GET /api/docs/json',
  'GET /api/docs/yaml',
  'GET /api/docs/static/*',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  // The citizen portal: no staff login, rate-limited, scoped by the institution's slug.
  'GET /api/public/v1/institutions/:slug',
  'POST /api/public/v1/institutions/:slug/uploads',
  'POST /api/public/v1/institutions/:slug/requests',
  'POST /api/public/v1/institutions/:slug/status',
  // The portal's status check with its verification steps (status-check module).
  'POST /api/public/v1/institutions/:slug/status-check/identify',
  'POST /api/public/v1/institutions/:slug/status-check/check',
  'POST /api/public/v1/institutions/:slug/status-check/verify',
  'POST /api/public/v1/institutions/:slug/status-check/send-code',
  'POST /api/public/v1/institutions/:slug/status-check/verify-code',
  'POST /api/public/v1/institutions/:slug/status-check/consent',
  'POST /api/public/v1/institutions/:slug/status-check/answer',
  'POST /api/public/v1/institutions/:slug/status-check/access-history',
  // The assistant's web chat (rate-limited; disclosure decided by the status-check service).
  'POST /api/public/v1/institutions/:slug/assistant/chat',
  // Citizen sign-in by one-time code; the inbox and consents check the citizen's own bearer token.
  'POST /api/public/v1/institutions/:slug/sign-in/code',
  'POST /api/public/v1/institutions/:slug/sign-in/verify',
  ...CITIZEN_TOKEN_ROUTES,
  // Provider webhooks (SMS in, delivery receipts, calls): no login, but each request must carry
  // the institution's provider signature (Twilio's X-Twilio-Signature or our HMAC) or get 403.
  ...SIGNED_WEBHOOK_ROUTES,
];

/**
 * The web app: @fastify/static (wildcard: false) registers one route per file of the built app
 * (apps/web/dist), plus "/" for its index.html; without a build, "/" alone answers with a notice.
 * The client routes of the console and the portal answer with their page (deep links, reloads).
 * Those, and only those, are public; the set follows the files on disk, exactly as app.ts does.
 */
function publicWebRoutes(): string[] {
  const root = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web'), 'dist');
  // The portal's chat alone, which other websites may frame, is a page of its own (app.ts EMBEDDABLE_PAGE).
  const spa = ['/console', '/console/*', '/portal', '/portal/*', '/portal/:slug/chat'].map((u) => `GET ${u}`);
  if (!fs.existsSync(path.join(root, 'index.html'))) return ['GET /', ...spa];
  const files = (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
  const urls = files.flatMap((f) => (f.endsWith('index.html') ? [`/${f}`, `/${f.slice(0, -'index.html'.length)}`] : [`/${f}`]));
  return [...urls.map((u) => `GET ${u}`), ...spa];
}

/** Every GET has its automatic HEAD twin with the same access rule. */
const withHead = (keys: string[]) => keys.flatMap((k) => (k.startsWith('GET ') ? [k, `HEAD ${k.slice(4)}`] : [k]));

const key = (r: RouteInfo) => `${r.method} ${r.url}`;
const accessOf = (r: RouteInfo) => r.access as RouteAccess | undefined;
const isPublic = (r: RouteInfo) => {
  const a = accessOf(r);
  return !!a && 'public' in a && a.public === true;
};

/** A concrete URL for a route pattern: a random UUID for each :param, a harmless file name for *. */
function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z_]+/g, () => randomUUID()).replace(/\*/g, 'favicon-16x16.png');
}

function requestFor(route: RouteInfo, headers: Record<string, string> = {}) {
  const hasBody = ['POST', 'PATCH', 'PUT'].includes(route.method);
  return {
    method: route.method as 'GET',
    url: concreteUrl(route.url),
    headers,
    ...(hasBody ? { payload: {} } : {}),
  };
}

describe('access control: deny by default', () => {
  let t: TestContext;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = t.app.routeList;
  });
  afterAll(() => t.close());

  it('every route declares a well-formed access rule', () => {
    // A route without a rule is closed (see the next test), but it is still a mistake: make it loud.
    expect(routes.length).toBeGreaterThan(20);
    const apiRoutes = routes.filter((r) => r.url.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const a = accessOf(r);
      expect(a, `${key(r)} has no access rule`).toBeDefined();
      const shapes = [
        'public' in a! && a.public === true,
        'authenticated' in a! && a.authenticated === true,
        'permission' in a! && Object.hasOwn(PERMISSIONS, a.permission),
      ];
      expect(shapes.filter(Boolean), `${key(r)} has a malformed access rule ${JSON.stringify(a)}`).toHaveLength(1);
    }
  });

  it('the public routes are exactly the allow-list', () => {
    const expected = new Set(withHead([...PUBLIC_API_ROUTES, ...publicWebRoutes()]));
    const actual = new Set(routes.filter(isPublic).map(key));
    expect([...actual].sort()).toEqual([...expected].sort());
    // The web root is served at "/" whatever the build.
    expect(actual).toContain('GET /');
  });

  it('answers 401 problem+json auth.unauthenticated on every non-public route, before reading the body', async () => {
    const closed = routes.filter((r) => !isPublic(r));
    expect(closed.length).toBeGreaterThan(15);
    // Anonymous, a forged session cookie and a forged bearer token are all "nobody".
    const callers: Record<string, Record<string, string>> = {
      anonymous: {},
      'forged cookie': { cookie: 'civicline_session=cls_forged' },
      'forged bearer': { authorization: 'Bearer clt_forged' },
    };
    for (const r of closed) {
      for (const [who, headers] of Object.entries(callers)) {
        const res = await t.app.inject(requestFor(r, headers));
        const label = `${who} ${r.method} ${r.url}`;
        expect(res.statusCode, label).toBe(401);
        expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
        if (r.method !== 'HEAD') expect(res.json().code, label).toBe('auth.unauthenticated');
      }
    }
  });

  it('answers the public routes without credentials', async () => {
    for (const r of routes.filter(isPublic)) {
      const res = await t.app.inject(requestFor(r));
      if (CITIZEN_TOKEN_ROUTES.includes(key(r).replace(/^HEAD /, 'GET ')) && res.statusCode === 401) {
        // Refused for want of the citizen's own sign-in, not a staff login (or as a bad request/unknown institution first).
        if (r.method !== 'HEAD') expect(res.json().code, key(r)).toBe('auth.unauthenticated');
        continue;
      }
      expect(res.statusCode, key(r)).not.toBe(401);
      // A signed webhook refuses an unsigned request, as a bad signature (never as a missing login).
      if (SIGNED_WEBHOOK_ROUTES.includes(key(r)) && res.statusCode === 403) expect(res.json().code, key(r)).toBe('channel.signature_invalid');
      else expect(res.statusCode, key(r)).not.toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/' })).headers['content-type']).toMatch(/text\/html/);
  });

  it('a route registered without an access rule is closed: 401 anonymous, 403 signed in', async () => {
    // Build a second app on the same database and add a route that forgets `config.access`.
    const c = createContainer(testConfig(), t.database, { logError: () => {} });
    const app = await buildApp(c, { logger: false });
    app.get('/api/v1/zz-forgotten', async () => ({ leaked: true }));
    await app.ready();
    try {
      expect(app.routeList.find((r) => r.url === '/api/v1/zz-forgotten')?.access).toBeUndefined();
      const anonymous = await app.inject({ method: 'GET', url: '/api/v1/zz-forgotten' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('auth.unauthenticated');

      const tenant = await createTenant(c);
      const admin = await createStaff(c, tenant.id, [...ROLES]);
      const { cookie } = await login(app, admin.email);
      const signedIn = await app.inject({ method: 'GET', url: '/api/v1/zz-forgotten', headers: { cookie } });
      expect(signedIn.statusCode).toBe(403);
      expect(signedIn.json().code).toBe('auth.forbidden');
      expect(signedIn.body).not.toContain('leaked');
    } finally {
      await app.close();
      await c.jobs.stop();
    }
  });
});

describe('access control: roles', () => {
  let t: TestContext;
  let routes: RouteInfo[];
  /** One signed-in user per role, each holding only that role. */
  const sessions = {} as Record<Role, { cookie: string; email: string; userId: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    routes = t.app.routeList;
    const tenant = await createTenant(t.c);
    for (const role of ROLES) {
      const staff = await createStaff(t.c, tenant.id, [role]);
      const { cookie } = await login(t.app, staff.email);
      sessions[role] = { cookie, email: staff.email, userId: staff.user.id };
    }
  });
  afterAll(() => t.close());

  const as = (role: Role, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: sessions[role].cookie }, ...(payload !== undefined ? { payload } : {}) });

  it('refuses, with 403 auth.forbidden, every permission-guarded route to each role lacking the permission', async () => {
    const guarded = routes.filter((r) => {
      const a = accessOf(r);
      return !!a && 'permission' in a;
    });
    expect(guarded.length).toBeGreaterThan(10);
    let refusals = 0;
    for (const r of guarded) {
      const permission = (accessOf(r) as { permission: Permission }).permission;
      for (const role of ROLES) {
        const allowed = (PERMISSIONS[permission] as readonly Role[]).includes(role);
        const res = await t.app.inject(requestFor(r, { cookie: sessions[role].cookie }));
        const label = `${role} ${r.method} ${r.url} (${permission})`;
        if (allowed) {
          // Allowed roles pass the gate; what follows (404 for a random id, 422 for `{}`) is not our concern here.
          expect(res.statusCode, label).not.toBe(401);
          expect(res.statusCode, label).not.toBe(403);
        } else {
          refusals++;
          expect(res.statusCode, label).toBe(403);
          expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
          if (r.method !== 'HEAD') expect(res.json().code, label).toBe('auth.forbidden');
        }
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it('lets every role through the routes open to any signed-in user', async () => {
    const open = routes.filter((r) => {
      const a = accessOf(r);
      return !!a && 'authenticated' in a;
    });
    expect(open.map(key)).toContain('GET /api/v1/auth/me');
    for (const r of open) {
      // Logging out would end the shared session; it is checked below with a session of its own.
      if (key(r) === 'POST /api/v1/auth/logout') continue;
      for (const role of ROLES) {
        const res = await t.app.inject(requestFor(r, { cookie: sessions[role].cookie }));
        expect(res.statusCode, `${role} ${key(r)}`).not.toBe(401);
        expect(res.statusCode, `${role} ${key(r)}`).not.toBe(403);
      }
    }
    for (const role of ROLES) {
      const { cookie } = await login(t.app, sessions[role].email);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
      expect(res.statusCode, role).toBe(204);
    }
  });

  // Spelled out, independently of the PERMISSIONS table, so a careless edit of the table shows here.
  it.each([
    ['technician', 'GET', '/api/v1/users'],
    ['operator', 'GET', '/api/v1/users'],
    ['operator', 'GET', '/api/v1/audit'],
    ['technician', 'GET', '/api/v1/audit/verify'],
    ['auditor', 'POST', '/api/v1/departments'],
    ['supervisor', 'POST', '/api/v1/users'],
    ['auditor', 'PATCH', '/api/v1/tenant'],
    ['registrar', 'GET', '/api/v1/users'],
  ] as const)('%s may not %s %s', async (role, method, url) => {
    const res = await as(role, method, url, method === 'GET' ? undefined : { code: 'X', name: { en: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });

  it.each([
    ['supervisor', 'GET', '/api/v1/users', 200],
    ['auditor', 'GET', '/api/v1/users', 200],
    ['auditor', 'GET', '/api/v1/audit', 200],
    ['auditor', 'GET', '/api/v1/audit/verify', 200],
    ['operator', 'GET', '/api/v1/departments', 200],
    ['technician', 'GET', '/api/v1/tenant', 200],
    ['admin', 'GET', '/api/v1/audit', 200],
  ] as const)('%s may %s %s', async (role, method, url, status) => {
    const res = await as(role, method, url);
    expect(res.statusCode).toBe(status);
  });

  it('admin may create a department (the write goes through, not just past the gate)', async () => {
    const res = await as('admin', 'POST', '/api/v1/departments', { code: `D-${randomUUID().slice(0, 8)}`, name: { en: 'Roads' } });
    expect(res.statusCode).toBe(201);
    const row = await t.database.query('SELECT id FROM departments WHERE id = $1', [res.json().id]);
    expect(row.rows).toHaveLength(1);
  });

  it('an API token carries its owner\'s roles, no more', async () => {
    const technician = sessions.technician;
    const created = await as('technician', 'POST', '/api/v1/me/tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(users.statusCode).toBe(403);
    expect(users.json().code).toBe('auth.forbidden');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(technician.userId);
  });
});
