import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '@civicline/contracts';

/**
 * The receipt a citizen gets when a request arrives, in their language (ICU MessageFormat; no
 * sentence is ever glued together from pieces).
 */
const TEXT: Record<Language, { subject: string; body: string; sms: string }> = {
  ro: {
    subject: 'Cererea dumneavoastră a fost înregistrată cu nr. {number}',
    body: 'Bună ziua,\n\nCererea dumneavoastră „{subject}” a fost înregistrată la {institution} cu numărul {number}, la data de {date}.\n{due, select, none {} other {Termenul de răspuns este {due}.\n}}Puteți afla stadiul ei oricând la {statusUrl} sau răspunzând la acest mesaj.\n\nCu stimă,\n{institution}',
    sms: '{institution}: cererea dvs. a fost inregistrata cu nr. {number} ({date}).{due, select, none {} other { Termen raspuns: {due}.}} Stadiu: {statusUrl}',
  },
  ru: {
    subject: 'Ваше обращение зарегистрировано под № {number}',
    body: 'Здравствуйте!\n\nВаше обращение «{subject}» зарегистрировано в {institution} под номером {number} {date}.\n{due, select, none {} other {Срок ответа — {due}.\n}}Узнать о ходе рассмотрения можно по адресу {statusUrl} или ответив на это письмо.\n\nС уважением,\n{institution}',
    sms: '{institution}: обращение зарегистрировано, № {number} ({date}).{due, select, none {} other { Срок ответа: {due}.}} Статус: {statusUrl}',
  },
  it: {
    subject: 'La sua richiesta è stata protocollata con il n. {number}',
    body: 'Gentile cittadino,\n\nla sua richiesta «{subject}» è stata protocollata presso {institution} con il numero {number} il {date}.\n{due, select, none {} other {Riceverà una risposta entro il {due}.\n}}Può verificarne lo stato in qualsiasi momento su {statusUrl} o rispondendo a questo messaggio.\n\nCordiali saluti,\n{institution}',
    sms: '{institution}: richiesta protocollata n. {number} ({date}).{due, select, none {} other { Risposta entro il {due}.}} Stato: {statusUrl}',
  },
  vi: {
    subject: 'Hồ sơ của quý vị đã được tiếp nhận, số {number}',
    body: 'Kính gửi quý vị,\n\nYêu cầu “{subject}” của quý vị đã được {institution} tiếp nhận với số {number} vào ngày {date}.\n{due, select, none {} other {Hạn trả lời: {due}.\n}}Quý vị có thể tra cứu tình trạng hồ sơ tại {statusUrl} hoặc trả lời thư này.\n\nTrân trọng,\n{institution}',
    sms: '{institution}: Ho so cua quy vi da duoc tiep nhan, so {number} ({date}).{due, select, none {} other { Han tra loi: {due}.}} Tra cuu: {statusUrl}',
  },
  en: {
    subject: 'Your request has been registered as no. {number}',
    body: 'Hello,\n\nYour request “{subject}” has been registered by {institution} as number {number} on {date}.\n{due, select, none {} other {You will have an answer by {due}.\n}}You can check its status at any time at {statusUrl} or by replying to this message.\n\nKind regards,\n{institution}',
    sms: '{institution}: your request was registered as no. {number} ({date}).{due, select, none {} other { Answer due by {due}.}} Status: {statusUrl}',
  },
};

const LOCALE: Record<Language, string> = { ro: 'ro-RO', ru: 'ru-RU', it: 'it-IT', vi: 'vi-VN', en: 'en-GB' };

export interface AckInput {
  language: Language;
  timeZone: string;
  institution: string;
  number: string;
  subject: string;
  registeredAt: Date;
  dueAt: Date | null;
  statusUrl: string;
}

// Compiling a message or building a date format costs far more than using one: both are kept.
const compiled = new Map<string, IntlMessageFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function message(language: Language, text: string): IntlMessageFormat {
  const key = `${language}|${text}`;
  let m = compiled.get(key);
  if (!m) compiled.set(key, (m = new IntlMessageFormat(text, LOCALE[language])));
  return m;
}

function dayFormat(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone })));
  return f;
}

export function renderAcknowledgement(channel: 'email' | 'sms', a: AckInput): { subject: string | null; body: string } {
  const t = TEXT[a.language];
  const day = dayFormat(a.language, a.timeZone);
  const values = {
    institution: a.institution,
    number: a.number,
    subject: a.subject,
    date: day.format(a.registeredAt),
    due: a.dueAt ? day.format(a.dueAt) : 'none',
    statusUrl: a.statusUrl,
  };
  const fmt = (m: string) => String(message(a.language, m).format(values));
  return channel === 'sms' ? { subject: null, body: fmt(t.sms) } : { subject: fmt(t.subject), body: fmt(t.body) };
}
