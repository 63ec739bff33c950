import type { Language } from '@civicline/contracts';

/**
 * The spoken words the parser knows, per language: what speech recognition writes when a caller
 * says a number, a separator or a letter. Romanian and Italian are compared without diacritics
 * (recognisers drop them often); Vietnamese keeps its tones, which tell words apart ("ba" is 3,
 * "bà" is not a number).
 */

export type NumberWord =
  | { t: 'digit'; v: number }
  | { t: 'teen'; v: number }
  | { t: 'tens'; v: number }
  | { t: 'hundreds'; v: number }
  | { t: 'hundred' }
  | { t: 'scale'; v: number }
  /** Vietnamese "mươi": the digit before it counts tens ("hai mươi" = 20). */
  | { t: 'tensMarker' }
  /** Joins parts of one number and means nothing alone ("and", "și", "de", "lẻ"). */
  | { t: 'filler' };

export interface Lexicon {
  numbers: Record<string, NumberWord>;
  /** Words that stand for the separators of a registration number ("slash", "дробь"). */
  separators: string[];
  /** Letter names as spoken, each to the letters it may mean (Latin, and Cyrillic for ru). */
  letters: Record<string, string[]>;
  /** Italian writes numbers as one word ("centoventitré"): split such words into these parts. */
  compound?: boolean;
  /** Compare without diacritics. */
  fold: boolean;
}

const d = (v: number): NumberWord => ({ t: 'digit', v });
const teen = (v: number): NumberWord => ({ t: 'teen', v });
const tens = (v: number): NumberWord => ({ t: 'tens', v });
const HUNDRED: NumberWord = { t: 'hundred' };
const FILLER: NumberWord = { t: 'filler' };
const scale = (v: number): NumberWord => ({ t: 'scale', v });

function words(list: [string[], NumberWord][]): Record<string, NumberWord> {
  const out: Record<string, NumberWord> = {};
  for (const [names, w] of list) for (const n of names) out[n] = w;
  return out;
}

function letterNames(list: [string, string[]][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [letter, names] of list) for (const n of names) out[n] = [...(out[n] ?? []), letter];
  return out;
}

const en: Lexicon = {
  fold: true,
  numbers: words([
    [['zero', 'oh', 'nought'], d(0)], [['one'], d(1)], [['two'], d(2)], [['three'], d(3)], [['four'], d(4)],
    [['five'], d(5)], [['six'], d(6)], [['seven'], d(7)], [['eight'], d(8)], [['nine'], d(9)],
    [['ten'], teen(10)], [['eleven'], teen(11)], [['twelve'], teen(12)], [['thirteen'], teen(13)], [['fourteen'], teen(14)],
    [['fifteen'], teen(15)], [['sixteen'], teen(16)], [['seventeen'], teen(17)], [['eighteen'], teen(18)], [['nineteen'], teen(19)],
    [['twenty'], tens(20)], [['thirty'], tens(30)], [['forty', 'fourty'], tens(40)], [['fifty'], tens(50)], [['sixty'], tens(60)],
    [['seventy'], tens(70)], [['eighty'], tens(80)], [['ninety'], tens(90)],
    [['hundred'], HUNDRED], [['thousand'], scale(1000)], [['million'], scale(1_000_000)], [['and'], FILLER],
  ]),
  separators: ['slash', 'stroke', 'dash', 'hyphen', 'minus'],
  letters: letterNames([
    ['A', ['a', 'ay']], ['B', ['bee', 'be']], ['C', ['cee', 'see', 'sea']], ['D', ['dee']], ['E', ['e', 'ee']], ['F', ['ef', 'eff']],
    ['G', ['gee']], ['H', ['aitch', 'haitch']], ['I', ['i', 'eye']], ['J', ['jay']], ['K', ['kay']], ['L', ['el', 'ell']], ['M', ['em']],
    ['N', ['en']], ['O', ['o']], ['P', ['pee', 'pea']], ['Q', ['cue', 'queue']], ['R', ['ar', 'are']], ['S', ['ess', 'es']], ['T', ['tee', 'tea']],
    ['U', ['u', 'you']], ['V', ['vee']], ['W', ['double-u']], ['X', ['ex']], ['Y', ['why', 'wye']], ['Z', ['zed', 'zee']],
  ]),
};

const ro: Lexicon = {
  fold: true,
  numbers: words([
    [['zero'], d(0)], [['unu', 'una', 'o'], d(1)], [['doi', 'doua'], d(2)], [['trei'], d(3)], [['patru'], d(4)],
    [['cinci'], d(5)], [['sase'], d(6)], [['sapte'], d(7)], [['opt'], d(8)], [['noua'], d(9)],
    [['zece'], teen(10)], [['unsprezece', 'unspe'], teen(11)], [['doisprezece', 'douasprezece', 'doispe'], teen(12)], [['treisprezece', 'treispe'], teen(13)],
    [['paisprezece', 'patrusprezece', 'paispe'], teen(14)], [['cincisprezece', 'cinspe'], teen(15)], [['saisprezece', 'saispe'], teen(16)],
    [['saptesprezece', 'saptespe'], teen(17)], [['optsprezece', 'optspe', 'optispe'], teen(18)], [['nouasprezece', 'nouaspe'], teen(19)],
    [['douazeci'], tens(20)], [['treizeci'], tens(30)], [['patruzeci'], tens(40)], [['cincizeci'], tens(50)], [['saizeci', 'sasezeci'], tens(60)],
    [['saptezeci'], tens(70)], [['optzeci'], tens(80)], [['nouazeci'], tens(90)],
    [['suta', 'sute'], HUNDRED], [['mie', 'mii'], scale(1000)], [['milion', 'milioane'], scale(1_000_000)], [['si', 'de'], FILLER],
  ]),
  separators: ['slash', 'bara', 'liniuta', 'cratima', 'minus', 'linie'],
  letters: letterNames([
    ['A', ['a']], ['B', ['be']], ['C', ['ce']], ['D', ['de']], ['E', ['e']], ['F', ['ef']], ['G', ['ge']], ['H', ['ha', 'has']], ['I', ['i']],
    ['J', ['ji', 'je']], ['K', ['ka', 'kapa', 'ca']], ['L', ['el']], ['M', ['em']], ['N', ['en']], ['O', ['o']], ['P', ['pe']], ['Q', ['chiu', 'kiu']],
    ['R', ['er']], ['S', ['es']], ['T', ['te']], ['U', ['u']], ['V', ['ve']], ['W', ['dublu-ve']], ['X', ['ics']], ['Y', ['igrec']], ['Z', ['zet']],
  ]),
};

const ru: Lexicon = {
  fold: false,
  numbers: words([
    [['ноль', 'нуль'], d(0)], [['один', 'одна', 'одно'], d(1)], [['два', 'две'], d(2)], [['три'], d(3)], [['четыре'], d(4)],
    [['пять'], d(5)], [['шесть'], d(6)], [['семь'], d(7)], [['восемь'], d(8)], [['девять'], d(9)],
    [['десять'], teen(10)], [['одиннадцать'], teen(11)], [['двенадцать'], teen(12)], [['тринадцать'], teen(13)], [['четырнадцать'], teen(14)],
    [['пятнадцать'], teen(15)], [['шестнадцать'], teen(16)], [['семнадцать'], teen(17)], [['восемнадцать'], teen(18)], [['девятнадцать'], teen(19)],
    [['двадцать'], tens(20)], [['тридцать'], tens(30)], [['сорок'], tens(40)], [['пятьдесят'], tens(50)], [['шестьдесят'], tens(60)],
    [['семьдесят'], tens(70)], [['восемьдесят'], tens(80)], [['девяносто'], tens(90)],
    [['сто'], { t: 'hundreds', v: 100 }], [['двести'], { t: 'hundreds', v: 200 }], [['триста'], { t: 'hundreds', v: 300 }],
    [['четыреста'], { t: 'hundreds', v: 400 }], [['пятьсот'], { t: 'hundreds', v: 500 }], [['шестьсот'], { t: 'hundreds', v: 600 }],
    [['семьсот'], { t: 'hundreds', v: 700 }], [['восемьсот'], { t: 'hundreds', v: 800 }], [['девятьсот'], { t: 'hundreds', v: 900 }],
    [['тысяча', 'тысячи', 'тысяч'], scale(1000)], [['миллион', 'миллиона', 'миллионов'], scale(1_000_000)],
  ]),
  separators: ['дробь', 'слэш', 'слеш', 'тире', 'дефис', 'минус', 'черта'],
  // Latin letters as Russians name them, and the Cyrillic letters of Russian register prefixes.
  letters: letterNames([
    ['A', ['а', 'эй']], ['B', ['бэ', 'би']], ['C', ['цэ', 'си']], ['D', ['дэ', 'ди']], ['E', ['е', 'э', 'и']], ['F', ['эф']], ['G', ['гэ', 'джи']],
    ['H', ['аш', 'эйч', 'ха']], ['I', ['и', 'ай']], ['J', ['жи', 'джей']], ['K', ['ка', 'кей']], ['L', ['эль', 'эл']], ['M', ['эм']], ['N', ['эн']],
    ['O', ['о']], ['P', ['пэ', 'пи']], ['Q', ['ку', 'кью']], ['R', ['эр', 'ар']], ['S', ['эс']], ['T', ['тэ', 'ти']], ['U', ['у', 'ю']],
    ['V', ['вэ', 'ви']], ['W', ['дубль-вэ']], ['X', ['икс']], ['Y', ['игрек']], ['Z', ['зэд', 'зет', 'зэ']],
    ['А', ['а']], ['Б', ['бэ']], ['В', ['вэ']], ['Г', ['гэ']], ['Д', ['дэ']], ['Е', ['е']], ['Ж', ['жэ']], ['З', ['зэ']], ['И', ['и']], ['К', ['ка']],
    ['Л', ['эль', 'эл']], ['М', ['эм']], ['Н', ['эн']], ['О', ['о']], ['П', ['пэ']], ['Р', ['эр']], ['С', ['эс']], ['Т', ['тэ']], ['У', ['у']],
    ['Ф', ['эф']], ['Х', ['ха']], ['Ц', ['цэ']], ['Ч', ['че']], ['Ш', ['ша']], ['Э', ['э']], ['Ю', ['ю']], ['Я', ['я']],
  ]),
};

const it: Lexicon = {
  fold: true,
  compound: true,
  numbers: words([
    [['zero'], d(0)], [['uno'], d(1)], [['due'], d(2)], [['tre'], d(3)], [['quattro'], d(4)],
    [['cinque'], d(5)], [['sei'], d(6)], [['sette'], d(7)], [['otto'], d(8)], [['nove'], d(9)],
    [['dieci'], teen(10)], [['undici'], teen(11)], [['dodici'], teen(12)], [['tredici'], teen(13)], [['quattordici'], teen(14)],
    [['quindici'], teen(15)], [['sedici'], teen(16)], [['diciassette'], teen(17)], [['diciotto'], teen(18)], [['diciannove'], teen(19)],
    [['venti', 'vent'], tens(20)], [['trenta', 'trent'], tens(30)], [['quaranta', 'quarant'], tens(40)], [['cinquanta', 'cinquant'], tens(50)],
    [['sessanta', 'sessant'], tens(60)], [['settanta', 'settant'], tens(70)], [['ottanta', 'ottant'], tens(80)], [['novanta', 'novant'], tens(90)],
    [['cento', 'cent'], HUNDRED], [['mille', 'mila'], scale(1000)], [['milione', 'milioni'], scale(1_000_000)], [['e'], FILLER],
  ]),
  separators: ['barra', 'slash', 'trattino', 'lineetta', 'meno'],
  letters: letterNames([
    ['A', ['a']], ['B', ['bi']], ['C', ['ci']], ['D', ['di']], ['E', ['e']], ['F', ['effe']], ['G', ['gi']], ['H', ['acca']], ['I', ['i']],
    ['J', ['i-lunga']], ['K', ['cappa', 'kappa']], ['L', ['elle']], ['M', ['emme']], ['N', ['enne']], ['O', ['o']], ['P', ['pi']], ['Q', ['cu']],
    ['R', ['erre']], ['S', ['esse']], ['T', ['ti']], ['U', ['u']], ['V', ['vu', 'vi']], ['W', ['doppia-vu']], ['X', ['ics']], ['Y', ['ipsilon']], ['Z', ['zeta']],
  ]),
};

const vi: Lexicon = {
  fold: false,
  numbers: words([
    [['không'], d(0)], [['một', 'mốt'], d(1)], [['hai'], d(2)], [['ba'], d(3)], [['bốn', 'tư'], d(4)],
    [['năm', 'lăm', 'nhăm'], d(5)], [['sáu'], d(6)], [['bảy', 'bẩy'], d(7)], [['tám'], d(8)], [['chín'], d(9)],
    [['mười'], tens(10)], [['mươi'], { t: 'tensMarker' }],
    [['trăm'], HUNDRED], [['nghìn', 'ngàn'], scale(1000)], [['triệu'], scale(1_000_000)], [['lẻ', 'linh'], FILLER],
  ]),
  separators: ['gạch', 'gạch-chéo', 'gạch-ngang', 'xuyệt', 'trừ'],
  letters: letterNames([
    ['A', ['a']], ['B', ['bê', 'bờ']], ['C', ['xê', 'cờ']], ['D', ['đê', 'dê', 'dờ']], ['E', ['e', 'ê']], ['F', ['ép', 'ép-phờ', 'phờ']], ['G', ['giê', 'gờ']],
    ['H', ['hát', 'hờ']], ['I', ['i']], ['J', ['gi']], ['K', ['ca', 'ka']], ['L', ['e-lờ', 'lờ']], ['M', ['em-mờ', 'mờ']], ['N', ['en-nờ', 'nờ']],
    ['O', ['o', 'ô']], ['P', ['pê', 'pờ']], ['Q', ['cu', 'quy']], ['R', ['e-rờ', 'rờ']], ['S', ['ét-xì', 'sờ']], ['T', ['tê', 'tờ']], ['U', ['u']],
    ['V', ['vê', 'vờ']], ['W', ['vê-kép']], ['X', ['ích-xì', 'xờ']], ['Y', ['i-dài']], ['Z', ['dét', 'zét']],
  ]),
};

export const LEXICONS: Record<Language, Lexicon> = { en, ro, ru, it, vi };

/** Lower case, Unicode NFC, ё as е; Romanian ş/ţ (cedilla) as ș/ț; diacritics dropped where the language allows. */
export function normalizeWord(word: string, lex: Lexicon): string {
  let w = word.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/ş/g, 'ș').replace(/ţ/g, 'ț');
  if (lex.fold) w = w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  return w;
}
