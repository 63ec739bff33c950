/**
 * National identifiers of the schemes tenants use. Pure rules: no clock of their own (the caller
 * may pass `today`), no I/O. Messages are for staff and never repeat the identifier itself, since
 * they may end up in logs and problem responses.
 */

export type NationalIdScheme = 'ro_cnp' | 'ru_snils' | 'it_codice_fiscale' | 'vn_cccd';

export const NATIONAL_ID_SCHEMES = ['ro_cnp', 'ru_snils', 'it_codice_fiscale', 'vn_cccd'] as const satisfies readonly NationalIdScheme[];

export type Sex = 'M' | 'F';

export type NationalIdValid = {
  ok: true;
  normalized: string;
  /** YYYY-MM-DD, only when the identifier encodes the full date and its century. */
  birthDate?: string;
  /** When the identifier encodes the year but not the full date (CCCD), or alongside birthDate. */
  birthYear?: number;
  sex?: Sex;
};

export type NationalIdInvalid = { ok: false; code: 'format' | 'checksum' | 'date'; message: string };

export type NationalIdResult = NationalIdValid | NationalIdInvalid;

export interface ValidateOptions {
  /** "Now" for the birth-date-not-in-the-future rules and the codice fiscale century guess. */
  today?: Date;
}

export interface GenerateOptions {
  /** YYYY-MM-DD; must be in the past for the result to validate. */
  birthDate?: string;
  sex?: Sex;
}

// Longer input is not an identifier under any separator style; refuse before doing any work.
const MAX_RAW_LENGTH = 64;

export function validateNationalId(scheme: NationalIdScheme, raw: string, opts: ValidateOptions = {}): NationalIdResult {
  if (raw.length > MAX_RAW_LENGTH) return fail('format', 'This is far too long to be an identifier.');
  const normalized = normalize(raw);
  const today = opts.today ?? new Date();
  switch (scheme) {
    case 'ro_cnp':
      return validateCnp(normalized, today);
    case 'ru_snils':
      return validateSnils(normalized);
    case 'it_codice_fiscale':
      return validateCodiceFiscale(normalized, today);
    case 'vn_cccd':
      return validateCccd(normalized, today);
  }
}

/** Shows at most about four characters: enough to tell two citizens apart on screen, too few to use. */
export function maskNationalId(scheme: NationalIdScheme, normalized: string): string {
  const expected = { ro_cnp: 13, ru_snils: 11, it_codice_fiscale: 16, vn_cccd: 12 }[scheme];
  // Anything malformed is hidden entirely rather than partially revealed by guesswork.
  if (normalized.length !== expected) return '*'.repeat(Math.max(normalized.length, 4));
  switch (scheme) {
    case 'ro_cnp':
      return `${normalized.slice(0, 1)}${'*'.repeat(9)}${normalized.slice(-3)}`;
    case 'ru_snils':
      // Russians recognise a SNILS by its tail written in the usual grouping.
      return `***-***-${normalized.slice(6, 9)} ${normalized.slice(9)}`;
    case 'it_codice_fiscale':
      return `${normalized.slice(0, 3)}${'*'.repeat(12)}${normalized.slice(-1)}`;
    case 'vn_cccd':
      return `${'*'.repeat(8)}${normalized.slice(-4)}`;
  }
}

/** Valid identifiers for demo data and tests; the same `random` sequence gives the same result. */
export function generateNationalId(scheme: NationalIdScheme, random: () => number, opts: GenerateOptions = {}): string {
  const birth = opts.birthDate === undefined ? randomBirthDate(random) : parseIsoDate(opts.birthDate);
  const sex = opts.sex ?? pick(random, ['M', 'F'] as const);
  switch (scheme) {
    case 'ro_cnp':
      return generateCnp(random, birth, sex);
    case 'ru_snils':
      return generateSnils(random);
    case 'it_codice_fiscale':
      return generateCodiceFiscale(random, birth, sex);
    case 'vn_cccd':
      return generateCccd(random, birth.year, sex);
  }
}

// ---------------------------------------------------------------------------------------------
// Romania: CNP, SAALLZZJJNNNC (structure as published by the Ministry of Internal Affairs)

const CNP_WEIGHTS = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

// S → century of birth. 7/8 (foreign residents) and 9 (foreigners) do not encode the century.
const CNP_CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '3': 1800, '4': 1800, '5': 2000, '6': 2000 };

// 01-46 counties and Bucharest sectors, 47/48 the former sectors 7 and 8 (their holders keep
// those CNPs for life), 51/52 Călărași and Giurgiu. 49/50 are not known to be assigned but the
// range is accepted whole: the check digit catches typos there. 70 is the single code the civil
// status system (SIIEASC) gives every CNP it generates since May 2024, whatever the place.
function isCnpCounty(jj: number): boolean {
  return (jj >= 1 && jj <= 52) || jj === 70;
}

function cnpCheckDigit(first12: string): number {
  const remainder = weightedSum(first12, CNP_WEIGHTS) % 11;
  return remainder === 10 ? 1 : remainder;
}

function validateCnp(s: string, today: Date): NationalIdResult {
  if (!/^\d{13}$/.test(s)) return fail('format', 'A CNP has exactly 13 digits.');
  if (s[0] === '0') return fail('format', 'A CNP cannot start with 0: its first digit (sex and century) is 1 to 9.');
  if (!isCnpCounty(Number(s.slice(7, 9)))) {
    return fail('format', 'Digits 8-9 of a CNP are a county code (01 to 52, or 70); these are not one.');
  }
  if (s.slice(9, 12) === '000') return fail('format', 'Digits 10-12 of a CNP are a serial number from 001 to 999; 000 is not used.');
  const dated = cnpBirth(s, today);
  if (!dated.ok) return dated;
  if (cnpCheckDigit(s.slice(0, 12)) !== Number(s[12])) {
    return fail('checksum', 'The last digit of this CNP (its check digit) does not match the others; a digit is probably mistyped.');
  }
  return { ok: true, normalized: s, ...dated.birth, ...cnpSex(s) };
}

function cnpSex(s: string): { sex?: Sex } {
  const first = Number(s[0]);
  if (first === 9) return {};
  return { sex: first % 2 === 1 ? 'M' : 'F' };
}

function cnpBirth(s: string, today: Date): { ok: true; birth: { birthDate?: string; birthYear?: number } } | NationalIdInvalid {
  const yy = Number(s.slice(1, 3));
  const month = Number(s.slice(3, 5));
  const day = Number(s.slice(5, 7));
  const century = CNP_CENTURY[s[0] ?? ''];
  if (century === undefined) {
    // Foreigners: the century is unknown, so accept a date that exists in either the 1900s or the
    // 2000s (they differ only on 29 February of year 00) and report no birth date.
    const exists = isRealDate(1900 + yy, month, day) || isRealDate(2000 + yy, month, day);
    return exists ? { ok: true, birth: {} } : impossibleDate('CNP');
  }
  const year = century + yy;
  if (!isRealDate(year, month, day)) return impossibleDate('CNP');
  if (isAfterToday(year, month, day, today)) return futureDate('CNP');
  return { ok: true, birth: { birthDate: isoDate(year, month, day), birthYear: year } };
}

function generateCnp(random: () => number, birth: YearMonthDay, sex: Sex): string {
  const centuryDigit = { 1800: 3, 1900: 1, 2000: 5 }[Math.floor(birth.year / 100) * 100];
  if (centuryDigit === undefined) throw new RangeError('A CNP encodes birth years 1800 to 2099 only.');
  const s = String(sex === 'M' ? centuryDigit : centuryDigit + 1);
  const county = pick(random, CNP_DEMO_COUNTIES);
  const first12 = `${s}${pad(birth.year % 100, 2)}${pad(birth.month, 2)}${pad(birth.day, 2)}${county}${pad(randomInt(random, 1, 999), 3)}`;
  return `${first12}${cnpCheckDigit(first12)}`;
}

// Demo data uses only the current counties and sectors, as most real CNPs do.
const CNP_DEMO_COUNTIES = [...range(1, 46), 51, 52].map((n) => pad(n, 2));

// ---------------------------------------------------------------------------------------------
// Russia: SNILS, XXX-XXX-XXX YY (Pension Fund of Russia rules for the control number)

// Numbers up to 001-001-998 were issued before the control number rule and are not checked.
const SNILS_LAST_UNCHECKED = 1_001_998;

function snilsCheckNumber(first9: string): number {
  const sum = weightedSum(first9, [9, 8, 7, 6, 5, 4, 3, 2, 1]);
  if (sum < 100) return sum;
  if (sum <= 101) return 0;
  const remainder = sum % 101;
  return remainder === 100 ? 0 : remainder;
}

function validateSnils(s: string): NationalIdResult {
  if (!/^\d{11}$/.test(s)) return fail('format', 'A SNILS has exactly 11 digits, usually written 123-456-789 01.');
  const number = Number(s.slice(0, 9));
  if (number === 0) return fail('format', 'A SNILS cannot be 000-000-000: that number is never assigned.');
  if (number > SNILS_LAST_UNCHECKED && snilsCheckNumber(s.slice(0, 9)) !== Number(s.slice(9))) {
    return fail('checksum', 'The last two digits of this SNILS (its control number) do not match the others; a digit is probably mistyped.');
  }
  return { ok: true, normalized: s };
}

function generateSnils(random: () => number): string {
  const first9 = pad(randomInt(random, SNILS_LAST_UNCHECKED + 1, 999_999_999), 9);
  return `${first9}${pad(snilsCheckNumber(first9), 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Italy: codice fiscale of a person, SSSNNNYYMDDZZZZC (the 11-digit numbers of companies and
// provisional codes are not accepted)

// Omocodia: when two people would share a code, digits (year, day, place number) are replaced by
// these letters for 0-9, from the right, until the codes differ.
const CF_OMOCODIA = 'LMNPQRSTUV';
const CF_MONTHS = 'ABCDEHLMPRST';
const CF_SHAPE = /^[A-Z]{6}[\dLMNPQRSTUV]{2}[ABCDEHLMPRST][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z]$/;
// Surname and name parts are consonants, then vowels, then X padding. Y is a consonant in the
// rules, but it is tolerated among the vowels too, so a code issued with it read as a vowel passes.
const CF_NAME_PART = /^[B-DF-HJ-NP-TV-Z]*[AEIOUY]*X*$/;
// Value of each character (0-9, then A-Z) in the odd positions (1st, 3rd, ...); even positions use the plain value.
const CF_ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function cfCharValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

function cfCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < first15.length; i++) {
    const value = cfCharValue(first15.charAt(i));
    sum += i % 2 === 0 ? (CF_ODD_VALUES[value] ?? 0) : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Undoes omocodia on the digit positions, so the date can be read whatever was substituted. */
function cfDigits(s: string, from: number, to: number): number {
  let out = '';
  for (const ch of s.slice(from, to)) {
    const substituted = CF_OMOCODIA.indexOf(ch);
    out += substituted >= 0 ? String(substituted) : ch;
  }
  return Number(out);
}

function validateCodiceFiscale(s: string, today: Date): NationalIdResult {
  if (s.length !== 16) return fail('format', 'A codice fiscale has exactly 16 letters and digits.');
  if (!CF_SHAPE.test(s)) {
    return fail('format', 'This does not have the shape of a codice fiscale: 6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits and a letter.');
  }
  if (!CF_NAME_PART.test(s.slice(0, 3)) || !CF_NAME_PART.test(s.slice(3, 6))) {
    return fail('format', 'The first six letters of a codice fiscale are consonants followed by vowels (then X); these are not.');
  }
  const dated = cfBirth(s, today);
  if (!dated.ok) return dated;
  if (cfCheckChar(s.slice(0, 15)) !== s[15]) {
    return fail('checksum', 'The last letter of this codice fiscale (its check character) does not match the others; a character is probably mistyped.');
  }
  return { ok: true, normalized: s, ...dated.birth };
}

function cfBirth(s: string, today: Date): { ok: true; birth: { birthDate: string; birthYear: number; sex: Sex } } | NationalIdInvalid {
  const yy = cfDigits(s, 6, 8);
  const month = CF_MONTHS.indexOf(s.charAt(8)) + 1;
  const encodedDay = cfDigits(s, 9, 11);
  const sex: Sex = encodedDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? encodedDay - 40 : encodedDay;
  // Only two digits of the year: the most recent year that does not put the birth in the future.
  const year = isAfterToday(2000 + yy, month, day, today) ? 1900 + yy : 2000 + yy;
  if (!isRealDate(year, month, day)) return impossibleDate('codice fiscale');
  return { ok: true, birth: { birthDate: isoDate(year, month, day), birthYear: year, sex } };
}

function generateCodiceFiscale(random: () => number, birth: YearMonthDay, sex: Sex): string {
  const day = sex === 'F' ? birth.day + 40 : birth.day;
  const place = random() < 0.1 ? 'Z' : pick(random, [...'ABCDEFGHIJKLM']);
  const first15 =
    `${randomNamePart(random)}${randomNamePart(random)}${pad(birth.year % 100, 2)}${CF_MONTHS.charAt(birth.month - 1)}` +
    `${pad(day, 2)}${place}${pad(randomInt(random, 1, 999), 3)}`;
  return `${first15}${cfCheckChar(first15)}`;
}

function randomNamePart(random: () => number): string {
  const consonants = pick(random, [3, 3, 3, 2, 2, 1]);
  let part = '';
  for (let i = 0; i < consonants; i++) part += pick(random, [...'BCDFGHJKLMNPQRSTVWZ']);
  while (part.length < 3) part += pick(random, [...'AEIOU']);
  // A short name like "Fo" pads with X (FOX); keep that shape in the data now and then.
  return consonants === 1 && random() < 0.2 ? `${part.slice(0, 2)}X` : part;
}

// ---------------------------------------------------------------------------------------------
// Vietnam: CCCD / personal identification number, PPP G YY RRRRRR (Circular 07/2016/TT-BCA, art. 7)
// It has no check digit: only the province, the century/sex digit and the year can be checked.

// Appendix I of Circular 07/2016/TT-BCA: the 63 provinces and centrally run cities of 2016.
// Numbers already issued keep these codes after the 2025 merger of provinces.
const CCCD_PROVINCES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

function validateCccd(s: string, today: Date): NationalIdResult {
  if (!/^\d{12}$/.test(s)) return fail('format', 'A Vietnamese citizen ID (CCCD) has exactly 12 digits.');
  if (!CCCD_PROVINCES.has(s.slice(0, 3))) {
    return fail('format', 'The first 3 digits of a CCCD are the code of the province of birth registration; these are not one.');
  }
  const genderCentury = Number(s[3]);
  const year = 1900 + Math.floor(genderCentury / 2) * 100 + Number(s.slice(4, 6));
  if (year > today.getUTCFullYear()) return futureDate('CCCD');
  return { ok: true, normalized: s, birthYear: year, sex: genderCentury % 2 === 0 ? 'M' : 'F' };
}

function generateCccd(random: () => number, year: number, sex: Sex): string {
  if (year < 1900 || year > 2399) throw new RangeError('A CCCD encodes birth years 1900 to 2399 only.');
  const genderCentury = (Math.floor(year / 100) - 19) * 2 + (sex === 'F' ? 1 : 0);
  const province = pick(random, [...CCCD_PROVINCES]);
  return `${province}${genderCentury}${pad(year % 100, 2)}${pad(randomInt(random, 0, 999_999), 6)}`;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

// Copy-paste from documents brings typographic dashes (‐ ‑ ‒ – — ―, minus) as often as '-'.
function normalize(raw: string): string {
  return raw.trim().replace(/[\s\-\u2010-\u2015\u2212]+/g, '').toUpperCase();
}

function fail(code: NationalIdInvalid['code'], message: string): NationalIdInvalid {
  return { ok: false, code, message };
}

function impossibleDate(name: string): NationalIdInvalid {
  return fail('date', `The birth date encoded in this ${name} does not exist (such as 30 February); a digit is probably mistyped.`);
}

function futureDate(name: string): NationalIdInvalid {
  return fail('date', `The birth date encoded in this ${name} is in the future; a digit is probably mistyped.`);
}

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits.charAt(i)) * (weights[i] ?? 0);
  return sum;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isAfterToday(year: number, month: number, day: number, today: Date): boolean {
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Date.UTC(year, month - 1, day) > todayUtc;
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parseIsoDate(value: string): YearMonthDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
  if (!date || !isRealDate(date.year, date.month, date.day)) throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
  return date;
}

const DEMO_BIRTH_FROM = Date.UTC(1930, 0, 1);
const DEMO_BIRTH_DAYS = (Date.UTC(2009, 11, 31) - DEMO_BIRTH_FROM) / 86_400_000;

// Adults and older children; the range also keeps two-digit years unambiguous for the codice fiscale.
function randomBirthDate(random: () => number): YearMonthDay {
  const d = new Date(DEMO_BIRTH_FROM + randomInt(random, 0, DEMO_BIRTH_DAYS) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Inclusive; tolerates a `random` that returns exactly 1. */
function randomInt(random: () => number, min: number, max: number): number {
  return Math.min(max, min + Math.floor(random() * (max - min + 1)));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[randomInt(random, 0, items.length - 1)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
