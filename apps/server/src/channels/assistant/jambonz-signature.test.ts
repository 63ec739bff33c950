import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyJambonzSignature } from './jambonz-signature.ts';

// Signed here as jambonz documents it, independently of jambonzSignature().
const sign = (secret: string, t: number, body: string) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('Jambonz-Signature', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const t = Math.floor(now.getTime() / 1000);
  const body = Buffer.from('{"call_sid":"abc","to":"+40264000000"}');

  it('accepts the right secret over the exact body, within five minutes', () => {
    expect(verifyJambonzSignature('s3cret', body, sign('s3cret', t, body.toString()), now)).toBe(true);
    expect(verifyJambonzSignature('s3cret', body, sign('s3cret', t - 299, body.toString()), now)).toBe(true);
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const header = `${sign('old', t, body.toString())},v1=${createHmac('sha256', 's3cret').update(`${t}.${body}`).digest('hex')}`;
    expect(verifyJambonzSignature('s3cret', body, header, now)).toBe(true);
  });

  it('refuses another secret, a changed body, a stale or missing timestamp, and garbage', () => {
    expect(verifyJambonzSignature('s3cret', body, sign('other', t, body.toString()), now)).toBe(false);
    expect(verifyJambonzSignature('s3cret', Buffer.from(`${body} `), sign('s3cret', t, body.toString()), now)).toBe(false);
    expect(verifyJambonzSignature('s3cret', body, sign('s3cret', t - 301, body.toString()), now)).toBe(false);
    expect(verifyJambonzSignature('s3cret', body, sign('s3cret', t, body.toString()).replace(/^t=\d+,/, ''), now)).toBe(false);
    expect(verifyJambonzSignature('s3cret', body, 'nonsense', now)).toBe(false);
    expect(verifyJambonzSignature('', body, sign('', t, body.toString()), now)).toBe(false);
    expect(verifyJambonzSignature('s3cret', body, undefined, now)).toBe(false);
  });
});
