/**
 * For the SMS and voice channel tests: an institution with a phone line and provider accounts,
 * webhook requests signed exactly as Twilio and a generic gateway sign them (written here from the
 * providers' documentation, independently of the server's own checks), a tenant-wide snapshot to
 * prove a refused request changed nothing, and a reader of server-sent events.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createCaseFixture, ok, type Actor, type CaseFixture } from './case-fixtures.ts';
import type { TestContext } from './harness.ts';

export const PUBLIC_URL = 'https://civicline.example.gov';

/** A number nobody else's test uses (phone line numbers are unique across institutions). */
export function freshLineNumber(): string {
  return `+40264${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
}

/** Twilio's algorithm: base64(HMAC-SHA1(token, url + concatenated sorted name+value pairs)). */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

/** A generic gateway's headers: HMAC-SHA256 over "<unix seconds>.<raw body>". */
export function signGeneric(secret: string, body: string, at = new Date()): Record<string, string> {
  const ts = String(Math.floor(at.getTime() / 1000));
  return {
    'content-type': 'application/json',
    'x-civicline-timestamp': ts,
    'x-civicline-signature': `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`,
  };
}

export interface PhoneFixture extends CaseFixture {
  line: { id: string; number: string };
  twilio: { id: string; accountSid: string; authToken: string };
  /** The base URL the app listens on (a reverse proxy would forward PUBLIC_URL here). */
  base: string;
}

/** The case fixture plus a voice+SMS line routed to petitions and a Twilio account, the app listening for real. */
export async function createPhoneFixture(t: TestContext, twilioSettings: Record<string, string | number | boolean> = {}): Promise<PhoneFixture> {
  const fx = await createCaseFixture(t);
  const number = freshLineNumber();
  const line = ok<{ id: string; number: string }>(await fx.admin.call('POST', '/api/v1/phone-lines', { number, name: 'Linia cetățeanului', categoryId: fx.categories.petition.id }), 201);
  expect(line.number).toBe(number);
  const accountSid = `AC${randomUUID().replace(/-/g, '')}`;
  const authToken = randomUUID().replace(/-/g, '');
  const twilio = ok(await fx.admin.call('POST', '/api/v1/provider-accounts', { provider: 'twilio', name: 'Twilio', settings: { accountSid, from: number, ...twilioSettings }, secret: authToken }), 201);
  const address = t.app.server.listening ? (t.app.server.address() as AddressInfo) : null;
  const port = address?.port ?? (await listen(t));
  return { ...fx, line, twilio: { id: twilio.id, accountSid, authToken }, base: `http://127.0.0.1:${port}` };
}

async function listen(t: TestContext): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as AddressInfo).port;
}

/** POSTs a form to the app as Twilio does: over HTTP, signed for the public URL of `path`. */
export async function postTwilio(fx: PhoneFixture, path: string, params: Record<string, string>, opts: { token?: string; signature?: string | null; tamper?: (p: Record<string, string>) => Record<string, string> } = {}) {
  const signature = opts.signature === undefined ? signTwilio(opts.token ?? fx.twilio.authToken, `${PUBLIC_URL}${path}`, params) : opts.signature;
  const sent = opts.tamper ? opts.tamper(params) : params;
  const res = await fetch(`${fx.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'user-agent': 'TwilioProxy/1.1', ...(signature ? { 'x-twilio-signature': signature } : {}) },
    body: new URLSearchParams(sent).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** Twilio's incoming-SMS parameters. */
export function twilioSms(fx: PhoneFixture, from: string, body: string, over: Record<string, string> = {}): Record<string, string> {
  const sid = `SM${randomUUID().replace(/-/g, '')}`;
  return {
    ToCountry: 'RO', ToState: '', SmsMessageSid: sid, NumMedia: '0', ToCity: '', FromZip: '', SmsSid: sid, FromState: '', SmsStatus: 'received',
    FromCity: '', Body: body, FromCountry: 'RO', To: fx.line.number, ToZip: '', NumSegments: '1', MessageSid: sid, AccountSid: fx.twilio.accountSid,
    From: from, ApiVersion: '2010-04-01', ...over,
  };
}

/** Twilio's incoming-call parameters. */
export function twilioCall(fx: PhoneFixture, from: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: fx.twilio.accountSid, ApiVersion: '2010-04-01', CallSid: `CA${randomUUID().replace(/-/g, '')}`, CallStatus: 'ringing', Called: fx.line.number,
    CalledCountry: 'RO', Caller: from, CallerCountry: 'RO', Direction: 'inbound', From: from, FromCountry: 'RO', To: fx.line.number, ToCountry: 'RO', ...over,
  };
}

/** Row counts of every table holding this institution's data (found from the catalogue). */
export async function tenantFootprint(t: TestContext, tenantId: string): Promise<Record<string, number>> {
  const tables = await t.database.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name",
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await t.database.query<{ n: string | number }>(`SELECT count(*) AS n FROM "${table_name}" WHERE tenant_id = $1`, [tenantId]);
    out[table_name] = Number(r.rows[0]!.n);
  }
  const jobs = await t.database.query<{ n: string | number }>("SELECT count(*) AS n FROM pgboss.job WHERE data->>'tenantId' = $1", [tenantId]);
  out['pgboss.job'] = Number(jobs.rows[0]!.n);
  return out;
}

/** A bearer token for a fixture actor, for requests made over a real socket. */
export async function bearerOf(actor: Actor): Promise<string> {
  return `Bearer ${ok<{ token: string }>(await actor.call('POST', '/api/v1/me/tokens', { name: 'sse', expiresInDays: 1 }), 201).token}`;
}

export interface SseEvent {
  event: string;
  id: string | null;
  data: unknown;
}

/** Opens an event stream and collects its events; `next(pred)` waits for a matching one. */
export async function openEventStream(url: string, authorization: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', authorization }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]));
          if (!fields.event) continue;
          const e: SseEvent = { event: fields.event, id: fields.id ?? null, data: fields.data ? JSON.parse(fields.data) : null };
          events.push(e);
          for (const w of waiters.filter((x) => x.pred(e))) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    next(pred: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
        waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => controller.abort(),
  };
}
