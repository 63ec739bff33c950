import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanupWhenGone, freePort } from './mail.ts';

/** Debian's PostgreSQL binaries (any installed major version). */
function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = path.join(root, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`PostgreSQL's ${name} was not found under ${root} (apt-get install -y postgresql)`);
}

export interface ThrowawayCluster {
  url: string;
  /** Stops the server the way a crash does (no shutdown checkpoint). */
  crash(): void;
  start(): void;
  destroy(): void;
}

/**
 * A PostgreSQL server of its own for a test that must stop the database: initdb in a temporary
 * directory, on a free port of 127.0.0.1, trust authentication. As root it runs as the postgres
 * user (PostgreSQL refuses root); otherwise as ourselves.
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-pgcluster-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (bin: string, args: string[]) => {
    const cmd = [pgBin(bin), ...args];
    if (root) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')], { stdio: 'pipe' });
    else execFileSync(cmd[0]!, cmd.slice(1), { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  start();
  const stopCmd = [pgBin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'].join(' ');
  const cancelCleanup = cleanupWhenGone(`${root ? `su postgres -s /bin/sh -c '${stopCmd}'` : stopCmd} >/dev/null 2>&1; rm -rf '${dir}'`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    destroy() {
      cancelCleanup();
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
