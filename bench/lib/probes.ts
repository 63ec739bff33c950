/**
 * Measuring instruments for the benchmark: machine facts, CPU time of the server process and
 * of the benchmark database's PostgreSQL backends, a pg_stat_activity sampler (what the
 * backends wait on), and a counter/recorder of every query sent through `pg`.
 */
import fs from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import pg from 'pg';

// --- machine ---

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  loadAverageAtStart: number[];
}

export async function machineInfo(client: pg.Client): Promise<MachineInfo> {
  const cpus = os.cpus();
  const { rows: v } = await client.query<{ version: string }>('SELECT version()');
  const { rows: s } = await client.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings
     WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'work_mem', 'effective_cache_size', 'max_wal_size')`,
  );
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: v[0]!.version.split(',')[0]!,
    postgresSettings: Object.fromEntries(s.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting])),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

// --- CPU time ---

const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat reports ticks of 1/100 s.

function procStatCpuMs(pid: string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU milliseconds so far of each PostgreSQL process serving `database` (backends and its autovacuum workers), by pid. */
export function postgresCpuMs(database: string): Map<string, number> {
  const byPid = new Map<string, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return byPid;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.startsWith('postgres:') && cmdline.includes(` ${database} `)) byPid.set(pid, procStatCpuMs(pid));
  }
  return byPid;
}

/**
 * CPU the database's processes used between two snapshots: processes alive at the end count from
 * their start snapshot (or from zero if they started since); processes that ended in between
 * (idle pool connections closed) are left out.
 */
export function postgresCpuDelta(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Busy and total CPU milliseconds of the whole machine (all cores), from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: ((total - idle) * 1000) / CLK_TCK, total: (total * 1000) / CLK_TCK };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

// --- what the backends wait on ---

export interface ActivitySampler {
  stop(): Promise<{ samples: number; states: Record<string, number> }>;
}

/**
 * Samples pg_stat_activity of the benchmark database every `everyMs` and counts, per backend and
 * sample, its state and wait event ("active: CPU" when it is running without waiting).
 */
export async function sampleActivity(url: string, database: string, everyMs = 50): Promise<ActivitySampler> {
  const client = new pg.Client({ connectionString: url, application_name: 'civicline-bench-probe' });
  await client.connect();
  queryProbe.ignore(client);
  const states: Record<string, number> = {};
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null; application_name: string }>(
        `SELECT state, wait_event_type, wait_event, application_name FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
           AND application_name <> 'civicline-bench-probe'`,
        [database],
      );
      samples++;
      for (const r of rows) {
        const key = `${r.state ?? '?'}: ${r.wait_event_type ? `${r.wait_event_type}/${r.wait_event}` : 'CPU'}`;
        states[key] = (states[key] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return { samples, states };
    },
  };
}

// --- every query sent through `pg` in this process ---

export interface QueryRecord {
  client: object;
  text: string;
  /** The first parameter when it is a short string (advisory lock keys name their lock). */
  key: string | null;
  /** Registrations in a civicline_register_cases statement. */
  batch?: number;
  start: number;
  end: number;
}

/**
 * Wraps pg.Client#query once: counts every statement sent by this process (Drizzle, pg-boss and
 * the baseline all go through it) and, while recording, keeps its text and timing.
 */
export const queryProbe = (() => {
  const ignored = new WeakSet<object>();
  let count = 0;
  let recording: QueryRecord[] | null = null;
  let installed = false;

  type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
  function install(): void {
    if (installed) return;
    installed = true;
    const proto = pg.Client.prototype as unknown as { query: QueryFn };
    const original = proto.query;
    proto.query = function query(this: pg.Client, ...args: unknown[]) {
      if (ignored.has(this)) return original.apply(this, args);
      count++;
      if (!recording) return original.apply(this, args);
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '?');
      const values = (Array.isArray(args[1]) ? args[1] : (first as { values?: unknown[] } | undefined)?.values) as unknown[] | undefined;
      const first0 = values?.[0];
      const key = typeof first0 === 'string' && first0.length <= 200 ? first0 : null;
      const rec: QueryRecord = { client: this, text, key, start: performance.now(), end: Number.NaN };
      if (typeof first0 === 'string' && text.includes('civicline_register_cases')) rec.batch = first0.split('"caseId":').length - 1;
      const log = recording;
      const done = () => {
        rec.end = performance.now();
        log.push(rec);
      };
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        const cb = last as (...a: unknown[]) => unknown;
        args[args.length - 1] = (...a: unknown[]) => {
          done();
          return cb(...a);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).then(done, done);
      }
      return result;
    };
  }

  return {
    install,
    ignore(client: object) {
      ignored.add(client);
    },
    count: () => count,
    startRecording() {
      recording = [];
    },
    stopRecording(): QueryRecord[] {
      const r = recording ?? [];
      recording = null;
      return r;
    },
  };
})();

/** A statement reduced to a short label: `SELECT … FROM cases WHERE …`, `lock audit:…`. */
export function statementLabel(rec: Pick<QueryRecord, 'text' | 'key'>): string {
  const t = rec.text.replace(/\s+/g, ' ').replace(/"/g, '').trim();
  if (/pg_advisory_xact_lock/i.test(t)) return `advisory lock ${(rec.key ?? '?').split(':')[0]}:…`;
  const select = t.match(/^select .*? from (\S+)(?: \S+)?(?: (?:where|left join|join) (.*))?$/i);
  if (select) return `SELECT … FROM ${select[1]}${select[2] ? ` WHERE ${select[2].slice(0, 55)}` : ''}`;
  const m = t.match(/^(insert into \S+|update \S+|delete from \S+|begin|commit|rollback|with \S+)/i);
  return (m ? m[0] : t).slice(0, 90);
}

// --- in-flight requests of a server ---

export interface ServerTracker {
  inflight(): number;
  completed(): number;
  /** Resolves once no request is in flight (the backlog a load run left behind is done). */
  drain(timeoutMs?: number): Promise<void>;
}

export function trackServer(server: Server): ServerTracker {
  let inflight = 0;
  let completed = 0;
  server.on('request', (_req, res: ServerResponse) => {
    inflight++;
    res.once('close', () => {
      inflight--;
      completed++;
    });
  });
  return {
    inflight: () => inflight,
    completed: () => completed,
    async drain(timeoutMs = 300_000) {
      const until = Date.now() + timeoutMs;
      while (inflight > 0) {
        if (Date.now() > until) throw new Error(`${inflight} requests still in flight after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

// --- where this process spends CPU ---

export interface CpuGroup {
  group: string;
  ms: number;
  percent: number;
}

/** The package (or CivicLine module, or engine bucket) a profiled function belongs to. */
function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / builtin)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.match(/apps\/server\/src\/(modules|platform)\/([^/]+)/);
  if (src) return `civicline ${src[1]}/${src[2]}`;
  if (url.includes('/packages/contracts/')) return 'civicline contracts';
  if (url.includes('/bench/')) return 'bench (baseline, probes)';
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

/** Samples this process's CPU with the V8 profiler until stop(); returns self time by package and the top functions. */
export async function profileCpu(): Promise<{ stop(): Promise<{ totalMs: number; groups: CpuGroup[]; functions: CpuGroup[] }> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      // Builtins (JSON, RegExp, crypto, Buffer…) have no URL: their time goes to the nearest caller that has one.
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const nodeGroup = new Map<number, string>();
      const groupFor = (id: number): string => {
        const known = nodeGroup.get(id);
        if (known !== undefined) return known;
        const n = byId.get(id)!;
        const { url, functionName } = n.callFrame;
        let g: string;
        if (url || functionName.startsWith('(')) g = groupOf(url, functionName);
        else {
          const up = parent.get(id);
          g = up === undefined || byId.get(up)!.callFrame.functionName === '(root)' ? '(native / builtin)' : groupFor(up);
        }
        nodeGroup.set(id, g);
        return g;
      };
      const ms = new Map<string, number>();
      const fnMs = new Map<string, number>();
      const samples = profile.samples ?? [];
      // Each sample stands for one sampling period (the median gap); a gap after an idle spell is not CPU.
      const gaps = [...(profile.timeDeltas ?? [])].sort((a, b) => a - b);
      const d = (gaps[Math.floor(gaps.length / 2)] ?? 250) / 1000;
      for (let i = 0; i < samples.length; i++) {
        const id = samples[i]!;
        const g = groupFor(id);
        ms.set(g, (ms.get(g) ?? 0) + d);
        const cf = byId.get(id)!.callFrame;
        if (g !== '(idle)') {
          const fn = `${cf.functionName || '(anonymous)'} ${cf.url ? `${cf.url.split('/').slice(-1)[0]}:${cf.lineNumber + 1}` : `[builtin, in ${g}]`}`;
          fnMs.set(fn, (fnMs.get(fn) ?? 0) + d);
        }
      }
      ms.delete('(idle)');
      const totalMs = [...ms.values()].reduce((a, b) => a + b, 0);
      const groups = [...ms.entries()]
        .map(([group, v]) => ({ group, ms: Math.round(v), percent: Math.round((v / totalMs) * 1000) / 10 }))
        .sort((a, b) => b.ms - a.ms);
      const functions = [...fnMs.entries()]
        .map(([group, v]) => ({ group, ms: Math.round(v), percent: Math.round((v / totalMs) * 1000) / 10 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 40);
      return { totalMs, groups, functions };
    },
  };
}
