import { describe, expect, it } from 'vitest';
import { hmacSignature, twilioSignature, verifyHmacSignature, verifyTwilioSignature, type FormParams } from './signatures.ts';

describe('Twilio request signatures', () => {
  // The example of Twilio's security documentation.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: FormParams = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675309'],
    ['Digits', '1234'],
    ['From', '+14158675309'],
    ['To', '+18005551212'],
  ];

  it('matches Twilio’s documented example', () => {
    expect(twilioSignature('12345', url, params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilioSignature('12345', url, [...params].reverse())).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('refuses a missing signature, a wrong token, another URL and a changed parameter', () => {
    const sig = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
    expect(verifyTwilioSignature('12345', url, params, sig)).toBe(true);
    expect(verifyTwilioSignature('12345', url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, sig)).toBe(false);
    expect(verifyTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=3', params, sig)).toBe(false);
    expect(verifyTwilioSignature('12345', url, [...params.slice(0, 4), ['To', '+18005551213']], sig)).toBe(false);
  });

  it('accepts the URL signed with or without the default port', () => {
    const sig = twilioSignature('tok', 'https://civicline.example:443/hook', []);
    expect(verifyTwilioSignature('tok', 'https://civicline.example/hook', [], sig)).toBe(true);
  });
});

describe('generic HMAC-SHA256 webhook signatures', () => {
  const body = Buffer.from('{"from":"+40722000000","to":"+40264000000","text":"Salut"}');
  const now = new Date('2026-03-02T10:00:00Z');
  const ts = String(now.getTime() / 1000);

  it('accepts a fresh, correctly signed body', () => {
    expect(verifyHmacSignature('s3cret', body, { signature: hmacSignature('s3cret', ts, body), timestamp: ts }, now)).toEqual({ ok: true });
  });

  it('refuses a missing header, another secret, a changed body and a timestamp outside five minutes', () => {
    const sig = hmacSignature('s3cret', ts, body);
    expect(verifyHmacSignature('s3cret', body, { signature: undefined, timestamp: ts }, now)).toMatchObject({ ok: false, reason: 'missing' });
    expect(verifyHmacSignature('other', body, { signature: sig, timestamp: ts }, now)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyHmacSignature('s3cret', Buffer.concat([body, Buffer.from(' ')]), { signature: sig, timestamp: ts }, now)).toMatchObject({ ok: false, reason: 'mismatch' });
    const old = String(now.getTime() / 1000 - 301);
    expect(verifyHmacSignature('s3cret', body, { signature: hmacSignature('s3cret', old, body), timestamp: old }, now)).toMatchObject({ ok: false, reason: 'stale' });
    // The timestamp is inside the MAC: replaying the old signature under a fresh timestamp fails.
    expect(verifyHmacSignature('s3cret', body, { signature: hmacSignature('s3cret', old, body), timestamp: ts }, now)).toMatchObject({ ok: false, reason: 'mismatch' });
  });
});
