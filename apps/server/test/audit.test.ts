import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditEntry } from '@civicline/contracts';
import { GENESIS_HASH } from '../src/modules/audit/audit.chain.ts';
import { systemContext } from '../src/platform/auth/context.ts';
import { openPglite, type Database } from '../src/platform/db/client.ts';
import { createStaff, createTenant, createTestApp, login, TEST_PASSWORD, type TestContext } from './helpers/harness.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/civicline.mjs', import.meta.url));

interface ChainRow {
  seq: number;
  prevHash: string;
  hash: string;
  action: string;
}

/** The stored chain of one tenant, read straight from the table (prev_hash is not in the API). */
async function chainOf(database: Database, tenantId: string): Promise<ChainRow[]> {
  const { rows } = await database.query<{ seq: number | string; prev_hash: string; hash: string; action: string }>(
    'SELECT seq, prev_hash, hash, action FROM audit_entries WHERE tenant_id = $1 ORDER BY seq',
    [tenantId],
  );
  return rows.map((r) => ({ seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash, action: r.action }));
}

/** Seq runs 1..n without gaps and every entry links to the previous one. */
function expectGaplessChain(chain: ChainRow[]): void {
  expect(chain.length).toBeGreaterThan(0);
  expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
  chain.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1]!.hash));
  expect(new Set(chain.map((e) => e.hash)).size).toBe(chain.length);
}

/**
 * Rewrites history as only a database superuser could: the append-only trigger is bypassed
 * for this one transaction (SET LOCAL keeps the pooled connection clean afterwards).
 */
async function asSuperuserBypassingTrigger(database: Database, statement: ReturnType<typeof sql>): Promise<number> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    const result = (await tx.execute(statement)) as unknown as { rowCount?: number | null; affectedRows?: number };
    return result.rowCount ?? result.affectedRows ?? 0;
  });
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('CIVICLINE_')),
  ) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...base, NODE_ENV: 'test', LOG_LEVEL: 'silent', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('audit trail', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A fresh institution with a signed-in administrator. */
  async function institutionWithAdmin() {
    const tenant = await createTenant(t.c);
    const admin = await createStaff(t.c, tenant.id, ['admin']);
    const session = await login(t.app, admin.email);
    return { tenant, admin, cookie: session.cookie };
  }

  async function createDepartment(cookie: string, code: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: { cookie },
      payload: { code, name: { en: `Department ${code}` } },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res;
  }

  it('records API actions with actor, action, subject, request id and channel in a gapless chain', async () => {
    const { tenant, admin, cookie } = await institutionWithAdmin();

    const dept = await createDepartment(cookie, 'ROADS');
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: { email: `clerk-${randomUUID().slice(0, 8)}@example.test`, displayName: 'Clerk', roles: ['operator'], password: TEST_PASSWORD, departmentIds: [dept.json().id] },
    });
    expect(user.statusCode, user.body).toBe(201);
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/departments/${dept.json().id}`,
      headers: { cookie },
      payload: { name: { en: 'Roads and Bridges' }, version: dept.json().version },
    });
    expect(rename.statusCode, rename.body).toBe(200);

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500', headers: { cookie } });
    expect(listed.statusCode).toBe(200);
    const entries = listed.json() as AuditEntry[];
    const bySubject = (action: string, subjectId: string) => entries.filter((e) => e.action === action && e.subjectId === subjectId);

    for (const [res, action, subjectType] of [
      [dept, 'department.created', 'department'],
      [user, 'user.created', 'user'],
      [rename, 'department.updated', 'department'],
    ] as const) {
      const requestId = res.headers['x-request-id'];
      expect(requestId).toEqual(expect.any(String));
      const found = bySubject(action, res.json().id);
      expect(found, action).toHaveLength(1);
      expect(found[0]).toMatchObject({
        actorType: 'user',
        actorId: admin.user.id,
        action,
        subjectType,
        subjectId: res.json().id,
        requestId,
        channel: 'web',
      });
    }
    expect(bySubject('department.created', dept.json().id)[0]!.details).toEqual({ code: 'ROADS' });
    expect(bySubject('user.created', user.json().id)[0]!.details).toMatchObject({ roles: ['operator'], departmentIds: [dept.json().id] });
    // Every request has its own id.
    expect(new Set([dept, user, rename].map((r) => r.headers['x-request-id'])).size).toBe(3);

    // Newest first, and the API's list is the whole stored chain.
    const chain = await chainOf(t.database, tenant.id);
    expectGaplessChain(chain);
    expect(entries.map((e) => e.seq)).toEqual(chain.map((e) => e.seq).reverse());
    expect(entries.map((e) => e.hash)).toEqual(chain.map((e) => e.hash).reverse());
    expect(chain[0]!.action).toBe('tenant.created');

    const verify = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toEqual({ ok: true, checked: chain.length, firstBrokenSeq: null, reason: null });
  });

  it('a failed action leaves no audit entry and no hole in the chain', async () => {
    const { tenant, cookie } = await institutionWithAdmin();
    await createDepartment(cookie, 'PARKS');
    const before = await chainOf(t.database, tenant.id);
    const clash = await t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { cookie }, payload: { code: 'PARKS', name: { en: 'Again' } } });
    expect(clash.statusCode).toBe(409);
    expect(await chainOf(t.database, tenant.id)).toEqual(before);
    await createDepartment(cookie, 'LIGHTS');
    const after = await chainOf(t.database, tenant.id);
    expectGaplessChain(after);
    expect(after).toHaveLength(before.length + 1);
  });

  it('concurrent audited writes still give a gapless, valid chain', async () => {
    const { tenant, cookie } = await institutionWithAdmin();
    const codes = Array.from({ length: 20 }, (_, i) => `PAR${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      codes.map((code) =>
        t.app.inject({ method: 'POST', url: '/api/v1/departments', headers: { cookie }, payload: { code, name: { en: code } } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(codes.map(() => 201));

    const chain = await chainOf(t.database, tenant.id);
    expectGaplessChain(chain);
    expect(chain.filter((e) => e.action === 'department.created')).toHaveLength(20);
    const verify = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
    expect(verify.json()).toEqual({ ok: true, checked: chain.length, firstBrokenSeq: null, reason: null });

    // Straight through the service as well, many writers at once (several pooled connections on PostgreSQL).
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.c.audit.recordAccess(systemContext(tenant.id, 'test'), { action: 'test.read', subjectType: 'thing', subjectId: String(i) }),
      ),
    );
    const grown = await chainOf(t.database, tenant.id);
    expectGaplessChain(grown);
    expect(grown).toHaveLength(chain.length + 20);
    expect((await t.c.audit.verify(tenant.id)).ok).toBe(true);
  });

  it('the history cannot be rewritten by a plain UPDATE, DELETE or TRUNCATE', async () => {
    const { tenant, cookie } = await institutionWithAdmin();
    await createDepartment(cookie, 'WATER');
    const chain = await chainOf(t.database, tenant.id);
    await expect(
      t.database.query(`UPDATE audit_entries SET action = 'nothing.happened' WHERE tenant_id = $1 AND seq = $2`, [tenant.id, 2]),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(t.database.query('DELETE FROM audit_entries WHERE tenant_id = $1 AND seq = $2', [tenant.id, 2])).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    // Rolled back whatever happens, so a missing trigger fails this test without emptying the shared table.
    const truncate = await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`TRUNCATE audit_entries`);
        throw new Error('TRUNCATE was allowed');
      })
      .catch((err: Error) => err);
    // Drizzle wraps the driver's error; the database's own message is its cause.
    expect(String((truncate as Error & { cause?: Error }).cause?.message)).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await chainOf(t.database, tenant.id)).toEqual(chain);
  });

  it('verify finds an altered entry, and other institutions are unaffected', async () => {
    const { tenant, cookie } = await institutionWithAdmin();
    const other = await institutionWithAdmin();
    for (const code of ['A1', 'A2', 'A3']) await createDepartment(cookie, code);
    await createDepartment(other.cookie, 'B1');

    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
    expect(ok.statusCode).toBe(200);
    const chain = await chainOf(t.database, tenant.id);
    expect(ok.json()).toEqual({ ok: true, checked: chain.length, firstBrokenSeq: null, reason: null });

    const target = chain.find((e) => e.action === 'department.created')!;
    expect(target.seq).toBeLessThan(chain.length);
    const changed = await asSuperuserBypassingTrigger(
      t.database,
      sql`UPDATE audit_entries SET details = '{"code":"FORGED"}'::jsonb WHERE tenant_id = ${tenant.id} AND seq = ${target.seq}`,
    );
    expect(changed).toBe(1);
    // The bypass was local to that transaction: the trigger guards the table again.
    await expect(
      t.database.query(`UPDATE audit_entries SET action = 'x' WHERE tenant_id = $1 AND seq = 1`, [tenant.id]),
    ).rejects.toThrow(/append-only/);

    const broken = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toEqual({
      ok: false,
      checked: target.seq - 1,
      firstBrokenSeq: target.seq,
      reason: 'content does not match its hash (altered)',
    });
    // Walking the chain in small batches finds the same break.
    expect(await t.c.audit.verify(tenant.id, 2)).toEqual(broken.json());

    const otherVerify = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: other.cookie } });
    expect(otherVerify.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('verify finds an entry rewritten together with its own hash, at the next link', async () => {
    const { tenant, cookie } = await institutionWithAdmin();
    for (const code of ['C1', 'C2']) await createDepartment(cookie, code);
    const chain = await chainOf(t.database, tenant.id);
    const target = chain[chain.length - 2]!;
    await asSuperuserBypassingTrigger(
      t.database,
      sql`UPDATE audit_entries SET hash = ${'f'.repeat(64)} WHERE tenant_id = ${tenant.id} AND seq = ${target.seq}`,
    );
    const result = await t.c.audit.verify(tenant.id);
    expect(result.ok).toBe(false);
    // The forged hash itself no longer matches the content, so this entry is the first break.
    expect(result.firstBrokenSeq).toBe(target.seq);
  });

  it('verify reports a deleted entry in the middle of the chain', async () => {
    const { tenant, cookie } = await institutionWithAdmin();
    for (const code of ['D1', 'D2', 'D3']) await createDepartment(cookie, code);
    const chain = await chainOf(t.database, tenant.id);
    const victim = chain[Math.floor(chain.length / 2)]!;
    expect(victim.seq).toBeGreaterThan(1);
    expect(victim.seq).toBeLessThan(chain.length);
    const deleted = await asSuperuserBypassingTrigger(t.database, sql`DELETE FROM audit_entries WHERE tenant_id = ${tenant.id} AND seq = ${victim.seq}`);
    expect(deleted).toBe(1);

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
    expect(res.json()).toEqual({
      ok: false,
      checked: victim.seq - 1,
      firstBrokenSeq: victim.seq + 1,
      reason: `entry ${victim.seq} is missing`,
    });
  });

  it('only administrators and auditors may read or verify the trail', async () => {
    const { tenant } = await institutionWithAdmin();
    const operator = await createStaff(t.c, tenant.id, ['operator']);
    const auditor = await createStaff(t.c, tenant.id, ['auditor']);
    const op = await login(t.app, operator.email);
    const au = await login(t.app, auditor.email);
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: op.cookie } })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: au.cookie } })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it("tenants' chains are independent", async () => {
    const a = await institutionWithAdmin();
    const b = await institutionWithAdmin();
    // Interleaved writes in both institutions.
    const aDepts: string[] = [];
    const bDepts: string[] = [];
    for (let i = 0; i < 3; i++) {
      aDepts.push((await createDepartment(a.cookie, `SAME${i}`)).json().id);
      bDepts.push((await createDepartment(b.cookie, `SAME${i}`)).json().id);
    }
    const listA = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500', headers: { cookie: a.cookie } })).json() as AuditEntry[];
    const listB = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=500', headers: { cookie: b.cookie } })).json() as AuditEntry[];

    const idsA = new Set(listA.map((e) => e.id));
    expect(listB.some((e) => idsA.has(e.id))).toBe(false);
    const subjectsA = new Set(listA.map((e) => e.subjectId));
    const subjectsB = new Set(listB.map((e) => e.subjectId));
    for (const id of aDepts) {
      expect(subjectsA.has(id)).toBe(true);
      expect(subjectsB.has(id)).toBe(false);
    }
    for (const id of bDepts) {
      expect(subjectsB.has(id)).toBe(true);
      expect(subjectsA.has(id)).toBe(false);
    }
    expect(listB.some((e) => e.actorId === a.admin.user.id)).toBe(false);
    for (const [tenant, list] of [[a.tenant, listA], [b.tenant, listB]] as const) {
      expect(Math.min(...list.map((e) => e.seq))).toBe(1);
      expect(list.map((e) => e.seq).sort((x, y) => x - y)).toEqual(list.map((_, i) => i + 1));
      expectGaplessChain(await chainOf(t.database, tenant.id));
      expect((await t.c.audit.verify(tenant.id)).ok).toBe(true);
    }
    // Filtering by another tenant's subject finds nothing.
    const cross = await t.app.inject({ method: 'GET', url: `/api/v1/audit?subjectId=${bDepts[0]}`, headers: { cookie: a.cookie } });
    expect(cross.json()).toEqual([]);
  });

  it('the CLI verifies a chain (exit 0) and names the broken entry after tampering (exit 1)', async () => {
    const testDb = inject('testDb');
    const slug = `cli-${randomUUID().slice(0, 8)}`;
    let env: Record<string, string>;
    let dataDir: string | undefined;
    if (testDb.kind === 'postgres') {
      // On PostgreSQL a node needs the personal-data master key from its environment.
      env = { DATABASE_URL: testDb.url, CIVICLINE_MASTER_KEY: randomBytes(32).toString('base64') };
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-cli-'));
      env = { CIVICLINE_DATA_DIR: dataDir, CIVICLINE_DEMO_SEED: 'never' };
    }
    try {
      const created = await runCli(
        ['tenant', 'create', '--slug', slug, '--name', 'CLI Town', '--country', 'RO', '--time-zone', 'Europe/Bucharest', '--language', 'ro', '--id-scheme', 'ro_cnp'],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
      const user = await runCli(
        ['user', 'create', '--tenant', slug, '--email', 'clerk@example.test', '--name', 'Clerk', '--roles', 'admin,auditor'],
        { ...env, CIVICLINE_NEW_PASSWORD: TEST_PASSWORD },
      );
      expect(user.code, user.stderr).toBe(0);
      expect(user.stdout).not.toMatch(/Password \(shown once\)/);

      const good = await runCli(['audit', 'verify', '--tenant', slug], env);
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toContain(`${slug}: OK, 2 entries, chain intact`);

      // Tamper with the first entry (tenant.created) in the database the CLI uses.
      const database = testDb.kind === 'postgres' ? t.database : await openPglite({ dataDir: path.join(dataDir!, 'pglite') });
      try {
        const { rows } = await database.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
        expect(rows).toHaveLength(1);
        const tenantId = rows[0]!.id;
        const chain = await chainOf(database, tenantId);
        expect(chain.map((e) => e.action)).toEqual(['tenant.created', 'user.created']);
        await expect(
          database.query(`UPDATE audit_entries SET actor_type = 'user' WHERE tenant_id = $1 AND seq = 1`, [tenantId]),
        ).rejects.toThrow(/append-only/);
        const changed = await asSuperuserBypassingTrigger(
          database,
          sql`UPDATE audit_entries SET actor_type = 'user' WHERE tenant_id = ${tenantId} AND seq = 1`,
        );
        expect(changed).toBe(1);
      } finally {
        if (database !== t.database) await database.close();
      }

      const bad = await runCli(['audit', 'verify', '--tenant', slug], env);
      expect(bad.code, bad.stderr).toBe(1);
      expect(bad.stdout).toContain(`${slug}: BROKEN at entry 1: content does not match its hash (altered)`);
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000); // four real CLI processes, each compiling TypeScript at start: slow on a loaded 2-core machine
});
