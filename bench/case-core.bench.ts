/**
 * `npm run bench`: CivicLine's case core on PostgreSQL at scale, each figure beside a baseline
 * measured in the same run.
 *
 * 1. Creates a fresh database on 127.0.0.1:5432, migrates it, creates an institution through the
 *    services and seeds --cases registered cases (default 1,000,000) with set-based SQL.
 * 2. Starts the real CivicLine app and a bare Fastify + pg baseline in this process and loads
 *    each with autocannon from a separate process at --connections concurrent clients:
 *    registration (POST /api/v1/cases) vs the same INSERT, and look-up by registration number
 *    (GET /api/v1/cases/by-number/:n) vs the same SELECT.
 * 3. Profiles one request at a time (statements, lock hold times) to show where the time goes.
 * 4. Checks that the numbers registered during the run are unique and gapless.
 * Prints a markdown table, writes bench/results/case-core-<time>.json, drops the database
 * (unless --keep).
 */
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContainer, type Container } from '../apps/server/src/container.ts';
import { openPostgres, type Database } from '../apps/server/src/platform/db/client.ts';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.ts';
import { startBaseline } from './lib/baseline.ts';
import type { LoadJob, LoadMessage } from './lib/load.ts';
import {
  machineCpuMs,
  machineInfo,
  postgresCpuDelta,
  postgresCpuMs,
  profileCpu,
  queryProbe,
  sampleActivity,
  statementLabel,
  trackServer,
  type CpuGroup,
  type QueryRecord,
  type ServerTracker,
} from './lib/probes.ts';
import { createInstitution, seedCases, STAFF_PASSWORD, TIME_ZONE, type BenchInstitution, type SeedReport } from './lib/seed.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TARGETS = { registration: 0.4, lookup: 0.6 } as const;

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    pool: { type: 'string', default: '10' },
    'profile-seconds': { type: 'string', default: '4' },
    'admin-url': { type: 'string', default: process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    routing: { type: 'string', default: 'least_loaded' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench -- [--cases 1000000] [--duration 12] [--warmup 3] [--connections 50] [--pool 10]
                  [--profile-seconds 4] [--admin-url postgres://postgres@127.0.0.1:5432/postgres] [--keep]
experiments (not the reported configuration):
                  [--routing least_loaded|round_robin|manual]`);
  process.exit(0);
}

const opts = {
  cases: positiveInt(args.cases, 'cases'),
  duration: positiveInt(args.duration, 'duration'),
  warmup: Number.parseInt(args.warmup, 10) || 0,
  connections: positiveInt(args.connections, 'connections'),
  pool: positiveInt(args.pool, 'pool'),
  profileSeconds: Number.parseInt(args['profile-seconds'], 10) || 0,
  adminUrl: args['admin-url'],
  keep: args.keep,
  routing: routingOf(args.routing),
};

function routingOf(v: string): 'least_loaded' | 'round_robin' | 'manual' {
  if (v === 'least_loaded' || v === 'round_robin' || v === 'manual') return v;
  console.error('--routing must be least_loaded, round_robin or manual');
  process.exit(2);
}

function positiveInt(v: string, name: string): number {
  const n = Number.parseInt(v.replace(/_/g, ''), 10);
  if (!Number.isFinite(n) || n < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return n;
}

const log = (msg: string) => console.log(`[bench] ${msg}`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (x: number) => `${Math.round(x * 100)}%`;

function databaseUrl(name: string): string {
  const u = new URL(opts.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Which code was measured: the commit, and how many files under apps/ and packages/ differ from it. */
function codeVersion(): { commit: string; uncommittedFiles: number } {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: path.join(HERE, '..'), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'apps', 'packages');
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedFiles: dirty ? dirty.split('\n').length : 0 };
  } catch {
    return { commit: 'unknown', uncommittedFiles: 0 };
  }
}

function localYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' }).format(new Date()));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// --- one measured run ---

interface PhaseResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  ok: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
  /** Requests the server completed while costs were counted (window + drain). */
  handled: number;
  statementsPerRequest: number;
  cpuMsPerRequest: { server: number; postgres: number; loadGenerator: number };
  machineBusyPercent: number;
  /** The 1-minute load average when the run ended (2 cores: above 2 means work waited for a CPU). */
  loadAverage: number;
  otherWorkPercent: number;
  peakRssMiB: number;
  waits: Record<string, number>;
  records?: QueryRecord[];
  cpuProfile?: (CpuGroup & { msPerRequest: number })[];
  cpuTopFunctions?: (CpuGroup & { msPerRequest: number })[];
}

type Job = Omit<LoadJob, 'connections' | 'warmupSeconds' | 'durationSeconds'> & Partial<LoadJob>;

/**
 * One load run against `server`. Throughput and latency are autocannon's over the measured window.
 * The server's backlog is drained before the window opens and after it closes, and the costs per
 * request (CPU, statements, recorded queries) are counted over window + drain, divided by the
 * requests the server completed in that span, so no request's work is counted without it.
 */
async function measure(
  name: string,
  job: Job,
  server: ServerTracker,
  env: { dbName: string; dbUrl: string; admin: pg.Client },
  extra: { record?: boolean; cpuProfile?: boolean } = {},
): Promise<PhaseResult> {
  await server.drain();
  await env.admin.query('CHECKPOINT');
  const full: LoadJob = { connections: opts.connections, warmupSeconds: opts.warmup, durationSeconds: opts.duration, ...job };
  log(`${name}: ${full.connections} connection(s), ${full.warmupSeconds} s warm-up + ${full.durationSeconds} s`);
  const child = fork(path.join(HERE, 'lib', 'load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let start: { cpu: NodeJS.CpuUsage; pg: Map<string, number>; machine: { busy: number; total: number }; queries: number; completed: number } | undefined;
  let sampler: Awaited<ReturnType<typeof sampleActivity>> | undefined;
  let profiler: Awaited<ReturnType<typeof profileCpu>> | undefined;
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    if (start) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const message = await new Promise<Extract<LoadMessage, { type: 'result' }>>((resolve, reject) => {
    child.on('message', (m: LoadMessage) => {
      if (m.type === 'warmed') {
        void (async () => {
          await server.drain();
          sampler = await sampleActivity(env.dbUrl, env.dbName);
          if (extra.cpuProfile) profiler = await profileCpu();
          if (extra.record) queryProbe.startRecording();
          start = { cpu: process.cpuUsage(), pg: postgresCpuMs(env.dbName), machine: machineCpuMs(), queries: queryProbe.count(), completed: server.completed() };
          child.send('go');
        })().catch(reject);
      } else {
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    child.send(full);
  });
  const m = machineCpuMs();
  const waits = sampler ? await sampler.stop() : { samples: 0, states: {} };
  await server.drain();
  const cpu = process.cpuUsage(start!.cpu);
  const pgMs = postgresCpuDelta(start!.pg, postgresCpuMs(env.dbName));
  const loadAverage = round(os.loadavg()[0]!, 1);
  const queries = queryProbe.count() - start!.queries;
  const handled = Math.max(1, server.completed() - start!.completed);
  const records = extra.record ? queryProbe.stopRecording() : undefined;
  const cpuProfile = profiler ? await profiler.stop() : undefined;
  clearInterval(rssTimer);
  const r: autocannon.Result = message.result;
  const ok = r['2xx'];
  const serverMs = (cpu.user + cpu.system) / 1000;
  const busy = m.busy - start!.machine.busy;
  const elapsed = m.total - start!.machine.total;
  const ours = ((serverMs + pgMs) * (ok + r.non2xx)) / handled + message.cpuMs;
  const result: PhaseResult = {
    name,
    requestsPerSecond: round(ok / r.duration, 0),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    meanMs: round(r.latency.mean, 2),
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    durationSeconds: round(r.duration, 2),
    handled,
    statementsPerRequest: round(queries / handled, 1),
    cpuMsPerRequest: { server: round(serverMs / handled, 2), postgres: round(pgMs / handled, 2), loadGenerator: round(message.cpuMs / Math.max(1, ok + r.non2xx), 2) },
    machineBusyPercent: round((busy / elapsed) * 100, 0),
    loadAverage,
    otherWorkPercent: round((Math.max(0, busy - ours) / elapsed) * 100, 0),
    peakRssMiB: Math.round(peakRss / 1024 ** 2),
    waits: Object.fromEntries(Object.entries(waits.states).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / Math.max(1, waits.samples), 1)])),
    ...(records ? { records } : {}),
    ...(cpuProfile
      ? {
          cpuProfile: cpuProfile.groups.slice(0, 15).map((g) => ({ ...g, msPerRequest: round(g.ms / handled, 3) })),
          cpuTopFunctions: cpuProfile.functions.map((g) => ({ ...g, msPerRequest: round(g.ms / handled, 3) })),
        }
      : {}),
  };
  log(`  ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
  if (message.warmup.non2xx > 0) log(`  warm-up had ${message.warmup.non2xx} non-2xx responses`);
  return result;
}

// --- where the time goes ---

interface StatementCost {
  statement: string;
  perRequest: number;
  meanMs: number;
  msPerRequest: number;
}

interface Breakdown {
  requests: number;
  meanLatencyMs: number;
  statementsPerRequest: number;
  dbMsPerRequest: number;
  /** Wall time per request not spent waiting for a statement: Node (HTTP, validation, Drizzle, serialisation) and the loopback. */
  outsideDbMsPerRequest: number;
  statements: StatementCost[];
  transactions: { count: number; p50Ms: number; meanMs: number };
  /** From the moment the lock is granted to the end of COMMIT: the serialised part of a transaction that takes a lock from the client. */
  lockHoldMs: Record<string, { p50: number; mean: number; p99: number; ceilingPerSecond: number }>;
  /**
   * Registrations run as single statements (civicline_register_cases), each its own transaction,
   * with its locks taken and released inside: one statement per batch of registrations. Its time,
   * from send to answer, includes the COMMIT.
   */
  registrationStatements: { count: number; casesPerStatement: { mean: number; max: number }; p50Ms: number; meanMs: number; p99Ms: number } | null;
}

function isBegin(r: QueryRecord) {
  return /^\s*begin/i.test(r.text);
}
function isEnd(r: QueryRecord) {
  return /^\s*(commit|rollback)/i.test(r.text);
}

/** Per client (connection), in order: transactions, and the locks taken inside each. */
function lockHolds(records: QueryRecord[]): { txMs: number[]; holds: Record<string, number[]> } {
  const byClient = new Map<object, QueryRecord[]>();
  for (const r of records) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
  const txMs: number[] = [];
  const holds: Record<string, number[]> = {};
  for (const list of byClient.values()) {
    list.sort((a, b) => a.start - b.start);
    let begin: QueryRecord | null = null;
    let acquired: Record<string, number> = {};
    for (const r of list) {
      if (isBegin(r)) {
        begin = r;
        acquired = {};
      } else if (begin && isEnd(r)) {
        txMs.push(r.end - begin.start);
        for (const [lock, at] of Object.entries(acquired)) (holds[lock] ??= []).push(r.end - at);
        begin = null;
      } else if (begin) {
        const label = statementLabel(r);
        const lock = label.startsWith('advisory lock') ? label.replace('advisory lock ', '').replace(':…', ' (advisory)') : /register_counters/.test(r.text) ? 'register counter (row)' : null;
        if (lock && acquired[lock] === undefined) acquired[lock] = r.end;
      }
    }
  }
  return { txMs, holds };
}

function breakdown(records: QueryRecord[], requests: number, meanLatencyMs: number): Breakdown {
  const byLabel = new Map<string, number[]>();
  for (const r of records) {
    const label = statementLabel(r);
    byLabel.set(label, [...(byLabel.get(label) ?? []), r.end - r.start]);
  }
  const statements = [...byLabel.entries()]
    .map(([statement, ms]) => ({
      statement,
      perRequest: round(ms.length / requests, 2),
      meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length, 2),
      msPerRequest: round(ms.reduce((a, b) => a + b, 0) / requests, 2),
    }))
    .sort((a, b) => b.msPerRequest - a.msPerRequest);
  const dbMs = records.reduce((a, r) => a + (r.end - r.start), 0) / requests;
  const { txMs, holds } = lockHolds(records);
  const registrations = records.filter((r) => /civicline_register_cases/.test(r.text));
  const regMs = registrations.map((r) => r.end - r.start).sort((a, b) => a - b);
  const perStatement = registrations.map((r) => r.batch ?? 1);
  const sortedTx = [...txMs].sort((a, b) => a - b);
  return {
    requests,
    meanLatencyMs: round(meanLatencyMs, 2),
    statementsPerRequest: round(records.length / requests, 1),
    dbMsPerRequest: round(dbMs, 2),
    outsideDbMsPerRequest: round(meanLatencyMs - dbMs, 2),
    statements,
    transactions: { count: txMs.length, p50Ms: round(percentile(sortedTx, 50), 2), meanMs: round(txMs.reduce((a, b) => a + b, 0) / Math.max(1, txMs.length), 2) },
    registrationStatements:
      registrations.length === 0
        ? null
        : {
            count: registrations.length,
            casesPerStatement: { mean: round(perStatement.reduce((a, b) => a + b, 0) / perStatement.length, 1), max: Math.max(...perStatement) },
            p50Ms: round(percentile(regMs, 50), 2),
            meanMs: round(regMs.reduce((a, b) => a + b, 0) / regMs.length, 2),
            p99Ms: round(percentile(regMs, 99), 2),
          },
    lockHoldMs: Object.fromEntries(
      Object.entries(holds).map(([lock, ms]) => {
        const s = [...ms].sort((a, b) => a - b);
        const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
        return [lock, { p50: round(percentile(s, 50), 2), mean: round(mean, 2), p99: round(percentile(s, 99), 2), ceilingPerSecond: Math.round(1000 / mean) }];
      }),
    ),
  };
}

/** Sequential single-row INSERT commits: the floor of a serialised registration on this disk. */
async function commitLatency(client: pg.Client): Promise<{ meanMs: number; p50Ms: number }> {
  await client.query('CREATE TABLE bench_commit_probe (id serial PRIMARY KEY, v int)');
  const ms: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await client.query('INSERT INTO bench_commit_probe (v) VALUES ($1)', [i]);
    ms.push(performance.now() - t);
  }
  await client.query('DROP TABLE bench_commit_probe');
  ms.sort((a, b) => a - b);
  return { meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length, 2), p50Ms: round(percentile(ms, 50), 2) };
}

// --- the run ---

interface Verification {
  year: number;
  seededLastSeq: number;
  registeredDuringRun: number;
  distinctNumbers: number;
  firstSeq: number | null;
  lastSeq: number | null;
  counterLastSeq: number;
  wholeYear: { rows: number; distinct: number; maxSeq: number };
  gapless: boolean;
  unique: boolean;
}

async function verifyNumbers(client: pg.Client, inst: BenchInstitution, year: number, seededLastSeq: number): Promise<Verification> {
  const { rows } = await client.query<{ n: string; d: string; dn: string; lo: number | null; hi: number | null }>(
    `SELECT count(*) AS n, count(DISTINCT registration_seq) AS d, count(DISTINCT registration_number) AS dn,
            min(registration_seq) AS lo, max(registration_seq) AS hi
     FROM cases WHERE tenant_id = $1 AND register_id = $2 AND registration_year = $3 AND registration_seq > $4`,
    [inst.tenantId, inst.registerId, year, seededLastSeq],
  );
  const { rows: all } = await client.query<{ n: string; d: string; hi: number }>(
    'SELECT count(*) AS n, count(DISTINCT registration_number) AS d, max(registration_seq) AS hi FROM cases WHERE tenant_id = $1 AND register_id = $2 AND registration_year = $3',
    [inst.tenantId, inst.registerId, year],
  );
  const { rows: counter } = await client.query<{ last_seq: number }>('SELECT last_seq FROM register_counters WHERE register_id = $1 AND year = $2', [inst.registerId, year]);
  const r = rows[0]!;
  const n = Number(r.n);
  const counterLastSeq = Number(counter[0]?.last_seq ?? 0);
  const wholeYear = { rows: Number(all[0]!.n), distinct: Number(all[0]!.d), maxSeq: Number(all[0]!.hi) };
  const unique = Number(r.d) === n && Number(r.dn) === n && wholeYear.distinct === wholeYear.rows;
  const gapless = n > 0 && r.lo === seededLastSeq + 1 && r.hi === seededLastSeq + n && counterLastSeq === r.hi && wholeYear.maxSeq === wholeYear.rows;
  return { year, seededLastSeq, registeredDuringRun: n, distinctNumbers: Number(r.dn), firstSeq: r.lo, lastSeq: r.hi, counterLastSeq, wholeYear, gapless, unique };
}

async function main(): Promise<void> {
  queryProbe.install();
  const started = new Date();
  const dbName = `civicline_bench_${started.toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const dbUrl = databaseUrl(dbName);
  const admin = new pg.Client({ connectionString: opts.adminUrl, application_name: 'civicline-bench-admin' });
  queryProbe.ignore(admin);
  await admin.connect();
  const machine = await machineInfo(admin);
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}`);
  log(`creating database ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-bench-'));
  let database: Database | undefined;
  let container: Container | undefined;
  let app: FastifyInstance | undefined;
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  const client = new pg.Client({ connectionString: dbUrl, application_name: 'civicline-bench-admin' });
  queryProbe.ignore(client);
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl,
      DATABASE_POOL_SIZE: String(opts.pool),
      CIVICLINE_MASTER_KEY: randomBytes(32).toString('base64'),
      CIVICLINE_DATA_DIR: dataDir,
      CIVICLINE_ROLES: 'web',
    });
    if (config.database.kind !== 'postgres') throw new Error('expected a PostgreSQL configuration');
    database = await openPostgres(config.database.url, config.database.poolSize);
    await migrateDatabase(database, config.database.url);
    container = createContainer(config, database, { logError: (err, msg) => console.error(msg, err) });
    await container.jobs.start({ work: false });
    await client.connect();

    log('creating the institution through the services');
    const inst = await createInstitution(container, opts.routing);
    log(`seeding ${opts.cases.toLocaleString('en')} cases with set-based SQL`);
    const seed: SeedReport = await seedCases(client, inst, opts.cases);
    log(`  seeded in ${seed.seconds.total} s (${JSON.stringify(seed.seconds)}); ${seed.openCases.toLocaleString('en')} open; cases ${seed.tableSizeMiB.cases} MiB, timeline ${seed.tableSizeMiB.caseEvents} MiB`);

    const year = localYear();
    const seededLastSeq = seed.years[String(year)] ?? 0;
    app = await buildApp(container, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const civiclineUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    baseline = await startBaseline(dbUrl, opts.pool, inst, year);

    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: inst.operatorEmail, password: STAFF_PASSWORD, tenant: inst.tenantSlug } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const session = login.cookies.find((c) => c.name === 'civicline_session');
    if (!session) throw new Error('no session cookie');
    const auth = { cookie: `civicline_session=${session.value}` };

    const payload = JSON.stringify({
      categoryId: inst.categoryId,
      channel: 'web',
      citizenId: inst.citizenId,
      subject: 'Groapă în carosabil pe Strada Lalelelor nr. 12',
      description:
        'Bună ziua, în fața blocului 12 de pe Strada Lalelelor s-a format o groapă adâncă în carosabil, periculoasă pentru mașini și bicicliști. ' +
        'Vă rog să dispuneți remedierea și să mă informați despre termen. Mulțumesc.',
      customFields: { topic: 'drumuri', street: 'Strada Lalelelor' },
      location: { latitude: 44.4268, longitude: 26.1025, address: 'Strada Lalelelor 12' },
      priority: 'normal',
    });
    const json = { 'content-type': 'application/json' };

    // Smoke: each route answers as expected before anything is timed.
    const probeNumber = `PET-${Object.keys(seed.years)[0]}-000001`;
    const smoke = [
      await fetch(`${civiclineUrl}/api/v1/cases`, { method: 'POST', headers: { ...json, ...auth }, body: payload }),
      await fetch(`${civiclineUrl}/api/v1/cases/by-number/${probeNumber}`, { headers: auth }),
      await fetch(`${baseline.url}/cases`, { method: 'POST', headers: json, body: payload }),
      await fetch(`${baseline.url}/cases/by-number/${probeNumber}`),
    ];
    for (const res of smoke) if (!res.ok) throw new Error(`smoke request failed: ${res.status} ${res.url} ${await res.text()}`);
    const created = (await smoke[0]!.json()) as { registrationNumber: string; status: string };
    log(`smoke: registered ${created.registrationNumber} (${created.status})`);
    const rssIdleMiB = Math.round(process.memoryUsage().rss / 1024 ** 2);

    const numbers = { prefix: 'PET-', pad: 6, years: seed.years };
    const env = { dbName, dbUrl, admin: client };
    const civicline = trackServer(app.server);
    const bare = trackServer(baseline.app.server);
    const registrationJob: Job = { url: civiclineUrl, method: 'POST', path: '/api/v1/cases', headers: { ...json, ...auth }, body: payload };
    const lookupJob: Job = { url: civiclineUrl, method: 'GET', path: '/api/v1/cases/by-number/', headers: auth, numbers };
    const phases = {
      registration: await measure('CivicLine registration', registrationJob, civicline, env, { record: true }),
      registrationBaseline: await measure('baseline INSERT', { url: baseline.url, method: 'POST', path: '/cases', headers: json, body: payload }, bare, env),
      lookup: await measure('CivicLine look-up by number', lookupJob, civicline, env),
      lookupBaseline: await measure('baseline SELECT', { url: baseline.url, method: 'GET', path: '/cases/by-number/', headers: {}, numbers }, bare, env),
    };
    const underLoad = breakdown(phases.registration.records!, phases.registration.handled, phases.registration.meanMs);
    delete phases.registration.records;

    // One request at a time: what each request costs without queueing, and where Node spends its CPU.
    const profile: Record<string, Breakdown & Pick<PhaseResult, 'cpuProfile' | 'cpuTopFunctions'>> = {};
    if (opts.profileSeconds > 0) {
      for (const [key, job] of [
        ['registration', registrationJob],
        ['look-up', lookupJob],
      ] as const) {
        const r = await measure(`profile: one CivicLine ${key} at a time`, { ...job, connections: 1, warmupSeconds: 1, durationSeconds: opts.profileSeconds }, civicline, env, { record: true, cpuProfile: true });
        profile[key] = { ...breakdown(r.records!, r.handled, r.meanMs), cpuProfile: r.cpuProfile, cpuTopFunctions: r.cpuTopFunctions };
      }
    }
    const commit = await commitLatency(client);
    const verification = await verifyNumbers(client, inst, year, seededLastSeq);

    const ratios = {
      registration: phases.registration.requestsPerSecond / phases.registrationBaseline.requestsPerSecond,
      lookup: phases.lookup.requestsPerSecond / phases.lookupBaseline.requestsPerSecond,
    };
    const verdict = {
      registration: ratios.registration >= TARGETS.registration ? 'PASS' : 'MISS',
      lookup: ratios.lookup >= TARGETS.lookup ? 'PASS' : 'MISS',
    };
    const failures = Object.values(phases).filter((p) => p.non2xx > 0 || p.errors > 0);

    const report = {
      benchmark: 'case-core',
      startedAt: started.toISOString(),
      options: { ...opts, adminUrl: undefined },
      code: codeVersion(),
      machine,
      seed,
      rssMiB: { afterStart: rssIdleMiB, peak: Math.max(...Object.values(phases).map((p) => p.peakRssMiB)) },
      phases,
      ratios: { registration: round(ratios.registration, 3), lookup: round(ratios.lookup, 3) },
      targets: TARGETS,
      verdict,
      whereTheTimeGoes: { registrationUnderLoad: underLoad, oneAtATime: profile, commitLatencyMs: commit },
      verification,
    };
    const resultsDir = path.join(HERE, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `case-core-${started.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

    console.log(markdown(report, phases, ratios, verdict, verification, underLoad, profile, commit));
    log(`results written to ${path.relative(process.cwd(), file)}`);
    if (failures.length > 0) {
      log(`some requests failed: ${failures.map((f) => `${f.name} (${f.non2xx} non-2xx, ${f.errors} errors)`).join('; ')}`);
      process.exitCode = 1;
    }
    if (!verification.gapless || !verification.unique) process.exitCode = 1;
  } finally {
    await app?.close().catch(() => {});
    await baseline?.app.close().catch(() => {});
    await baseline?.pool.end().catch(() => {});
    await container?.jobs.stop().catch(() => {});
    await database?.close().catch(() => {});
    await client.end().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (opts.keep) {
      log(`kept database ${dbName} (${dbUrl})`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((err: unknown) => log(`could not drop ${dbName}: ${String(err)}`));
    }
    await admin.end();
  }
}

function regStatements(b: Breakdown): string {
  const r = b.registrationStatements;
  if (!r) return 'no registration statement recorded';
  return `${r.count} registration statements (civicline_register_cases, each its own transaction), ${r.casesPerStatement.mean} registrations per statement on average (max ${r.casesPerStatement.max}), ${r.p50Ms} ms p50 / ${r.meanMs} ms mean / ${r.p99Ms} ms p99 from send to answer, COMMIT included`;
}

function markdown(
  report: { machine: Awaited<ReturnType<typeof machineInfo>>; seed: SeedReport; rssMiB: { afterStart: number; peak: number }; code: ReturnType<typeof codeVersion> },
  phases: Record<'registration' | 'registrationBaseline' | 'lookup' | 'lookupBaseline', PhaseResult>,
  ratios: { registration: number; lookup: number },
  verdict: { registration: string; lookup: string },
  v: Verification,
  underLoad: Breakdown,
  profile: Record<string, Breakdown & Pick<PhaseResult, 'cpuProfile' | 'cpuTopFunctions'>>,
  commit: { meanMs: number; p50Ms: number },
): string {
  const { machine: m, seed } = report;
  const row = (label: string, c: PhaseResult, b: PhaseResult, ratio: number, target: number, verdictText: string) =>
    `| ${label} | ${c.requestsPerSecond} | ${c.p50Ms} | ${c.p99Ms} | ${b.requestsPerSecond} | ${b.p50Ms} | ${b.p99Ms} | **${pct(ratio)}** | ≥ ${pct(target)} | **${verdictText}** |`;
  const cost = (label: string, p: PhaseResult) =>
    `| ${label} | ${p.statementsPerRequest} | ${p.cpuMsPerRequest.server} | ${p.cpuMsPerRequest.postgres} | ${p.cpuMsPerRequest.loadGenerator} | ${p.machineBusyPercent}% | ${p.otherWorkPercent}% | ${p.loadAverage} | ${p.non2xx + p.errors} |`;
  const waits = (p: PhaseResult) =>
    Object.entries(p.waits)
      .slice(0, 5)
      .map(([k, n]) => `${k} ${n}`)
      .join('; ');
  const lines = [
    '',
    `## CivicLine case core — ${seed.cases.toLocaleString('en')} cases, ${opts.connections} connections, pool ${opts.pool}, ${opts.duration} s per run`,
    '',
    `Category routing ${opts.routing}${opts.routing !== 'least_loaded' ? ' (EXPERIMENT: not the reported configuration)' : ''}.`,
    '',
    `Code: ${report.code.commit}${report.code.uncommittedFiles > 0 ? ` + ${report.code.uncommittedFiles} uncommitted files under apps/ and packages/` : ''}.`,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.postgres} (shared_buffers ${m.postgresSettings.shared_buffers}, synchronous_commit ${m.postgresSettings.synchronous_commit}).`,
    `Seeding: ${seed.cases.toLocaleString('en')} cases + ${seed.caseEvents.toLocaleString('en')} timeline rows in ${seed.seconds.total} s (insert ${seed.seconds.insertCases} s, timeline ${seed.seconds.insertTimeline} s, indexes ${seed.seconds.createIndexes} s, vacuum/analyze ${seed.seconds.vacuumAnalyze} s); ${seed.openCases.toLocaleString('en')} open; cases table ${seed.tableSizeMiB.cases} MiB with indexes.`,
    `Server process RSS (CivicLine and baseline apps): ${report.rssMiB.afterStart} MiB after start, ${report.rssMiB.peak} MiB peak under load.`,
    '',
    '| operation | CivicLine req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | CivicLine / baseline | target | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    row('registration (POST /api/v1/cases)', phases.registration, phases.registrationBaseline, ratios.registration, TARGETS.registration, verdict.registration),
    row('look-up by number (GET /api/v1/cases/by-number/:n)', phases.lookup, phases.lookupBaseline, ratios.lookup, TARGETS.lookup, verdict.lookup),
    '',
    '| run | SQL statements / request | server CPU ms / request | PostgreSQL CPU ms / request | load generator CPU ms / request | machine busy | used by other work | load average | failed requests |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    cost('CivicLine registration', phases.registration),
    cost('baseline INSERT', phases.registrationBaseline),
    cost('CivicLine look-up', phases.lookup),
    cost('baseline SELECT', phases.lookupBaseline),
    '',
    'Backends of the benchmark database by state/wait event (mean number per sample):',
    `- CivicLine registration: ${waits(phases.registration)}`,
    `- baseline INSERT: ${waits(phases.registrationBaseline)}`,
    `- CivicLine look-up: ${waits(phases.lookup)}`,
    `- baseline SELECT: ${waits(phases.lookupBaseline)}`,
    '',
    `Registration under load: ${regStatements(underLoad)}${Object.keys(underLoad.lockHoldMs).length > 0 ? `; transactions p50 ${underLoad.transactions.p50Ms} ms; locks held from the client (grant → end of COMMIT): ${Object.entries(underLoad.lockHoldMs)
      .map(([k, h]) => `${k} p50 ${h.p50} ms, mean ${h.mean} ms (ceiling ≈ ${h.ceilingPerSecond}/s)`)
      .join('; ')}` : ''}. Single-row INSERT commit on this disk: ${commit.p50Ms} ms p50.`,
  ];
  for (const [key, b] of Object.entries(profile)) {
    lines.push(
      '',
      `One ${key} at a time (${b.requests} requests): ${b.meanLatencyMs} ms mean latency = ${b.dbMsPerRequest} ms in ${b.statementsPerRequest} SQL statements + ${b.outsideDbMsPerRequest} ms outside the database.` +
        (Object.keys(b.lockHoldMs).length > 0 ? ` Locks held: ${Object.entries(b.lockHoldMs).map(([k, h]) => `${k} ${h.p50} ms p50`).join(', ')}.` : '') +
        (b.registrationStatements ? ` ${regStatements(b)}.` : ''),
      '',
      '| statement | per request | mean ms | ms per request |',
      '|---|---:|---:|---:|',
      ...b.statements.slice(0, 14).map((s) => `| \`${s.statement.replace(/\|/g, '\\|')}\` | ${s.perRequest} | ${s.meanMs} | ${s.msPerRequest} |`),
    );
    if (b.cpuProfile) {
      lines.push(
        '',
        `Server CPU of one ${key} by package (V8 sampling profiler, self time):`,
        '',
        '| package / module | CPU ms per request | share |',
        '|---|---:|---:|',
        ...b.cpuProfile.slice(0, 12).map((g) => `| ${g.group} | ${g.msPerRequest} | ${g.percent}% |`),
        '',
        `Top functions: ${(b.cpuTopFunctions ?? []).slice(0, 8).map((f) => `${f.group} ${f.msPerRequest} ms`).join('; ')}.`,
      );
    }
  }
  lines.push(
    '',
    `Registration numbers ${v.year}: ${v.registeredDuringRun.toLocaleString('en')} issued during the run, seq ${v.firstSeq ?? '-'}…${v.lastSeq ?? '-'} after ${v.seededLastSeq.toLocaleString('en')} seeded; ` +
      `${v.distinctNumbers.toLocaleString('en')} distinct; counter at ${v.counterLastSeq.toLocaleString('en')}; whole year ${v.wholeYear.rows.toLocaleString('en')} rows, max seq ${v.wholeYear.maxSeq.toLocaleString('en')} → ` +
      `${v.unique ? 'unique' : 'DUPLICATES'}, ${v.gapless ? 'gapless' : 'GAPS'}.`,
    '',
  );
  return lines.join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
