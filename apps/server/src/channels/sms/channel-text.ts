import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '@civicline/contracts';

/**
 * What the SMS and voice channels say to citizens themselves, in their language (ICU messages).
 * SMS texts stay within GSM-7 where the language allows, so a reply is one message.
 */
const TEXT: Record<Language, { appended: string; greeting: string; closed: string; callSubject: string; callText: string; callbackSubject: string; callbackText: string }> = {
  ro: {
    appended: '{institution}: mesajul dvs. a fost adaugat la cererea nr. {number}.',
    greeting: 'Bună ziua. Ați sunat la {institution}. Vă rugăm să așteptați, un operator vă va răspunde imediat.',
    closed: 'Bună ziua. Ați sunat la {institution}. În acest moment nu vă putem prelua apelul. Vă rugăm să reveniți.',
    callSubject: 'Apel telefonic de la {number, select, hidden {un număr ascuns} other {{number}}}',
    callText: 'Apel primit pe linia {line} la {time}. Operatorul completează cererea.',
    callbackSubject: 'Cerere de apel înapoi prin SMS de la {number}',
    callbackText: 'Cetățeanul a cerut un operator în dialogul SMS cu asistentul pe linia {line}. Despre: {reference}. Ultimul răspuns: {answer}. Pașii dialogului: {log}. Sunați-l înapoi și completați cererea.',
  },
  ru: {
    appended: '{institution}: ваше сообщение добавлено к обращению № {number}.',
    greeting: 'Здравствуйте. Вы позвонили в {institution}. Пожалуйста, подождите, оператор скоро ответит.',
    closed: 'Здравствуйте. Вы позвонили в {institution}. Сейчас мы не можем принять ваш звонок. Пожалуйста, перезвоните позже.',
    callSubject: 'Телефонный звонок с {number, select, hidden {скрытого номера} other {номера {number}}}',
    callText: 'Звонок на линию {line} в {time}. Оператор заполняет обращение.',
    callbackSubject: 'Просьба перезвонить по SMS с номера {number}',
    callbackText: 'Гражданин попросил оператора в SMS-диалоге с помощником на линии {line}. О чём: {reference}. Последний ответ: {answer}. Шаги диалога: {log}. Перезвоните и заполните обращение.',
  },
  it: {
    appended: '{institution}: il suo messaggio è stato aggiunto alla richiesta n. {number}.',
    greeting: 'Buongiorno. Ha chiamato {institution}. Resti in linea, un operatore le risponderà a breve.',
    closed: 'Buongiorno. Ha chiamato {institution}. Al momento non possiamo rispondere. La preghiamo di richiamare.',
    callSubject: 'Chiamata da {number, select, hidden {numero nascosto} other {{number}}}',
    callText: 'Chiamata ricevuta sulla linea {line} alle {time}. L’operatore completa la richiesta.',
    callbackSubject: 'Richiesta di richiamata via SMS da {number}',
    callbackText: 'Il cittadino ha chiesto un operatore nel dialogo SMS con l’assistente sulla linea {line}. Riguardo a: {reference}. Ultima risposta: {answer}. Passi del dialogo: {log}. Richiamarlo e completare la richiesta.',
  },
  vi: {
    appended: '{institution}: Tin nhan cua quy vi da duoc bo sung vao ho so so {number}.',
    greeting: 'Xin chào. Quý vị đã gọi đến {institution}. Xin vui lòng chờ, nhân viên sẽ trả lời ngay.',
    closed: 'Xin chào. Quý vị đã gọi đến {institution}. Hiện chúng tôi không thể nhận cuộc gọi. Xin vui lòng gọi lại sau.',
    callSubject: 'Cuộc gọi từ {number, select, hidden {số ẩn} other {{number}}}',
    callText: 'Cuộc gọi đến đường dây {line} lúc {time}. Nhân viên đang hoàn thiện hồ sơ.',
    callbackSubject: 'Yêu cầu gọi lại qua SMS từ {number}',
    callbackText: 'Công dân đã yêu cầu gặp nhân viên trong cuộc trao đổi SMS với trợ lý trên đường dây {line}. Về: {reference}. Câu trả lời cuối: {answer}. Các bước: {log}. Hãy gọi lại và hoàn thiện hồ sơ.',
  },
  en: {
    appended: '{institution}: your message was added to request no. {number}.',
    greeting: 'Hello. You have called {institution}. Please hold, an operator will answer shortly.',
    closed: 'Hello. You have called {institution}. We cannot take your call right now. Please call again later.',
    callSubject: 'Phone call from {number, select, hidden {a withheld number} other {{number}}}',
    callText: 'Call received on line {line} at {time}. The operator completes the request.',
    callbackSubject: 'Call-back requested by SMS from {number}',
    callbackText: 'The citizen asked for an operator in the SMS dialog with the assistant on line {line}. About: {reference}. Last answer: {answer}. Dialog steps: {log}. Call them back and complete the request.',
  },
};

/** Locale tags for number formatting and for Twilio's <Say language>. */
export const SPEECH_LOCALE: Record<Language, string> = { ro: 'ro-RO', ru: 'ru-RU', it: 'it-IT', vi: 'vi-VN', en: 'en-GB' };

export function channelText(language: Language, key: keyof (typeof TEXT)['en'], values: Record<string, string>): string {
  return String(new IntlMessageFormat(TEXT[language][key], SPEECH_LOCALE[language]).format(values));
}
