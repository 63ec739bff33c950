import { randomUUID } from 'node:crypto';
import { ROLES } from '@civicline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../src/platform/auth/context.ts';
import { createStaff, createTenant, createTestApp, login, type TestContext } from './helpers/harness.ts';

/**
 * Tenant isolation: A's administrator (holding every role, so no permission check hides a leak)
 * must not be able to read, change or even detect anything of tenant B through the HTTP API.
 */
describe('tenancy isolation', () => {
  let t: TestContext;
  let tenantA: Awaited<ReturnType<typeof createTenant>>;
  let tenantB: Awaited<ReturnType<typeof createTenant>>;
  let cookieA: string;
  let adminA: Awaited<ReturnType<typeof createStaff>>;
  let userA: Awaited<ReturnType<typeof createStaff>>;
  let deptA: { id: string; version: number };
  let tokenA: { id: string };

  // B's world: a department tree, a member, an admin with a session and an API token.
  let adminB: Awaited<ReturnType<typeof createStaff>>;
  let userB: Awaited<ReturnType<typeof createStaff>>;
  let deptBRoot: { id: string; code: string; version: number };
  let deptBLeaf: { id: string; code: string; version: number };
  let tokenB: { id: string; token: string };
  let snapshotB: string;

  /**
   * Every row B owns, in every table with a tenant_id (found from the catalogue, so a new table
   * is covered without touching this test), plus B's tenants row, as canonical JSON text.
   */
  async function snapshotOf(tenantId: string): Promise<string> {
    const tables = await t.database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['users', 'departments', 'api_tokens', 'audit_entries']));
    const out: Record<string, unknown[]> = {};
    for (const { table_name } of [...tables.rows, { table_name: 'tenants' }]) {
      const column = table_name === 'tenants' ? 'id' : 'tenant_id';
      const rows = await t.database.query<{ row: string }>(
        `SELECT to_jsonb(x)::text AS row FROM "${table_name}" x WHERE ${column} = $1 ORDER BY 1`,
        [tenantId],
      );
      out[table_name] = rows.rows.map((r) => r.row);
    }
    return JSON.stringify(out);
  }

  const expectBUnchanged = async () => expect(await snapshotOf(tenantB.id)).toBe(snapshotB);

  const asA = (method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: cookieA }, ...(payload !== undefined ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    tenantA = await createTenant(t.c, { name: 'City A' });
    tenantB = await createTenant(t.c, { name: 'City B' });

    adminA = await createStaff(t.c, tenantA.id, [...ROLES]);
    cookieA = (await login(t.app, adminA.email)).cookie;
    const createdDeptA = await asA('POST', '/api/v1/departments', { code: 'A-ROOT', name: { en: 'A root' } });
    expect(createdDeptA.statusCode).toBe(201);
    deptA = createdDeptA.json();
    userA = await createStaff(t.c, tenantA.id, ['operator'], { departmentIds: [deptA.id] });
    const createdTokenA = await asA('POST', '/api/v1/me/tokens', { name: 'A sync' });
    tokenA = createdTokenA.json();

    adminB = await createStaff(t.c, tenantB.id, ['admin']);
    const ctxB: RequestContext = {
      tenantId: tenantB.id,
      actor: { type: 'user', id: adminB.user.id, roles: ['admin'], departmentIds: [] },
      requestId: null,
      channel: 'test',
    };
    deptBRoot = await t.c.departments.create(ctxB, { parentId: null, code: 'B-ROOT', name: { en: 'B root' }, email: null });
    // The leaf is empty on purpose: if isolation broke, a DELETE of it would really succeed.
    deptBLeaf = await t.c.departments.create(ctxB, { parentId: deptBRoot.id, code: 'B-LEAF', name: { en: 'B leaf' }, email: null });
    userB = await createStaff(t.c, tenantB.id, ['operator'], { departmentIds: [deptBRoot.id] });
    tokenB = await t.c.auth.createApiToken(ctxB, 'B integration', 30);
    await login(t.app, adminB.email); // gives B a sessions row too
    snapshotB = await snapshotOf(tenantB.id);
  });
  afterAll(() => t.close());

  /**
   * For each route with an :id, which B resource (and which A resource, as a control) to aim at.
   * A new :id route without an entry here fails the test: decide what it reaches, then add it.
   */
  const idFor = (prefix: string, tenant: 'A' | 'B'): string => {
    const table: Record<string, { A: string; B: string }> = {
      '/api/v1/departments/:id': { A: deptA.id, B: deptBLeaf.id },
      '/api/v1/users/:id': { A: userA.user.id, B: userB.user.id },
      '/api/v1/me/tokens/:id': { A: tokenA.id, B: tokenB.id },
    };
    const entry = table[prefix];
    if (!entry) throw new Error(`No tenancy mapping for ${prefix}: add the B resource it should be aimed at`);
    return entry[tenant];
  };

  /** Valid bodies, so a 404 cannot be a validation error in disguise; each would really change B if it got through. */
  const bodyFor = (method: string, url: string): object | undefined => {
    const bodies: Record<string, () => object> = {
      'PATCH /api/v1/departments/:id': () => ({ name: { en: 'Taken over' }, parentId: null, active: false, version: deptBLeaf.version }),
      'PATCH /api/v1/users/:id': () => ({ displayName: 'Taken over', roles: ['admin'], active: false, unlock: true, departmentIds: [], version: userB.user.version }),
      'POST /api/v1/users/:id/password': () => ({ newPassword: 'Taken-Over-Password-2026' }),
    };
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return undefined;
    const body = bodies[`${method} ${url}`];
    if (!body) throw new Error(`No body for ${method} ${url}: add a valid one`);
    return body();
  };

  it('every route with an :id answers 404 for a B resource and leaves B untouched', async () => {
    const idRoutes = t.app.routeList.filter((r) => r.url.includes(':id'));
    // The known ones at least; more are picked up automatically.
    expect(idRoutes.length).toBeGreaterThanOrEqual(9);
    for (const r of idRoutes) {
      expect(r.url.match(/:[A-Za-z_]+/g), `${r.url} has params other than :id`).toEqual([':id']);
      const prefix = r.url.slice(0, r.url.indexOf(':id') + 3);
      const url = r.url.replace(':id', idFor(prefix, 'B'));
      const res = await asA(r.method, url, bodyFor(r.method, r.url));
      const label = `${r.method} ${r.url}`;
      expect(res.statusCode, label).toBe(404);
      if (r.method !== 'HEAD') {
        expect(res.json().code, label).toBe('resource.not_found');
        // Nothing of B in the answer, not even its id echoed back outside `instance`.
        expect(res.json().detail, label).not.toContain(idFor(prefix, 'B'));
      }
    }
    await expectBUnchanged();
  });

  it('the same GET routes do answer for A\'s own resources (the 404s above are not a broken URL)', async () => {
    const gets = t.app.routeList.filter((r) => r.url.includes(':id') && r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(2);
    for (const r of gets) {
      const prefix = r.url.slice(0, r.url.indexOf(':id') + 3);
      const res = await asA('GET', r.url.replace(':id', idFor(prefix, 'A')));
      expect(res.statusCode, r.url).toBe(200);
      expect(res.json().id).toBe(idFor(prefix, 'A'));
    }
  });

  it('B ids inside a request body are unknown in A: 422, and nothing is written on either side', async () => {
    const auditBefore = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1', [tenantA.id]);

    // A user of A in B's department.
    const email = `into-b-${randomUUID().slice(0, 8)}@example.test`;
    const createUser = await asA('POST', '/api/v1/users', {
      email, displayName: 'Cross', roles: ['operator'], password: 'Cross-Tenant-Pass-2026', departmentIds: [deptBRoot.id],
    });
    expect(createUser.statusCode).toBe(422);
    expect(createUser.json().errors[0].path).toBe('departmentIds.0');
    expect((await t.database.query('SELECT id FROM users WHERE lower(email) = $1', [email])).rows).toHaveLength(0);

    // Moving A's user into B's department.
    const userBefore = await t.database.query('SELECT to_jsonb(u)::text AS row FROM users u WHERE id = $1', [userA.user.id]);
    const patchUser = await asA('PATCH', `/api/v1/users/${userA.user.id}`, { departmentIds: [deptBLeaf.id], version: userA.user.version });
    expect(patchUser.statusCode).toBe(422);
    expect(patchUser.json().errors[0].path).toBe('departmentIds.0');
    expect((await t.database.query('SELECT to_jsonb(u)::text AS row FROM users u WHERE id = $1', [userA.user.id])).rows).toEqual(userBefore.rows);
    const memberships = await t.database.query<{ department_id: string }>('SELECT department_id FROM department_memberships WHERE user_id = $1', [userA.user.id]);
    expect(memberships.rows.map((r) => r.department_id)).toEqual([deptA.id]);

    // A department of A under B's department, and moving A's department there.
    const createDept = await asA('POST', '/api/v1/departments', { code: 'A-UNDER-B', parentId: deptBRoot.id, name: { en: 'Sneaky' } });
    expect(createDept.statusCode).toBe(422);
    expect(createDept.json().errors[0].path).toBe('parentId');
    expect((await t.database.query('SELECT id FROM departments WHERE code = $1', ['A-UNDER-B'])).rows).toHaveLength(0);
    const moveDept = await asA('PATCH', `/api/v1/departments/${deptA.id}`, { parentId: deptBRoot.id, version: deptA.version });
    expect(moveDept.statusCode).toBe(422);
    expect(moveDept.json().errors[0].path).toBe('parentId');
    const deptARow = await t.database.query<{ parent_id: string | null; version: number }>('SELECT parent_id, version FROM departments WHERE id = $1', [deptA.id]);
    expect(deptARow.rows[0]).toEqual({ parent_id: null, version: deptA.version });

    const auditAfter = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1', [tenantA.id]);
    expect(auditAfter.rows[0]!.n).toBe(auditBefore.rows[0]!.n);
    await expectBUnchanged();
  });

  it('B\'s e-mails and department codes do not collide with A\'s: they are B\'s business only', async () => {
    const sameEmail = await asA('POST', '/api/v1/users', {
      email: userB.email, displayName: 'Namesake', roles: ['operator'], password: 'Namesake-Pass-2026', departmentIds: [],
    });
    expect(sameEmail.statusCode).toBe(201);
    const sameCode = await asA('POST', '/api/v1/departments', { code: deptBRoot.code, name: { en: 'Namesake' } });
    expect(sameCode.statusCode).toBe(201);
    await expectBUnchanged();
  });

  it('lists show only A: users, departments, tokens, audit', async () => {
    const idsOf = async (table: string, tenantId: string) =>
      (await t.database.query<{ id: string }>(`SELECT id FROM ${table} WHERE tenant_id = $1`, [tenantId])).rows.map((r) => r.id).sort();

    const users = await asA('GET', '/api/v1/users');
    expect(users.statusCode).toBe(200);
    expect(users.json().map((u: { id: string }) => u.id).sort()).toEqual(await idsOf('users', tenantA.id));
    expect(JSON.stringify(users.json())).not.toContain(userB.user.id);

    const departments = await asA('GET', '/api/v1/departments');
    expect(departments.json().map((d: { id: string }) => d.id).sort()).toEqual(await idsOf('departments', tenantA.id));
    expect(JSON.stringify(departments.json())).not.toContain(deptBRoot.id);

    const tokens = await asA('GET', '/api/v1/me/tokens');
    expect(tokens.json().map((x: { id: string }) => x.id)).toEqual([tokenA.id]);

    const audit = await asA('GET', '/api/v1/audit?limit=500');
    expect(audit.statusCode).toBe(200);
    const auditIdsA = await idsOf('audit_entries', tenantA.id);
    expect(audit.json().map((e: { id: string }) => e.id).sort()).toEqual(auditIdsA);
    // Filters aimed at B's subjects and actors find nothing.
    for (const q of [`subjectId=${userB.user.id}`, `subjectId=${deptBRoot.id}`, `actorId=${adminB.user.id}`, `subjectId=${tenantB.id}`]) {
      const filtered = await asA('GET', `/api/v1/audit?${q}`);
      expect(filtered.statusCode, q).toBe(200);
      expect(filtered.json(), q).toEqual([]);
    }

    // Verification walks A's chain only.
    const verify = await asA('GET', '/api/v1/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, checked: (await idsOf('audit_entries', tenantA.id)).length });
  });

  it('GET /tenant shows A, and PATCH /tenant changes A only', async () => {
    const tenant = await asA('GET', '/api/v1/tenant');
    expect(tenant.json()).toMatchObject({ id: tenantA.id, slug: tenantA.slug, name: 'City A' });
    const patched = await asA('PATCH', '/api/v1/tenant', { name: 'City A (renamed)' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id: tenantA.id, name: 'City A (renamed)' });
    const nameOf = async (id: string) => (await t.database.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [id])).rows[0]!.name;
    expect(await nameOf(tenantA.id)).toBe('City A (renamed)');
    expect(await nameOf(tenantB.id)).toBe('City B');
    await expectBUnchanged();
  });

  it('B\'s credentials keep working for B and see nothing of A', async () => {
    // The mirror image, through B's API token: B's admin sees B, not A. (Using the token stamps its
    // last_used_at, so B's snapshot is retaken at the end.)
    const headers = { authorization: `Bearer ${tokenB.token}` };
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users/${userA.user.id}`, headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/departments/${deptA.id}`, headers })).statusCode).toBe(404);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/tenant', headers });
    expect(me.json().id).toBe(tenantB.id);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers });
    expect(users.json().map((u: { id: string }) => u.id)).not.toContain(userA.user.id);
    snapshotB = await snapshotOf(tenantB.id);
  });
});
