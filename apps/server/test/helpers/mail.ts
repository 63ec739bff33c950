import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Container } from '../../src/container.ts';
import { systemContext } from '../../src/platform/auth/context.ts';
import { createTenant } from './harness.ts';

/** Tools from Debian packages that .ci/run installs: a real SMTP client and a real IMAP server. */
export function requireTool(name: string, pkg: string): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed: apt-get install -y ${pkg} (.ci/run does this)`);
}

export interface SwaksResult {
  code: number;
  transcript: string;
  /** The server's replies, in order ("250 …", "550 …"). */
  replies: string[];
  /** The last reply the server gave. */
  last: string;
}

/** Sends one message with Debian's swaks. `args` are swaks options besides the server. */
export function swaks(port: number, args: string[]): Promise<SwaksResult> {
  const bin = requireTool('swaks', 'swaks');
  return new Promise((resolve) => {
    execFile(bin, ['--server', '127.0.0.1', '--port', String(port), '--timeout', '60', '--helo', 'client.example.test', ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const transcript = `${stdout}${stderr}`;
      const replies = transcript
        .split('\n')
        .filter((l) => /^\s*<[-*~]{1,2}\s+\d{3}[ -]/.test(l))
        .map((l) => l.replace(/^\s*<[-*~]{1,2}\s+/, '').trim())
        .filter((l) => !/^\d{3}-/.test(l));
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, transcript, replies, last: replies[replies.length - 1] ?? '' });
    });
  });
}

/** A file in a fresh temporary directory. */
export function tempFile(name: string, content: Buffer | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-mail-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A small but real PDF. */
export function samplePdf(text = 'Cerere'): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface CapturedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/** A local SMTP server standing in for the institution's relay: it keeps what it is given. */
/** `refuse`: recipients answered 550 (no such mailbox), as a real relay does for a mistyped address. */
export async function startRelay(opts: { user?: string; password?: string; refuse?: string[] } = {}) {
  const received: CapturedMail[] = [];
  const refusals: string[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: opts.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.user,
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.password) cb(null, { user: auth.username });
      else cb(new Error('Invalid credentials'));
    },
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.includes(address.address)) {
        refusals.push(address.address);
        cb(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          received.push({ envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) }, raw, parsed });
          for (const w of waiters.splice(0)) w();
          cb();
        }, cb);
      });
    },
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as net.AddressInfo).port)));
  return {
    port,
    received,
    /** Every RCPT TO answered 550, in order. */
    refusals,
    /** Resolves with the first message to `to` (already received or still to come). */
    async waitFor(to: string, timeoutMs = 20_000): Promise<CapturedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find((m) => m.envelope.to.includes(to));
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} reached the relay; it has ${received.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs `cleanup` (a shell command) once this test process is gone, however it ends (a killed
 * worker never runs its afterAll): servers started for a test must not outlive it. The returned
 * function cancels it, for a normal stop (so no stale pid is ever signalled).
 */
export function cleanupWhenGone(cleanup: string): () => void {
  const watcher = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${cleanup}`], { detached: true, stdio: 'ignore' });
  watcher.unref();
  return () => {
    if (watcher.exitCode === null) watcher.kill('SIGKILL');
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for STARTTLS tests. */
export function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(requireTool('openssl', 'openssl'), ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=mx.civicline.test'], { stdio: 'ignore' });
  return { certFile, keyFile };
}

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * A throwaway Dovecot IMAP server (Debian's dovecot-imapd) on 127.0.0.1: plaintext login, any user
 * with one static password, maildirs in a temporary directory. Stopped by its own pid.
 */
export async function startDovecot(): Promise<Dovecot> {
  const bin = requireTool('dovecot', 'dovecot-imapd');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicline-dovecot-'));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // As root, mail is handled as "nobody" (Dovecot refuses uid 0); otherwise as ourselves.
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  const user = os.userInfo().username;
  fs.mkdirSync(path.join(dir, 'mail'));
  fs.mkdirSync(path.join(dir, 'run'));
  if (root) fs.chownSync(path.join(dir, 'mail'), uid, gid);
  fs.chmodSync(dir, 0o755);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    [
      'protocols = imap',
      'listen = 127.0.0.1',
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/run/state`,
      `instance_name = civicline-test-${port}`,
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `mail_location = maildir:${dir}/mail/%u`,
      `log_path = ${dir}/dovecot.log`,
      'first_valid_uid = 1',
      ...(root ? [] : [`default_login_user = ${user}`, `default_internal_user = ${user}`]),
      'passdb {', '  driver = static', '  args = password=imap-secret', '}',
      'userdb {', '  driver = static', `  args = uid=${uid} gid=${gid} home=${dir}/mail/%u`, '}',
      'service imap-login {', `  inet_listener imap {`, '    address = 127.0.0.1', `    port = ${port}`, '  }', '  inet_listener imaps {', '    port = 0', '  }', '  chroot =', '}',
      'service anvil {', '  chroot =', '}',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(dir, 'run', 'state'), { recursive: true });
  const child: ChildProcess = spawn(bin, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const cancelCleanup = cleanupWhenGone(`kill -9 ${child.pid} 2>/dev/null; rm -rf '${dir}'`);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      cancelCleanup();
      child.kill('SIGKILL');
      const log = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
      throw new Error(`dovecot did not start:\n${output}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user: 'registratura',
    password: 'imap-secret',
    async stop() {
      cancelCleanup();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An institution with a petitions category and one SMTP mailbox for it (and a fax mailbox). */
export async function mailInstitution(c: Container) {
  const tenant = await createTenant(c, { defaultLanguage: 'ro' });
  const ctx = systemContext(tenant.id);
  const domain = `${tenant.slug}.primaria.example`;
  const dept = await c.departments.create(ctx, { code: 'REG', name: { ro: 'Registratura' }, parentId: null, email: null });
  const register = await c.registers.create(ctx, { code: 'PET', name: { ro: 'Petiții' }, format: 'PET-{year}-{seq:6}', yearly: true });
  const category = await c.categories.create(ctx, {
    group: 'petitions', description: {}, departmentId: dept.id, registerId: register.id, routing: { strategy: 'manual', supervisorIds: [] },
    deadline: { unit: 'calendar_days', amount: 30, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 15, forwardingDays: 5, warnBeforeHours: 72 },
    sendSms: false, instant: false, sensitive: false, disclosureLevel: 'L1', allowAnonymous: false, active: true,
    code: 'PET', name: { ro: 'Petiție' }, fields: [],
  });
  const mailbox = { departmentId: null, acknowledge: true, imap: null } as const;
  const petitii = `petitii@${domain}`;
  const fax = `fax@${domain}`;
  await c.channelConfig.createMailbox(ctx, { ...mailbox, address: petitii, name: 'Petiții', categoryId: category.id, isFax: false });
  await c.channelConfig.createMailbox(ctx, { ...mailbox, address: fax, name: 'Fax registratură', categoryId: category.id, isFax: true });
  return { tenant, tenantId: tenant.id, domain, petitii, fax, categoryId: category.id, departmentId: dept.id };
}
