import { LANGUAGES, type Language } from '@civicline/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRegistrationNumber } from './registration-match.ts';
import { DIGIT_WORDS, SEPARATOR_WORDS, spellNumber } from './spell-number.fixture.ts';
import { parseSpoken, spokenAlphanumeric, spokenDigits } from './spoken-numbers.ts';

const language = fc.constantFrom<Language>(...LANGUAGES);
const numbers = (p: ReturnType<typeof parseSpoken>) => p.flatMap((x) => (x.kind === 'number' ? [x.digits] : []));
const FORMATS = [
  { format: 'PET-{year}-{seq:6}', code: 'PET' },
  { format: 'SES-{year}-{seq:6}', code: 'SES' },
  { format: 'URB-{year}-{seq:5}', code: 'URB' },
  { format: '{register}/{seq}/{year}', code: 'REG' },
  { format: 'КН-{year}-{seq:6}', code: 'KN' },
];

describe('spoken numbers', () => {
  it('reads the examples of the issue', () => {
    expect(spokenDigits('unu doi trei', 'ro')).toBe('123');
    expect(spokenDigits('uno due tre', 'it')).toBe('123');
    expect(spokenDigits('one two three', 'en')).toBe('123');
    expect(spokenDigits('một hai ba', 'vi')).toBe('123');
    expect(spokenDigits('один два три', 'ru')).toBe('123');
    expect(numbers(parseSpoken('сто двадцать три', 'ru'))).toEqual(['123']);
    expect(numbers(parseSpoken('o sută douăzeci și trei', 'ro'))).toEqual(['123']);
    expect(numbers(parseSpoken('centoventitré', 'it'))).toEqual(['123']);
    expect(numbers(parseSpoken('one hundred twenty-three', 'en'))).toEqual(['123']);
    expect(numbers(parseSpoken('một trăm hai mươi ba', 'vi'))).toEqual(['123']);
    expect(numbers(parseSpoken('hai nghìn không trăm hai mươi sáu', 'vi'))).toEqual(['2026']);
    expect(numbers(parseSpoken('двадцать двадцать шесть', 'ru'))).toEqual(['20', '26']);
    // Recognisers that drop diacritics and write cedillas.
    expect(numbers(parseSpoken('doua mii douazeci si sase', 'ro'))).toEqual(['2026']);
    expect(numbers(parseSpoken('şase', 'ro'))).toEqual(['6']);
  });

  it('keeps grouped and digit-by-digit parts apart, with their zeros', () => {
    expect(spokenDigits('two thousand twenty six zero zero zero one two three', 'en')).toBe('2026000123');
    expect(spokenDigits('две тысячи двадцать шесть ноль ноль ноль сто двадцать три', 'ru')).toBe('2026000123');
    expect(spokenDigits('2026 000123#', 'en')).toBe('2026000123');
  });

  it('round-trips every number through its words, in each language', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), language, (n, lang) => {
        expect(numbers(parseSpoken(spellNumber(n, lang), lang))).toEqual([String(n)]);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips digit strings said digit by digit, and keyed as DTMF', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 }), language, (digits, lang) => {
        const said = [...digits].map((c) => DIGIT_WORDS[lang][Number(c)]).join(' ');
        expect(spokenDigits(said, lang)).toBe(digits);
        expect(spokenDigits(`${digits}#`, lang)).toBe(digits);
      }),
      { numRuns: 1000 },
    );
  });

  it('hears separators between groups', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 2, maxLength: 4 }), language, fc.nat(), (groups, lang, k) => {
        const sep = SEPARATOR_WORDS[lang][k % SEPARATOR_WORDS[lang].length]!;
        const pieces = parseSpoken(groups.map((g) => spellNumber(g, lang)).join(` ${sep} `), lang);
        expect(numbers(pieces)).toEqual(groups.map(String));
        expect(pieces.filter((p) => p.kind === 'separator')).toHaveLength(groups.length - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('spelled identifiers come back as letters and digits', () => {
    expect(spokenAlphanumeric('R S S M R A 8 0 A 0 1 H 5 0 1 U', 'it')).toBe('RSSMRA80A01H501U');
    expect(spokenAlphanumeric('erre esse esse emme erre a otto zero a zero uno acca cinque zero uno u', 'it')).toBe('RSSMRA80A01H501U');
  });
});

describe('registration numbers said aloud', () => {
  const say: Record<Language, string> = {
    ro: 'pe e te două mii douăzeci și șase zero zero zero o sută douăzeci și trei',
    ru: 'пэ е тэ две тысячи двадцать шесть ноль ноль ноль сто двадцать три',
    it: 'pi e ti duemilaventisei zero zero zero centoventitré',
    vi: 'pê e tê hai nghìn không trăm hai mươi sáu không không không một trăm hai mươi ba',
    en: 'P E T two thousand twenty six zero zero zero one two three',
  };
  for (const lang of LANGUAGES) {
    it(`finds PET-2026-000123 in ${lang}`, () => {
      expect(matchRegistrationNumber(say[lang], lang, FORMATS)).toEqual([{ number: 'PET-2026-000123', prefix: 'exact' }]);
    });
  }

  it('without the prefix offers every register the digits fit, padding the sequence', () => {
    expect(matchRegistrationNumber('twenty twenty six one two three', 'en', FORMATS).map((c) => c.number)).toEqual(['PET-2026-000123', 'SES-2026-000123', 'URB-2026-00123', 'КН-2026-000123']);
  });

  it('reads a Cyrillic prefix, separators and the sequence-first formats', () => {
    expect(matchRegistrationNumber('ка эн две тысячи двадцать шесть дробь сорок два', 'ru', FORMATS)[0]).toEqual({ number: 'КН-2026-000042', prefix: 'exact' });
    expect(matchRegistrationNumber('REG slash 123 slash 2026', 'en', FORMATS)[0]).toEqual({ number: 'REG/123/2026', prefix: 'exact' });
    expect(matchRegistrationNumber('PET-2026-000123', 'ro', FORMATS)).toEqual([{ number: 'PET-2026-000123', prefix: 'exact' }]);
  });

  // Years 2001–2009 followed by digits are ambiguous when spoken ("two thousand five one…" is 2005
  // then 1, or 2000 then 5 1…): the grouped reading wins, and the read-back lets the caller correct it.
  it('any number of any register comes back from its spoken form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2010, max: 2099 }), fc.integer({ min: 1, max: 99_999 }), language, (year, seq, lang) => {
        const said = `${spellNumber(year, lang)} ${[...String(seq).padStart(6, '0')].map((c) => DIGIT_WORDS[lang][Number(c)]).join(' ')}`;
        const found = matchRegistrationNumber(`P E T ${said}`, lang, FORMATS);
        expect(found[0]).toEqual({ number: `PET-${year}-${String(seq).padStart(6, '0')}`, prefix: 'exact' });
      }),
      { numRuns: 500 },
    );
  });

  it('nothing numeric, nothing found', () => {
    expect(matchRegistrationNumber('I do not know my number', 'en', FORMATS)).toEqual([]);
  });
});
