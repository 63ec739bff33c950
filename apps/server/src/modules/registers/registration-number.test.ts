import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber } from './registration-number.ts';

describe('registration number format', () => {
  it('pads the sequence and fills year and register code', () => {
    expect(formatRegistrationNumber('PET-{year}-{seq:6}', { year: 2026, seq: 123, register: 'PET' })).toBe('PET-2026-000123');
    expect(formatRegistrationNumber('{register}/{seq}/{year}', { year: 2026, seq: 7, register: 'URB' })).toBe('URB/7/2026');
    expect(formatRegistrationNumber('A-{seq:2}', { year: 2026, seq: 1234, register: 'A' })).toBe('A-1234');
  });
});
