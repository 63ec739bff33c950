import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../src/platform/clock.ts';
import { createStaff, createTenant, createTestApp, login, TEST_PASSWORD, type TestContext } from './helpers/harness.ts';

describe('staff sign-in', () => {
  const clock = createManualClock('2026-03-02T08:00:00Z');
  let t: TestContext;
  let tenant: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    tenant = await createTenant(t.c);
  });
  afterAll(() => t.close());

  it('signs in with an HTTP-only session cookie and answers /auth/me', async () => {
    const staff = await createStaff(t.c, tenant.id, ['operator']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/civicline_session=cls_/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = `civicline_session=${res.cookies[0]!.value}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: staff.email, roles: ['operator'], tenantId: tenant.id, tenantSlug: tenant.slug });
    expect(me.json().permissions).not.toContain('users.manage');
  });

  it('refuses a wrong password with the same answer as an unknown e-mail', async () => {
    const staff = await createStaff(t.c, tenant.id, ['technician']);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: 'not-the-password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'x' } });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json()).toMatchObject({ code: 'auth.invalid_credentials', detail: 'Wrong e-mail or password' });
    }
  });

  it('locks the account after 5 failures, refuses even the right password while locked, and lets it in after the lockout', async () => {
    const staff = await createStaff(t.c, tenant.id, ['registrar']);
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: `guess-${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);

    const audit = await t.c.audit.list(tenant.id, { subjectId: staff.user.id, limit: 20 });
    expect(audit.map((e) => e.action)).toContain('auth.locked_out');
    expect(audit.filter((e) => e.action === 'auth.login_failed')).toHaveLength(4);

    clock.advance(16 * 60_000);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(200);
  });

  it('an administrator can lift a lockout', async () => {
    const admin = await createStaff(t.c, tenant.id, ['admin']);
    const staff = await createStaff(t.c, tenant.id, ['operator']);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: 'nope' } });
    }
    const { cookie } = await login(t.app, admin.email);
    const user = await t.app.inject({ method: 'GET', url: `/api/v1/users/${staff.user.id}`, headers: { cookie } });
    expect(user.json().lockedUntil).not.toBeNull();
    const unlock = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${staff.user.id}`,
      headers: { cookie },
      payload: { unlock: true, version: user.json().version },
    });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().lockedUntil).toBeNull();
    await login(t.app, staff.email);
  });

  it('logout ends the session: the same cookie is refused afterwards', async () => {
    const staff = await createStaff(t.c, tenant.id, ['operator']);
    const { cookie } = await login(t.app, staff.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/civicline_session=;/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('a session expires after its lifetime', async () => {
    const staff = await createStaff(t.c, tenant.id, ['operator']);
    const { cookie } = await login(t.app, staff.email);
    clock.advance(13 * 3_600_000);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('changing the password needs the current one, enforces the policy and ends the other sessions', async () => {
    const staff = await createStaff(t.c, tenant.id, ['technician']);
    const first = await login(t.app, staff.email);
    const second = await login(t.app, staff.email);

    const wrongCurrent = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/password', headers: { cookie: first.cookie },
      payload: { currentPassword: 'wrong', newPassword: 'A-much-better-passphrase' },
    });
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.json().errors[0].path).toBe('currentPassword');

    const weak = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/password', headers: { cookie: first.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].path).toBe('newPassword');

    const ok = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/password', headers: { cookie: first.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'A-much-better-passphrase' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    await login(t.app, staff.email, 'A-much-better-passphrase');
    await expect(login(t.app, staff.email, TEST_PASSWORD)).rejects.toThrow(/401/);
  });

  it('API tokens work as bearer credentials until revoked; only their hash is stored', async () => {
    const staff = await createStaff(t.c, tenant.id, ['admin']);
    const { cookie } = await login(t.app, staff.email);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie }, payload: { name: 'ERP sync' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^clt_/);
    const stored = await t.database.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    expect(stored.rows[0]!.token_hash).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(users.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: bearer });
    expect(list.json().map((x: { name: string }) => x.name)).toEqual(['ERP sync']);
    expect(list.json()[0]).not.toHaveProperty('token');

    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: { cookie } });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: 'Bearer clt_forged' } })).statusCode).toBe(401);
  });

  it('asks which institution when the same e-mail exists in two', async () => {
    const other = await createTenant(t.c);
    const email = `shared-${Date.now()}@example.test`;
    await createStaff(t.c, tenant.id, ['operator'], { email });
    await createStaff(t.c, other.id, ['operator'], { email });
    const ambiguous = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
    expect(ambiguous.statusCode).toBe(422);
    expect(ambiguous.json().code).toBe('auth.tenant_ambiguous');
    const chosen = await login(t.app, email, TEST_PASSWORD, other.slug);
    expect(chosen.me.tenantId).toBe(other.id);
  });

  it('a deactivated user is signed out and cannot sign in', async () => {
    const admin = await createStaff(t.c, tenant.id, ['admin']);
    const staff = await createStaff(t.c, tenant.id, ['operator']);
    const adminSession = await login(t.app, admin.email);
    const staffSession = await login(t.app, staff.email);
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/users/${staff.user.id}`, headers: { cookie: adminSession.cookie },
      payload: { active: false, version: staff.user.version },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: staffSession.cookie } })).statusCode).toBe(401);
    await expect(login(t.app, staff.email)).rejects.toThrow(/401/);
  });

  describe('signed-in principals are cached for a few seconds, and this node forgets them at once', () => {
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

    it('a signed-out session is refused on the very next request', async () => {
      const staff = await createStaff(t.c, tenant.id, ['operator']);
      const { cookie } = await login(t.app, staff.email);
      expect((await me(cookie)).statusCode).toBe(200);
      expect((await me(cookie)).statusCode).toBe(200); // from the cache
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
      expect(out.statusCode).toBe(204);
      expect((await me(cookie)).statusCode).toBe(401);
    });

    it('sessions ended by a password change or reset are refused at once, though they were in use', async () => {
      const admin = await createStaff(t.c, tenant.id, ['admin']);
      const staff = await createStaff(t.c, tenant.id, ['technician']);
      const [adminSession, first, second] = [await login(t.app, admin.email), await login(t.app, staff.email), await login(t.app, staff.email)];
      for (const s of [first, second]) expect((await me(s.cookie)).statusCode).toBe(200);
      const changed = await t.app.inject({
        method: 'POST', url: '/api/v1/auth/password', headers: { cookie: first.cookie },
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'A-much-better-passphrase' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await me(second.cookie)).statusCode).toBe(401);
      expect((await me(first.cookie)).statusCode).toBe(200);
      const reset = await t.app.inject({
        method: 'POST', url: `/api/v1/users/${staff.user.id}/password`, headers: { cookie: adminSession.cookie },
        payload: { newPassword: 'Another-fine-passphrase' },
      });
      expect(reset.statusCode, reset.body).toBe(204);
      expect((await me(first.cookie)).statusCode).toBe(401);
    });

    it('new roles, new departments and a deactivation apply to the next request of a session in use', async () => {
      const admin = await createStaff(t.c, tenant.id, ['admin']);
      const staff = await createStaff(t.c, tenant.id, ['operator']);
      const adminSession = await login(t.app, admin.email);
      const { cookie } = await login(t.app, staff.email);
      expect((await me(cookie)).json()).toMatchObject({ roles: ['operator'], departmentIds: [] });
      const dept = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { cookie: adminSession.cookie }, payload: { code: `D${Date.now() % 100000}`, name: { en: 'Roads' } } });
      expect(dept.statusCode, dept.body).toBe(201);
      const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/users/${staff.user.id}`, headers: { cookie: adminSession.cookie }, payload });
      const moved = await patch({ roles: ['technician'], departmentIds: [dept.json().id], version: staff.user.version });
      expect(moved.statusCode, moved.body).toBe(200);
      expect((await me(cookie)).json()).toMatchObject({ roles: ['technician'], departmentIds: [dept.json().id] });
      expect((await patch({ active: false, version: moved.json().version })).statusCode).toBe(200);
      expect((await me(cookie)).statusCode).toBe(401);
    });

    it('a cached session still ends when it expires', async () => {
      const staff = await createStaff(t.c, tenant.id, ['operator']);
      const { cookie } = await login(t.app, staff.email);
      expect((await me(cookie)).statusCode).toBe(200);
      clock.advance(13 * 3_600_000);
      expect((await me(cookie)).statusCode).toBe(401);
    });
  });
});
