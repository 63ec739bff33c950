import type { Language } from '@civicline/contracts';

/**
 * Numbers written out in words the way each language says them, 0 to 999,999, written
 * independently of the parser's lexicon (from each language's grammar) so the property tests
 * compare two sources. Test support only.
 */

const EN_SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function en(n: number): string {
  const below100 = (x: number) => (x < 20 ? EN_SMALL[x]! : `${EN_TENS[Math.floor(x / 10)]}${x % 10 ? `-${EN_SMALL[x % 10]}` : ''}`);
  const below1000 = (x: number) => {
    const h = Math.floor(x / 100);
    const r = x % 100;
    if (!h) return below100(r);
    return `${EN_SMALL[h]} hundred${r ? ` and ${below100(r)}` : ''}`;
  };
  if (n < 1000) return below1000(n);
  const r = n % 1000;
  return `${below1000(Math.floor(n / 1000))} thousand${r ? (r < 100 ? ` and ${below100(r)}` : ` ${below1000(r)}`) : ''}`;
}

const RO_UNITS = ['zero', 'unu', 'doi', 'trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă'];
const RO_FEM = ['zero', 'una', 'două', 'trei', 'patru', 'cinci', 'șase', 'șapte', 'opt', 'nouă'];
const RO_TEENS = ['zece', 'unsprezece', 'doisprezece', 'treisprezece', 'paisprezece', 'cincisprezece', 'șaisprezece', 'șaptesprezece', 'optsprezece', 'nouăsprezece'];
const RO_TENS = ['', '', 'douăzeci', 'treizeci', 'patruzeci', 'cincizeci', 'șaizeci', 'șaptezeci', 'optzeci', 'nouăzeci'];

function ro(n: number): string {
  const below100 = (x: number, fem: boolean) => {
    const u = fem ? RO_FEM : RO_UNITS;
    if (x < 10) return u[x]!;
    if (x < 20) return RO_TEENS[x - 10]!;
    return `${RO_TENS[Math.floor(x / 10)]}${x % 10 ? ` și ${u[x % 10]}` : ''}`;
  };
  const below1000 = (x: number, fem: boolean) => {
    const h = Math.floor(x / 100);
    const r = x % 100;
    const hw = h === 0 ? '' : h === 1 ? 'o sută' : `${RO_FEM[h]} sute`;
    if (!h) return below100(r, fem);
    return r ? `${hw} ${below100(r, fem)}` : hw;
  };
  if (n < 1000) return below1000(n, false);
  const k = Math.floor(n / 1000);
  const r = n % 1000;
  // "de" before the noun when the count ends in 00 or 20–99: "douăzeci de mii", "o sută de mii".
  const de = k % 100 === 0 || k % 100 >= 20;
  const kw = k === 1 ? 'o mie' : `${below1000(k, true)}${de ? ' de' : ''} mii`;
  return r ? `${kw} ${below1000(r, false)}` : kw;
}

const RU_UNITS = ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_FEM = ['ноль', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

function ru(n: number): string {
  const below1000 = (x: number, fem: boolean) => {
    const u = fem ? RU_FEM : RU_UNITS;
    const parts: string[] = [];
    const h = Math.floor(x / 100);
    const r = x % 100;
    if (h) parts.push(RU_HUNDREDS[h]!);
    if (r >= 10 && r < 20) parts.push(RU_TEENS[r - 10]!);
    else {
      if (r >= 20) parts.push(RU_TENS[Math.floor(r / 10)]!);
      if (r % 10 || (!h && r === 0)) parts.push(u[r % 10]!);
    }
    return parts.join(' ');
  };
  if (n < 1000) return below1000(n, false);
  const k = Math.floor(n / 1000);
  const r = n % 1000;
  const last2 = k % 100;
  const last = k % 10;
  const noun = last2 >= 11 && last2 <= 14 ? 'тысяч' : last === 1 ? 'тысяча' : last >= 2 && last <= 4 ? 'тысячи' : 'тысяч';
  return `${below1000(k, true)} ${noun}${r ? ` ${below1000(r, false)}` : ''}`;
}

const IT_UNITS = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];
const IT_TEENS = ['dieci', 'undici', 'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'];
const IT_TENS = ['', '', 'venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];

function it(n: number): string {
  const below100 = (x: number) => {
    if (x < 10) return IT_UNITS[x]!;
    if (x < 20) return IT_TEENS[x - 10]!;
    const t = IT_TENS[Math.floor(x / 10)]!;
    const u = x % 10;
    if (!u) return t;
    // The tens lose their vowel before uno and otto (ventuno, ventotto); a final tre takes its accent.
    return `${u === 1 || u === 8 ? t.slice(0, -1) : t}${u === 3 ? 'tré' : IT_UNITS[u]}`;
  };
  const below1000 = (x: number) => {
    const h = Math.floor(x / 100);
    const r = x % 100;
    if (!h) return below100(r);
    const hw = h === 1 ? 'cento' : `${IT_UNITS[h]}cento`;
    if (!r) return hw;
    // cento loses its vowel before otto and ottanta (centotto, centottanta).
    return `${Math.floor(r / 10) === 8 || r === 8 ? hw.slice(0, -1) : hw}${r === 3 ? 'tré' : below100(r)}`;
  };
  if (n < 1000) return below1000(n);
  const k = Math.floor(n / 1000);
  const r = n % 1000;
  const kw = k === 1 ? 'mille' : `${below1000(k)}mila`;
  return `${kw}${r ? (r === 3 ? 'tré' : below1000(r)) : ''}`;
}

const VI_UNITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

function vi(n: number): string {
  const below100 = (x: number) => {
    if (x < 10) return VI_UNITS[x]!;
    const t = Math.floor(x / 10);
    const u = x % 10;
    const tw = t === 1 ? 'mười' : `${VI_UNITS[t]} mươi`;
    if (!u) return tw;
    // After "mươi": 1 is "mốt", 4 "tư"; after any tens 5 is "lăm".
    const uw = u === 5 ? 'lăm' : u === 1 && t > 1 ? 'mốt' : u === 4 && t > 1 ? 'tư' : VI_UNITS[u]!;
    return `${tw} ${uw}`;
  };
  const below1000 = (x: number, full: boolean) => {
    const h = Math.floor(x / 100);
    const r = x % 100;
    if (!h && !full) return below100(r);
    const hw = `${VI_UNITS[h]} trăm`;
    if (!r) return hw;
    return r < 10 ? `${hw} lẻ ${VI_UNITS[r]}` : `${hw} ${below100(r)}`;
  };
  if (n < 1000) return below1000(n, false);
  const k = Math.floor(n / 1000);
  const r = n % 1000;
  // Below a thousand group the hundreds are said even when zero: "hai nghìn không trăm hai mươi sáu".
  return `${below1000(k, false)} nghìn${r ? ` ${below1000(r, true)}` : ''}`;
}

export function spellNumber(n: number, language: Language): string {
  return { en, ro, ru, it, vi }[language](n);
}

/** The digit words of each language, for digit-by-digit speech. */
export const DIGIT_WORDS: Record<Language, string[]> = {
  en: EN_SMALL.slice(0, 10),
  ro: RO_UNITS,
  ru: RU_UNITS,
  it: IT_UNITS,
  vi: VI_UNITS,
};

export const SEPARATOR_WORDS: Record<Language, string[]> = {
  en: ['slash', 'dash'],
  ro: ['slash', 'liniuță', 'bară'],
  ru: ['дробь', 'тире'],
  it: ['barra', 'trattino'],
  vi: ['gạch', 'gạch chéo'],
};
