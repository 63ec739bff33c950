import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, createTenant, createTestApp, login, type TestContext } from './helpers/harness.ts';

/** Every failure is RFC 9457 problem+json with a stable code, and changes nothing. */
describe('problem responses', () => {
  let t: TestContext;
  let cookie: string;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestApp({
      config: { bodyLimitBytes: 4096 },
      // A route that fails the way a bug would, to prove 5xx answers hide internals.
      extraRoutes: (app) =>
        app.get('/api/v1/test-only/boom', { config: { access: { public: true } } }, async () => {
          throw new Error('secret connection string postgres://admin:hunter2@db');
        }),
    });
    const tenant = await createTenant(t.c);
    tenantId = tenant.id;
    const admin = await createStaff(t.c, tenant.id, ['admin']);
    ({ cookie } = await login(t.app, admin.email));
  });
  afterAll(() => t.close());

  const countDepartments = async () =>
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM departments WHERE tenant_id = $1', [tenantId])).rows[0]!.n;

  it('malformed JSON → 400 request.malformed_json', async () => {
    const before = await countDepartments();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/departments', headers: { cookie, 'content-type': 'application/json' }, payload: '{"code": "X", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'request.malformed_json', title: 'Bad Request' });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
    expect(await countDepartments()).toBe(before);
  });

  it('a body that is not JSON → 415 request.unsupported_media_type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { cookie, 'content-type': type }, payload: 'code=X' });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().code).toBe('request.unsupported_media_type');
    }
  });

  it('an oversized body → 413 request.too_large', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/departments', headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'BIG', name: { en: 'x'.repeat(10_000) } }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.too_large');
  });

  it('wrong field types → 422 with every field path named', async () => {
    const before = await countDepartments();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/departments', headers: { cookie },
      payload: { code: 'bad code!', name: {}, email: 42, parentId: 'not-a-uuid' },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('request.validation_failed');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['code', 'email', 'name', 'parentId']);
    expect(await countDepartments()).toBe(before);
  });

  it('invalid query and path parameters → 422 naming them', async () => {
    const q = await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=100000', headers: { cookie } });
    expect(q.statusCode).toBe(422);
    expect(q.json().errors[0].path).toBe('limit');
    const p = await t.app.inject({ method: 'GET', url: '/api/v1/departments/123', headers: { cookie } });
    expect(p.statusCode).toBe(422);
    expect(p.json().errors[0].path).toBe('id');
  });

  it('unknown routes and resources → 404 problems', async () => {
    const route = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { cookie } });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('request.not_found');
    const resource = await t.app.inject({ method: 'GET', url: `/api/v1/departments/${crypto.randomUUID()}`, headers: { cookie } });
    expect(resource.statusCode).toBe(404);
    expect(resource.json().code).toBe('resource.not_found');
  });

  it("keeps a caller's well-formed X-Request-Id and replaces anything else", async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'gateway-7f3a9c01' } });
    expect(kept.headers['x-request-id']).toBe('gateway-7f3a9c01');
    const replaced = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a 500 answer carries a request id but no internals', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test-only/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'server.internal', status: 500 });
    expect(res.body).not.toMatch(/hunter2|postgres:|stack|Error:/);
    expect(res.json().requestId).toBeTruthy();
  });
});
