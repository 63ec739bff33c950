import type { Language } from '@civicline/contracts';
import { formatRegistrationNumber } from '../../registers/index.ts';
import { parseSpoken, type SpokenPiece } from './spoken-numbers.ts';

/**
 * Which registration numbers of the tenant's registers a caller may have said. Callers drop the
 * separators, say the prefix or not, and pad the sequence or not: "pe e te două mii douăzeci și
 * șase o sută douăzeci și trei" is PET-2026-000123. The digits are matched against each
 * register's format; the prefix letters, when said, choose between registers whose numbers look
 * alike (PET-… and SES-…).
 */

export interface RegisterFormat {
  format: string;
  code: string;
}

export interface NumberCandidate {
  number: string;
  /** exact: the prefix said matches; unsaid: no prefix was said; differs: the prefix said is another. */
  prefix: 'exact' | 'unsaid' | 'differs';
}

const TOKEN = /\{(year|register|seq)(?::(\d{1,2}))?\}/g;

// Cyrillic letters that look like Latin ones, so "КН" and "KH" compare alike (and a recogniser's script choice does not matter).
const HOMOGLYPH: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X' };
const fold = (c: string) => HOMOGLYPH[c.toUpperCase()] ?? c.toUpperCase();

interface Compiled {
  format: RegisterFormat;
  digits: RegExp;
  holes: ('year' | 'seq')[];
  letters: string;
}

function compile(f: RegisterFormat): Compiled {
  let pattern = '';
  let letters = '';
  const holes: ('year' | 'seq')[] = [];
  const literal = (text: string) => {
    for (const ch of text) {
      if (/[0-9]/.test(ch)) pattern += ch;
      else if (/\p{L}/u.test(ch)) letters += fold(ch);
    }
  };
  let at = 0;
  for (const m of f.format.matchAll(TOKEN)) {
    literal(f.format.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] === 'year') {
      pattern += '(\\d{4})';
      holes.push('year');
    } else if (m[1] === 'seq') {
      pattern += '(\\d{1,12})';
      holes.push('seq');
    } else literal(f.code);
  }
  literal(f.format.slice(at));
  return { format: f, digits: new RegExp(`^${pattern}$`), holes, letters };
}

/** The letters said just before the first number (spelled, or a short word such as "PET"). */
function prefixSaid(pieces: SpokenPiece[]): string[][] {
  const first = pieces.findIndex((p) => p.kind === 'number');
  if (first < 0) return [];
  const run: string[][] = [];
  for (let i = first - 1; i >= 0; i--) {
    const p = pieces[i]!;
    if (p.kind === 'separator') continue;
    if (p.kind === 'letter') run.unshift(p.options.map(fold));
    else if (p.kind === 'word' && run.length === 0 && /^\p{L}{2,5}$/u.test(p.text)) {
      run.unshift(...[...p.text].map((c) => [fold(c)]));
      break;
    } else break;
  }
  return run;
}

export function matchRegistrationNumber(text: string, language: Language, formats: RegisterFormat[]): NumberCandidate[] {
  const pieces = parseSpoken(text, language);
  const digits = pieces.flatMap((p) => (p.kind === 'number' ? [p.digits] : [])).join('');
  if (!digits) return [];
  const said = prefixSaid(pieces);
  const out: NumberCandidate[] = [];
  for (const f of formats.map(compile)) {
    const m = f.digits.exec(digits);
    if (!m) continue;
    const parts = { year: 0, seq: 0, register: f.format.code };
    f.holes.forEach((h, i) => (parts[h] = Number(m[i + 1])));
    if (f.holes.includes('seq') && parts.seq === 0) continue;
    // A year a register could have numbered in (digits split the other way round are no year).
    if (f.holes.includes('year') && (parts.year < 1990 || parts.year > 2100)) continue;
    const number = formatRegistrationNumber(f.format.format, parts);
    const prefix: NumberCandidate['prefix'] =
      said.length === 0 ? 'unsaid' : said.length === f.letters.length && said.every((opts, i) => opts.includes(f.letters[i]!)) ? 'exact' : 'differs';
    if (!out.some((c) => c.number === number)) out.push({ number, prefix });
  }
  const rank = { exact: 0, unsaid: 1, differs: 2 } as const;
  const sorted = out.sort((a, b) => rank[a.prefix] - rank[b.prefix]);
  // A prefix said and heard: the other registers' look-alikes are not what the caller meant.
  return sorted[0]?.prefix === 'exact' ? sorted.filter((c) => c.prefix === 'exact') : sorted;
}
