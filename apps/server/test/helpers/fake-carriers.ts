/**
 * Carriers we do not own, faked at the network boundary only: a local HTTP server speaking
 * Twilio's REST API (and calling back like Twilio does), a local SMSC speaking SMPP 3.4 (the
 * `smpp` package's own server), and a generic HTTP gateway.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import smpp, { type Pdu, type Session } from 'smpp';
import { formatDeliveryReceipt } from '../../src/channels/sms/smpp-pdu.ts';
import { PUBLIC_URL, signTwilio } from './phone-fixtures.ts';

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

async function listen(server: http.Server | NetServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends a provider's callback for a public URL of ours to where the app really listens (as a reverse proxy would). */
function towardsApp(appBase: string, publicUrl: string): string {
  if (!publicUrl.startsWith(PUBLIC_URL)) throw new Error(`callback to an unexpected URL ${publicUrl}`);
  return appBase + publicUrl.slice(PUBLIC_URL.length);
}

export interface TwilioMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}

export async function startFakeTwilio(opts: { accountSid: string; authToken: string; appBase: string }) {
  const accepted: TwilioMessage[] = [];
  const callbacks: { sid: string; status: string; answer: number }[] = [];
  let requests = 0;
  /** Every n-th new message is refused with 503 the first time it is sent (0: none). */
  let failEvery = 0;
  const seenBodies = new Map<string, number>();
  /** The final status of the n-th accepted message. */
  let finalStatus: (n: number) => 'delivered' | 'undelivered' = () => 'delivered';
  let held: (() => Promise<void>)[] | null = null;
  /** Numbers Twilio refuses as it does a number that cannot exist (error 21211). */
  const invalidNumbers = new Set<string>();

  async function callback(m: TwilioMessage, status: string, extra: Record<string, string> = {}) {
    if (!m.statusCallback) return;
    const params: Record<string, string> = { AccountSid: opts.accountSid, ApiVersion: '2010-04-01', From: m.from, To: m.to, MessageSid: m.sid, SmsSid: m.sid, MessageStatus: status, SmsStatus: status, ...extra };
    const res = await fetch(towardsApp(opts.appBase, m.statusCallback), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(opts.authToken, m.statusCallback, params) },
      body: new URLSearchParams(params).toString(),
    });
    callbacks.push({ sid: m.sid, status, answer: res.status });
  }

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const expected = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
    const given = req.headers.authorization ?? '';
    if (match[1] !== opts.accountSid || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      return json(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    }
    requests++;
    const form = new URLSearchParams(body);
    const key = `${form.get('To')}|${form.get('Body')}`;
    const tries = (seenBodies.get(key) ?? 0) + 1;
    seenBodies.set(key, tries);
    if (failEvery > 0 && tries === 1 && seenBodies.size % failEvery === 0) return json(503, { code: 20500, message: 'Service temporarily unavailable', status: 503 });
    if (!form.get('To') || !form.get('Body') || !(form.get('From') || form.get('MessagingServiceSid'))) return json(400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
    if (invalidNumbers.has(form.get('To')!)) return json(400, { code: 21211, message: `The 'To' number ${form.get('To')} is not a valid phone number.`, more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 });
    const m: TwilioMessage = { sid: `SM${randomBytes(16).toString('hex')}`, to: form.get('To')!, from: form.get('From') ?? '', body: form.get('Body')!, statusCallback: form.get('StatusCallback') };
    accepted.push(m);
    const n = accepted.length;
    json(201, {
      sid: m.sid, account_sid: opts.accountSid, to: m.to, from: m.from, body: m.body, status: 'queued', num_segments: '1', direction: 'outbound-api',
      api_version: '2010-04-01', date_created: new Date().toUTCString(), error_code: null, error_message: null, uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${m.sid}.json`,
    });
    const report = async () => {
      await callback(m, 'sent');
      const final = finalStatus(n);
      await callback(m, final, final === 'undelivered' ? { ErrorCode: '30003' } : {});
    };
    if (held) held.push(report);
    else setTimeout(() => void report().catch(() => {}), 20);
  });
  const port = await listen(server);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accepted,
    callbacks,
    get requests() {
      return requests;
    },
    configure(o: { failEvery?: number; finalStatus?: (n: number) => 'delivered' | 'undelivered'; invalidNumbers?: string[] }) {
      if (o.failEvery !== undefined) failEvery = o.failEvery;
      if (o.finalStatus) finalStatus = o.finalStatus;
      for (const n of o.invalidNumbers ?? []) invalidNumbers.add(n);
    },
    /** Keep status callbacks until release(), to watch a message sit at `sent`. */
    hold() {
      held ??= [];
    },
    async release() {
      const pending = held ?? [];
      held = null;
      for (const p of pending) await p();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SubmittedSm {
  messageId: string;
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  text: string;
  udh: Buffer[] | undefined;
}

/** A local SMSC: binds one system id and password, accepts submit_sm, sends receipts and incoming messages. */
export async function startFakeSmsc(opts: { systemId: string; password: string }) {
  const submitted: SubmittedSm[] = [];
  const binds: { systemId: string; ok: boolean }[] = [];
  const sessions = new Set<Session>();
  /** Destinations refused with ESME_RINVDSTADR (0x0B), and how often each was tried. */
  const refused = new Map<string, number>();
  let next = 1000;
  const server = smpp.createServer((session) => {
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: Pdu) => {
      const ok = pdu.system_id === opts.systemId && pdu.password === opts.password;
      binds.push({ systemId: String(pdu.system_id), ok });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
      session.send(pdu.response({ system_id: 'FAKESMSC' }));
    });
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: Pdu) => {
      const destination = String(pdu.destination_addr);
      if (refused.has(destination)) {
        refused.set(destination, refused.get(destination)! + 1);
        session.send(pdu.response({ command_status: smpp.ESME_RINVDSTADR }));
        return;
      }
      const messageId = `SMSC${next++}`;
      const sm = pdu.short_message as { message: string | Buffer; udh?: Buffer[] };
      submitted.push({
        messageId,
        source: String(pdu.source_addr),
        destination: String(pdu.destination_addr),
        dataCoding: Number(pdu.data_coding),
        esmClass: Number(pdu.esm_class),
        registeredDelivery: Number(pdu.registered_delivery),
        text: String(sm.message),
        udh: sm.udh,
      });
      session.send(pdu.response({ message_id: messageId }));
    });
  });
  const port = await listen(server);
  const bound = () => {
    const [s] = sessions;
    if (!s) throw new Error('no ESME is bound');
    return s;
  };
  const deliver = (options: Record<string, unknown>) =>
    new Promise<number>((resolve) => {
      bound().deliver_sm(options, (resp) => resolve(resp.command_status));
    });

  return {
    port,
    submitted,
    binds,
    get boundSessions() {
      return sessions.size;
    },
    /** The delivery receipt for a submitted part, as SMSCs send it (esm_class 0x04, Appendix B text). */
    receipt(sm: SubmittedSm, stat: 'DELIVRD' | 'UNDELIV' | 'EXPIRED' = 'DELIVRD') {
      return deliver({
        source_addr: sm.destination,
        source_addr_ton: 1,
        destination_addr: sm.source,
        esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
        short_message: formatDeliveryReceipt({ messageId: sm.messageId, stat, err: stat === 'DELIVRD' ? '000' : '001', submitted: new Date(), done: new Date(), text: sm.text }),
      });
    },
    /** A citizen's SMS to one of our numbers; resolves with the ESME's deliver_sm_resp status. */
    incoming(from: string, to: string, text: string) {
      return deliver({ source_addr: from.replace(/^\+/, ''), source_addr_ton: 1, source_addr_npi: 1, destination_addr: to.replace(/^\+/, ''), dest_addr_ton: 1, dest_addr_npi: 1, short_message: { message: text } });
    },
    /** From now on submit_sm to this destination (as sent: digits, no '+') is refused as an invalid address. */
    refuseDestination(destination: string) {
      refused.set(destination, refused.get(destination) ?? 0);
    },
    /** How many submit_sm the SMSC refused for a destination. */
    refusedCount: (destination: string) => refused.get(destination) ?? 0,
    /** The network drops: every bound session is cut. */
    dropAll() {
      for (const s of sessions) s.destroy();
    },
    close: async () => {
      for (const s of sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A generic HTTP gateway: checks our signature, accepts, and reports back like a carrier. */
/** `answerDelayMs`: how long the gateway takes to accept each message, so that a test can catch sends in flight. */
export async function startFakeGateway(opts: { secret: string; appBase: string; answerDelayMs?: number }) {
  const received: { body: Record<string, unknown>; signatureOk: boolean; idempotencyKey: string | undefined }[] = [];
  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const ts = String(req.headers['x-civicline-timestamp'] ?? '');
    const expected = `sha256=${createHmac('sha256', opts.secret).update(`${ts}.${raw}`).digest('hex')}`;
    const signatureOk = req.headers['x-civicline-signature'] === expected && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
    const body = JSON.parse(raw) as Record<string, unknown>;
    received.push({ body, signatureOk, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
    if (!signatureOk) {
      res.writeHead(401).end();
      return;
    }
    const id = `gw-${randomBytes(6).toString('hex')}`;
    if (opts.answerDelayMs) await new Promise((r) => setTimeout(r, opts.answerDelayMs));
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    setTimeout(() => {
      const receipt = JSON.stringify({ id, status: 'delivered' });
      const t = String(Math.floor(Date.now() / 1000));
      void fetch(towardsApp(opts.appBase, String(body.statusCallbackUrl)), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-civicline-timestamp': t, 'x-civicline-signature': `sha256=${createHmac('sha256', opts.secret).update(`${t}.${receipt}`).digest('hex')}` },
        body: receipt,
      }).catch(() => {});
    }, 20);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/send`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
