import type { Language } from '@civicline/contracts';
import { LEXICONS, normalizeWord, type Lexicon, type NumberWord } from './lexicon.ts';

/**
 * Reads what speech recognition wrote for a caller's numbers: digit by digit ("unu doi trei"),
 * grouped ("сто двадцать три", "centoventitré", "hai nghìn không trăm hai mươi sáu"), as numerals
 * ("PET 2026 000123"), or keyed on the phone (DTMF "2026000123#"). Pure: no I/O.
 *
 * The text becomes a list of pieces: numbers (each as the digits it stands for, leading zeros
 * kept), separators, letters and other words. A number said in words ends where the next word
 * cannot continue it: "twenty three" is 23, "two three" is 2 then 3, "two thousand twenty six
 * zero zero one" is 2026, 0, 0, 1.
 */

export type SpokenPiece =
  | { kind: 'number'; digits: string }
  | { kind: 'separator'; char: '/' | '-' }
  | { kind: 'letter'; options: string[] }
  | { kind: 'word'; text: string };

type Lexed = NumberWord | { t: 'numeral'; s: string } | { t: 'sep'; c: '/' | '-' } | { t: 'letter'; options: string[]; alsoNumber?: NumberWord } | { t: 'word'; s: string };

const MAX_TEXT = 2000;

/** Splits text into words, numerals and separators; a hyphen inside a word ("twenty-three") is a space. */
function rawTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, MAX_TEXT).matchAll(/[0-9]+|[\p{L}\p{M}'’]+|[/\\*#-]/gu)) out.push(m[0]);
  // A hyphen between two words joins them into one spoken word; next to digits it separates.
  const joined: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t === '-' && joined.length > 0 && /\p{L}$/u.test(joined[joined.length - 1]!) && /^\p{L}/u.test(out[i + 1] ?? '')) {
      joined.push('\u0000');
      continue;
    }
    joined.push(t);
  }
  // '\u0000' marks "these two words were hyphenated": kept apart, as speech would give them.
  return joined.filter((t) => t !== '\u0000');
}

/** Italian number words are written as one: split into known parts, or null if it is no number. */
function splitCompound(word: string, lex: Lexicon): NumberWord[] | null {
  const memo = new Map<number, NumberWord[] | null>();
  const go = (at: number): NumberWord[] | null => {
    if (at === word.length) return [];
    if (memo.has(at)) return memo.get(at)!;
    let best: NumberWord[] | null = null;
    for (let end = word.length; end > at && !best; end--) {
      const part = lex.numbers[word.slice(at, end)];
      if (!part) continue;
      const rest = go(end);
      if (rest) best = [part, ...rest];
    }
    memo.set(at, best);
    return best;
  };
  return go(0);
}

function lex(text: string, language: Language): Lexed[] {
  const L = LEXICONS[language];
  const tokens = rawTokens(text);
  const out: Lexed[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    if (/^[0-9]+$/.test(raw)) {
      out.push({ t: 'numeral', s: raw });
      continue;
    }
    if (raw === '/' || raw === '\\') {
      out.push({ t: 'sep', c: '/' });
      continue;
    }
    if (raw === '-' || raw === '*') {
      out.push({ t: 'sep', c: '-' });
      continue;
    }
    if (raw === '#') continue; // DTMF end key
    const w = normalizeWord(raw, L);
    const next = tokens[i + 1] ? normalizeWord(tokens[i + 1]!, L) : null;
    const pair = next ? `${w}-${next}` : null;
    if (pair && L.separators.includes(pair)) {
      out.push({ t: 'sep', c: pair.includes('che') || pair.includes('slash') ? '/' : '-' });
      i++;
      continue;
    }
    if (pair && L.letters[pair]) {
      out.push({ t: 'letter', options: L.letters[pair] });
      i++;
      continue;
    }
    if (L.separators.includes(w)) {
      out.push({ t: 'sep', c: /slash|bara|barra|дробь|сл[эе]ш|черта|gạch|xuyệt/.test(w) ? '/' : '-' });
      continue;
    }
    const num = L.numbers[w];
    const letter = L.letters[w];
    if (letter) {
      // "o" is one (ro, before "sută"/"mie") or the letter O: decided by its neighbours below.
      out.push(num ? { t: 'letter', options: letter, alsoNumber: num } : { t: 'letter', options: letter });
      continue;
    }
    if (num) {
      out.push(num);
      continue;
    }
    if (L.compound) {
      const parts = splitCompound(w, L);
      if (parts && parts.length > 0) {
        out.push(...parts);
        continue;
      }
    }
    // A single letter as recognisers write spelled letters ("P E T"), or a short prefix ("PET").
    if ([...raw].length === 1 && /\p{L}/u.test(raw)) out.push({ t: 'letter', options: [raw.toUpperCase()] });
    else out.push({ t: 'word', s: raw });
  }
  // A word that is both a letter and a number is a number beside other number words.
  const numeric = (x: Lexed | undefined) => !!x && x.t !== 'numeral' && x.t !== 'sep' && x.t !== 'letter' && x.t !== 'word' && x.t !== 'filler';
  return out.map((x, i) => (x.t === 'letter' && x.alsoNumber && (numeric(out[i + 1]) || numeric(out[i - 1])) ? x.alsoNumber : x));
}

/** Folds the lexed words into pieces: number words build numbers as long as they can continue. */
export function parseSpoken(text: string, language: Language): SpokenPiece[] {
  const pieces: SpokenPiece[] = [];
  // The number being read: completed thousands, the group under a thousand, and what it holds.
  let active = false;
  let total = 0;
  let group = 0;
  let hundreds = false;
  let tensSet = false;
  let units = false;
  let lastDigit: number | null = null;
  let afterScale = false;

  const flush = () => {
    if (active) pieces.push({ kind: 'number', digits: String(total + group) });
    active = false;
    total = group = 0;
    hundreds = tensSet = units = afterScale = false;
    lastDigit = null;
  };
  const start = () => {
    flush();
    active = true;
  };

  for (const x of lex(text, language)) {
    switch (x.t) {
      case 'digit': {
        const continues = active && !units && (hundreds || tensSet || afterScale) && !(tensSet && x.v === 0);
        if (!continues) start();
        group += x.v;
        units = true;
        lastDigit = x.v;
        afterScale = false;
        continue;
      }
      case 'teen':
      case 'tens': {
        const continues = active && !units && !tensSet && (hundreds || afterScale);
        if (!continues) start();
        group += x.v;
        tensSet = true;
        if (x.t === 'teen') units = true;
        lastDigit = null;
        afterScale = false;
        continue;
      }
      case 'hundreds': {
        if (!(active && afterScale && group === 0)) start();
        group += x.v;
        hundreds = true;
        lastDigit = null;
        afterScale = false;
        continue;
      }
      case 'hundred': {
        // "two hundred"; "không trăm" (zero hundreds) only inside a number, after its thousands.
        if (active && lastDigit !== null && !hundreds && group === lastDigit && (lastDigit !== 0 || total !== 0)) {
          group = lastDigit * 100;
        } else if (active && afterScale && group === 0) {
          group = 100;
        } else if (active && !hundreds && group >= 10 && group < 100 && lastDigit === null && !afterScale && total === 0) {
          group *= 100; // "nineteen hundred"
        } else {
          start();
          group = 100;
        }
        hundreds = true;
        tensSet = units = false;
        lastDigit = null;
        afterScale = false;
        continue;
      }
      case 'scale': {
        if (!active) {
          start();
          group = 1;
        } else if (total !== 0 && total < x.v * Math.max(group, 1)) {
          // "a thousand" after a finished thousand group starts over: not one number.
          start();
          group = 1;
        }
        total += (group === 0 && lastDigit === null ? 1 : group) * x.v;
        group = 0;
        hundreds = tensSet = units = false;
        lastDigit = null;
        afterScale = true;
        continue;
      }
      case 'tensMarker': {
        if (active && lastDigit !== null && !tensSet && units) {
          group += lastDigit * 9; // d → d·10
          tensSet = true;
          units = false;
          lastDigit = null;
        }
        continue;
      }
      case 'filler':
        // Only inside a number ("one hundred and five", "douăzeci și trei"); elsewhere it is a word.
        if (!active) pieces.push({ kind: 'word', text: '' });
        continue;
      case 'numeral':
        flush();
        pieces.push({ kind: 'number', digits: x.s });
        continue;
      case 'sep':
        flush();
        pieces.push({ kind: 'separator', char: x.c });
        continue;
      case 'letter':
        flush();
        pieces.push({ kind: 'letter', options: x.options });
        continue;
      case 'word':
        flush();
        pieces.push({ kind: 'word', text: x.s });
        continue;
    }
  }
  flush();
  return pieces.filter((p) => p.kind !== 'word' || p.text !== '');
}

/** Every digit the caller said, in order: a code, a birth date said as digits, a phone's last four. */
export function spokenDigits(text: string, language: Language): string {
  return parseSpoken(text, language)
    .flatMap((p) => (p.kind === 'number' ? [p.digits] : []))
    .join('');
}

/**
 * An identifier said as letters and digits (a codice fiscale spelled out): the letters (first
 * option of each) and digits in order, upper case.
 */
export function spokenAlphanumeric(text: string, language: Language): string {
  return parseSpoken(text, language)
    .map((p) => (p.kind === 'number' ? p.digits : p.kind === 'letter' ? p.options[0]! : p.kind === 'word' && /^[\p{L}\p{N}]+$/u.test(p.text) ? p.text.toUpperCase() : ''))
    .join('');
}
