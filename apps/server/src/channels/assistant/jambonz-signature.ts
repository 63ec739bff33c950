import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * jambonz signs its webhooks like Stripe does: `Jambonz-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp is inside the MAC, and one more than
 * five minutes away from now is refused, so a captured request cannot be replayed.
 */
export const JAMBONZ_SIGNATURE_HEADER = 'jambonz-signature';
const MAX_SKEW_SECONDS = 300;

export function jambonzSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export function verifyJambonzSignature(secret: string, rawBody: Buffer, header: string | undefined, now: Date): boolean {
  if (!secret || !header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = parts.find(([k]) => k === 't')?.[1];
  // Several v1 signatures while a secret is being rotated: any one of them may match.
  const signatures = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v!));
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex'));
  return signatures.some((given) => given.length === expected.length && timingSafeEqual(expected, given));
}
