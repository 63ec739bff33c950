import crypto from 'node:crypto';

/** A random secret token with a recognisable prefix; only its SHA-256 is ever stored. */
export function newSecretToken(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
