import { describe, expect, it } from 'vitest';
import { analyzeSms, encodingOf, splitSms } from './gsm.ts';

describe('SMS encoding and segments', () => {
  it('plain Latin text is GSM-7: 160 in one message, 153 per part beyond', () => {
    expect(analyzeSms('')).toMatchObject({ encoding: 'GSM-7', segments: 0 });
    expect(analyzeSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(analyzeSms('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153, remaining: 153 * 2 - 161 });
    expect(analyzeSms('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(analyzeSms('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('extension characters (€ [ ] { } ~ ^ | \\) cost two septets', () => {
    expect(analyzeSms('€')).toMatchObject({ encoding: 'GSM-7', units: 2 });
    expect(analyzeSms('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(analyzeSms(`${'€'.repeat(80)}a`)).toMatchObject({ units: 161, segments: 2 });
    // A part never ends in half an escape: 76 euros are 152 septets, the 77th starts the next part.
    const { parts } = splitSms('€'.repeat(100));
    expect(parts.map((p) => p.length)).toEqual([76, 24]);
  });

  it('GSM accented letters stay GSM-7; Romanian comma-below letters and Cyrillic need UCS-2', () => {
    expect(encodingOf('Ça coûte 5 £ à Zürich? é è ù ì ò Ñ ß')).toBe('UCS-2'); // û is not GSM
    expect(encodingOf('Ça cote 5 £ à Zürich? é è ù ì ò Ñ ß')).toBe('GSM-7');
    expect(analyzeSms('Cererea dvs. a fost înregistrată')).toMatchObject({ encoding: 'UCS-2', nonGsm: ['î', 'ă'] });
    expect(analyzeSms('Ваше обращение')).toMatchObject({ encoding: 'UCS-2', units: 14, segments: 1 });
    expect(analyzeSms('ș'.repeat(70))).toMatchObject({ segments: 1, remaining: 0 });
    expect(analyzeSms('ș'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(analyzeSms('Hồ sơ của quý vị')).toMatchObject({ encoding: 'UCS-2' });
  });

  it('an emoji is two UCS-2 units and is never cut in half', () => {
    expect(analyzeSms('👍')).toMatchObject({ encoding: 'UCS-2', units: 2 });
    const text = `${'x'.repeat(66)}👍${'y'.repeat(10)}`;
    const { parts } = splitSms(text);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe('x'.repeat(66));
    expect(parts.join('')).toBe(text);
  });

  it('splitting loses nothing and respects the part sizes', () => {
    const text = 'Primăria vă informează: '.repeat(20);
    const { encoding, parts } = splitSms(text);
    expect(encoding).toBe('UCS-2');
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(67);
    expect(parts.length).toBe(analyzeSms(text).segments);
  });
});
