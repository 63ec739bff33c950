/**
 * How a text travels as SMS: in the GSM 03.38 7-bit default alphabet when every character is in
 * it (160 characters in one message, 153 per part of a longer one), otherwise as UCS-2 (70, or 67
 * per part). Pure and shared: the SMS transports split with it and the notification template
 * editor shows the count while the administrator types.
 */

/** The GSM 03.38 default alphabet (one septet each). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: escape + character, two septets each. */
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLimits {
  single: number;
  perPart: number;
}

export const SMS_LIMITS: Record<SmsEncoding, SmsLimits> = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
};

export interface SmsInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7, extension characters count twice) or UTF-16 code units (UCS-2). */
  units: number;
  /** Messages the carrier bills: 0 for an empty text. */
  segments: number;
  /** Units one segment holds at this length (160/153 or 70/67). */
  perSegment: number;
  /** Units still free in the last segment. */
  remaining: number;
  /** The characters that force UCS-2 (each once, in order of appearance). */
  nonGsm: string[];
}

/** Septets a character costs in GSM-7, or null if GSM-7 cannot carry it. */
export function gsmCost(ch: string): 1 | 2 | null {
  if (GSM_BASIC.has(ch)) return 1;
  if (GSM_EXTENDED.has(ch)) return 2;
  return null;
}

export function encodingOf(text: string): SmsEncoding {
  for (const ch of text) if (gsmCost(ch) === null) return 'UCS-2';
  return 'GSM-7';
}

/** A character's cost in the given encoding (UTF-16 units for UCS-2: an emoji costs two). */
function costOf(ch: string, encoding: SmsEncoding): number {
  return encoding === 'GSM-7' ? (gsmCost(ch) ?? 1) : ch.length;
}

export function analyzeSms(text: string): SmsInfo {
  const encoding = encodingOf(text);
  const nonGsm: string[] = [];
  let units = 0;
  for (const ch of text) {
    units += costOf(ch, encoding);
    if (encoding === 'UCS-2' && gsmCost(ch) === null && !nonGsm.includes(ch)) nonGsm.push(ch);
  }
  const limits = SMS_LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0, perSegment: limits.single, remaining: limits.single, nonGsm };
  if (units <= limits.single) return { encoding, units, segments: 1, perSegment: limits.single, remaining: limits.single - units, nonGsm };
  // Parts are cut on character boundaries, so a part may end a unit short (an escape or a surrogate pair).
  const parts = splitSms(text).parts;
  const last = parts[parts.length - 1]!;
  let lastUnits = 0;
  for (const ch of last) lastUnits += costOf(ch, encoding);
  return { encoding, units, segments: parts.length, perSegment: limits.perPart, remaining: limits.perPart - lastUnits, nonGsm };
}

/**
 * The parts a text is sent as: one when it fits, otherwise parts of at most 153 septets / 67
 * units, never cutting an escaped GSM character or a surrogate pair in two.
 */
export function splitSms(text: string): { encoding: SmsEncoding; parts: string[] } {
  const encoding = encodingOf(text);
  const limits = SMS_LIMITS[encoding];
  let total = 0;
  for (const ch of text) total += costOf(ch, encoding);
  if (total <= limits.single) return { encoding, parts: [text] };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of text) {
    const cost = costOf(ch, encoding);
    if (used + cost > limits.perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += cost;
  }
  if (current) parts.push(current);
  return { encoding, parts };
}
