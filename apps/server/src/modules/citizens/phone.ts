import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber, PhoneNumberType } from 'libphonenumber-js/max';

/**
 * Phone numbers in E.164, checked against the full ("max") metadata so that the number type is
 * known: SMS go only to mobiles. Messages are for staff and do not repeat the number.
 */
export type PhoneResult = { ok: true; e164: string; type?: PhoneNumberType } | { ok: false; message: string };

// Longer input is not a phone number however it is punctuated.
const MAX_INPUT_LENGTH = 40;
const SMS_CAPABLE: ReadonlySet<PhoneNumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** Accepts national formats of the tenant's country (ISO 3166-1 alpha-2) and international ones. */
export function normalizePhone(raw: string, defaultCountry: string): PhoneResult {
  const country = toCountryCode(defaultCountry);
  const input = raw.trim();
  if (input.length === 0) return { ok: false, message: 'No phone number was given.' };
  if (input.length > MAX_INPUT_LENGTH) return { ok: false, message: 'This is too long to be a phone number.' };
  const parsed = parse(input, country);
  if (!parsed) return { ok: false, message: 'This is not a phone number: use digits, spaces, dashes, brackets and a leading +.' };
  if (parsed.ext) return { ok: false, message: 'Phone extensions cannot be stored; give the number without the extension.' };
  if (!parsed.isValid()) return { ok: false, message: invalidMessage(input, country) };
  const type = parsed.getType();
  return type ? { ok: true, e164: parsed.number, type } : { ok: true, e164: parsed.number };
}

/** Whether an E.164 number can receive SMS; false for anything that is not a valid E.164 number. */
export function isMobile(e164: string): boolean {
  if (!e164.startsWith('+')) return false;
  const parsed = parse(e164);
  if (!parsed?.isValid()) return false;
  const type = parsed.getType();
  return type !== undefined && SMS_CAPABLE.has(type);
}

function toCountryCode(value: string): CountryCode {
  const upper = value.toUpperCase();
  // The tenant's country comes from configuration; a wrong one is a bug, not a citizen's typo.
  if (!isSupportedCountry(upper)) throw new RangeError(`Unsupported country for phone numbers: ${JSON.stringify(value)}`);
  return upper;
}

function parse(input: string, defaultCountry?: CountryCode): PhoneNumber | undefined {
  // extract: false — the whole input must be the number, not text that merely contains one.
  return parsePhoneNumberFromString(input, { ...(defaultCountry ? { defaultCountry } : {}), extract: false });
}

function invalidMessage(input: string, country: CountryCode): string {
  if (input.startsWith('+') || input.startsWith('00')) return 'This is not a valid phone number in the country its code gives.';
  const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(country) ?? country;
  return `This is not a valid phone number in ${name}. A number from another country must start with + and its country code.`;
}
