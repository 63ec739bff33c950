import { LANGUAGES, type Language } from '@civicline/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spellNumber } from './spell-number.fixture.ts';
import { birthDateOf, intentOf, languageAsked, offerOf, yesNo } from './understand.ts';

const MONTH: Record<Exclude<Language, 'vi'>, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ro: ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
};

describe('short answers', () => {
  it('birth dates said or written in every language come back as the same day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1920-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.constantFrom<Language>(...LANGUAGES), (d, lang) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const iso = d.toISOString().slice(0, 10);
        const said = lang === 'vi' ? `ngày ${spellNumber(day, 'vi')} tháng ${spellNumber(m, 'vi')} năm ${spellNumber(y, 'vi')}` : `${day} ${MONTH[lang][m - 1]} ${y}`;
        expect(birthDateOf(said, lang)).toBe(iso);
        expect(birthDateOf(`${String(day).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`, lang)).toBe(iso);
        expect(birthDateOf(iso, lang)).toBe(iso);
        expect(birthDateOf(`${String(day).padStart(2, '0')}${String(m).padStart(2, '0')}${y}`, lang)).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });

  it('impossible dates are no dates', () => {
    expect(birthDateOf('31 February 1980', 'en')).toBeNull();
    expect(birthDateOf('30.02.1980', 'ro')).toBeNull();
    expect(birthDateOf('maybe', 'it')).toBeNull();
  });

  it('yes and no, in words and on the keypad', () => {
    const cases: [Language, string, 'yes' | 'no' | null][] = [
      ['en', 'yes, that is right', 'yes'], ['en', 'no', 'no'], ['ro', 'da', 'yes'], ['ro', 'nu, greșit', 'no'], ['ru', 'да, верно', 'yes'], ['ru', 'нет', 'no'],
      ['it', 'sì, esatto', 'yes'], ['it', 'no, è sbagliato', 'no'], ['vi', 'vâng, đúng rồi', 'yes'], ['vi', 'không', 'no'], ['en', '1', 'yes'], ['ro', '2', 'no'], ['en', 'perhaps', null],
    ];
    for (const [lang, text, want] of cases) expect(yesNo(text, lang), `${lang}: ${text}`).toBe(want);
  });

  it('intents, languages and offers', () => {
    expect(intentOf('I want to speak to an operator', 'en')).toBe('operator');
    expect(intentOf('vreau să depun o cerere nouă', 'ro')).toBe('new_request');
    expect(intentOf('у меня вопрос', 'ru')).toBe('information');
    expect(intentOf('vorrei sapere lo stato della pratica', 'it')).toBe('status');
    expect(intentOf('tôi muốn kiểm tra hồ sơ', 'vi')).toBe('status');
    expect(intentOf('0', 'vi')).toBe('operator');
    expect(languageAsked('русский, пожалуйста')).toBe('ru');
    expect(languageAsked('Tiếng Việt')).toBe('vi');
    expect(languageAsked('in English please')).toBe('en');
    expect(offerOf('trimiteți-mi un SMS', 'ro')).toBe('sms');
    expect(offerOf('записаться на приём', 'ru')).toBe('appointment');
    expect(offerOf('nient’altro, grazie', 'it')).toBe('done');
    expect(offerOf('9', 'en')).toBe('done');
  });
});
