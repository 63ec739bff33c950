import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(lockPath: string, holder: LockInfo) {
    super(
      `Another CivicLine process (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}) ` +
        `is using the data directory ${path.dirname(lockPath)}.\n` +
        `The embedded database allows one process at a time: stop the other one first, or use ` +
        `DATABASE_URL=postgres://... to run several nodes.\n` +
        `If you are sure no CivicLine runs there, delete ${lockPath}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockPath: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/**
 * PGlite has no lock of its own: two processes on one directory silently lose each other's
 * writes. An exclusively created lock file naming its holder keeps a second process out; a lock
 * left by a process that died (kill -9) is taken over, since its pid no longer runs here.
 */
export function acquireDataDirLock(dataDir: string): { release(): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'civicline.lock');
  const me: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readLock(lockPath);
        if (holder?.pid === me.pid && holder.startedAt === me.startedAt) fs.rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(lockPath);
      const stale =
        !holder || (holder.hostname === os.hostname() && holder.pid !== process.pid && !isAlive(holder.pid));
      if (!stale) throw new DataDirLockedError(lockPath, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(lockPath, readLock(lockPath) ?? { pid: -1, hostname: '?', startedAt: '?' });
}
