const TOKEN = /\{(year|register|seq)(?::(\d{1,2}))?\}/g;

/** Renders a register's format: `PET-{year}-{seq:6}` with year 2026 and seq 123 → `PET-2026-000123`. */
export function formatRegistrationNumber(format: string, parts: { year: number; seq: number; register: string }): string {
  return format.replace(TOKEN, (_m, name: string, width?: string) => {
    if (name === 'year') return String(parts.year);
    if (name === 'register') return parts.register;
    return width ? String(parts.seq).padStart(Number(width), '0') : String(parts.seq);
  });
}

/** Where the sequence number goes in a rendered format, zero-padded to `width` (0: as is). */
export interface SeqHole {
  hole: 'seq';
  width: number;
}
export type NumberTemplate = (string | SeqHole)[];

/**
 * A format rendered for a year and register, with holes where the sequence number goes — for the
 * database to fill once it has taken the number (civicline_fill_text, migration 0006), exactly as
 * formatRegistrationNumber would: `PET-{year}-{seq:6}` → `['PET-2026-', {hole: 'seq', width: 6}, '']`.
 */
export function numberTemplate(format: string, parts: { year: number; register: string }): NumberTemplate {
  const out: NumberTemplate = [''];
  const text = (t: string) => {
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += t;
    else out.push(t);
  };
  let at = 0;
  for (const m of format.matchAll(TOKEN)) {
    text(format.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] === 'seq') out.push({ hole: 'seq', width: m[2] ? Number(m[2]) : 0 });
    else text(m[1] === 'year' ? String(parts.year) : parts.register);
  }
  text(format.slice(at));
  return out;
}

/** Fills a template the way the database does (for tests and for the caller's own use). */
export function fillNumberTemplate(template: NumberTemplate, seq: number): string {
  return template.map((p) => (typeof p === 'string' ? p : String(seq).padStart(p.width, '0'))).join('');
}

/**
 * Stands for a registration number in a text written before the number exists (a message queued
 * in the registering transaction); encodeURIComponent turns it into NUMBER_PLACEHOLDER_URI.
 */
export const NUMBER_PLACEHOLDER = '\uE000';
const NUMBER_PLACEHOLDER_URI = encodeURIComponent(NUMBER_PLACEHOLDER);

/** A text's placeholders as holes, `number` (as is) and `numberUri` (URI-encoded), for civicline_fill_text. */
export type NumberTextPart = string | { hole: 'number' | 'numberUri' };
export function numberHoles(text: string): NumberTextPart[] {
  const out: NumberTextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(new RegExp(`${NUMBER_PLACEHOLDER}|${NUMBER_PLACEHOLDER_URI}`, 'g'))) {
    out.push(text.slice(at, m.index), { hole: m[0] === NUMBER_PLACEHOLDER ? 'number' : 'numberUri' });
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

/** A number template whose text is URI-encoded (its digits need no encoding). */
export function uriEncodedTemplate(template: NumberTemplate): NumberTemplate {
  return template.map((p) => (typeof p === 'string' ? encodeURIComponent(p) : p));
}
