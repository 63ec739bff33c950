import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ChannelConfigService, IntakeOutcome, IntakeService, MailboxRoute } from '../../modules/intake/index.ts';
import { parseMail, toInboundMessage } from './mail-message.ts';
import { createSenderPolicy } from './sender-policy.ts';

export interface SmtpListenerSettings {
  port: number;
  host: string;
  hostname: string;
  tls: { certFile: string; keyFile: string } | null;
  maxBytes: number;
  allowSenders: string[];
  denySenders: string[];
  /** How long a message may wait for intake before the sender is told to retry (default 120 s). */
  intakeTimeoutMs?: number;
}

export interface SmtpLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SmtpListener {
  /** Starts listening; resolves with the port (useful with port 0). */
  listen(): Promise<number>;
  close(): Promise<void>;
  readonly port: number | undefined;
}

/** An SMTP reply that is not 250: the code is what the sending server acts on. */
class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

const silentLog: SmtpLog = { info() {}, warn() {}, error() {} };

/**
 * CivicLine's own mail exchanger. It translates and verifies, intake decides. It answers `250`
 * only once intake has committed the message (with its case, correspondence or "ignored" record);
 * any failure on our side is a `451` so the sending server keeps the message and tries again, and
 * a retried message is recognised by its Message-ID, so it never becomes two cases.
 */
export function createSmtpListener(deps: {
  intake: Pick<IntakeService, 'receive'>;
  channelConfig: Pick<ChannelConfigService, 'resolveMailbox'>;
  settings: SmtpListenerSettings;
  log?: SmtpLog;
  now?: () => Date;
}): SmtpListener {
  const { intake, channelConfig, settings } = deps;
  const log = deps.log ?? silentLog;
  const now = deps.now ?? (() => new Date());
  const policy = createSenderPolicy({ allow: settings.allowSenders, deny: settings.denySenders });
  const routes = new WeakMap<SMTPServerAddress, MailboxRoute>();
  const intakeTimeoutMs = settings.intakeTimeoutMs ?? 120_000;
  let boundPort: number | undefined;

  const server = new SMTPServer({
    name: settings.hostname,
    banner: 'CivicLine',
    size: settings.maxBytes,
    // A mail exchanger for the institution's addresses: no relaying, so no authentication either.
    authOptional: true,
    disabledCommands: settings.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(settings.tls ? { key: fs.readFileSync(settings.tls.keyFile), cert: fs.readFileSync(settings.tls.certFile) } : {}),
    logger: false,
    maxClients: 500,
    socketTimeout: 5 * 60_000,
    hideDSN: true,

    onMailFrom(address, _session, callback) {
      if (!policy.allows(address.address)) {
        callback(new SmtpReply(550, '5.7.1 Sender not accepted here'));
        return;
      }
      callback();
    },

    onRcptTo(address, session, callback) {
      channelConfig.resolveMailbox(address.address).then(
        (route) => {
          if (!route) {
            callback(new SmtpReply(550, '5.1.1 No such mailbox here'));
            return;
          }
          // The mailbox's own lists: refused for this recipient only, the others of the message still get it.
          const sender = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          if (route.senders && !createSenderPolicy(route.senders).allows(sender)) {
            callback(new SmtpReply(550, '5.7.1 Sender not accepted for this mailbox'));
            return;
          }
          routes.set(address, route);
          callback();
        },
        (err: unknown) => {
          log.error({ err }, 'SMTP: the mailbox map could not be read');
          callback(new SmtpReply(451, '4.3.0 Temporary failure, please try again later'));
        },
      );
    },

    onData(stream, session, callback) {
      receiveData(stream, session).then(
        (reply) => callback(null, reply),
        (err: unknown) => {
          if (err instanceof SmtpReply) {
            callback(err);
            return;
          }
          log.error({ err, session: session.id }, 'SMTP: the message was not committed; the sender is asked to retry');
          callback(new SmtpReply(451, '4.3.0 Temporary failure, please try again later'));
        },
      );
    },
  });
  server.on('error', (err) => log.warn({ err }, 'SMTP connection error'));

  async function readAll(stream: SMTPServerDataStream): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Past the limit the rest is read and dropped; smtp-server answers 552.
      if (size <= settings.maxBytes) chunks.push(chunk);
    }
    return stream.sizeExceeded ? null : Buffer.concat(chunks);
  }

  function receivedHeader(session: SMTPServerSession, at: Date): string {
    const helo = (session.hostNameAppearsAs || 'unknown').replace(/[^\w.:[\]-]/g, '');
    const tls = session.secure ? 'ESMTPS' : 'ESMTP';
    return `Received: from ${helo} ([${session.remoteAddress}])\r\n\tby ${settings.hostname} (CivicLine) with ${tls} id ${session.id};\r\n\t${at.toUTCString().replace('GMT', '+0000')}\r\n`;
  }

  async function receiveData(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const body = await readAll(stream);
    if (!body) throw new SmtpReply(552, `5.3.4 Message exceeds the maximum size of ${settings.maxBytes} bytes`);
    const receivedAt = now();
    // Our trace line goes on the stored copy, as every mail server adds one (RFC 5321 §4.4).
    const raw = Buffer.concat([Buffer.from(receivedHeader(session, receivedAt)), body]);
    let parsed;
    try {
      parsed = await parseMail(body);
    } catch (err) {
      log.warn({ err, session: session.id }, 'SMTP: unparseable message refused');
      throw new SmtpReply(554, '5.6.0 The message could not be read as MIME');
    }
    const envelopeFrom = session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address;
    const outcomes: IntakeOutcome[] = [];
    const seen = new Set<string>();
    for (const rcpt of session.envelope.rcptTo) {
      const route = routes.get(rcpt);
      if (!route || seen.has(route.mailboxId)) continue;
      seen.add(route.mailboxId);
      const msg = toInboundMessage(parsed, raw, { route, envelope: { mailFrom: envelopeFrom, recipient: route.address }, receivedAt, original: body });
      outcomes.push(await withTimeout(intake.receive(msg), intakeTimeoutMs));
    }
    log.info({ session: session.id, outcomes: outcomes.map((o) => o.outcome) }, 'SMTP: message committed');
    return `2.0.0 Ok: ${outcomes.map((o) => o.inboundId).join(' ')}`;
  }

  return {
    get port() {
      return boundPort;
    },
    listen() {
      return new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) =>
          reject(err.code === 'EADDRINUSE' ? Object.assign(new Error(`SMTP port ${settings.port} on ${settings.host} is already in use: set SMTP_PORT, or run without the smtp role (CIVICLINE_ROLES=web,worker)`), { code: err.code }) : err);
        server.server.once('error', onError);
        server.listen(settings.port, settings.host, () => {
          server.server.off('error', onError);
          boundPort = (server.server.address() as AddressInfo).port;
          resolve(boundPort);
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`intake did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
