import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { ChannelConfigService } from '../../modules/intake/index.ts';
import { PermanentSendError, type OutgoingMessage, type Transport, type TransportResolver } from '../../modules/messaging/index.ts';

/** Settings of a provider account of provider `smtp` (the password is the account's secret). */
export interface SmtpAccountSettings {
  host: string;
  port?: number;
  /** Implicit TLS (port 465); otherwise STARTTLS is used when the relay offers it. */
  secure?: boolean;
  /** Refuse to send unless the relay offers STARTTLS. */
  requireTls?: boolean;
  user?: string;
  /** The From of our mail, e.g. `Primăria Demo <registratura@primaria-demo.ro>`. */
  from?: string;
  replyTo?: string;
}

function readSettings(s: Record<string, unknown>): SmtpAccountSettings | null {
  if (typeof s.host !== 'string' || !s.host.trim()) return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const bool = (v: unknown) => v === true || v === 'true';
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return {
    host: s.host.trim(),
    ...(num(s.port) !== undefined ? { port: num(s.port)! } : {}),
    secure: bool(s.secure),
    requireTls: bool(s.requireTls),
    ...(str(s.user) ? { user: str(s.user)! } : {}),
    ...(str(s.from) ? { from: str(s.from)! } : {}),
    ...(str(s.replyTo) ? { replyTo: str(s.replyTo)! } : {}),
  };
}

/**
 * One e-mail over SMTP with nodemailer. The stored Message-ID is the one sent, and In-Reply-To /
 * References point at the citizen's message, so their reply threads back to the case.
 */
export function smtpTransport(options: SMTPTransport.Options | string, defaults: { from: string; replyTo?: string | undefined; name?: string }): Transport {
  // Pooled: a batch of notices goes over a few open connections instead of one handshake (and
  // STARTTLS) per message.
  const pooled = { ...(typeof options === 'string' ? { url: options } : options), pool: true, maxConnections: 4 };
  const transporter = nodemailer.createTransport(pooled as SMTPTransport.Options);
  return {
    name: defaults.name ?? 'smtp',
    async send(message: OutgoingMessage) {
      const info = await transporter.sendMail(mailOf(message, defaults)).catch((err: unknown) => {
        throw asPermanentRefusal(err) ?? err;
      });
      return { provider: 'smtp', providerMessageId: info.messageId ?? message.messageId ?? null };
    },
    close: () => transporter.close(),
  };
}

function mailOf(message: OutgoingMessage, defaults: { from: string; replyTo?: string | undefined }) {
  return {
    from: defaults.from,
    ...(defaults.replyTo ? { replyTo: defaults.replyTo } : {}),
    to: message.toAddress,
    subject: message.subject ?? '',
    text: message.body,
    ...(message.messageId ? { messageId: message.messageId } : {}),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: [message.inReplyTo] } : {}),
    headers: {
      // Everything CivicLine sends today is automatic (acknowledgements, notifications, codes):
      // other robots must not answer it (RFC 3834), nor Exchange with an out-of-office.
      'Auto-Submitted': message.inReplyTo ? 'auto-replied' : 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  };
}

/**
 * The relay's 5xx to this message (RFC 5321 §4.2.1: "do not repeat the exact request"): no such
 * mailbox, a refused recipient domain, a message refused as it is. A refused login (5.7.8, 530,
 * 534, 535, 538) is the account's, not the message's: an administrator corrects it and the retry
 * goes through. Null for anything temporary.
 */
function asPermanentRefusal(err: unknown): PermanentSendError | null {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.code === 'EAUTH' || typeof e.responseCode !== 'number') return null;
  if (e.responseCode < 500 || e.responseCode > 599 || [530, 534, 535, 538].includes(e.responseCode)) return null;
  return new PermanentSendError(`the mail server refused the message: ${(e.response ?? e.message ?? String(e.responseCode)).slice(0, 300)}`, { cause: err });
}

/**
 * The e-mail piece of the transport resolver: the institution's own `smtp` provider account if it
 * has one, else the relay configured for the whole installation (SMTP_RELAY_URL), else null (the
 * caller falls back to the development sink).
 */
export function emailTransportResolver(deps: {
  channelConfig: Pick<ChannelConfigService, 'account'>;
  relayUrl: string | undefined;
  from: string;
}): TransportResolver {
  const cache = new Map<string, Transport>();
  const relay = deps.relayUrl ? smtpTransport(deps.relayUrl, { from: deps.from, name: 'smtp-relay' }) : null;
  return async (tenantId) => {
    const account = await deps.channelConfig.account(tenantId, 'smtp');
    const settings = account ? readSettings(account.settings) : null;
    if (!account || !settings) return relay;
    // Keyed by the account's version: changed settings take effect on the next message.
    const key = `${account.id}:${account.version}`;
    let t = cache.get(key);
    if (!t) {
      for (const [k, old] of cache) {
        if (!k.startsWith(`${account.id}:`)) continue;
        old.close?.();
        cache.delete(k);
      }
      t = smtpTransport(
        {
          host: settings.host,
          port: settings.port ?? (settings.secure ? 465 : 587),
          secure: settings.secure ?? false,
          requireTLS: settings.requireTls ?? false,
          ...(settings.user ? { auth: { user: settings.user, pass: account.secret ?? '' } } : {}),
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        },
        { from: settings.from ?? deps.from, replyTo: settings.replyTo },
      );
      cache.set(key, t);
    }
    return t;
  };
}
