import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, createTenant, createTestApp, login, type TestContext } from './helpers/harness.ts';

interface AuditEntryDto {
  action: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`.toUpperCase();

describe('departments and users through the API', () => {
  let t: TestContext;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let admin: Awaited<ReturnType<typeof createStaff>>;
  let adminCookie: string;
  let auditorCookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.c);
    admin = await createStaff(t.c, tenant.id, ['admin']);
    adminCookie = (await login(t.app, admin.email)).cookie;
    const auditor = await createStaff(t.c, tenant.id, ['auditor']);
    auditorCookie = (await login(t.app, auditor.email)).cookie;
  });
  afterAll(() => t.close());

  const asAdmin = (method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'GET', url, headers: { cookie: adminCookie }, ...(payload !== undefined ? { payload } : {}) });

  /** The audit trail as the auditor sees it through the API, newest first. */
  async function auditOf(subjectId: string): Promise<AuditEntryDto[]> {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?subjectId=${subjectId}&limit=500`, headers: { cookie: auditorCookie } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  /** The tenant's audit length and outbox length: a refused request must leave both as they were. */
  async function writeCounters() {
    const q = async (sql: string) => (await t.database.query<{ n: number }>(sql, [tenant.id])).rows[0]!.n;
    return {
      audit: await q('SELECT count(*)::int AS n FROM audit_entries WHERE tenant_id = $1'),
      events: await q('SELECT count(*)::int AS n FROM domain_events WHERE tenant_id = $1'),
      users: await q('SELECT count(*)::int AS n FROM users WHERE tenant_id = $1'),
      memberships: await q('SELECT count(*)::int AS n FROM department_memberships WHERE tenant_id = $1'),
      departments: await q('SELECT count(*)::int AS n FROM departments WHERE tenant_id = $1'),
    };
  }

  async function createDepartment(body: { code: string; parentId?: string | null; name?: Record<string, string> }) {
    const res = await asAdmin('POST', '/api/v1/departments', { name: { ro: 'Direcția', en: 'Directorate' }, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; parentId: string | null; code: string; version: number };
  }

  describe('departments', () => {
    it('builds a tree and answers it flat with parentIds; each creation is audited', async () => {
      const rootCode = code('dir');
      const root = await createDepartment({ code: rootCode.toLowerCase() });
      expect(root.code).toBe(rootCode); // codes are normalised to upper case
      const service = await createDepartment({ code: code('svc'), parentId: root.id });
      const office = await createDepartment({ code: code('off'), parentId: service.id });

      const list = await asAdmin('GET', '/api/v1/departments');
      const byId = new Map(list.json().map((d: { id: string; parentId: string | null }) => [d.id, d.parentId]));
      expect(byId.get(root.id)).toBeNull();
      expect(byId.get(service.id)).toBe(root.id);
      expect(byId.get(office.id)).toBe(service.id);

      const one = await asAdmin('GET', `/api/v1/departments/${office.id}`);
      expect(one.json()).toMatchObject({ id: office.id, parentId: service.id, active: true, version: 1, name: { ro: 'Direcția' } });

      for (const d of [root, service, office]) {
        const entries = await auditOf(d.id);
        expect(entries.map((e) => e.action)).toEqual(['department.created']);
        expect(entries[0]).toMatchObject({ actorId: admin.user.id, subjectType: 'department', details: { code: d.code } });
      }
    });

    it('refuses to move a department under itself or its own descendant (department.cycle on parentId)', async () => {
      const root = await createDepartment({ code: code('cyc') });
      const child = await createDepartment({ code: code('cyc'), parentId: root.id });
      const grandchild = await createDepartment({ code: code('cyc'), parentId: child.id });
      const before = await writeCounters();

      for (const target of [grandchild.id, child.id, root.id]) {
        const res = await asAdmin('PATCH', `/api/v1/departments/${root.id}`, { parentId: target, version: root.version });
        expect(res.statusCode, target).toBe(422);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().code).toBe('department.cycle');
        expect(res.json().errors[0].path).toBe('parentId');
      }
      // An unknown parent is a plain validation error on the same field.
      const unknown = await asAdmin('PATCH', `/api/v1/departments/${child.id}`, { parentId: randomUUID(), version: child.version });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'request.validation_failed', errors: [{ path: 'parentId' }] });

      const rows = await t.database.query<{ id: string; parent_id: string | null; version: number }>(
        'SELECT id, parent_id, version FROM departments WHERE id = ANY($1::uuid[])',
        [[root.id, child.id]],
      );
      expect(new Map(rows.rows.map((r) => [r.id, [r.parent_id, r.version]]))).toEqual(
        new Map([[root.id, [null, 1]], [child.id, [root.id, 1]]]),
      );
      expect(await writeCounters()).toEqual(before);

      // A legal move still works: the grandchild goes up to the root.
      const move = await asAdmin('PATCH', `/api/v1/departments/${grandchild.id}`, { parentId: root.id, version: grandchild.version });
      expect(move.statusCode).toBe(200);
      expect(move.json()).toMatchObject({ parentId: root.id, version: 2 });
      const entries = await auditOf(grandchild.id);
      expect(entries[0]).toMatchObject({ action: 'department.updated', details: { changes: { parentId: root.id } } });
    });

    it('refuses a duplicate code (whatever its case) with 409', async () => {
      const first = await createDepartment({ code: code('dup') });
      const before = await writeCounters();
      const again = await asAdmin('POST', '/api/v1/departments', { code: first.code.toLowerCase(), name: { en: 'Again' } });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'resource.conflict', errors: [{ path: 'code' }] });
      const rows = await t.database.query('SELECT id FROM departments WHERE tenant_id = $1 AND code = $2', [tenant.id, first.code]);
      expect(rows.rows).toHaveLength(1);
      expect(await writeCounters()).toEqual(before);
    });

    it('two simultaneous creations with the same code: one 201, one 409, never a 500', async () => {
      const same = code('race');
      const results = await Promise.all(
        [1, 2].map(() => asAdmin('POST', '/api/v1/departments', { code: same, name: { en: 'Race' } })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('resource.conflict');
    });

    it('refuses a PATCH with a stale version (409 resource.stale_version) and keeps the winner\'s change', async () => {
      const d = await createDepartment({ code: code('ver') });
      const first = await asAdmin('PATCH', `/api/v1/departments/${d.id}`, { name: { en: 'First edit' }, version: d.version });
      expect(first.statusCode).toBe(200);
      expect(first.json().version).toBe(d.version + 1);
      const stale = await asAdmin('PATCH', `/api/v1/departments/${d.id}`, { name: { en: 'Lost update' }, version: d.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('resource.stale_version');
      const row = await t.database.query<{ name: Record<string, string>; version: number }>('SELECT name, version FROM departments WHERE id = $1', [d.id]);
      expect(row.rows[0]).toEqual({ name: { en: 'First edit' }, version: d.version + 1 });
      expect((await auditOf(d.id)).map((e) => e.action)).toEqual(['department.updated', 'department.created']);
    });

    it('deletes only an empty department: children or members → 409 resource.in_use, empty → 204', async () => {
      const parent = await createDepartment({ code: code('del') });
      const child = await createDepartment({ code: code('del'), parentId: parent.id });
      const staffed = await createDepartment({ code: code('del') });
      await createStaff(t.c, tenant.id, ['technician'], { departmentIds: [staffed.id] });
      const before = await writeCounters();

      for (const busy of [parent, staffed]) {
        const res = await asAdmin('DELETE', `/api/v1/departments/${busy.id}`);
        expect(res.statusCode, busy.code).toBe(409);
        expect(res.json().code).toBe('resource.in_use');
      }
      expect(await writeCounters()).toEqual(before);

      const gone = await asAdmin('DELETE', `/api/v1/departments/${child.id}`);
      expect(gone.statusCode).toBe(204);
      expect((await t.database.query('SELECT id FROM departments WHERE id = $1', [child.id])).rows).toHaveLength(0);
      expect((await asAdmin('GET', `/api/v1/departments/${child.id}`)).statusCode).toBe(404);
      expect((await auditOf(child.id)).map((e) => e.action)).toEqual(['department.deleted', 'department.created']);

      // With its only child gone, the parent is empty and can go too.
      expect((await asAdmin('DELETE', `/api/v1/departments/${parent.id}`)).statusCode).toBe(204);
    });
  });

  describe('users', () => {
    const newUser = (overrides: Record<string, unknown> = {}) => ({
      email: `u-${randomUUID().slice(0, 8)}@example.test`,
      displayName: 'Ana Popescu',
      roles: ['operator'],
      password: 'Correct-Horse-2026',
      ...overrides,
    });

    it('creates a user in departments; the creation is audited and the password is not returned', async () => {
      const dept = await createDepartment({ code: code('usr') });
      const body = newUser({ departmentIds: [dept.id], roles: ['operator', 'registrar'] });
      const res = await asAdmin('POST', '/api/v1/users', body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ email: body.email, roles: ['operator', 'registrar'], departmentIds: [dept.id], active: true, version: 1 });
      expect(res.body).not.toContain('Correct-Horse');
      expect(res.body).not.toMatch(/password/i);

      const entries = await auditOf(res.json().id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'user.created',
        actorId: admin.user.id,
        requestId: res.headers['x-request-id'],
        details: { roles: ['operator', 'registrar'], departmentIds: [dept.id] },
      });
      // The new user can sign in with the password the admin gave.
      await login(t.app, body.email, 'Correct-Horse-2026');
    });

    it('refuses a duplicate e-mail, in any case, with 409 user.email_taken', async () => {
      const body = newUser();
      expect((await asAdmin('POST', '/api/v1/users', body)).statusCode).toBe(201);
      const before = await writeCounters();
      const again = await asAdmin('POST', '/api/v1/users', newUser({ email: body.email.toUpperCase() }));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'user.email_taken', errors: [{ path: 'email' }] });
      expect(await writeCounters()).toEqual(before);
    });

    it('two simultaneous creations with the same e-mail: one 201, one 409 user.email_taken, never a 500', async () => {
      const body = newUser();
      const results = await Promise.all([1, 2].map(() => asAdmin('POST', '/api/v1/users', body)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('user.email_taken');
    });

    it('one unknown department → 422, and no user, membership, audit entry or event is left behind', async () => {
      const known = await createDepartment({ code: code('known') });
      const before = await writeCounters();
      const body = newUser({ departmentIds: [known.id, randomUUID()] });
      const res = await asAdmin('POST', '/api/v1/users', body);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'request.validation_failed', errors: [{ path: 'departmentIds.1' }] });
      expect((await t.database.query('SELECT id FROM users WHERE lower(email) = $1', [body.email])).rows).toHaveLength(0);
      expect(await writeCounters()).toEqual(before);
    });

    it('an update that fails half-way (unknown department) changes nothing', async () => {
      const { user } = await createStaff(t.c, tenant.id, ['operator']);
      const rowBefore = await t.database.query('SELECT to_jsonb(u)::text AS row FROM users u WHERE id = $1', [user.id]);
      const before = await writeCounters();
      const res = await asAdmin('PATCH', `/api/v1/users/${user.id}`, { roles: ['supervisor'], displayName: 'Changed', departmentIds: [randomUUID()], version: user.version });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].path).toBe('departmentIds.0');
      expect((await t.database.query('SELECT to_jsonb(u)::text AS row FROM users u WHERE id = $1', [user.id])).rows).toEqual(rowBefore.rows);
      expect(await writeCounters()).toEqual(before);
    });

    it('refuses a user PATCH with a stale version', async () => {
      const { user } = await createStaff(t.c, tenant.id, ['operator']);
      expect((await asAdmin('PATCH', `/api/v1/users/${user.id}`, { displayName: 'First', version: user.version })).statusCode).toBe(200);
      const stale = await asAdmin('PATCH', `/api/v1/users/${user.id}`, { displayName: 'Second', version: user.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('resource.stale_version');
      const row = await t.database.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [user.id]);
      expect(row.rows[0]!.display_name).toBe('First');
    });

    it('every change to a user is audited with who, what and which request', async () => {
      const dept = await createDepartment({ code: code('aud') });
      const created = await asAdmin('POST', '/api/v1/users', newUser());
      const id = created.json().id;
      const patched = await asAdmin('PATCH', `/api/v1/users/${id}`, { roles: ['technician'], departmentIds: [dept.id], version: 1 });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ roles: ['technician'], departmentIds: [dept.id], version: 2 });
      const reset = await asAdmin('POST', `/api/v1/users/${id}/password`, { newPassword: 'Another-Passphrase-2026' });
      expect(reset.statusCode).toBe(204);

      const entries = await auditOf(id);
      expect(entries.map((e) => e.action)).toEqual(['user.password_reset', 'user.updated', 'user.created']);
      expect(entries.every((e) => e.actorId === admin.user.id && e.subjectType === 'user')).toBe(true);
      expect(entries[1]).toMatchObject({ requestId: patched.headers['x-request-id'], details: { changes: { roles: ['technician'], departmentIds: [dept.id] } } });
      expect(entries[0]!.requestId).toBe(reset.headers['x-request-id']);
      // The audit trail never holds the password.
      expect(JSON.stringify(entries)).not.toContain('Another-Passphrase');
    });

    it('GET /users/:id writes a user.read audit entry naming the reader', async () => {
      const { user } = await createStaff(t.c, tenant.id, ['registrar']);
      const supervisor = await createStaff(t.c, tenant.id, ['supervisor']);
      const { cookie } = await login(t.app, supervisor.email);
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const reads = (await auditOf(user.id)).filter((e) => e.action === 'user.read');
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ actorId: supervisor.user.id, purpose: 'administration', requestId: res.headers['x-request-id'] });
      // Asking for a user that does not exist reads nothing and records nothing.
      const before = await writeCounters();
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/users/${randomUUID()}`, headers: { cookie } })).statusCode).toBe(404);
      expect(await writeCounters()).toEqual(before);
    });
  });
});

describe('the last active administrator', () => {
  let t: TestContext;
  let tenant: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.c);
  });
  afterAll(() => t.close());

  const patch = (cookie: string, id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: { cookie }, payload });
  const versionOf = async (id: string) =>
    (await t.database.query<{ version: number }>('SELECT version FROM users WHERE id = $1', [id])).rows[0]!.version;
  const activeAdmins = async () =>
    (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND active AND 'admin' = ANY(roles)`, [tenant.id])).rows[0]!.n;

  it('cannot lose the admin role or be deactivated; with a second admin both become possible', async () => {
    const first = await createStaff(t.c, tenant.id, ['admin', 'supervisor']);
    const { cookie } = await login(t.app, first.email);

    const demote = await patch(cookie, first.user.id, { roles: ['supervisor'], version: first.user.version });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('user.last_admin');
    const deactivate = await patch(cookie, first.user.id, { active: false, version: first.user.version });
    expect(deactivate.statusCode).toBe(409);
    expect(deactivate.json().code).toBe('user.last_admin');
    expect(await versionOf(first.user.id)).toBe(first.user.version);
    expect(await activeAdmins()).toBe(1);

    // An inactive admin does not count as a way out.
    const dormant = await createStaff(t.c, tenant.id, ['admin']);
    const sleep = await patch(cookie, dormant.user.id, { active: false, version: dormant.user.version });
    expect(sleep.statusCode).toBe(200);
    expect((await patch(cookie, first.user.id, { roles: ['supervisor'], version: first.user.version })).json().code).toBe('user.last_admin');

    // A second active admin makes the demotion possible; then that one is the last.
    const second = await createStaff(t.c, tenant.id, ['admin']);
    const ok = await patch(cookie, first.user.id, { roles: ['supervisor'], version: first.user.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['supervisor']);
    const secondSession = await login(t.app, second.email);
    const lastOne = await patch(secondSession.cookie, second.user.id, { active: false, version: second.user.version });
    expect(lastOne.statusCode).toBe(409);
    expect(lastOne.json().code).toBe('user.last_admin');
    expect(await activeAdmins()).toBe(1);
  });

  it('two admins demoting each other at the same moment leave one admin standing', async () => {
    const other = await createTenant(t.c);
    const a = await createStaff(t.c, other.id, ['admin']);
    const b = await createStaff(t.c, other.id, ['admin']);
    const [sa, sb] = [await login(t.app, a.email), await login(t.app, b.email)];
    const results = await Promise.all([
      patch(sa.cookie, b.user.id, { roles: ['operator'], version: b.user.version }),
      patch(sb.cookie, a.user.id, { roles: ['operator'], version: a.user.version }),
    ]);
    // Exactly one wins. The loser gets 409 user.last_admin, or 403 when the winner committed before
    // the loser even passed the access check (by then the loser is no longer an admin).
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const left = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND active AND 'admin' = ANY(roles)`, [other.id]);
    expect(left.rows[0]!.n).toBe(1);
  });
});
