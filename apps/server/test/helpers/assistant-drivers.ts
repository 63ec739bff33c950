/**
 * Drives the assistant the way the outside world does, over real HTTP: a chat widget, Twilio
 * (form posts signed with X-Twilio-Signature, TwiML read back with a real XML parser), jambonz
 * (JSON signed with Jambonz-Signature, verbs read back) and SMS (Twilio's messaging webhook).
 * Each driver's `say(text)` returns what the caller hears or reads, and how the turn ended.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { systemContext } from '../../src/platform/auth/context.ts';
import { phoneLines } from '../../src/platform/db/schema/index.ts';
import type { TestContext } from './harness.ts';
import { signTwilio, PUBLIC_URL } from './phone-fixtures.ts';
import type { StatusFixture } from './status-fixtures.ts';

export interface Heard {
  text: string;
  next: 'listen' | 'end' | 'transfer';
  /** Provider details worth checking (the TwiML's Gather attributes, jambonz verbs). */
  raw: unknown;
}

export interface Driver {
  say(text: string): Promise<Heard>;
}

export interface Providers {
  base: string;
  twilio: { accountSid: string; authToken: string };
  webhookSecret: string;
  dialNumber: string;
  lineNumber(lineId: string): Promise<string>;
}

/** Twilio and PBX accounts for the fixture's institution, the app listening on a real port. */
export async function setUpProviders(t: TestContext, f: StatusFixture): Promise<Providers> {
  const sys = systemContext(f.tenantId, 'test');
  const accountSid = `AC${randomUUID().replace(/-/g, '')}`;
  const authToken = randomUUID().replace(/-/g, '');
  const webhookSecret = `pbx-${randomUUID()}`;
  const dialNumber = '+40264999111';
  await t.c.channelConfig.createAccount(sys, { provider: 'twilio', name: 'Twilio', settings: { accountSid, from: '+40264000000', dialNumber }, secret: authToken, active: true } as never);
  await t.c.channelConfig.createAccount(sys, { provider: 'webhook', name: 'jambonz', settings: { url: 'https://pbx.example/hook', dialNumber }, secret: webhookSecret, active: true } as never);
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    twilio: { accountSid, authToken },
    webhookSecret,
    dialNumber,
    async lineNumber(lineId) {
      const [l] = await t.c.db.select({ number: phoneLines.number }).from(phoneLines).where(eq(phoneLines.id, lineId));
      return l!.number;
    },
  };
}

export function chatDriver(p: Providers, f: StatusFixture, language?: string): Driver {
  let sessionId: string | undefined;
  return {
    async say(text) {
      const res = await fetch(`${p.base}/api/public/v1/institutions/${f.slug}/assistant/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entryPointId: f.chatEntryPoint, text, ...(sessionId ? { sessionId } : {}), ...(language ? { language } : {}) }),
      });
      const body = (await res.json()) as { sessionId: string; messages: string[]; next: Heard['next'] };
      expect(res.status, JSON.stringify(body)).toBe(200);
      sessionId = body.sessionId;
      return { text: body.messages.join(' '), next: body.next, raw: body };
    },
  };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, isArray: (name) => name === 'Say' });

export type TwimlDoc = { Response: { Gather?: { '@input': string; '@language': string; '@action': string; Say: { '#text': string; '@language': string }[] }; Say?: { '#text': string }[]; Dial?: { '#text': string; '@timeout': string }; Enqueue?: string | { '#text': string }; Hangup?: unknown; Redirect?: unknown } };

export async function postSignedTwilio(p: Providers, path: string, params: Record<string, string>, signature?: string) {
  const sig = signature ?? signTwilio(p.twilio.authToken, `${PUBLIC_URL}${path}`, params);
  const res = await fetch(`${p.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig }, body: new URLSearchParams(params).toString() });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** A phone call through Twilio: the first turn has no speech; then SpeechResult (or Digits for keys). */
export function twilioDriver(p: Providers, line: string, from: string): Driver & { callSid: string } {
  const callSid = `CA${randomUUID().replace(/-/g, '')}`;
  return {
    callSid,
    async say(text) {
      const params: Record<string, string> = { AccountSid: p.twilio.accountSid, CallSid: callSid, From: from, To: line, CallStatus: 'in-progress', Direction: 'inbound', ApiVersion: '2010-04-01' };
      if (/^[\d#*]+$/.test(text)) params.Digits = text;
      else if (text) params.SpeechResult = text;
      const res = await postSignedTwilio(p, '/api/v1/webhooks/twilio/assistant', params);
      expect(res.status, res.body).toBe(200);
      expect(res.type).toMatch(/^text\/xml/);
      const doc = xml.parse(res.body) as TwimlDoc;
      const r = doc.Response;
      if (r.Gather) {
        expect(r.Gather['@input']).toBe('speech dtmf');
        expect(r.Gather['@action']).toBe('/api/v1/webhooks/twilio/assistant');
        expect(r.Redirect).toBeDefined();
        for (const s of r.Gather.Say) expect(s['@language']).toBe(r.Gather['@language']);
        return { text: r.Gather.Say.map((s) => s['#text']).join(' '), next: 'listen', raw: doc };
      }
      const said = (r.Say ?? []).map((s) => s['#text']).join(' ');
      if (r.Dial !== undefined || r.Enqueue !== undefined) return { text: said, next: 'transfer', raw: doc };
      expect(r.Hangup).toBeDefined();
      return { text: said, next: 'end', raw: doc };
    },
  };
}

export function signJambonz(secret: string, body: string, at = new Date()): string {
  const ts = String(Math.floor(at.getTime() / 1000));
  return `t=${ts},v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
}

type JambonzVerb = { verb: string; name?: string; say?: { text: string }; text?: string; input?: string[]; recognizer?: { language: string }; target?: { number?: string }[] };

export async function postSignedJambonz(p: Providers, body: string, signature?: string) {
  const res = await fetch(`${p.base}/api/v1/webhooks/jambonz/assistant`, { method: 'POST', headers: { 'content-type': 'application/json', 'jambonz-signature': signature ?? signJambonz(p.webhookSecret, body) }, body });
  return { status: res.status, body: await res.text() };
}

export function jambonzDriver(p: Providers, line: string, from: string): Driver {
  const callSid = randomUUID();
  return {
    async say(text) {
      const hook = { call_sid: callSid, from, to: line, direction: 'inbound', ...(text ? (/^[\d#*]+$/.test(text) ? { digits: text, reason: 'dtmfDetected' } : { speech: { alternatives: [{ transcript: text, confidence: 0.9 }] }, reason: 'speechDetected' }) : {}) };
      const res = await postSignedJambonz(p, JSON.stringify(hook));
      expect(res.status, res.body).toBe(200);
      const verbs = JSON.parse(res.body) as JambonzVerb[];
      const gather = verbs.find((v) => v.verb === 'gather');
      if (gather) {
        expect(gather.input).toEqual(['speech', 'digits']);
        return { text: gather.say!.text, next: 'listen', raw: verbs };
      }
      const said = verbs.filter((v) => v.verb === 'say').map((v) => v.text).join(' ');
      if (verbs.some((v) => v.verb === 'dial' || v.verb === 'enqueue')) return { text: said, next: 'transfer', raw: verbs };
      expect(verbs.at(-1)?.verb).toBe('hangup');
      return { text: said, next: 'end', raw: verbs };
    },
  };
}

/** SMS over Twilio's messaging webhook: the reply is the TwiML <Message>. */
export function smsDriver(p: Providers, line: string, from: string): Driver {
  return {
    async say(text) {
      const sid = `SM${randomUUID().replace(/-/g, '')}`;
      const res = await postSignedTwilio(p, '/api/v1/webhooks/twilio/sms', { AccountSid: p.twilio.accountSid, MessageSid: sid, SmsSid: sid, From: from, To: line, Body: text, NumMedia: '0' });
      expect(res.status, res.body).toBe(200);
      const doc = xml.parse(res.body) as { Response: { Message?: string } | '' };
      const message = typeof doc.Response === 'object' ? doc.Response.Message ?? '' : '';
      return { text: String(message), next: 'listen', raw: doc };
    },
  };
}

/** Plays a transcript: each caller line, then what the system must answer (every pattern must match). */
export async function transcript(d: Driver, turns: [string, ...RegExp[]][]): Promise<Heard[]> {
  const heard: Heard[] = [];
  for (const [said, ...expected] of turns) {
    const h = await d.say(said);
    for (const e of expected) expect(h.text, `caller said ${JSON.stringify(said)}`).toMatch(e);
    heard.push(h);
  }
  return heard;
}
