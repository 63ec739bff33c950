import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'apps/server/bin/civicline.mjs');

export interface RunningServer {
  url: string;
  dataDir: string;
  logs: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real CivicLine server, as `civicline serve` runs it, on a fresh embedded database in a
 * temporary directory and a random port. The database is prepared first (demo data, and as many
 * cases as asked); the built web app (apps/web/dist) must exist.
 */
export async function startServer(opts: { cases?: number } = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) throw new Error('The web app is not built: npm run build -w @civicline/web');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-e2e-'));
  const env = { ...process.env, NODE_ENV: 'production', CIVICLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', COOKIE_SECURE: 'false', E2E_CASES: String(opts.cases ?? 0) };
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'e2e/harness/prepare.ts')], { cwd: ROOT, env, encoding: 'utf8' });
  if (prepared.status !== 0) throw new Error(`preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--roles', 'web,worker', '--port', String(port)], {
    cwd: ROOT,
    env: { ...env, CIVICLINE_DEMO_SEED: 'never', HOST: '127.0.0.1', JOB_POLL_SECONDS: '1', STATUS_LOOKUP_TIMEOUT_MS: '10000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not get ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    logs: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 10_000);
          child.on('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
