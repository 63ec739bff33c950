import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPersonalDataCipher, PersonalDataDecryptError } from './personal-data.ts';

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const cipher = createPersonalDataCipher(keyA);

/** Changes one byte of one base64url part of a token. */
function flipByte(token: string, part: 1 | 2 | 3, at = 0): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('personal data encryption', () => {
  it.each([
    ['ASCII', '1630615123457'],
    ['Romanian', 'Ștefan Țăranu, str. Mărășești 12, Iași'],
    ['Russian', 'Иванов Пётр Сергеевич, ул. Баумана, Казань'],
    ['Vietnamese', 'Nguyễn Thị Hương, phường Bến Nghé, Quận 1'],
    ['emoji and combining marks', 'Zoë 👩🏽‍⚕️ e\u0301'],
    ['empty', ''],
  ])('round-trips %s text', (_label, plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('round-trips long text', () => {
    const plain = 'ă'.repeat(100_000);
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('writes the versioned format v1.<iv 12 bytes>.<ciphertext>.<tag 16 bytes>', () => {
    const token = cipher.encrypt('abc');
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const [, iv, ct, tag] = token.split('.');
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(ct ?? '', 'base64url')).toHaveLength(3);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(token).not.toContain('abc');
  });

  it('gives a different ciphertext every time for the same plaintext', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => cipher.encrypt('1630615123457')));
    expect(tokens.size).toBe(50);
  });

  it('detects tampering with any part', () => {
    const token = cipher.encrypt('Ivanov Petr');
    for (const part of [1, 2, 3] as const) {
      expect(() => cipher.decrypt(flipByte(token, part))).toThrow(PersonalDataDecryptError);
    }
    expect(() => cipher.decrypt(flipByte(token, 2, 10))).toThrow(/altered|different master key/);
  });

  it('refuses a token encrypted under another key', () => {
    const token = createPersonalDataCipher(keyB).encrypt('secret');
    expect(() => cipher.decrypt(token)).toThrow(/different master key/);
  });

  it('refuses malformed tokens without echoing them', () => {
    const token = cipher.encrypt('secret');
    const [, iv, ct, tag] = token.split('.');
    const bad = [
      '', 'garbage', `v2.${iv}.${ct}.${tag}`, `v1.${iv}.${ct}`, `${token}.x`, `v1.${iv}.${ct}.${tag?.slice(0, 16)}`,
      `v1.${iv}x.${ct}.${tag}`, `v1.${iv}.${ct}+.${tag}`, `v1.${iv}.${ct}.${tag}=`, `V1.${iv}.${ct}.${tag}`,
    ];
    for (const t of bad) {
      expect(() => cipher.decrypt(t), t).toThrow(PersonalDataDecryptError);
    }
    expect(() => cipher.decrypt(`v2.${iv}.${ct}.${tag}`)).toThrow(/unsupported format "v2"/);
    expect(() => cipher.decrypt('1630615123457')).toThrow(/^Personal data token has an unsupported format; expected v1\.$/);
  });

  it('accepts only a 32-byte master key', () => {
    expect(() => createPersonalDataCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => createPersonalDataCipher(Buffer.alloc(33))).toThrow(/32 bytes/);
  });

  it('is not affected by later changes to the caller’s key buffer', () => {
    const key = Buffer.from(keyA);
    const c = createPersonalDataCipher(key);
    const token = c.encrypt('x');
    key.fill(0);
    expect(c.decrypt(token)).toBe('x');
    expect(c.blindIndex('national-id', 'x')).toBe(cipher.blindIndex('national-id', 'x'));
  });

  it('uses a derived key for encryption, never the master key itself', () => {
    const token = cipher.encrypt('x');
    const [, iv, ct, tag] = token.split('.');
    const direct = crypto.createDecipheriv('aes-256-gcm', keyA, Buffer.from(iv ?? '', 'base64url'));
    direct.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    direct.update(Buffer.from(ct ?? '', 'base64url'));
    expect(() => direct.final()).toThrow();
  });
});

describe('blind index', () => {
  it('is a deterministic 64-character hex HMAC', () => {
    const a = cipher.blindIndex('national-id', '1630615123457');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(createPersonalDataCipher(Buffer.from(keyA)).blindIndex('national-id', '1630615123457')).toBe(a);
    expect(cipher.blindIndex('national-id', '1630615123458')).not.toBe(a);
  });

  it('differs per purpose, per key, and from a plain HMAC under the master key', () => {
    const value = '11223344595';
    const idx = cipher.blindIndex('national-id', value);
    expect(cipher.blindIndex('phone', value)).not.toBe(idx);
    expect(cipher.blindIndex('national-id:tenant-2', value)).not.toBe(idx);
    expect(createPersonalDataCipher(keyB).blindIndex('national-id', value)).not.toBe(idx);
    expect(crypto.createHmac('sha256', keyA).update(value).digest('hex')).not.toBe(idx);
  });

  it('rejects purposes that could silently never match', () => {
    for (const purpose of ['', 'National-Id', 'national id', ' national-id', 'x'.repeat(129)]) {
      expect(() => cipher.blindIndex(purpose, 'v'), purpose).toThrow(/purpose/);
    }
  });
});
