import { createRequire } from 'node:module';
import type { DeliveryMethod, Language } from '@civicline/contracts';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { LOCALES, receiptTexts } from './receipt-texts.ts';

/**
 * DejaVu Sans covers Romanian ș/ț (comma below), Cyrillic and Vietnamese; the PDF standard fonts
 * cover none of them. Embedded (subset) from the npm package, so `npm install` is all it takes.
 */
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface ReceiptData {
  language: Language;
  timeZone: string;
  institution: string;
  registrationNumber: string;
  registeredAt: Date;
  dueAt: Date | null;
  category: string;
  sender: { name: string; address: string | null } | null;
  senderReference: string | null;
  delivery: DeliveryMethod;
  /** YYYY-MM-DD, a day in the institution's calendar. */
  receivedOn: string;
  pages: number;
  subject: string;
  scans: number;
  registrar: string | null;
  statusUrl: string;
  format: 'a5' | 'a4';
}

/** The dates as the receipt prints them, in the institution's time zone and the receipt's language. */
export function receiptDates(d: Pick<ReceiptData, 'language' | 'timeZone' | 'registeredAt' | 'dueAt' | 'receivedOn'>) {
  const locale = LOCALES[d.language];
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: d.timeZone });
  const dayAndTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: d.timeZone });
  // A calendar day, not an instant: formatted at noon UTC so no time zone moves it.
  const receivedOn = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d.receivedOn}T12:00:00Z`));
  return { registeredAt: dayAndTime.format(d.registeredAt), dueAt: d.dueAt ? day.format(d.dueAt) : null, receivedOn };
}

/** Renders the printable receipt (one A5 or A4 page) with a QR code of the public status page. */
export async function renderReceipt(d: ReceiptData): Promise<Buffer> {
  const t = receiptTexts(d.language);
  const dates = receiptDates(d);
  const doc = new PDFDocument({
    size: d.format === 'a4' ? 'A4' : 'A5',
    margin: d.format === 'a4' ? 56 : 36,
    lang: d.language,
    info: { Title: `${t.title} ${d.registrationNumber}`, Author: d.institution, Subject: t.subtitle, Creator: 'CivicLine' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);

  const scale = d.format === 'a4' ? 1.25 : 1;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font('bold').fontSize(11 * scale).text(d.institution, left, doc.page.margins.top, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(20 * scale).text(t.title, { width, align: 'center' });
  doc.font('regular').fontSize(10 * scale).text(t.subtitle, { width, align: 'center' });
  doc.moveDown(0.8);

  // The number, framed: what the citizen will quote.
  const boxTop = doc.y;
  const boxHeight = 40 * scale;
  doc.lineWidth(1).rect(left, boxTop, width, boxHeight).stroke();
  doc.font('regular').fontSize(8 * scale).text(t.number, left, boxTop + 5 * scale, { width, align: 'center' });
  doc.font('bold').fontSize(16 * scale).text(d.registrationNumber, left, boxTop + 16 * scale, { width, align: 'center' });
  doc.y = boxTop + boxHeight + 10 * scale;

  const labelWidth = width * 0.38;
  const valueX = left + labelWidth + 6;
  const valueWidth = width - labelWidth - 6;
  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font('regular').fontSize(8.5 * scale);
    const hl = doc.heightOfString(label, { width: labelWidth });
    doc.text(label, left, y, { width: labelWidth });
    doc.font(bold ? 'bold' : 'regular').fontSize(9.5 * scale);
    const hv = doc.heightOfString(value, { width: valueWidth });
    doc.text(value, valueX, y, { width: valueWidth });
    doc.y = y + Math.max(hl, hv) + 4 * scale;
  };
  row(t.registeredAt, dates.registeredAt);
  row(t.category, d.category);
  row(t.deadline, dates.dueAt ?? t.noDeadline, true);
  if (d.sender) row(t.sender, d.sender.address ? `${d.sender.name}\n${d.sender.address}` : d.sender.name);
  if (d.senderReference) row(t.senderReference, d.senderReference);
  row(t.delivery, t.deliveries[d.delivery]);
  row(t.receivedOn, dates.receivedOn);
  row(t.pages, d.scans > 0 ? `${d.pages} (${t.scans(d.scans)})` : String(d.pages));
  row(t.subject, d.subject);

  // The QR code of the public status page, drawn as vector squares (sharp at any printer resolution).
  doc.moveDown(0.5);
  const qr = QRCode.create(d.statusUrl, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const qrSide = 92 * scale;
  const cell = qrSide / (n + 2 * quiet);
  const qrTop = doc.y;
  doc.rect(left, qrTop, qrSide, qrSide).fill('#ffffff');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(left + (c + quiet) * cell, qrTop + (r + quiet) * cell, cell + 0.05, cell + 0.05); // overlap: no hairline seams
    }
  }
  doc.fill('#000000');
  const textX = left + qrSide + 10;
  const textWidth = width - qrSide - 10;
  doc.font('regular').fontSize(8.5 * scale).text(t.statusHelp(d.statusUrl), textX, qrTop + 6 * scale, { width: textWidth });
  doc.moveDown(0.5);
  doc.fontSize(8 * scale).text(t.keep(d.institution), { width: textWidth });
  doc.y = Math.max(doc.y, qrTop + qrSide) + 10 * scale;

  const half = (width - 12) / 2;
  const signTop = doc.y;
  doc.font('regular').fontSize(8.5 * scale).text(t.registrar, left, signTop, { width: half });
  doc.font('bold').text(d.registrar ?? '', left, doc.y, { width: half });
  doc.font('regular').text(t.signature, left + half + 12, signTop, { width: half });
  doc.moveTo(left + half + 12, signTop + 34 * scale).lineTo(left + width, signTop + 34 * scale).lineWidth(0.5).stroke();

  doc.end();
  return done;
}
