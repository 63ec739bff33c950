import { LANGUAGES } from '@civicline/contracts';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { receiptDates, renderReceipt, type ReceiptData } from './receipt-pdf.ts';

const base: ReceiptData = {
  language: 'en',
  timeZone: 'Europe/Bucharest',
  institution: 'Primăria Demo',
  registrationNumber: 'PET-2026-000123',
  registeredAt: new Date('2026-03-10T21:30:00Z'),
  dueAt: new Date('2026-04-09T20:59:59Z'),
  category: 'Petiție',
  sender: { name: 'Ștefan Țurcanu', address: 'Str. Mărășești 12' },
  senderReference: '45/2026',
  delivery: 'courier',
  receivedOn: '2026-03-09',
  pages: 4,
  subject: 'Iluminat public',
  scans: 1,
  registrar: 'Maria Ionescu',
  statusUrl: 'https://demo.example/portal/demo/status?number=PET-2026-000123',
  format: 'a5',
};

const textOf = (pdf: Buffer) => mupdf.Document.openDocument(pdf, 'application/pdf').loadPage(0).toStructuredText('preserve-whitespace').asText();

describe('registry receipt', () => {
  const titles = { ro: 'Recipisă', ru: 'Расписка', it: 'Ricevuta', vi: 'Giấy biên nhận', en: 'Receipt' } as const;
  const numbers = { ro: 'Număr de înregistrare', ru: 'Регистрационный номер', it: 'Numero di protocollo', vi: 'Số tiếp nhận', en: 'Registration number' } as const;

  it.each(LANGUAGES)('is written in %s, every letter of it intact', async (language) => {
    const text = textOf(await renderReceipt({ ...base, language }));
    expect(text).toContain(titles[language]);
    expect(text).toContain(numbers[language]);
    expect(text).toContain('PET-2026-000123');
    // Names keep their comma-below ș and ț whatever the language of the receipt.
    expect(text).toContain('Ștefan Țurcanu');
    expect(text).toContain(receiptDates({ ...base, language }).dueAt!);
  });

  it('dates are in the institution’s time zone: 21:30 UTC is 23:30 in Bucharest and the next morning in Vladivostok', () => {
    const d = receiptDates({ ...base, language: 'en' });
    expect(d.registeredAt).toMatch(/^10 March 2026 at 23:30$/);
    expect(d.dueAt).toBe('9 April 2026');
    expect(d.receivedOn).toBe('9 March 2026');
    const ru = receiptDates({ ...base, language: 'ru', timeZone: 'Asia/Vladivostok' });
    expect(ru.registeredAt).toMatch(/^11 марта 2026 г\.,? в 07:30$/);
  });

  it('says so when the category has no legal deadline', async () => {
    expect(textOf(await renderReceipt({ ...base, language: 'ro', dueAt: null }))).toContain('fără termen legal');
  });
});
