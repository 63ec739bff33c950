/**
 * `npm run bench:notifications`: notifications dispatched per second on PostgreSQL by two worker
 * processes, to a local SMPP server (the `smpp` package's server, answering submit_sm) and a local
 * SMTP sink (smtp-server).
 *
 * 1. Creates a fresh database on 127.0.0.1:5432, migrates it, creates an institution with a
 *    category flagged "send SMS", SMPP and SMTP provider accounts pointing at the local servers,
 *    --cases citizens (each with a phone and an e-mail) and one case for each.
 * 2. Records --events "fee due" steps through the outbox (four writers, transactions of 250),
 *    each firing the default "fee due (with receipt number)" rule: one SMS, one e-mail and one
 *    inbox message, each a delivery job of its own. No worker runs yet: the jobs wait.
 * 3. Starts --workers `civicline serve --roles worker` processes and measures, from the moment
 *    both are up, until every SMS was accepted by the SMSC and every e-mail by the SMTP sink
 *    (status `sent` in the database, set after the server's answer).
 * 4. Checks for duplicates at both servers (every text names its own receipt number) and in the
 *    database (one message per rule, step and channel).
 * Prints a markdown table, writes bench/results/notifications-<time>.json, drops the database (unless --keep).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateCaseRequest, CreateCitizenRequest } from '@civicline/contracts';
import pg from 'pg';
import smpp, { type Pdu } from 'smpp';
import { SMTPServer } from 'smtp-server';
import type { RequestContext } from '../apps/server/src/platform/auth/context.ts';
import { systemContext } from '../apps/server/src/platform/auth/context.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContainer } from '../apps/server/src/container.ts';
import { openPostgres } from '../apps/server/src/platform/db/client.ts';
import { migrateDatabase } from '../apps/server/src/platform/db/migrate.ts';
import { machineInfo } from './lib/probes.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, '..', 'apps', 'server', 'bin', 'civicline.mjs');
const TARGET_SMS_PER_SECOND = 1000;

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    events: { type: 'string', default: '5000' },
    workers: { type: 'string', default: '2' },
    pool: { type: 'string', default: '10' },
    'admin-url': { type: 'string', default: process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:notifications -- [--cases 1000] [--events 5000] [--workers 2] [--pool 10] [--admin-url postgres://postgres@127.0.0.1:5432/postgres] [--keep]');
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
const opts = { cases: int(args.cases, 'cases'), events: int(args.events, 'events'), workers: int(args.workers, 'workers'), pool: int(args.pool, 'pool'), adminUrl: args['admin-url'], keep: args.keep };
const log = (msg: string) => console.log(`[bench] ${msg}`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

function databaseUrl(name: string): string {
  const u = new URL(opts.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function codeVersion(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.join(HERE, '..'), encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The SMSC: binds, answers every submit_sm with a message id, counts what it received. */
async function startSmsc() {
  const texts: string[] = [];
  let next = 1;
  const server = smpp.createServer((session) => {
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: Pdu) => session.send(pdu.response({ system_id: 'BENCHSMSC' })));
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: Pdu) => {
      const sm = pdu.short_message as { message: string | Buffer };
      texts.push(`${String(pdu.destination_addr)}|${String(sm.message)}`);
      session.send(pdu.response({ message_id: `B${next++}` }));
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return { port, texts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The SMTP sink: accepts every message and keeps its Message-ID. */
async function startSmtpSink() {
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let head = '';
      stream.on('data', (d: Buffer) => {
        if (head.length < 8192) head += d.toString('utf8');
      });
      stream.on('end', () => {
        ids.push(/^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? 'none');
        done();
      });
    },
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)));
  return { port, ids, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function startWorker(url: string, n: number): ChildProcess {
  const { DATABASE_URL: _d, CIVICLINE_DATA_DIR: _c, PORT: _p, ...rest } = process.env;
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the workers (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--roles', 'worker'], {
    env: { ...rest, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: url, DATABASE_POOL_SIZE: String(opts.pool), CIVICLINE_MASTER_KEY: MASTER_KEY, CIVICLINE_DEMO_SEED: 'never', JOB_POLL_SECONDS: '0.5', SMTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => process.stdout.write(`[worker ${n}] ${d}`));
  child.stderr!.on('data', (d: Buffer) => process.stdout.write(`[worker ${n}] ${d}`));
  return child;
}

async function pending(q: (sql: string) => Promise<{ rows: { n: number }[] }>): Promise<number> {
  return (await q("SELECT count(*)::int AS n FROM pgboss.job WHERE (name = 'notifications.dispatch' OR name LIKE 'messaging.deliver%') AND state IN ('created', 'retry', 'active')")).rows[0]!.n;
}

async function main() {
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  const dbName = `civicline_bench_notif_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = databaseUrl(dbName);
  log(`database ${dbName}`);
  const database = await openPostgres(url, opts.pool);
  const workers: ChildProcess[] = [];
  const smsc = await startSmsc();
  const sink = await startSmtpSink();
  let report: Record<string, unknown> | undefined;
  try {
    await migrateDatabase(database, url);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url, DATABASE_POOL_SIZE: String(opts.pool), CIVICLINE_MASTER_KEY: MASTER_KEY });
    const c = createContainer(config, database, { logError: () => {} });
    await c.jobs.start({ work: false });
    const tenant = await c.tenants.create({ slug: `bench-${Date.now()}`, name: 'Primaria Bench', country: 'RO', timeZone: 'Europe/Bucharest', defaultLanguage: 'ro', nationalIdScheme: 'ro_cnp' });
    const sys = systemContext(tenant.id);
    const dept = await c.departments.create(sys, { code: 'URB', name: { ro: 'Urbanism' }, parentId: null, email: null });
    const register = await c.registers.create(sys, { code: 'URB', name: { ro: 'Urbanism' }, format: 'URB-{year}-{seq:6}', yearly: true });
    const category = await c.categories.create(sys, {
      group: 'permits', description: {}, departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
      deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
      sendSms: true, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: false, active: true,
      code: 'URB', name: { ro: 'Certificat de urbanism' }, fields: [],
    });
    await c.channelConfig.createAccount(sys, { provider: 'smpp', name: 'Bench SMSC', settings: { host: '127.0.0.1', port: smsc.port, systemId: 'civicline', sourceAddr: '+40264000000', enquireLinkSeconds: 30 }, secret: 'bench-pw' });
    await c.channelConfig.createAccount(sys, { provider: 'smtp', name: 'Bench SMTP sink', settings: { host: '127.0.0.1', port: sink.port, secure: false, requireTls: false, from: 'primaria@bench.example' }, secret: 'unused' });
    const settings = await c.notificationAdmin.getSettings(sys);
    // Quiet hours off: the figure must not depend on the hour the bench runs at.
    await c.notificationAdmin.updateSettings(sys, { quietStart: '00:00', quietEnd: '00:00', version: settings.version });
    const operator = await c.users.create(sys, { email: 'operator@bench.example', displayName: 'Operator', roles: ['operator'], locale: 'ro', password: 'Bench-Password-2026', departmentIds: [] });
    const ctx: RequestContext = { tenantId: tenant.id, actor: { type: 'user', id: operator.id, roles: ['operator'], departmentIds: [] }, requestId: null, channel: 'api' };

    log(`seeding ${opts.cases} citizens and cases`);
    const caseIds: string[] = [];
    for (let i = 0; i < opts.cases; i += 50) {
      const made = await Promise.all(
        Array.from({ length: Math.min(50, opts.cases - i) }, async (_, k) => {
          const n = i + k;
          const citizen = await c.citizens.create(ctx, CreateCitizenRequest.parse({ firstName: 'Ion', lastName: `Bench${n}`, phones: [`+4072${String(1000000 + n).padStart(7, '0')}`], emails: [`cetatean${n}@bench.example`], preferredLanguage: 'ro', preferredChannel: 'sms' }));
          // Walk-in: registration itself sends nothing, so the measured window holds only the fee notices.
          const kase = await c.cases.create(ctx, CreateCaseRequest.parse({ categoryId: category.id, channel: 'walk_in', citizenId: citizen.id, subject: `Certificat de urbanism ${n}`, description: 'Teren intravilan.' }));
          return kase.id;
        }),
      );
      caseIds.push(...made);
    }

    const q = (sql: string) => database.query<{ n: number }>(sql);
    log(`recording ${opts.events} fee-due steps (no worker running yet)`);
    const r0 = Date.now();
    const perTx = 250;
    const batches = Array.from({ length: Math.ceil(opts.events / perTx) }, (_, b) => b);
    // A few writers at once, as several clerks (or an import) would record fees.
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(
        batches.slice(i, i + 4).map((b) =>
          database.db.transaction(async (tx) => {
            for (let n = b * perTx; n < Math.min(opts.events, (b + 1) * perTx); n++) {
              await c.events.record(tx, {
                tenantId: tenant.id,
                type: 'case.fee_due',
                subjectType: 'case',
                subjectId: caseIds[n % caseIds.length]!,
                actorId: operator.id,
                payload: { feeId: crypto.randomUUID(), kind: 'fee', amountMinor: 1500 + n, currency: 'RON', receiptNumber: `CH-${n}`, stage: null, payUrl: null },
              });
            }
          }),
        ),
      );
    }
    const recordedMs = Date.now() - r0;
    // The registrations' own (empty) notification steps are queued too; they are part of the drain.
    const queued = await pending(q);
    log(`recorded in ${recordedMs} ms; ${queued} jobs queued; starting ${opts.workers} worker processes`);
    const sentOf = async (channel: string, purpose: string) =>
      (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM outbound_messages WHERE tenant_id = $1 AND channel = $2 AND purpose = $3 AND status IN ('sent', 'delivered')", [tenant.id, channel, purpose])).rows[0]!.n;
    /** Starts the workers, waits until `purpose`'s SMS and e-mails are all sent and the queue is empty, stops them. */
    const drain = async (purpose: string) => {
      // Counted before the workers start: they send as soon as they are up, before they say so.
      const smsAtStart = smsc.texts.length;
      const mailsAtStart = sink.ids.length;
      const ready: Promise<void>[] = [];
      for (let n = 1; n <= opts.workers; n++) {
        const w = startWorker(url, n);
        workers.push(w);
        ready.push(new Promise((resolve) => w.stdout!.on('data', (d: Buffer) => String(d).includes('CivicLine is running') && resolve())));
      }
      await Promise.all(ready);
      const t0 = Date.now();
      let smsDoneAt = 0;
      let emailDoneAt = 0;
      const deadline = Date.now() + 15 * 60_000;
      // The database is asked only once the servers have seen as many messages as are due: polling
      // it all along took PostgreSQL time from the workers being measured (a count every 50 ms).
      while ((!smsDoneAt || !emailDoneAt) && Date.now() < deadline) {
        if (!smsDoneAt && smsc.texts.length - smsAtStart >= opts.events && (await sentOf('sms', purpose)) >= opts.events) smsDoneAt = Date.now();
        if (!emailDoneAt && sink.ids.length - mailsAtStart >= opts.events && (await sentOf('email', purpose)) >= opts.events) emailDoneAt = Date.now();
        await new Promise((r) => setTimeout(r, 10));
      }
      for (let i = 0; i < 100 && (await pending(q)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      // Late duplicates, if any, would arrive now.
      await new Promise((r) => setTimeout(r, 1000));
      for (const w of workers.splice(0)) {
        w.kill('SIGTERM');
        if (w.exitCode === null) await new Promise((r) => w.once('exit', r));
      }
      const smsSeconds = smsDoneAt ? (smsDoneAt - t0) / 1000 : Number.NaN;
      const emailSeconds = emailDoneAt ? (emailDoneAt - t0) / 1000 : Number.NaN;
      return { smsSeconds, emailSeconds, smsPerSecond: round(opts.events / smsSeconds), emailPerSecond: round(opts.events / emailSeconds) };
    };

    // 1. The whole pipeline: each step's rule evaluated, its messages rendered and queued, then delivered.
    const pipeline = await drain('notification');
    const pipelineSmsTexts = smsc.texts.length;
    const pipelineMails = sink.ids.length;

    // 2. Delivery alone: as many SMS and e-mails already queued (as a campaign would be), each text its own.
    log(`queueing ${opts.events} SMS and ${opts.events} e-mails for the delivery-only run`);
    for (let i = 0; i < opts.events; i += 500) {
      await database.db.transaction(async (tx) => {
        const list = Array.from({ length: Math.min(500, opts.events - i) }, (_, k) => i + k).flatMap((n) => [
          { tenantId: tenant.id, channel: 'sms' as const, purpose: 'campaign' as const, toAddress: `+4072${String(1000000 + (n % opts.cases)).padStart(7, '0')}`, body: `Primaria Bench: taxa locala ${n} se poate plati online.`, idempotencyKey: `bench:sms:${n}` },
          { tenantId: tenant.id, channel: 'email' as const, purpose: 'campaign' as const, toAddress: `cetatean${n % opts.cases}@bench.example`, subject: `Taxa locala ${n}`, body: `Buna ziua, taxa locala ${n} se poate plati online.`, idempotencyKey: `bench:email:${n}` },
        ]);
        await c.messaging.queueMany(tx, list);
      });
    }
    const delivery = await drain('campaign');

    const { rows } = await database.query<{ purpose: string; channel: string; n: number; keys: number; sent: number; failed: number }>(
      `SELECT m.purpose, m.channel, count(*)::int AS n, count(DISTINCT m.idempotency_key)::int AS keys,
              count(*) FILTER (WHERE m.status IN ('sent', 'delivered'))::int AS sent, count(*) FILTER (WHERE m.status = 'failed')::int AS failed
         FROM outbound_messages m WHERE m.tenant_id = $1 AND m.purpose IN ('notification', 'campaign') GROUP BY m.purpose, m.channel ORDER BY m.purpose DESC, m.channel`,
      [tenant.id],
    );
    const smsDuplicates = smsc.texts.length - new Set(smsc.texts).size;
    const emailDuplicates = sink.ids.length - new Set(sink.ids).size;
    const met = pipeline.smsPerSecond >= TARGET_SMS_PER_SECOND && smsDuplicates === 0 && emailDuplicates === 0;
    const deliveryMet = delivery.smsPerSecond >= TARGET_SMS_PER_SECOND && smsDuplicates === 0 && emailDuplicates === 0;
    report = {
      when: new Date().toISOString(),
      code: codeVersion(),
      machine: await machineInfo(admin),
      options: opts,
      target: TARGET_SMS_PER_SECOND,
      recordedMs,
      pipeline: { sms: { parts: pipelineSmsTexts, seconds: round(pipeline.smsSeconds, 2), perSecond: pipeline.smsPerSecond }, email: { accepted: pipelineMails, seconds: round(pipeline.emailSeconds, 2), perSecond: pipeline.emailPerSecond } },
      delivery: { sms: { parts: smsc.texts.length - pipelineSmsTexts, seconds: round(delivery.smsSeconds, 2), perSecond: delivery.smsPerSecond }, email: { accepted: sink.ids.length - pipelineMails, seconds: round(delivery.emailSeconds, 2), perSecond: delivery.emailPerSecond } },
      duplicates: { sms: smsDuplicates, email: emailDuplicates },
      database: rows,
      met,
      deliveryMet,
    };
    console.log(`
## Notifications on PostgreSQL with ${opts.workers} worker processes: ${opts.events} fee notices, then ${opts.events} queued SMS and e-mails

| run | channel | accepted by the server | seconds from the workers' start | messages per second |
|---|---|---|---|---|
| pipeline: step → rule → rendered, queued → sent | SMS (SMPP submit_sm) | ${pipelineSmsTexts} parts / ${opts.events} messages | ${round(pipeline.smsSeconds, 2)} | ${pipeline.smsPerSecond} |
| | e-mail (SMTP) | ${pipelineMails} / ${opts.events} | ${round(pipeline.emailSeconds, 2)} | ${pipeline.emailPerSecond} |
| delivery: queued → sent | SMS (SMPP submit_sm) | ${smsc.texts.length - pipelineSmsTexts} parts / ${opts.events} messages | ${round(delivery.smsSeconds, 2)} | ${delivery.smsPerSecond} |
| | e-mail (SMTP) | ${sink.ids.length - pipelineMails} / ${opts.events} | ${round(delivery.emailSeconds, 2)} | ${delivery.emailPerSecond} |

Duplicates: ${smsDuplicates} SMS at the SMSC, ${emailDuplicates} e-mails at the sink.
Messages in the database: ${rows.map((r) => `${r.purpose}/${r.channel} ${r.n} (${r.keys} distinct keys, ${r.sent} sent, ${r.failed} failed)`).join('; ')}.
Target: at least ${TARGET_SMS_PER_SECOND} SMS/s and no duplicate — pipeline ${met ? 'met' : 'MISSED'}, delivery alone ${deliveryMet ? 'met' : 'MISSED'}.
`);
    fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
    fs.writeFileSync(path.join(HERE, 'results', `notifications-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
    await c.jobs.stop();
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    await smsc.close();
    await sink.close();
    await database.close();
    if (!opts.keep) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    else log(`kept ${url}`);
    await admin.end();
  }
  const dups = report?.duplicates as { sms: number; email: number } | undefined;
  if (!dups || dups.sms > 0 || dups.email > 0) process.exit(1);
}

await main();
