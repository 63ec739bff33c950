import { describe, expect, it } from 'vitest';
import {
  generateNationalId,
  maskNationalId,
  NATIONAL_ID_SCHEMES,
  validateNationalId,
  type NationalIdResult,
  type NationalIdScheme,
} from './national-id.ts';

const today = new Date('2026-11-22T10:00:00Z');
const validate = (scheme: NationalIdScheme, raw: string) => validateNationalId(scheme, raw, { today });

/** Small seeded PRNG (mulberry32) so generated ids are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Independent of the implementation, so a wrong weight there cannot make these tests agree with it.
function withCnpCheckDigit(first12: string): string {
  const weights = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
  const r = [...first12].reduce((sum, d, i) => sum + Number(d) * (weights[i] ?? 0), 0) % 11;
  return `${first12}${r === 10 ? 1 : r}`;
}

function expectInvalid(result: NationalIdResult, code: 'format' | 'checksum' | 'date') {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.code).toBe(code);
    expect(result.message.length).toBeGreaterThan(10);
  }
}

describe('Romanian CNP', () => {
  it('accepts known valid CNPs and decodes birth date and sex', () => {
    // 1 63 06 15 12 345 7: weighted sum 216, 216 mod 11 = 7.
    expect(validate('ro_cnp', '1630615123457')).toEqual({
      ok: true, normalized: '1630615123457', birthDate: '1963-06-15', birthYear: 1963, sex: 'M',
    });
    expect(validate('ro_cnp', ' 2700116-065277 ')).toMatchObject({ ok: true, normalized: '2700116065277', birthDate: '1970-01-16', sex: 'F' });
    // S=4: a woman born in the 1800s, registered in the former Bucharest sector 7.
    expect(validate('ro_cnp', '4910527475018')).toMatchObject({ ok: true, birthDate: '1891-05-27', sex: 'F' });
  });

  it('reads the century from S: 5/6 are the 2000s', () => {
    expect(validate('ro_cnp', withCnpCheckDigit('604022940001'))).toMatchObject({ ok: true, birthDate: '2004-02-29', sex: 'F' });
    expect(validate('ro_cnp', withCnpCheckDigit('510123140001'))).toMatchObject({ ok: true, birthDate: '2010-12-31', sex: 'M' });
  });

  it('accepts the county code 70 of CNPs generated since May 2024, and rejects unknown counties', () => {
    expect(validate('ro_cnp', withCnpCheckDigit('524031570123'))).toMatchObject({ ok: true, birthDate: '2024-03-15', sex: 'M' });
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('190010153123')), 'format');
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('190010100123')), 'format');
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('190010169123')), 'format');
  });

  it('rejects a wrong check digit', () => {
    expectInvalid(validate('ro_cnp', '1630615123458'), 'checksum');
    expectInvalid(validate('ro_cnp', '2700116065271'), 'checksum');
  });

  it('rejects impossible and future birth dates even with a correct check digit', () => {
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('190023012123')), 'date'); // 30 February 1990
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('190130112123')), 'date'); // month 13
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('190043112123')), 'date'); // 31 April
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('100022912123')), 'date'); // 1900 was not a leap year
    expect(validate('ro_cnp', withCnpCheckDigit('500022912123')).ok).toBe(true); // 2000 was
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('530010112123')), 'date'); // 2030, in the future
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('526112312123')), 'date'); // tomorrow
    expect(validate('ro_cnp', withCnpCheckDigit('526112212123')).ok).toBe(true); // born today
  });

  it('accepts foreigners (7/8/9) without claiming a century they do not encode', () => {
    expect(validate('ro_cnp', withCnpCheckDigit('785061540012'))).toEqual({ ok: true, normalized: withCnpCheckDigit('785061540012'), sex: 'M' });
    expect(validate('ro_cnp', withCnpCheckDigit('800022940012'))).toMatchObject({ ok: true, sex: 'F' }); // 29 Feb 00: only 2000 fits
    expect(validate('ro_cnp', withCnpCheckDigit('985061540012'))).toEqual({ ok: true, normalized: withCnpCheckDigit('985061540012') });
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('785023040012')), 'date');
  });

  it('rejects wrong lengths, letters, a leading 0 and serial 000', () => {
    expectInvalid(validate('ro_cnp', '163061512345'), 'format');
    expectInvalid(validate('ro_cnp', '16306151234570'), 'format');
    expectInvalid(validate('ro_cnp', '16306151234A7'), 'format');
    expectInvalid(validate('ro_cnp', ''), 'format');
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('063061512345')), 'format');
    expectInvalid(validate('ro_cnp', withCnpCheckDigit('163061512000')), 'format');
  });
});

describe('Russian SNILS', () => {
  it('accepts the well-known 112-233-445 95 in any common spelling', () => {
    // 1·9+1·8+2·7+2·6+3·5+3·4+4·3+4·2+5·1 = 95
    for (const raw of ['112-233-445 95', '11223344595', ' 112 233 445 95 ', '112-233-445-95', '112–233–445\u00a095']) {
      expect(validate('ru_snils', raw)).toEqual({ ok: true, normalized: '11223344595' });
    }
  });

  it('applies the rules for sums of 100, 101 and above 101', () => {
    expect(validate('ru_snils', '010-242-368 77').ok).toBe(true); // sum 77
    expect(validate('ru_snils', '148-481-255 85').ok).toBe(true); // sum 186, mod 101 = 85
    expect(validate('ru_snils', '001-326-679 00').ok).toBe(true); // sum 100 → 00
    expect(validate('ru_snils', '001-508-816 00').ok).toBe(true); // sum 101 → 00
    expect(validate('ru_snils', '017-996-174 00').ok).toBe(true); // sum 201, mod 101 = 100 → 00
    expectInvalid(validate('ru_snils', '001-326-679 01'), 'checksum');
  });

  it('rejects a wrong control number', () => {
    expectInvalid(validate('ru_snils', '112-233-445 96'), 'checksum');
    expectInvalid(validate('ru_snils', '010-242-368 00'), 'checksum');
    expectInvalid(validate('ru_snils', '121-233-445 95'), 'checksum'); // swapped digits
  });

  it('does not check numbers up to 001-001-998, which predate the rule', () => {
    expect(validate('ru_snils', '001-001-998 00').ok).toBe(true);
    expect(validate('ru_snils', '000-123-456 42').ok).toBe(true);
    expect(validate('ru_snils', '001-001-999 65').ok).toBe(true); // first checked number: sum 65
    expectInvalid(validate('ru_snils', '001-001-999 00'), 'checksum');
    expectInvalid(validate('ru_snils', '000-000-000 00'), 'format');
  });

  it('rejects wrong lengths and letters', () => {
    expectInvalid(validate('ru_snils', '112-233-445 9'), 'format');
    expectInvalid(validate('ru_snils', '112-233-445 955'), 'format');
    expectInvalid(validate('ru_snils', '112-233-44A 95'), 'format');
    expectInvalid(validate('ru_snils', '112.233.445 95'), 'format');
  });
});

describe('Italian codice fiscale', () => {
  it('accepts published examples and decodes birth date and sex', () => {
    expect(validate('it_codice_fiscale', 'RCCMNL83S18D969H')).toEqual({
      ok: true, normalized: 'RCCMNL83S18D969H', birthDate: '1983-11-18', birthYear: 1983, sex: 'M',
    });
    expect(validate('it_codice_fiscale', 'cntchr83t41d969d')).toMatchObject({ ok: true, normalized: 'CNTCHR83T41D969D', birthDate: '1983-12-01', sex: 'F' });
    expect(validate('it_codice_fiscale', 'MRSMSR81D60Z611H')).toMatchObject({ ok: true, birthDate: '1981-04-20', sex: 'F' }); // born abroad (Z)
    expect(validate('it_codice_fiscale', 'MRTNTN23M02D969P')).toMatchObject({ ok: true, sex: 'M' });
    expect(validate('it_codice_fiscale', 'RSSMRA85T10A562S')).toMatchObject({ ok: true, birthDate: '1985-12-10', sex: 'M' });
    expect(validate('it_codice_fiscale', 'MAILCU91A25F839D')).toMatchObject({ ok: true, birthDate: '1991-01-25' });
    expect(validate('it_codice_fiscale', 'RSS MRA 85T10 A562S').ok).toBe(true);
  });

  it('accepts omocodic codes (digits replaced by LMNPQRSTUV) and reads their date', () => {
    for (const cf of ['RSSMRA45C12F205C', 'RSSMRA45C12F20RX', 'RSSMRA45C12F2L5N', 'RSSMRA45C12F2LRI', 'RSSMRAQRCMNFNLRG']) {
      expect(validate('it_codice_fiscale', cf)).toEqual({ ok: true, normalized: cf, birthDate: '1945-03-12', birthYear: 1945, sex: 'M' });
    }
  });

  it('guesses the century from two digits: the latest year that is not in the future', () => {
    // Dario Fo (FOX, born 1926) reads as 2026 once March 2026 has passed; the code cannot tell.
    expect(validate('it_codice_fiscale', 'FOXDRA26C24H872Y')).toMatchObject({ ok: true, birthDate: '2026-03-24' });
    expect(validateNationalId('it_codice_fiscale', 'FOXDRA26C24H872Y', { today: new Date('2026-03-01') })).toMatchObject({ birthDate: '1926-03-24' });
    expect(validateNationalId('it_codice_fiscale', 'FOXDRA26C24H872Y', { today: new Date('2025-06-01') })).toMatchObject({ birthDate: '1926-03-24' });
    expect(validate('it_codice_fiscale', 'MRTNTN23M02D969P')).toMatchObject({ birthDate: '2023-08-02' });
    expect(validateNationalId('it_codice_fiscale', 'MRTNTN23M02D969P', { today: new Date('2020-01-01') })).toMatchObject({ birthDate: '1923-08-02' });
  });

  it('rejects a wrong check character', () => {
    expectInvalid(validate('it_codice_fiscale', 'FOXDRA26C24H872A'), 'checksum');
    expectInvalid(validate('it_codice_fiscale', 'RCCMNL83S18D969J'), 'checksum');
    expectInvalid(validate('it_codice_fiscale', 'RCCMNL38S18D969H'), 'checksum'); // swapped year digits
  });

  it('rejects impossible dates', () => {
    expectInvalid(validate('it_codice_fiscale', 'CNTCHR83T32D969H'), 'date'); // day 32 is neither M nor F
    expectInvalid(validate('it_codice_fiscale', 'CNTCHR83B30D969H'), 'date'); // 30 February
    expectInvalid(validate('it_codice_fiscale', 'CNTCHR83B70D969H'), 'date'); // 30 February, woman
    expectInvalid(validate('it_codice_fiscale', 'CNTCHR83T00D969H'), 'date');
  });

  it('rejects wrong lengths, shapes and name parts', () => {
    expectInvalid(validate('it_codice_fiscale', 'RCCMNL83S18D969'), 'format');
    expectInvalid(validate('it_codice_fiscale', 'RCCMNL83S18D969HH'), 'format');
    expectInvalid(validate('it_codice_fiscale', 'CSTNGL22I10D086I'), 'format'); // I is not a month letter
    expectInvalid(validate('it_codice_fiscale', 'RCCMNL8WS18D969H'), 'format'); // W is not an omocodia letter
    expectInvalid(validate('it_codice_fiscale', 'RCCMN183S18D969H'), 'format');
    expectInvalid(validate('it_codice_fiscale', 'RACMNL83S18D969H'), 'format'); // consonant after a vowel
    expectInvalid(validate('it_codice_fiscale', 'RCCAXE83S18D969H'), 'format'); // vowel after X padding
  });
});

describe('Vietnamese CCCD', () => {
  it('accepts 12 digits with a province code and decodes year and sex', () => {
    // 087 Đồng Tháp, 0 = man born in the 1900s, 84 = 1984.
    expect(validate('vn_cccd', '087084000999')).toEqual({ ok: true, normalized: '087084000999', birthYear: 1984, sex: 'M' });
    expect(validate('vn_cccd', '001 305 123456')).toMatchObject({ ok: true, birthYear: 2005, sex: 'F' });
    expect(validate('vn_cccd', '079199123456')).toMatchObject({ ok: true, birthYear: 1999, sex: 'F' });
  });

  it('rejects unknown province codes', () => {
    expectInvalid(validate('vn_cccd', '003084000999'), 'format'); // not in the list
    expectInvalid(validate('vn_cccd', '000084000999'), 'format');
    expectInvalid(validate('vn_cccd', '097084000999'), 'format');
  });

  it('rejects birth years in the future', () => {
    expectInvalid(validate('vn_cccd', '001230000001'), 'date'); // 2030
    expectInvalid(validate('vn_cccd', '001400000001'), 'date'); // 2100
    expect(validate('vn_cccd', '001326000001').ok).toBe(true); // 2026
  });

  it('rejects wrong lengths and letters', () => {
    expectInvalid(validate('vn_cccd', '08708400099'), 'format');
    expectInvalid(validate('vn_cccd', '0870840009990'), 'format');
    expectInvalid(validate('vn_cccd', '08708400099A'), 'format');
  });
});

describe('any scheme', () => {
  it('refuses absurdly long input without work', () => {
    for (const scheme of NATIONAL_ID_SCHEMES) expectInvalid(validate(scheme, '1'.repeat(10_000)), 'format');
  });

  it('never repeats the identifier in its messages', () => {
    const result = validate('ro_cnp', '1630615123458');
    expect(!result.ok && result.message).not.toContain('163061512345');
  });
});

describe('maskNationalId', () => {
  it('shows about four characters', () => {
    expect(maskNationalId('ro_cnp', '1630615123457')).toBe('1*********457');
    expect(maskNationalId('ru_snils', '11223344595')).toBe('***-***-445 95');
    expect(maskNationalId('it_codice_fiscale', 'RCCMNL83S18D969H')).toBe('RCC************H');
    expect(maskNationalId('vn_cccd', '087084000999')).toBe('********0999');
  });

  it('hides a value of the wrong length entirely', () => {
    expect(maskNationalId('ro_cnp', '163061512345')).toBe('************');
    expect(maskNationalId('vn_cccd', '12')).toBe('****');
  });
});

describe('generateNationalId', () => {
  it.each(NATIONAL_ID_SCHEMES)('%s: 1,000 random ids all validate', (scheme) => {
    const random = seeded(42);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = generateNationalId(scheme, random);
      const result = validate(scheme, id);
      expect(result, id).toMatchObject({ ok: true, normalized: id });
      seen.add(id);
    }
    expect(seen.size).toBeGreaterThan(990);
  });

  it('is deterministic given the random function', () => {
    for (const scheme of NATIONAL_ID_SCHEMES) {
      expect(generateNationalId(scheme, seeded(7))).toBe(generateNationalId(scheme, seeded(7)));
    }
  });

  it('encodes the requested birth date and sex', () => {
    const random = seeded(1);
    for (const [birthDate, sex] of [['1985-12-10', 'M'], ['2004-02-29', 'F'], ['1899-07-01', 'F']] as const) {
      const cnp = validate('ro_cnp', generateNationalId('ro_cnp', random, { birthDate, sex }));
      expect(cnp).toMatchObject({ ok: true, birthDate, sex });
      const cf = validate('it_codice_fiscale', generateNationalId('it_codice_fiscale', random, { birthDate, sex }));
      expect(cf).toMatchObject({ ok: true, sex });
    }
    const cf = validate('it_codice_fiscale', generateNationalId('it_codice_fiscale', random, { birthDate: '1985-12-10', sex: 'F' }));
    expect(cf).toMatchObject({ ok: true, birthDate: '1985-12-10', sex: 'F' });
    const cccd = validate('vn_cccd', generateNationalId('vn_cccd', random, { birthDate: '2001-05-05', sex: 'F' }));
    expect(cccd).toMatchObject({ ok: true, birthYear: 2001, sex: 'F' });
  });

  it('draws default birth dates from 1930-2009, which two-digit years decode without ambiguity', () => {
    const random = seeded(3);
    for (let i = 0; i < 500; i++) {
      for (const scheme of ['ro_cnp', 'it_codice_fiscale', 'vn_cccd'] as const) {
        const result = validate(scheme, generateNationalId(scheme, random));
        const year = result.ok ? result.birthYear : undefined;
        expect(year).toBeGreaterThanOrEqual(1930);
        expect(year).toBeLessThanOrEqual(2009);
      }
    }
  });

  it('refuses birth dates a scheme cannot encode', () => {
    expect(() => generateNationalId('ro_cnp', seeded(1), { birthDate: '2100-01-01' })).toThrow(RangeError);
    expect(() => generateNationalId('vn_cccd', seeded(1), { birthDate: '1899-01-01' })).toThrow(RangeError);
    expect(() => generateNationalId('ro_cnp', seeded(1), { birthDate: '1990-02-30' })).toThrow(RangeError);
  });

  it('omocodia: replacing the last digit with its letter needs exactly one new check character', () => {
    const random = seeded(9);
    for (let i = 0; i < 50; i++) {
      const cf = generateNationalId('it_codice_fiscale', random);
      const omocodic = `${cf.slice(0, 14)}${'LMNPQRSTUV'.charAt(Number(cf[14]))}`;
      const valid = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => validate('it_codice_fiscale', omocodic + c).ok);
      expect(valid).toHaveLength(1);
      expect(validate('it_codice_fiscale', omocodic + valid[0])).toMatchObject({ birthDate: (validate('it_codice_fiscale', cf) as { birthDate: string }).birthDate });
    }
  });
});
