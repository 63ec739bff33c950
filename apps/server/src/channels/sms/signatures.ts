import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request signatures of the outside world, checked before anything is read into CivicLine.
 *
 * Twilio: `X-Twilio-Signature` = base64(HMAC-SHA1(auth token, full URL + every POST parameter's
 * name and value, sorted by name)). Generic gateways: `X-CivicLine-Signature: sha256=<hex>` =
 * HMAC-SHA256(secret, `<timestamp>.<raw body>`) with `X-CivicLine-Timestamp` in Unix seconds; the
 * timestamp is inside the MAC, so a captured request cannot be replayed under a fresh one.
 */

export type FormParams = [name: string, value: string][];

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  // Sorted by name; a repeated name keeps its values in sorted order too (as Twilio's own libraries do).
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + sorted.map(([k, v]) => k + v).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Twilio signs the URL as configured; with or without an explicit default port both count. */
function urlVariants(url: string): string[] {
  const variants = [url];
  try {
    const u = new URL(url);
    const defaultPort = u.protocol === 'https:' ? '443' : '80';
    if (u.port === '') {
      variants.push(url.replace(`${u.protocol}//${u.host}`, `${u.protocol}//${u.hostname}:${defaultPort}`));
    } else if (u.port === defaultPort) {
      variants.push(url.replace(`${u.protocol}//${u.host}`, `${u.protocol}//${u.hostname}`));
    }
  } catch {
    // not a URL: only the literal form
  }
  return variants;
}

export function verifyTwilioSignature(authToken: string, url: string, params: FormParams, signature: string | undefined): boolean {
  if (!signature || !authToken) return false;
  return urlVariants(url).some((u) => safeEqual(twilioSignature(authToken, u, params), signature));
}

export const HMAC_SIGNATURE_HEADER = 'x-civicline-signature';
export const HMAC_TIMESTAMP_HEADER = 'x-civicline-timestamp';
/** How old (or how far in the future) a signed request may be. */
export const MAX_SKEW_SECONDS = 300;

export function hmacSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export type HmacCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function verifyHmacSignature(
  secret: string,
  rawBody: Buffer,
  headers: { signature: string | undefined; timestamp: string | undefined },
  now: Date,
): HmacCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !secret) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  return safeEqual(hmacSignature(secret, timestamp, rawBody), signature.trim()) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
