import { describe, expect, it } from 'vitest';
import { isMobile, normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    // Romania
    ['0722 123 456', 'RO', '+40722123456', 'MOBILE'],
    ['0722-123-456', 'RO', '+40722123456', 'MOBILE'],
    ['+40 722 123 456', 'RO', '+40722123456', 'MOBILE'],
    ['0040 722 123 456', 'RO', '+40722123456', 'MOBILE'],
    ['021 312 3456', 'RO', '+40213123456', 'FIXED_LINE'],
    // Russia: 8 is the national trunk prefix
    ['8 (843) 222-33-44', 'RU', '+78432223344', 'FIXED_LINE'],
    ['+7 (843) 222-33-44', 'RU', '+78432223344', 'FIXED_LINE'],
    ['8 (916) 123-45-67', 'RU', '+79161234567', 'MOBILE'],
    // Italy: the leading 0 of landlines is part of the number, mobiles have none
    ['06 4881 2345', 'IT', '+390648812345', 'FIXED_LINE'],
    ['333 123 4567', 'IT', '+393331234567', 'MOBILE'],
    ['+39 02 1234 5678', 'IT', '+390212345678', 'FIXED_LINE'],
    // Vietnam
    ['0912 345 678', 'VN', '+84912345678', 'MOBILE'],
    ['+84 90 123 4567', 'VN', '+84901234567', 'MOBILE'],
    ['024 3825 3131', 'VN', '+842438253131', 'FIXED_LINE'],
  ])('%s in %s → %s', (raw, country, e164, type) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, e164, type });
  });

  it('accepts international numbers from other countries whatever the tenant', () => {
    expect(normalizePhone('+39 333 123 4567', 'RO')).toMatchObject({ ok: true, e164: '+393331234567' });
    expect(normalizePhone('+84 91 234 5678', 'RU')).toMatchObject({ ok: true, e164: '+84912345678' });
  });

  it('accepts the tenant country in lower case', () => {
    expect(normalizePhone('0722 123 456', 'ro')).toMatchObject({ ok: true, e164: '+40722123456' });
  });

  it('rejects numbers that are not valid in the country', () => {
    for (const [raw, country] of [
      ['0722 123', 'RO'], ['07221234567', 'RO'], ['+4072212345', 'RO'], ['12345', 'RO'],
      ['0722 123 456', 'RU'], ['0333 123 4567', 'IT'], ['0912 345', 'VN'],
    ] as const) {
      const result = normalizePhone(raw, country);
      expect(result.ok, `${raw} in ${country}`).toBe(false);
    }
  });

  it('explains that a foreign number needs its country code, in words, without repeating it', () => {
    const result = normalizePhone('0912 345 678', 'RO');
    expect(result).toEqual({
      ok: false,
      message: 'This is not a valid phone number in Romania. A number from another country must start with + and its country code.',
    });
  });

  it('rejects garbage, text around a number, extensions and absurd lengths', () => {
    for (const raw of ['', '   ', 'abc', '+++', 'call 0722 123 456 now', '0722 123 45a', 'tel:+40722123456', '1'.repeat(41), '0722 123 456 ext. 12']) {
      const result = normalizePhone(raw, 'RO');
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
    }
    expect(normalizePhone('0722 123 456 ext. 12', 'RO')).toMatchObject({ ok: false, message: expect.stringMatching(/extension/) });
  });

  it('treats an unknown tenant country as a configuration error', () => {
    expect(() => normalizePhone('0722 123 456', 'XX')).toThrow(RangeError);
    expect(() => normalizePhone('0722 123 456', 'Romania')).toThrow(RangeError);
  });
});

describe('isMobile', () => {
  it('is true for mobiles and numbers that may be mobiles', () => {
    expect(isMobile('+40722123456')).toBe(true);
    expect(isMobile('+79161234567')).toBe(true);
    expect(isMobile('+393331234567')).toBe(true);
    expect(isMobile('+84912345678')).toBe(true);
    expect(isMobile('+16502530000')).toBe(true); // US numbers are FIXED_LINE_OR_MOBILE
  });

  it('is false for landlines, toll-free numbers and anything not a valid E.164 number', () => {
    expect(isMobile('+40213123456')).toBe(false);
    expect(isMobile('+78432223344')).toBe(false);
    expect(isMobile('+78001000000')).toBe(false);
    expect(isMobile('+842438253131')).toBe(false);
    expect(isMobile('0722123456')).toBe(false);
    expect(isMobile('+4072212345')).toBe(false);
    expect(isMobile('')).toBe(false);
    expect(isMobile('+40 722 garbage')).toBe(false);
  });
});
