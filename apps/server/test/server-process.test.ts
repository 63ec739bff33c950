import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, startCli, type RunningProcess } from './helpers/process.ts';

const running: RunningProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
});

async function serve(env: Record<string, string>, args: string[] = []) {
  const p = startCli(['serve', ...args], { PORT: '0', HOST: '127.0.0.1', ...env });
  running.push(p);
  return p;
}

async function signIn(url: string, email: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'CivicLine-Demo-2026' }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('the embedded server as a real process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-proc-'));

  it('first start migrates, seeds the demo, prints URL and logins; a second process is refused; kill -9 loses nothing', async () => {
    const first = await serve({ CIVICLINE_DATA_DIR: dataDir });
    const [, url] = await first.waitFor(/Web:\s+(http:\/\/\S+)/);
    expect(first.output()).toMatch(/Demo staff logins \(password for all: CivicLine-Demo-2026\)/);
    expect(first.output()).toMatch(/admin@primaria-demo\.ro/);
    expect(first.output()).toMatch(/operator@hotline-demo\.ru/);
    // Without PUBLIC_URL, links to citizens point at this host: the operator is told so.
    if (!process.env.PUBLIC_URL) expect(first.output()).toMatch(/PUBLIC_URL is not set: links sent to citizens point at http:\/\/localhost:\d+\./);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ok', database: 'pglite' });
    expect((await fetch(`${url}/api/docs/`)).status).toBe(200);
    const spec = (await (await fetch(`${url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/v1/departments/{id}');
    expect(await (await fetch(`${url}/`)).text()).toMatch(/CivicLine/);

    // The embedded database has no lock of its own: a second process must refuse to open it.
    const second = await runCli(['migrate'], { CIVICLINE_DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/Another CivicLine process \(pid \d+/);
    expect(second.output).toMatch(/one process at a time/);

    // An acknowledged write survives kill -9.
    const cookie = await signIn(url!, 'admin@primaria-demo.ro');
    const created = await fetch(`${url}/api/v1/departments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ code: 'KILL9', name: { ro: 'Supraviețuitori', en: 'Survivors' } }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;

    // The dead process's lock is taken over; the demo is not seeded twice.
    const again = await serve({ CIVICLINE_DATA_DIR: dataDir });
    const [, url2] = await again.waitFor(/Web:\s+(http:\/\/\S+)/);
    const cookie2 = await signIn(url2!, 'admin@primaria-demo.ro');
    const depts = (await (await fetch(`${url2}/api/v1/departments`, { headers: { cookie: cookie2 } })).json()) as { code: string }[];
    expect(depts.map((d) => d.code)).toContain('KILL9');
    expect(depts.filter((d) => d.code === 'URB')).toHaveLength(1);

    // A graceful stop releases the lock.
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'civicline.lock'))).toBe(false);
    const verify = await runCli(['audit', 'verify'], { CIVICLINE_DATA_DIR: dataDir });
    expect(verify.output).toMatch(/primaria-demo: OK, \d+ entries/);
    expect(verify.code).toBe(0);
  }, 300_000); // the first start seeds ~3,000 demo cases: slow on a loaded 2-core machine

  it('refuses to start with bad configuration, naming every bad variable', async () => {
    const r = await runCli(['serve'], { CIVICLINE_DATA_DIR: dataDir, PORT: 'abc', CIVICLINE_ROLES: 'web,chef' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/PORT:/);
    expect(r.output).toMatch(/CIVICLINE_ROLES:/);
  });
});

describe.runIf(inject('testDb').kind === 'postgres')('separate web and worker nodes on PostgreSQL', () => {
  it('a web-only node serves HTTP, a worker-only node serves none, both on the same database', async () => {
    const { url: databaseUrl } = inject('testDb') as { url: string };
    const env = { DATABASE_URL: databaseUrl, CIVICLINE_DEMO_SEED: 'never', CIVICLINE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };
    const worker = await serve(env, ['--roles', 'worker']);
    await worker.waitFor(/CivicLine is running \(worker\) on PostgreSQL/);
    expect(worker.output()).not.toMatch(/Web:/);
    const web = await serve(env, ['--roles', 'web']);
    const [, url] = await web.waitFor(/Web:\s+(http:\/\/\S+)/);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ok', database: 'postgres' });
    web.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await web.exited).toBe(0);
    expect(await worker.exited).toBe(0);
  }, 90_000);
});
