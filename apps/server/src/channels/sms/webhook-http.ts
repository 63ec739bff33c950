import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { FormParams } from './signatures.ts';

/**
 * What signed webhooks of every provider share: the public URL a provider signed, the raw body
 * (signatures are over bytes, not over what a parser made of them), and one refusal.
 */

/**
 * The URL the provider called, as it knows it: PUBLIC_URL + the path and query when configured;
 * otherwise this request's scheme and host (taken from X-Forwarded-Proto/Host only when
 * TRUST_PROXY is on — Fastify's `trustProxy`).
 */
export function publicRequestUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return `${publicUrl.replace(/\/$/, '')}${request.url}`;
  return `${request.protocol}://${request.host}${request.url}`;
}

export const signatureRefused = () => new AppError('channel.signature_invalid', 'The request signature is missing, stale or does not match');

export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/** Form-encoded bodies (Twilio), kept raw: this scope only. */
export function acceptFormBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
}

/** JSON bodies kept raw for the HMAC check, parsed by the route after it: this scope only. */
export function acceptRawJsonBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
}

export function parseForm(body: unknown): FormParams {
  const raw = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  return [...new URLSearchParams(raw).entries()];
}

export function formValue(params: FormParams, name: string): string | undefined {
  return params.find(([k]) => k === name)?.[1];
}

/** The raw JSON body as an object; a malformed one is a 400 like anywhere else. */
export function parseJsonBody(body: unknown): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw new AppError('request.malformed_json', 'The request body is not a JSON object');
}

/** A number as providers send it: E.164 with the plus, spaces and dashes tolerated. */
export function e164(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.replace(/[\s\-().]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(v) ? v : null;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Generous per-address limits on the public webhooks (carriers burst; strangers should not). */
export const WEBHOOK_RATE_LIMIT = { max: 1200, timeWindow: '1 minute' };
