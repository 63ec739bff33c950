import { IntlMessageFormat } from 'intl-messageformat';
import type { StatusLanguage } from './contract.ts';

/**
 * The few texts the service itself sends (the assistant renders everything else): the one-time
 * code, and the notice to a citizen that their sensitive data was read. SMS-length, ICU format.
 */
const TEXT: Record<StatusLanguage, { code: string; access: string }> = {
  ro: {
    code: '{institution}: codul dvs. de verificare este {code}. Este valabil 5 minute. Nu il comunicati nimanui.',
    access: '{institution}: datele dvs. ({reference}) au fost consultate pe {channel, select, voice {linia telefonica} sms {SMS} chat {chat} other {portal}} la {at}, dupa verificarea identitatii. Daca nu ati fost dvs., sunati-ne.',
  },
  ru: {
    code: '{institution}: ваш код подтверждения {code}. Действует 5 минут. Никому его не сообщайте.',
    access: '{institution}: ваши данные ({reference}) были просмотрены {channel, select, voice {по телефону} sms {по SMS} chat {в чате} other {на портале}} {at} после проверки личности. Если это были не вы, позвоните нам.',
  },
  it: {
    code: '{institution}: il suo codice di verifica è {code}. Vale 5 minuti. Non lo comunichi a nessuno.',
    access: '{institution}: i suoi dati ({reference}) sono stati consultati {channel, select, voice {per telefono} sms {via SMS} chat {in chat} other {sul portale}} il {at}, dopo la verifica dell’identità. Se non è stato lei, ci chiami.',
  },
  vi: {
    code: '{institution}: ma xac minh cua quy vi la {code}. Co hieu luc 5 phut. Khong chia se ma nay.',
    access: '{institution}: du lieu cua quy vi ({reference}) da duoc tra cuu {channel, select, voice {qua dien thoai} sms {qua SMS} chat {qua chat} other {tren cong thong tin}} luc {at} sau khi xac minh danh tinh. Neu khong phai quy vi, hay goi cho chung toi.',
  },
  en: {
    code: '{institution}: your verification code is {code}. It is valid for 5 minutes. Do not share it with anyone.',
    access: '{institution}: your data ({reference}) was accessed {channel, select, voice {by phone} sms {by SMS} chat {in the chat} other {on the portal}} on {at} after an identity check. If this was not you, please call us.',
  },
};

const LOCALE: Record<StatusLanguage, string> = { ro: 'ro-RO', ru: 'ru-RU', it: 'it-IT', vi: 'vi-VN', en: 'en-GB' };

export function codeText(language: StatusLanguage, values: { institution: string; code: string }): string {
  return String(new IntlMessageFormat(TEXT[language].code, LOCALE[language]).format(values));
}

export function accessNoticeText(language: StatusLanguage, values: { institution: string; reference: string; channel: string; at: Date; timeZone: string }): string {
  const at = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'short', timeStyle: 'short', timeZone: values.timeZone }).format(values.at);
  return String(new IntlMessageFormat(TEXT[language].access, LOCALE[language]).format({ ...values, at }));
}
