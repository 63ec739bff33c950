import smpp, { type Pdu, type Session } from 'smpp';
import { PermanentSendError, type OutgoingMessage, type SendResult, type Transport } from '../../modules/messaging/index.ts';
import { splitSms } from './gsm.ts';
import { concatInfo, concatUdh, parseDeliveryReceipt, type ReceiptOutcome } from './smpp-pdu.ts';

/** An institution's SMPP account (provider account `smpp`): settings plus the decrypted password. */
export interface SmppAccount {
  id: string;
  tenantId: string;
  version: number;
  settings: Record<string, unknown>;
  secret: string | null;
}

/** A message a phone sent to one of our numbers through the SMSC (deliver_sm without the receipt flag). */
export interface SmppInbound {
  accountId: string;
  tenantId: string;
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
  raw: Record<string, unknown>;
}

export interface SmppHandlers {
  /** A delivery receipt for a message we submitted; `provider` is the name the transport gave. */
  onReceipt(provider: string, messageId: string, outcome: Exclude<ReceiptOutcome, 'pending'>, error: string | null): void;
  /** Resolves once the message is committed; a rejection makes the SMSC deliver it again. */
  onInbound(message: SmppInbound): Promise<void>;
  logError(err: unknown, msg: string): void;
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' && v.trim() ? v.trim() : fallback);
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : fallback);

/** SMPP 3.4 §5.1.2.4: a temporary application error, so the SMSC retries the deliver_sm. */
const ESME_RX_T_APPN = 0x64;
const MAX_BACKOFF_MS = 60_000;
/**
 * submit_sm_resp statuses (SMPP 3.4, §5.1.3) that refuse this message itself: invalid message
 * length, invalid destination address, its TON or NPI, and the SMSC's "permanent application
 * error" and "reject message". Throttling (0x58), a full queue (0x14) and the rest are retried.
 */
const PERMANENT_SUBMIT_STATUSES = new Set([0x01, 0x0b, 0x50, 0x51, 0x65, 0x66]);

export const smppProviderName = (accountId: string) => `smpp:${accountId}`;

/** E.164 or national digits as SMPP addresses: international numbers TON 1 / NPI 1, sender names TON 5. */
function address(value: string): { addr: string; ton: number; npi: number } {
  if (/^\+\d+$/.test(value)) return { addr: value.slice(1), ton: 1, npi: 1 };
  if (/^\d+$/.test(value)) return { addr: value, ton: 0, npi: 1 };
  return { addr: value.slice(0, 11), ton: 5, npi: 0 };
}

/** An address the SMSC gave us, as E.164 when it says so. */
function fromSmpp(addr: unknown, ton: unknown): string {
  const a = typeof addr === 'string' ? addr.trim() : '';
  return ton === 1 && /^\d+$/.test(a) ? `+${a}` : a;
}

/**
 * One bound transceiver session to one institution's SMSC: reconnects with exponential backoff
 * while the pool wants it, submits messages (split and UCS-2 encoded as needed, each part asking
 * for a delivery receipt), and hands receipts and incoming messages to the handlers.
 */
class SmppConnection {
  private session: Session | null = null;
  private bound = false;
  private stopped = false;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private waiters: { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  private reference = Math.floor(Math.random() * 256);
  /** Parts of concatenated incoming messages, until all have arrived. */
  private partial = new Map<string, { parts: Map<number, string>; total: number; first: Date; timer: NodeJS.Timeout }>();
  lastError: string | null = null;

  constructor(
    readonly account: SmppAccount,
    private readonly handlers: SmppHandlers,
  ) {
    this.connect();
  }

  get provider() {
    return smppProviderName(this.account.id);
  }

  private connect() {
    if (this.stopped) return;
    const s = this.account.settings;
    const session = smpp.connect({
      host: str(s.host, '127.0.0.1'),
      port: num(s.port, 2775),
      tls: s.tls === true || s.tls === 'true',
      auto_enquire_link_period: num(s.enquireLinkSeconds, 30) * 1000,
    });
    this.session = session;
    session.on('connect', () => {
      session.bind_transceiver(
        { system_id: str(s.systemId), password: this.account.secret ?? '', system_type: str(s.systemType), interface_version: 0x34 },
        (pdu) => {
          if (pdu.command_status === 0) {
            this.bound = true;
            this.attempts = 0;
            this.lastError = null;
            for (const w of this.waiters.splice(0)) {
              clearTimeout(w.timer);
              w.resolve();
            }
          } else {
            this.lastError = `bind refused by the SMSC (status 0x${pdu.command_status.toString(16)})`;
            session.close();
          }
        },
      );
    });
    session.on('deliver_sm', (pdu: Pdu) => void this.onDeliver(session, pdu));
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    session.on('close', () => {
      if (this.session !== session) return;
      this.bound = false;
      this.session = null;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    const delay = Math.min(MAX_BACKOFF_MS, num(this.account.settings.reconnectBaseMs, 1000) * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 16);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Resolves once bound (at once if it is), or fails after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void> {
    if (this.bound) return Promise.resolve();
    if (this.stopped) return Promise.reject(new Error('the SMPP session is closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`the SMSC is not reachable${this.lastError ? `: ${this.lastError}` : ''}`));
      }, timeoutMs);
      this.waiters.push({ resolve, reject, timer });
    });
  }

  private request(command: 'submit_sm', options: Record<string, unknown>, timeoutMs: number): Promise<Pdu> {
    const session = this.session;
    return new Promise((resolve, reject) => {
      if (!session || !this.bound) return reject(new Error('the SMPP session is not bound'));
      const timer = setTimeout(() => reject(new Error(`no ${command}_resp from the SMSC within ${timeoutMs} ms`)), timeoutMs);
      const sent = session[command](options, (pdu) => {
        clearTimeout(timer);
        resolve(pdu);
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new Error('the SMPP connection is not writable'));
      }
    });
  }

  async submit(message: OutgoingMessage): Promise<SendResult> {
    const s = this.account.settings;
    const timeoutMs = num(s.submitTimeoutSeconds, 15) * 1000;
    await this.ready(timeoutMs);
    const { encoding, parts } = splitSms(message.body);
    const source = address(str(s.sourceAddr, str(s.from)));
    const dest = address(message.toAddress);
    const reference = (this.reference = (this.reference + 1) % 256);
    const ids: string[] = [];
    for (const [i, part] of parts.entries()) {
      const pdu = await this.request(
        'submit_sm',
        {
          source_addr: source.addr,
          source_addr_ton: source.ton,
          source_addr_npi: source.npi,
          destination_addr: dest.addr,
          dest_addr_ton: dest.ton,
          dest_addr_npi: dest.npi,
          registered_delivery: smpp.REGISTERED_DELIVERY.FINAL,
          data_coding: encoding === 'GSM-7' ? smpp.ENCODING.SMSC_DEFAULT : smpp.ENCODING.UCS2,
          short_message: parts.length > 1 ? { udh: concatUdh(reference, parts.length, i + 1), message: part } : { message: part },
        },
        timeoutMs,
      );
      if (pdu.command_status !== 0) {
        const reason = `the SMSC refused the message (submit_sm_resp status 0x${pdu.command_status.toString(16)})`;
        throw PERMANENT_SUBMIT_STATUSES.has(pdu.command_status) ? new PermanentSendError(reason) : new Error(reason);
      }
      ids.push(String(pdu.message_id ?? ''));
    }
    // The receipt of the first part stands for the message (parts are delivered together).
    return { provider: this.provider, providerMessageId: ids[0] || null };
  }

  private async onDeliver(session: Session, pdu: Pdu) {
    const esmClass = Number(pdu.esm_class ?? 0);
    const sm = pdu.short_message as { message?: string | Buffer; udh?: Buffer[] } | undefined;
    const payload = pdu.message_payload as { message?: string | Buffer } | undefined;
    const text = String(payload?.message ?? sm?.message ?? '');
    if (esmClass & smpp.ESM_CLASS.MC_DELIVERY_RECEIPT) {
      session.send(pdu.response());
      const receipt = parseDeliveryReceipt(text, {
        receiptedMessageId: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : undefined,
        messageState: typeof pdu.message_state === 'number' ? pdu.message_state : undefined,
      });
      if (receipt && receipt.outcome !== 'pending') this.handlers.onReceipt(this.provider, receipt.messageId, receipt.outcome, receipt.outcome === 'failed' ? `${receipt.stat} (err ${receipt.err ?? '?'})` : null);
      return;
    }
    const from = fromSmpp(pdu.source_addr, pdu.source_addr_ton);
    const to = fromSmpp(pdu.destination_addr, pdu.dest_addr_ton);
    const concat = concatInfo(sm?.udh);
    let whole = text;
    let first = new Date();
    if (concat && concat.total > 1) {
      const key = `${from}|${to}|${concat.reference}|${concat.total}`;
      let entry = this.partial.get(key);
      if (!entry) {
        const timer = setTimeout(() => this.partial.delete(key), 10 * 60_000);
        timer.unref();
        entry = { parts: new Map(), total: concat.total, first: new Date(), timer };
        this.partial.set(key, entry);
      }
      entry.parts.set(concat.part, text);
      if (entry.parts.size < entry.total) {
        session.send(pdu.response());
        return;
      }
      clearTimeout(entry.timer);
      this.partial.delete(key);
      whole = [...entry.parts.entries()].sort(([a], [b]) => a - b).map(([, t]) => t).join('');
      first = entry.first;
    }
    try {
      await this.handlers.onInbound({
        accountId: this.account.id,
        tenantId: this.account.tenantId,
        from,
        to,
        text: whole,
        receivedAt: first,
        raw: { command: pdu.command, source_addr: pdu.source_addr, destination_addr: pdu.destination_addr, esm_class: esmClass, data_coding: pdu.data_coding, text: whole },
      });
      session.send(pdu.response());
    } catch (err) {
      this.handlers.logError(err, 'SMPP incoming message not recorded; the SMSC will retry');
      session.send(pdu.response({ command_status: ESME_RX_T_APPN }));
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new Error('the SMPP session is closed'));
    }
    for (const p of this.partial.values()) clearTimeout(p.timer);
    const session = this.session;
    this.session = null;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const done = setTimeout(() => {
        session.destroy();
        resolve();
      }, 2000);
      done.unref();
      const finish = () => {
        clearTimeout(done);
        session.destroy(() => resolve());
      };
      if (this.bound && session.unbind({}, finish)) return;
      finish();
    });
  }
}

/**
 * One SMPP session per account per node, opened on first use (or at worker start for incoming
 * messages) and kept: SMSCs bill and throttle binds, and receipts arrive on the session.
 * A changed account (new settings or password) gets a fresh session.
 */
export function createSmppPool(handlers: SmppHandlers) {
  const connections = new Map<string, SmppConnection>();

  async function connectionFor(account: SmppAccount): Promise<SmppConnection> {
    const existing = connections.get(account.id);
    if (existing && existing.account.version === account.version && existing.account.secret === account.secret) return existing;
    if (existing) await existing.close();
    const c = new SmppConnection(account, handlers);
    connections.set(account.id, c);
    return c;
  }

  return {
    async transport(account: SmppAccount): Promise<Transport> {
      const c = await connectionFor(account);
      return { name: c.provider, send: (m) => c.submit(m) };
    },
    /** Keeps a session open for each of these accounts (incoming messages), closing the others. */
    async keep(accounts: SmppAccount[]): Promise<void> {
      const wanted = new Set(accounts.map((a) => a.id));
      for (const [id, c] of connections) {
        if (!wanted.has(id)) {
          connections.delete(id);
          await c.close();
        }
      }
      for (const a of accounts) await connectionFor(a);
    },
    status() {
      return [...connections.values()].map((c) => ({ accountId: c.account.id, lastError: c.lastError }));
    },
    async close(): Promise<void> {
      const all = [...connections.values()];
      connections.clear();
      await Promise.all(all.map((c) => c.close()));
    },
  };
}

export type SmppPool = ReturnType<typeof createSmppPool>;
