import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { MailboxRoute } from '../../modules/intake/index.ts';
import { faxNumberFrom } from './fax-number.ts';
import { parseMail, toInboundMessage, type MailEnvelope } from './mail-message.ts';
import { htmlToPlainText } from './mail-text.ts';
import { createSenderPolicy } from './sender-policy.ts';

const route: MailboxRoute = { tenantId: '00000000-0000-4000-8000-000000000001', mailboxId: 'm', address: 'sesizari@primaria.example', categoryId: 'c', departmentId: null, isFax: false, acknowledge: true };
const envelope: MailEnvelope = { mailFrom: 'ana@example.ro', recipient: route.address };

/**
 * Text in a legacy charset. Windows-1258 writes Vietnamese tone marks as combining characters
 * after a (possibly precomposed) base letter, as Vietnamese mail software did.
 */
function encode(s: string, charset: string): Buffer {
  if (charset.toLowerCase() !== 'windows-1258') return iconv.encode(s, charset);
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const split = s.normalize('NFD').replace(/(\P{M})(\p{M}*)/gu, (_, base: string, marks: string) => `${(base + marks.replace(tones, '')).normalize('NFC')}${(marks.match(tones) ?? []).join('')}`);
  return iconv.encode(split, charset);
}

/** An RFC 2047 encoded word in any charset iconv knows. */
const word = (charset: string, s: string) => `=?${charset}?B?${encode(s, charset).toString('base64')}?=`;

function mail(headers: Record<string, string>, body: Buffer | string, contentType = 'text/plain; charset=utf-8') {
  const head = Object.entries({ From: 'Ana Popescu <ana@example.ro>', To: route.address, 'Message-ID': '<m1@example.ro>', 'MIME-Version': '1.0', 'Content-Type': contentType, 'Content-Transfer-Encoding': '8bit', ...headers })
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`${head}\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

async function translate(raw: Buffer, opts: { env?: Partial<MailEnvelope>; fax?: boolean } = {}) {
  return toInboundMessage(await parseMail(raw), raw, { route: { ...route, isFax: Boolean(opts.fax) }, envelope: { ...envelope, ...opts.env }, receivedAt: new Date() });
}

describe('e-mail to inbound message', () => {
  it.each([
    ['UTF-8', 'Sesizare: groapă în șoseaua Ștefan cel Mare'],
    ['ISO-8859-2', 'Sesizare: groapă în şoseaua Ştefan cel Mare'],
    ['windows-1250', 'Cerere: ţară, şcoală, înscriere, până'],
    ['windows-1251', 'Жалоба на управляющую компанию'],
    ['KOI8-R', 'Обращение по поводу отопления'],
    ['ISO-8859-15', 'Segnalazione: è più urgente, €'],
    ['windows-1258', 'Phản ánh về đường'],
  ])('decodes an RFC 2047 subject and a body in %s', async (charset, text) => {
    const raw = mail({ Subject: word(charset, text) }, encode(`${text}\r\n`, charset), `text/plain; charset=${charset}`);
    const m = await translate(raw);
    expect(m.subject).toBe(text.normalize('NFC'));
    expect(m.text).toBe(text.normalize('NFC'));
  });

  it('turns HTML into text without scripts, styles or images, keeping links', async () => {
    const m = await translate(mail({ Subject: 'html' }, '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Bună ziua,</p><p>groapa e <b>mare</b>.<img src="cid:x@y"></p><a href="https://harta.example/p/1">harta</a></body></html>', 'text/html; charset=utf-8'));
    expect(m.text).toBe('Bună ziua,\n\ngroapa e mare.\n\nharta [https://harta.example/p/1]');
    expect(htmlToPlainText('<p onclick="x()">a&amp;b &lt;script&gt;</p>')).toBe('a&b <script>');
  });

  it('keeps the sender, the thread references and attachments, including inline images', async () => {
    const raw = Buffer.from(
      [
        'From: =?UTF-8?Q?Ana_Pop=C4=83?= <Ana@Example.RO>',
        `To: ${route.address}`,
        'Subject: Re: PET-2026-000001',
        'Message-ID: <m2@example.ro>',
        'In-Reply-To: <ack-1@civicline.localhost>',
        'References: <orig@example.ro> <ack-1@civicline.localhost>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: multipart/related; boundary="b2"',
        '',
        '--b2',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Vedeți poza: <img src="cid:poza@x"></p>',
        '--b2',
        'Content-Type: image/png',
        'Content-ID: <poza@x>',
        'Content-Disposition: inline',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('\x89PNG\r\n\x1a\n0000').toString('base64'),
        '--b2--',
        '--b1',
        'Content-Type: application/pdf; name="=?UTF-8?Q?cerere_=C8=99coal=C4=83.pdf?="',
        'Content-Disposition: attachment; filename*=UTF-8\'\'cerere%20%C8%99coal%C4%83.pdf',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 test').toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const m = await translate(raw);
    expect(m).toMatchObject({ channel: 'email', externalId: '<m2@example.ro>', from: { email: 'ana@example.ro', name: 'Ana Popă' }, to: route.address, subject: 'Re: PET-2026-000001', text: 'Vedeți poza:' });
    expect(m.inReplyTo).toEqual(['<ack-1@civicline.localhost>', '<orig@example.ro>']);
    expect(m.attachments!.map((a) => a.fileName)).toEqual(['inline-image-1.png', 'cerere școală.pdf']);
    expect(m.autoGenerated).toBeUndefined();
    expect(m.raw!.data.equals(raw)).toBe(true);
  });

  it('a message without a Message-ID gets a stable id from its bytes', async () => {
    const raw = mail({ 'Message-ID': '', Subject: 'fără id' }, 'text');
    const a = await translate(raw);
    const b = await translate(Buffer.from(raw));
    expect(a.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.externalId).toBe(b.externalId);
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, {}],
    [{ 'Auto-Submitted': 'auto-generated; owner-email="x@y"' }, {}],
    [{ Precedence: 'bulk' }, {}],
    [{ Precedence: 'list' }, {}],
    [{ Precedence: 'junk' }, {}],
    [{ 'List-Id': 'Newsletter <news.example.ro>' }, {}],
    [{ 'X-Autoreply': 'yes' }, {}],
    [{}, { mailFrom: '' }],
    [{ 'Return-Path': '<>' }, { mailFrom: undefined }],
  ])('recognises automatic mail: %o %o', async (headers, env) => {
    expect((await translate(mail({ Subject: 'Out of office', ...headers }, 'away'), { env })).autoGenerated).toBe(true);
  });

  it('recognises a DSN (multipart/report), and a person’s mail with Auto-Submitted: no is not automatic', async () => {
    const dsn = mail({ Subject: 'Undelivered Mail' }, '--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n--r--\r\n', 'multipart/report; report-type=delivery-status; boundary="r"');
    const m = await translate(dsn);
    expect(m.autoGenerated).toBe(true);
    expect(m.attachments).toEqual([]);
    expect((await translate(mail({ 'Auto-Submitted': 'no', Subject: 'x' }, 'y'))).autoGenerated).toBeUndefined();
  });

  it('a fax mailbox: channel fax, a draft, the number from the gateway, the PDF as the document', async () => {
    const raw = mail({ Subject: 'Fax from +40 21 315 3344 (2 pages)', From: 'PBX <fax@pbx.primaria.example>', 'Auto-Submitted': 'auto-generated' }, '--f\r\nContent-Type: text/plain\r\n\r\nYou have a new fax.\r\n--f\r\nContent-Type: application/pdf; name="fax.pdf"\r\nContent-Disposition: attachment; filename="fax.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--f--\r\n', 'multipart/mixed; boundary="f"');
    const m = await translate(raw, { fax: true });
    expect(m).toMatchObject({ channel: 'fax', draft: true, from: { phone: '+40213153344' }, subject: 'Fax from +40 21 315 3344 (2 pages)' });
    expect(m.from.email).toBeUndefined();
    expect(m.autoGenerated).toBeUndefined();
    expect(m.attachments!.map((a) => a.fileName)).toEqual(['fax.pdf']);
  });

  it.each([
    [{}, 'FAX from 0213153344', '', '0213153344'],
    [{}, 'New fax from "Primaria S1" <021-315.33.44>', '', '0213153344'],
    [{}, 'Fax de la 0213153344, 3 pagini', '', '0213153344'],
    [{}, 'Факс от +7 (495) 123-45-67', '', '+74951234567'],
    [{}, 'Fax da 06 1234 5678', '', '0612345678'],
    [{}, 'Fax từ 028 3823 4567', '', '02838234567'],
    [{}, '[FAX] 0213153344 (1 page)', '', '0213153344'],
    [{ 'x-fax-from': '+40 21 000 1111' }, 'Fax from 0213153344', '', '+40210001111'],
    [{ 'x-sender-number': '0745 123 456' }, 'New document', '', '0745123456'],
    [{}, 'Received document', 'Pages: 3\nCaller ID: 021 315 33 44\n', '0213153344'],
  ])('reads the fax number from %o / %s', (headers: Record<string, string>, subject, text, expected) => {
    expect(faxNumberFrom({ header: (n) => headers[n], subject, text })).toBe(expected);
  });

  it('finds no number where there is none', () => {
    expect(faxNumberFrom({ header: () => undefined, subject: 'Fax received (3 pages)', text: 'Pages: 3' })).toBeNull();
  });
});

describe('sender lists', () => {
  it('deny wins, a non-empty allow list admits only what it names, bounces always pass', () => {
    const p = createSenderPolicy({ allow: ['example.ro', '@gov.example', '*.edu.example', 'ana@friend.example'], deny: ['spam@example.ro'] });
    expect(p.allows('ion@example.ro')).toBe(true);
    expect(p.allows('Spam@Example.RO')).toBe(false);
    expect(p.allows('x@gov.example')).toBe(true);
    expect(p.allows('x@sub.gov.example')).toBe(false);
    expect(p.allows('x@uni.edu.example')).toBe(true);
    expect(p.allows('x@edu.example')).toBe(true);
    expect(p.allows('ana@friend.example')).toBe(true);
    expect(p.allows('bob@friend.example')).toBe(false);
    expect(p.allows('')).toBe(true);
    expect(createSenderPolicy({ allow: [], deny: ['*.spam.example'] }).allows('a@x.spam.example')).toBe(false);
    expect(createSenderPolicy({ allow: [], deny: [] }).allows('anyone@anywhere.example')).toBe(true);
  });
});
