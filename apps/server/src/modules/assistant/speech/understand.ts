import type { Language } from '@civicline/contracts';
import { parseSpoken, spokenDigits } from './spoken-numbers.ts';

/**
 * What a caller's short answers mean: yes or no, which service they want, which language, which
 * offer, and birth dates said aloud. Keyword matching over the recogniser's text (and DTMF keys);
 * pure functions.
 */

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function hasAny(text: string, keys: string[]): boolean {
  const w = words(text);
  const joined = ` ${w.join(' ')} `;
  return keys.some((k) => (k.includes(' ') ? joined.includes(` ${fold(k)} `) : w.includes(fold(k))));
}

const YES: Record<Language, string[]> = {
  en: ['yes', 'yeah', 'yep', 'correct', 'right', 'sure', 'ok', 'okay'],
  ro: ['da', 'corect', 'exact', 'sigur', 'desigur'],
  ru: ['да', 'верно', 'правильно', 'конечно', 'подтверждаю', 'ага'],
  it: ['si', 'sì', 'esatto', 'giusto', 'certo', 'confermo', 'corretto'],
  vi: ['có', 'vâng', 'đúng', 'dạ', 'phải', 'đồng ý'],
};
const NO: Record<Language, string[]> = {
  en: ['no', 'nope', 'wrong', 'incorrect', 'nothing'],
  ro: ['nu', 'gresit', 'incorect', 'nimic'],
  ru: ['нет', 'неверно', 'неправильно', 'ничего'],
  it: ['no', 'sbagliato', 'errato', 'niente', 'nient'],
  vi: ['không', 'sai', 'không cần'],
};

/** yes / no / null (neither); DTMF 1 is yes and 2 is no. */
export function yesNo(text: string, language: Language): 'yes' | 'no' | null {
  const t = text.trim();
  if (t === '1') return 'yes';
  if (t === '2') return 'no';
  const y = hasAny(t, YES[language]);
  const n = hasAny(t, NO[language]);
  if (y && !n) return 'yes';
  if (n && !y) return 'no';
  return null;
}

export type Intent = 'status' | 'new_request' | 'information' | 'operator';

const INTENTS: Record<Language, Record<Intent, string[]>> = {
  en: { operator: ['operator', 'person', 'human', 'agent', 'someone'], new_request: ['new', 'file', 'submit', 'complaint', 'register'], information: ['information', 'info', 'question', 'know how'], status: ['status', 'where', 'check', 'request', 'application', 'state'] },
  ro: { operator: ['operator', 'operatorul', 'om', 'persoana', 'cineva'], new_request: ['noua', 'nou', 'depun', 'depune', 'inregistrez', 'sesizare', 'reclamatie'], information: ['informatii', 'informatie', 'intrebare'], status: ['stadiu', 'stadiul', 'stare', 'status', 'cerere', 'cererea', 'verific', 'dosar'] },
  ru: { operator: ['оператор', 'оператора', 'человек', 'специалист'], new_request: ['новое', 'новую', 'подать', 'жалоба', 'жалобу'], information: ['информация', 'информацию', 'вопрос', 'справка'], status: ['статус', 'где', 'проверить', 'обращение', 'заявление', 'состояние'] },
  it: { operator: ['operatore', 'persona', 'qualcuno'], new_request: ['nuova', 'nuovo', 'presentare', 'reclamo', 'segnalazione'], information: ['informazioni', 'informazione', 'domanda'], status: ['stato', 'pratica', 'verificare', 'richiesta', 'controllare'] },
  vi: { operator: ['nhân viên', 'tổng đài', 'người'], new_request: ['yêu cầu mới', 'mới', 'nộp', 'khiếu nại'], information: ['thông tin', 'hỏi', 'câu hỏi'], status: ['tình trạng', 'kiểm tra', 'hồ sơ', 'tra cứu', 'trạng thái'] },
};
const INTENT_KEYS: Record<string, Intent> = { '1': 'status', '2': 'new_request', '3': 'information', '0': 'operator' };

export function intentOf(text: string, language: Language): Intent | null {
  const t = text.trim();
  if (INTENT_KEYS[t]) return INTENT_KEYS[t];
  // The most specific first: "a person", then "a new request", then general information, then status.
  for (const intent of ['operator', 'new_request', 'information', 'status'] as const) if (hasAny(t, INTENTS[language][intent])) return intent;
  return null;
}

const LANGUAGE_NAMES: [Language, string[]][] = [
  ['en', ['english', 'engleza', 'английский', 'inglese', 'tiếng anh']],
  ['ro', ['romana', 'romanian', 'roumain', 'румынский', 'rumeno', 'tiếng rumani']],
  ['ru', ['русский', 'russian', 'rusa', 'russo', 'tiếng nga', 'по-русски']],
  ['it', ['italiano', 'italian', 'italiana', 'итальянский', 'tiếng ý']],
  ['vi', ['tiếng việt', 'vietnamese', 'vietnameza', 'вьетнамский', 'vietnamita']],
];

/** A language asked for by name, in any of the five languages. */
export function languageAsked(text: string): Language | null {
  for (const [lang, names] of LANGUAGE_NAMES) if (hasAny(text, names)) return lang;
  return null;
}

export type Offer = 'sms' | 'appointment' | 'details' | 'operator' | 'done';
const OFFERS: Record<Language, Record<Exclude<Offer, 'done' | 'operator'>, string[]>> = {
  en: { sms: ['sms', 'text', 'message'], appointment: ['appointment', 'book', 'pickup', 'pick up', 'move', 'reschedule'], details: ['details', 'amount', 'more'] },
  ro: { sms: ['sms', 'mesaj'], appointment: ['programare', 'programarea', 'programez', 'programati', 'ridicare', 'mut', 'mutati', 'reprogramez'], details: ['detalii', 'suma', 'mai mult'] },
  ru: { sms: ['смс', 'sms', 'сообщение'], appointment: ['запись', 'записаться', 'записать', 'приём', 'прием', 'перенести'], details: ['подробнее', 'подробности', 'сумма'] },
  it: { sms: ['sms', 'messaggio'], appointment: ['appuntamento', 'prenotare', 'ritiro', 'spostare'], details: ['dettagli', 'importo'] },
  vi: { sms: ['sms', 'tin nhắn'], appointment: ['lịch hẹn', 'đặt lịch', 'hẹn', 'dời lịch', 'đổi lịch'], details: ['chi tiết', 'số tiền'] },
};
const OFFER_KEYS: Record<string, Offer> = { '1': 'sms', '2': 'appointment', '3': 'details', '0': 'operator', '9': 'done' };

export function offerOf(text: string, language: Language): Offer | null {
  const t = text.trim();
  if (OFFER_KEYS[t]) return OFFER_KEYS[t];
  if (hasAny(t, INTENTS[language].operator)) return 'operator';
  for (const o of ['sms', 'appointment', 'details'] as const) if (hasAny(t, OFFERS[language][o])) return o;
  if (yesNo(t, language) === 'no') return 'done';
  return null;
}

const MONTHS: Record<Language, string[][]> = {
  en: [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
  ro: [['ianuarie'], ['februarie'], ['martie'], ['aprilie'], ['mai'], ['iunie'], ['iulie'], ['august'], ['septembrie'], ['octombrie'], ['noiembrie'], ['decembrie']],
  ru: [['января', 'январь'], ['февраля', 'февраль'], ['марта', 'март'], ['апреля', 'апрель'], ['мая', 'май'], ['июня', 'июнь'], ['июля', 'июль'], ['августа', 'август'], ['сентября', 'сентябрь'], ['октября', 'октябрь'], ['ноября', 'ноябрь'], ['декабря', 'декабрь']],
  it: [['gennaio'], ['febbraio'], ['marzo'], ['aprile'], ['maggio'], ['giugno'], ['luglio'], ['agosto'], ['settembre'], ['ottobre'], ['novembre'], ['dicembre']],
  vi: [],
};

const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * A birth date as YYYY-MM-DD: written (1980-03-15, 15.03.1980, 15/03/1980), said with the month's
 * name ("15 March 1980", "пятнадцатое"… is not read: ordinals are not), in Vietnamese with its
 * markers ("ngày mười lăm tháng ba năm một nghìn chín trăm tám mươi"), or as eight digits DDMMYYYY.
 */
export function birthDateOf(text: string, language: Language): string | null {
  const t = text.trim();
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const written = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (written) return iso(Number(written[3]), Number(written[2]), Number(written[1]));
  if (language === 'vi') {
    const vi = /ngày\s+(.+?)\s+tháng\s+(.+?)\s+năm\s+(.+)$/iu.exec(t);
    if (vi) return iso(Number(spokenDigits(vi[3]!, 'vi')), Number(spokenDigits(vi[2]!, 'vi')), Number(spokenDigits(vi[1]!, 'vi')));
  }
  const w = words(t);
  const month = MONTHS[language].findIndex((names) => names.some((n) => w.includes(fold(n))));
  const numbers = parseSpoken(t, language).flatMap((p) => (p.kind === 'number' ? [Number(p.digits)] : []));
  if (month >= 0) {
    const year = numbers.find((n) => n >= 1900);
    const day = numbers.find((n) => n >= 1 && n <= 31);
    return year && day ? iso(year, month + 1, day) : null;
  }
  if (numbers.length === 3) return iso(numbers[2]!, numbers[1]!, numbers[0]!);
  const digits = spokenDigits(t, language);
  return digits.length === 8 ? iso(Number(digits.slice(4)), Number(digits.slice(2, 4)), Number(digits.slice(0, 2))) : null;
}
