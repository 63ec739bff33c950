import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '@civicline/contracts';
import { analyzeSms, type SmsInfo } from '../../channels/sms/gsm.ts';
import { validationFailed } from '../../platform/errors.ts';

export const LOCALE: Record<Language, string> = { ro: 'ro-RO', ru: 'ru-RU', it: 'it-IT', vi: 'vi-VN', en: 'en-GB' };


// Compiling a message or a format costs far more than using one: both are kept.
const compiled = new Map<string, IntlMessageFormat>();
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function compile(language: Language, text: string): IntlMessageFormat {
  const key = `${language}|${text}`;
  let m = compiled.get(key);
  if (!m) {
    if (compiled.size > 5000) compiled.clear();
    compiled.set(key, (m = new IntlMessageFormat(text, LOCALE[language])));
  }
  return m;
}

/** Checks that a template parses as ICU MessageFormat; a field error for the editor otherwise. */
export function assertValidTemplate(path: string, text: string): void {
  try {
    new IntlMessageFormat(text, 'en');
  } catch (err) {
    throw validationFailed([{ path, message: `Not a valid ICU message: ${(err as Error).message}` }], 'The template does not parse');
  }
}

export function formatDay(language: Language, timeZone: string, at: Date): string {
  const key = `d|${language}|${timeZone}`;
  let f = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone })));
  return f.format(at);
}

export function formatMoment(language: Language, timeZone: string, at: Date): string {
  const key = `m|${language}|${timeZone}`;
  let f = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'short', timeZone })));
  return f.format(at);
}

export function formatAmount(language: Language, currency: string, amountMinor: number): string {
  const key = `a|${language}|${currency}`;
  let f = formats.get(key) as Intl.NumberFormat | undefined;
  if (!f) formats.set(key, (f = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency })));
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(amountMinor / 10 ** digits);
}

export type TemplateValues = Record<string, string>;

/** Fills one template text; a variable the step does not have renders as an empty string, never as `{name}`. */
export function fill(language: Language, text: string, values: TemplateValues): string {
  const m = compile(language, text);
  const safe = new Proxy(values, { get: (v, k) => (typeof k === 'string' ? (v[k] ?? '') : undefined), has: () => true });
  return String(m.format(safe as TemplateValues)).replace(/[ \t]+\n/g, '\n').trim();
}

export interface RenderedMessage {
  subject: string | null;
  body: string;
  sms?: SmsInfo;
}

export function renderFor(channel: 'sms' | 'email' | 'portal', language: Language, t: { subject: string | null; body: string }, values: TemplateValues): RenderedMessage {
  const body = fill(language, t.body, values);
  if (channel === 'sms') {
    // Number and date formats put no-break spaces (U+00A0, U+202F) in "15,00 RON": outside GSM-7,
    // they alone would turn an SMS into UCS-2 and double its segments.
    const text = body.replace(/[\u00a0\u202f]/g, ' ');
    return { subject: null, body: text, sms: analyzeSms(text) };
  }
  return { subject: t.subject ? fill(language, t.subject, values) : null, body };
}
