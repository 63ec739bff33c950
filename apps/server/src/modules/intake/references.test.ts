import { describe, expect, it } from 'vitest';
import { findRegistrationNumbers, fingerprintOf, numberPattern } from './references.ts';

describe('registration numbers in free text', () => {
  const registers = [
    { format: 'PET-{year}-{seq:6}', code: 'PET' },
    { format: '{register}/{seq}/{year}', code: 'URB' },
  ];

  it('builds a pattern from a format', () => {
    expect(numberPattern('PET-{year}-{seq:6}', 'PET')).toBe('PET-\\d{4}-\\d{6,}');
    expect(numberPattern('{register}/{seq}/{year}', 'URB')).toBe('URB\\/\\d+\\/\\d{4}');
  });

  it('finds numbers in subjects and bodies, not inside other words or numbers', () => {
    expect(findRegistrationNumbers('Re: Răspuns la petiția PET-2026-000123, mulțumesc', registers)).toEqual(['PET-2026-000123']);
    expect(findRegistrationNumbers('Ref. URB/45/2026 și PET-2026-000007', registers).sort()).toEqual(['PET-2026-000007', 'URB/45/2026']);
    expect(findRegistrationNumbers('XPET-2026-000123 or PET-2026-00012', registers)).toEqual([]);
    expect(findRegistrationNumbers('Обращение № PET-2026-001234 от 12.01.2026', registers)).toEqual(['PET-2026-001234']);
  });

  it('fingerprints ignore case and spacing', () => {
    expect(fingerprintOf('Ana@X.ro', 'Groapă', 'Strada  Mare\nnr 5')).toBe(fingerprintOf('ana@x.ro', 'groapă', 'strada mare nr 5'));
  });
});
