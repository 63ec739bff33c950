import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateNationalId, validateNationalId, type NationalIdScheme } from './national-id.ts';

/**
 * Property tests of the national identifier rules: every generated identifier is valid, and a
 * single mistyped digit is caught — exactly where the scheme's check can catch it. The oracles
 * below restate each scheme's published check (weights, moduli) independently of national-id.ts.
 */

const TODAY = new Date('2026-12-01T00:00:00Z');
const seeded = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};
const birthDate = fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const valid = (scheme: NationalIdScheme, seed: number, birth: string) => generateNationalId(scheme, seeded(seed), { birthDate: birth });
const mutate = (s: string, at: number, by: number) => `${s.slice(0, at)}${(Number(s[at]) + by) % 10}${s.slice(at + 1)}`;
const ok = (scheme: NationalIdScheme, s: string) => validateNationalId(scheme, s, { today: TODAY }).ok;

describe('national identifiers (property tests)', () => {
  it('generated identifiers of every scheme are valid, also written with spaces and dashes', () => {
    fc.assert(
      fc.property(fc.constantFrom<NationalIdScheme>('ro_cnp', 'ru_snils', 'it_codice_fiscale', 'vn_cccd'), fc.integer(), birthDate, (scheme, seed, birth) => {
        const id = valid(scheme, seed, birth);
        expect(ok(scheme, id)).toBe(true);
        expect(ok(scheme, ` ${id.slice(0, 3)}-${id.slice(3, 7)} ${id.slice(7)} `)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('CNP: a changed check digit is refused; a changed other digit is refused unless the mod-11 remainders 1 and 10 meet', () => {
    const W = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
    const remainder = (s: string) => W.reduce((sum, w, i) => sum + w * Number(s[i]), 0) % 11;
    fc.assert(
      fc.property(fc.integer(), birthDate, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (seed, birth, at, by) => {
        const id = valid('ro_cnp', seed, birth);
        const changed = mutate(id, at, by);
        const [r0, r1] = [remainder(id), remainder(changed)];
        const collides = at < 12 && ((r0 === 1 && r1 === 10) || (r0 === 10 && r1 === 1));
        if (!collides) expect(ok('ro_cnp', changed)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('SNILS: a changed digit is refused unless the number falls among the unchecked ones or the sums 0/100/101 meet', () => {
    const sum = (s: string) => [9, 8, 7, 6, 5, 4, 3, 2, 1].reduce((t, w, i) => t + w * Number(s[i]), 0);
    const control = (t: number) => (t < 100 ? t : t <= 101 ? 0 : t % 101 === 100 ? 0 : t % 101);
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (seed, at, by) => {
        const id = valid('ru_snils', seed, '1990-01-01');
        const changed = mutate(id, at, by);
        const unchecked = Number(changed.slice(0, 9)) <= 1_001_998 && Number(changed.slice(0, 9)) > 0;
        const stillMatches = control(sum(changed)) === Number(changed.slice(9));
        expect(ok('ru_snils', changed)).toBe(unchecked || stillMatches);
      }),
      { numRuns: 2000 },
    );
  });

  it('codice fiscale: any digit changed to another digit is refused (its check character sees every position)', () => {
    fc.assert(
      fc.property(fc.integer(), birthDate, fc.nat(), fc.integer({ min: 1, max: 9 }), (seed, birth, pick, by) => {
        const id = valid('it_codice_fiscale', seed, birth);
        const digits = [...id].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
        expect(ok('it_codice_fiscale', mutate(id, digits[pick % digits.length]!, by))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('CCCD (no check digit): the serial may be anything, a province code not in the list or a future birth year is refused', () => {
    fc.assert(
      fc.property(fc.integer(), birthDate, fc.integer({ min: 0, max: 999_999 }), (seed, birth, serial) => {
        const id = valid('vn_cccd', seed, birth);
        expect(ok('vn_cccd', `${id.slice(0, 6)}${String(serial).padStart(6, '0')}`)).toBe(true);
        expect(ok('vn_cccd', `003${id.slice(3)}`)).toBe(false); // 003 is no province
        expect(ok('vn_cccd', `${id.slice(0, 3)}299${id.slice(6)}`)).toBe(false); // born in 2099
      }),
      { numRuns: 500 },
    );
  });
});
