/**
 * The SMTP load generator for `npm run bench:email`, run in its own process so that building and
 * sending messages takes no CPU time from the server's event loop. Each of `connections` senders
 * keeps one SMTP connection open (as a sending mail server does) and sends one message after
 * another: a unique Message-ID and text, a PDF attachment of `attachmentBytes`. It warms up, tells
 * the parent the measured window has begun, and reports what completed inside it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';

export interface SmtpLoadJob {
  port: number;
  to: string;
  connections: number;
  attachmentBytes: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface SmtpLoadResult {
  accepted: number;
  temporaryFailures: number;
  permanentFailures: number;
  otherErrors: number;
  seconds: number;
  latenciesMs: number[];
  cpuMs: number;
  warmupAccepted: number;
  messageBytes: number;
  firstError: string | null;
}

export type SmtpLoadMessage = { type: 'warmed' } | { type: 'result'; result: SmtpLoadResult };

function attachment(bytes: number): Buffer {
  // A PDF header and trailer around incompressible filler: sniffed as a PDF, sized as asked.
  const head = Buffer.from('%PDF-1.4\n% bench filler\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length - tail.length)), tail]);
}

/** The message once as MIME; per message only the headers and first body line change. */
function template(to: string, bytes: number) {
  const b64 = attachment(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  const tail = Buffer.from(
    [
      '',
      '--BENCH-BOUNDARY',
      'Content-Type: application/pdf; name="cerere-scanata.pdf"',
      'Content-Disposition: attachment; filename="cerere-scanata.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--BENCH-BOUNDARY--',
      '',
    ].join('\r\n'),
  );
  return (n: number, sender: string) => {
    const id = `<${randomUUID()}@bench.example.test>`;
    const head = [
      `From: =?UTF-8?Q?Cet=C4=83=C8=9Bean_${n}?= <${sender}>`,
      `To: ${to}`,
      `Subject: =?UTF-8?B?${Buffer.from(`Sesizare ${n}: groapă pe șosea`).toString('base64')}?=`,
      `Message-ID: ${id}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="BENCH-BOUNDARY"',
      '',
      '--BENCH-BOUNDARY',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `Bună ziua, sesizarea nr. ${n} (${id}): pe strada Mare este o groapă. Vă rog să o remediați.`,
    ].join('\r\n');
    return Buffer.concat([Buffer.from(head), tail]);
  };
}

async function run(job: SmtpLoadJob): Promise<void> {
  const build = template(job.to, job.attachmentBytes);
  const messageBytes = build(0, 'x@bench.example.test').length;
  const result: SmtpLoadResult = { accepted: 0, temporaryFailures: 0, permanentFailures: 0, otherErrors: 0, seconds: 0, latenciesMs: [], cpuMs: 0, warmupAccepted: 0, messageBytes, firstError: null };
  // Steady load from the start; what completes inside the window [from, to) is what counts.
  let window: { from: number; to: number } | null = null;
  let stopping = false;
  let n = 0;
  const inWindow = (t: number) => window !== null && t >= window.from && t < window.to;

  async function sender(k: number) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: job.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity, socketTimeout: 120_000 });
    while (!stopping) {
      const i = ++n;
      const from = `cetatean.${k}.${i}@bench.example.test`;
      const started = performance.now();
      try {
        await transport.sendMail({ envelope: { from, to: [job.to] }, raw: build(i, from) });
        const done = performance.now();
        if (inWindow(done)) {
          result.accepted++;
          result.latenciesMs.push(done - started);
        } else if (window === null) result.warmupAccepted++;
      } catch (err) {
        const e = err as { responseCode?: number; message: string };
        result.firstError ??= e.message;
        if (!inWindow(performance.now())) continue;
        if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500) result.temporaryFailures++;
        else if (e.responseCode && e.responseCode >= 500) result.permanentFailures++;
        else result.otherErrors++;
      }
    }
    transport.close();
  }

  const senders = Array.from({ length: job.connections }, (_, k) => sender(k));
  await new Promise((r) => setTimeout(r, job.warmupSeconds * 1000));
  const cpu = process.cpuUsage();
  const from = performance.now();
  window = { from, to: from + job.durationSeconds * 1000 };
  process.send!({ type: 'warmed' } satisfies SmtpLoadMessage);
  await new Promise((r) => setTimeout(r, job.durationSeconds * 1000));
  const used = process.cpuUsage(cpu);
  result.cpuMs = (used.user + used.system) / 1000;
  result.seconds = job.durationSeconds;
  process.send!({ type: 'result', result } satisfies SmtpLoadMessage);
  stopping = true;
  await Promise.all(senders);
}

process.once('message', (job: SmtpLoadJob) => {
  run(job).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
