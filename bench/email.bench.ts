/**
 * `npm run bench:email`: e-mails per second received over SMTP on PostgreSQL, each with a 100 KB
 * PDF attachment, beside a baseline measured in the same run.
 *
 * 1. Creates a fresh database on 127.0.0.1:5432, migrates it, and creates an institution with a
 *    petitions category and a mailbox through the services.
 * 2. Starts two SMTP servers in this process: the baseline (the same smtp-server settings, the
 *    same MIME parsing, then the message is dropped) and CivicLine's listener (intake commits the
 *    raw message, the attachment, the citizen, the registered case and its acknowledgement before
 *    answering 250).
 * 3. Loads each from a separate process (bench/lib/smtp-load.ts): --connections senders, each
 *    keeping one SMTP connection and sending message after message, every one unique.
 * 4. Checks that every message CivicLine answered 250 has its case, and that the numbers are
 *    unique and gapless.
 * Prints a markdown table, writes bench/results/email-<time>.json, drops the database (unless --keep).
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createSmtpListener, parseMail } from '../apps/server/src/channels/email/index.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContainer } from '../apps/server/src/container.ts';
import { systemContext } from '../apps/server/src/platform/auth/context.ts';
import { openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.ts';
import type { SmtpLoadJob, SmtpLoadMessage, SmtpLoadResult } from './lib/smtp-load.ts';
import { machineCpuMs, machineInfo, postgresCpuDelta, postgresCpuMs, sampleActivity } from './lib/probes.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TARGET_PER_SECOND = 100;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    'attachment-kb': { type: 'string', default: '100' },
    pool: { type: 'string', default: '10' },
    'admin-url': { type: 'string', default: process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:email -- [--duration 20] [--warmup 5] [--connections 16] [--attachment-kb 100] [--pool 10] [--admin-url postgres://postgres@127.0.0.1:5432/postgres] [--keep]');
  process.exit(0);
}
const int = (v: string, name: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return n;
};
const opts = {
  duration: int(args.duration, 'duration'),
  warmup: int(args.warmup, 'warmup'),
  connections: int(args.connections, 'connections'),
  attachmentBytes: int(args['attachment-kb'], 'attachment-kb') * 1024,
  pool: int(args.pool, 'pool'),
  adminUrl: args['admin-url'],
  keep: args.keep,
};

const log = (msg: string) => console.log(`[bench] ${msg}`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN);

function databaseUrl(name: string): string {
  const u = new URL(opts.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function codeVersion(): { commit: string; uncommittedFiles: number } {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: path.join(HERE, '..'), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'apps', 'packages');
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedFiles: dirty ? dirty.split('\n').length : 0 };
  } catch {
    return { commit: 'unknown', uncommittedFiles: 0 };
  }
}

interface RunResult {
  name: string;
  perSecond: number;
  accepted: number;
  temporaryFailures: number;
  permanentFailures: number;
  otherErrors: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerMessage: { server: number; postgres: number; loadGenerator: number };
  peakRssMiB: number;
  /** Share of the machine's CPU used during the window, and by work other than this benchmark. */
  machineBusyPercent: number;
  otherWorkPercent: number;
  loadAverage: number;
  /** Backends of the database, on average per sample, by state and wait (what they were doing). */
  waits: Record<string, number>;
  firstError: string | null;
  warmupAccepted: number;
  messageBytes: number;
}

async function measure(name: string, port: number, to: string, dbName: string, dbUrl: string): Promise<RunResult> {
  log(`${name}: ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s, ${opts.attachmentBytes / 1024} KB attachment`);
  const child = fork(path.join(HERE, 'lib', 'smtp-load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Listened for from the start: the generator may exit while the figures are still being read,
  // and an 'exit' listener added after that would wait for ever.
  const exited = new Promise((r) => child.once('exit', r));
  let start: { cpu: NodeJS.CpuUsage; pg: Map<string, number>; machine: { busy: number; total: number } } | undefined;
  const sampler = await sampleActivity(dbUrl, dbName);
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    if (start) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const result = await new Promise<SmtpLoadResult>((resolve, reject) => {
    child.on('message', (m: SmtpLoadMessage) => {
      if (m.type === 'warmed') start = { cpu: process.cpuUsage(), pg: postgresCpuMs(dbName), machine: machineCpuMs() };
      else resolve(m.result);
    });
    // An exit before the result (whatever its code) is a failure, not a wait for ever.
    child.on('exit', (code, signal) => reject(new Error(`the load generator exited (code ${code}, signal ${signal}) before reporting its result`)));
    const job: SmtpLoadJob = { port, to, connections: opts.connections, attachmentBytes: opts.attachmentBytes, warmupSeconds: opts.warmup, durationSeconds: opts.duration };
    child.send(job);
  });
  const cpu = process.cpuUsage(start!.cpu);
  const pgCpu = postgresCpuDelta(start!.pg, postgresCpuMs(dbName));
  const machineNow = machineCpuMs();
  const activity = await sampler.stop();
  clearInterval(rssTimer);
  const machineBusy = (machineNow.busy - start!.machine.busy) / Math.max(1, machineNow.total - start!.machine.total);
  const ours = ((cpu.user + cpu.system) / 1000 + pgCpu + result.cpuMs) / Math.max(1, (machineNow.total - start!.machine.total));
  await exited;
  const lat = result.latenciesMs.sort((a, b) => a - b);
  const per = (ms: number) => (result.accepted ? round(ms / result.accepted, 2) : Number.NaN);
  const r: RunResult = {
    name,
    perSecond: round(result.accepted / result.seconds),
    accepted: result.accepted,
    temporaryFailures: result.temporaryFailures,
    permanentFailures: result.permanentFailures,
    otherErrors: result.otherErrors,
    p50Ms: round(percentile(lat, 50)),
    p99Ms: round(percentile(lat, 99)),
    cpuMsPerMessage: { server: per((cpu.user + cpu.system) / 1000), postgres: per(pgCpu), loadGenerator: per(result.cpuMs) },
    peakRssMiB: Math.round(peakRss / 1024 ** 2),
    machineBusyPercent: Math.round(machineBusy * 100),
    otherWorkPercent: Math.max(0, Math.round((machineBusy - ours) * 100)),
    loadAverage: round(os.loadavg()[0]!, 2),
    waits: Object.fromEntries(Object.entries(activity.states).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / Math.max(1, activity.samples), 2)])),
    firstError: result.firstError,
    warmupAccepted: result.warmupAccepted,
    messageBytes: result.messageBytes,
  };
  log(`${name}: ${r.perSecond}/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, failures ${r.temporaryFailures + r.permanentFailures + r.otherErrors}${r.firstError ? ` (first: ${r.firstError})` : ''}`);
  return r;
}

/** The baseline: the same SMTP server library and settings, the same MIME parse, nothing kept. */
function startBaseline(maxBytes: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    name: 'baseline.bench',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 500,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        parseMail(Buffer.concat(chunks)).then(() => cb(), cb);
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.server.address() as { port: number }).port, close: () => new Promise<void>((r) => server.close(() => r())) }),
    ),
  );
}

async function main() {
  const dbName = `civicline_bench_email_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  const machine = await machineInfo(admin);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = databaseUrl(dbName);
  log(`database ${dbName}`);
  const database = await openPostgres(url, opts.pool);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-bench-email-'));
  const maxBytes = 30 * 1024 * 1024;
  let report: Record<string, unknown> | undefined;
  try {
    await migrateDatabase(database, url);
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(opts.pool),
      CIVICLINE_FILES_DIR: filesDir,
      CIVICLINE_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    const c = createContainer(config, database, { logError: () => {} });
    // The smtp role only: acknowledgements are queued with their delivery jobs, which a worker
    // node would send; sending them is not part of receiving.
    await c.jobs.start({ work: false });
    const tenant = await c.tenants.create({ slug: `bench-${Date.now()}`, name: 'Primăria Bench', country: 'RO', timeZone: 'Europe/Bucharest', defaultLanguage: 'ro', nationalIdScheme: 'ro_cnp' });
    const ctx = systemContext(tenant.id);
    const dept = await c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
    const register = await c.registers.create(ctx, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
    const category = await c.categories.create(ctx, {
      group: 'petitions', description: {}, departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: false, active: true,
      code: 'PET', name: { ro: 'Petiție' }, fields: [],
    });
    const to = 'petitii@bench.primaria.example';
    await c.channelConfig.createMailbox(ctx, { address: to, name: 'Petiții', categoryId: category.id, departmentId: null, isFax: false, acknowledge: true, imap: null });

    const baseline = await startBaseline(maxBytes);
    const listener = createSmtpListener({ intake: c.intake, channelConfig: c.channelConfig, settings: { port: 0, host: '127.0.0.1', hostname: 'mx.bench', tls: null, maxBytes, allowSenders: [], denySenders: [] } });
    const port = await listener.listen();

    const base = await measure('baseline (parse and drop)', baseline.port, to, dbName, url);
    await admin.query(`CHECKPOINT`);
    const civic = await measure('CivicLine (intake commits, then 250)', port, to, dbName, url);

    // Every 250 has its case; numbers unique and gapless.
    const { rows } = await database.query<{ cases: number; inbound: number; ok: number; distinct_numbers: number; max_seq: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE tenant_id = $1) AS cases,
              (SELECT count(*)::int FROM inbound_messages WHERE tenant_id = $1) AS inbound,
              (SELECT count(*)::int FROM inbound_messages WHERE tenant_id = $1 AND outcome = 'case_created' AND case_id IS NOT NULL) AS ok,
              (SELECT count(DISTINCT registration_number)::int FROM cases WHERE tenant_id = $1) AS distinct_numbers,
              (SELECT coalesce(max(split_part(registration_number, '-', 3)::int), 0) FROM cases WHERE tenant_id = $1) AS max_seq`,
      [tenant.id],
    );
    const check = rows[0]!;
    const acceptedAtLeast = civic.accepted + civic.warmupAccepted;
    const consistent = check.ok === check.inbound && check.cases === check.inbound && check.distinct_numbers === check.cases && check.max_seq === check.cases && check.ok >= acceptedAtLeast;
    await listener.close();
    await baseline.close();
    await c.jobs.stop();

    const ratio = base.perSecond ? civic.perSecond / base.perSecond : Number.NaN;
    const met = civic.perSecond >= TARGET_PER_SECOND;
    report = { when: new Date().toISOString(), code: codeVersion(), machine, options: opts, target: TARGET_PER_SECOND, baseline: base, civicline: civic, ratio: round(ratio, 3), met, check: { ...check, acceptedAtLeast, consistent } };
    const row = (r: RunResult) =>
      `| ${r.name} | ${r.perSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.temporaryFailures + r.permanentFailures + r.otherErrors} | ${r.cpuMsPerMessage.server} | ${r.cpuMsPerMessage.postgres} | ${r.peakRssMiB} | ${r.machineBusyPercent} % / ${r.otherWorkPercent} % | ${r.loadAverage} |`;
    console.log(`
## E-mail intake over SMTP: ${opts.attachmentBytes / 1024} KB attachment, ${opts.connections} connections, ${opts.duration} s

| server | e-mails/s | p50 ms | p99 ms | failed | server CPU ms/msg | PostgreSQL CPU ms/msg | peak RSS MiB | machine busy / other work | load avg |
|---|---|---|---|---|---|---|---|---|---|
${row(base)}
${row(civic)}

CivicLine: **${civic.perSecond}/s** against a target of ${TARGET_PER_SECOND}/s — **${met ? 'MET' : 'MISSED'}**; ${Math.round(ratio * 100)} % of the baseline's rate.
Message size on the wire: ${Math.round(civic.messageBytes / 1024)} KB. Load generator CPU: ${civic.cpuMsPerMessage.loadGenerator} ms/msg.
CivicLine's database backends, on average: ${Object.entries(civic.waits).map(([k, v]) => `${k} ${v}`).join(', ')}.
Check: ${check.inbound} messages received by CivicLine (warm-up included), ${check.ok} with a registered case, numbers unique and gapless: ${consistent ? 'yes' : 'NO'}.
Machine: ${machine.cores} × ${machine.cpuModel}, ${machine.postgres}, code ${codeVersion().commit}.`);
    if (!consistent) process.exitCode = 1;
  } finally {
    await database.close();
    if (!opts.keep) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else log(`kept: ${url}`);
    await admin.end();
    fs.rmSync(filesDir, { recursive: true, force: true });
    if (report) {
      const dir = path.join(HERE, 'results');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `email-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      fs.writeFileSync(file, JSON.stringify(report, null, 2));
      log(`figures written to ${path.relative(process.cwd(), file)}`);
    }
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
