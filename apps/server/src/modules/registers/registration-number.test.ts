import { describe, expect, it } from 'vitest';
import { fillNumberTemplate, formatRegistrationNumber, NUMBER_PLACEHOLDER, numberHoles, numberTemplate, uriEncodedTemplate } from './registration-number.ts';

describe('registration number format', () => {
  it('pads the sequence and fills year and register code', () => {
    expect(formatRegistrationNumber('PET-{year}-{seq:6}', { year: 2026, seq: 123, register: 'PET' })).toBe('PET-2026-000123');
    expect(formatRegistrationNumber('{register}/{seq}/{year}', { year: 2026, seq: 7, register: 'URB' })).toBe('URB/7/2026');
    expect(formatRegistrationNumber('A-{seq:2}', { year: 2026, seq: 1234, register: 'A' })).toBe('A-1234');
  });

  it('as a template with holes for the sequence, renders the same numbers', () => {
    expect(numberTemplate('PET-{year}-{seq:6}', { year: 2026, register: 'PET' })).toEqual(['PET-2026-', { hole: 'seq', width: 6 }, '']);
    for (const format of ['PET-{year}-{seq:6}', '{register}/{seq}/{year}', 'A-{seq:2}', '{seq}', '{seq:3}{seq}-{register}{year}', 'Nr. {seq:4} din {year} ({register})', '{year}{{seq}}']) {
      for (const seq of [1, 7, 123, 1234, 1_000_000]) {
        expect(fillNumberTemplate(numberTemplate(format, { year: 2026, register: 'URB' }), seq), `${format} ${seq}`).toBe(formatRegistrationNumber(format, { year: 2026, seq, register: 'URB' }));
      }
    }
  });

  it("finds a number's placeholders in a text, as written and URI-encoded, and fills them like the database", () => {
    const text = `Nr. ${NUMBER_PLACEHOLDER} — https://x.test/status?number=${encodeURIComponent(NUMBER_PLACEHOLDER)}&a=${NUMBER_PLACEHOLDER}`;
    expect(numberHoles(text)).toEqual(['Nr. ', { hole: 'number' }, ' — https://x.test/status?number=', { hole: 'numberUri' }, '&a=', { hole: 'number' }, '']);
    expect(numberHoles('no number here')).toEqual(['no number here']);
    const template = numberTemplate('{seq}/{year} A&B', { year: 2026, register: 'X' });
    expect(fillNumberTemplate(uriEncodedTemplate(template), 42)).toBe(encodeURIComponent('42/2026 A&B'));
  });
});
