import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RecordedDocument } from '@civicline/contracts';
import jsQRModule from 'jsqr';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../src/modules/sla/index.ts';
import { login, createTestApp, type TestContext } from './helpers/harness.ts';
import { addStaff, createCaseFixture, ok, problem, VALID_PERMIT, type Actor, type CaseFixture, type Response } from './helpers/case-fixtures.ts';

// jsqr is CommonJS whose module.exports is the decoder (its typings describe only `default`).
const jsQR = (jsQRModule as unknown as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

/** A one-page PDF as a scanner makes it (the content does not matter, the first bytes do). */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2_000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(500, 2)]);
const MAX_FILE_BYTES = 256 * 1024;

type FilePart = { fileName: string; content: Buffer; type?: string; field?: string };

/** The registrar's form as a browser sends it: multipart/form-data, text fields and scans. */
function multipart(fields: Record<string, string | number>, files: FilePart[]) {
  const boundary = `----civicline-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'files'}"; filename="${f.fileName}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`));
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Text and a rendering of the receipt's page, read back with MuPDF (as a viewer or a printer would). */
function readPdf(pdf: Buffer) {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  expect(doc.countPages()).toBe(1);
  const page = doc.loadPage(0);
  const text = page.toStructuredText('preserve-whitespace').asText();
  const [, , width, height] = page.getBounds();
  const pix = page.toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceRGB, true);
  expect(pix.getNumberOfComponents()).toBe(4);
  const qr = jsQR(new Uint8ClampedArray(pix.getPixels()), pix.getWidth(), pix.getHeight());
  return { text, qr: qr?.data ?? null, widthPt: width, heightPt: height };
}

describe('registry desk: paper documents and receipts', () => {
  let t: TestContext;
  let fx: CaseFixture;
  let registrarCookie: string;
  let today: string;
  let yesterday: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { attachmentMaxBytes: MAX_FILE_BYTES, publicBaseUrl: 'https://civicline.example' } });
    fx = await createCaseFixture(t, { name: 'Primăria Municipiului Cluj-Napoca' });
    registrarCookie = (await login(t.app, fx.staff.registrar.email)).cookie;
    today = localDateOf(new Date(), 'Europe/Bucharest');
    yesterday = localDateOf(new Date(Date.now() - 86_400_000), 'Europe/Bucharest');
  });
  afterAll(() => t.close());

  const post = (fields: Record<string, string | number>, files: FilePart[], cookie = registrarCookie, extra: Record<string, string> = {}) => {
    const body = multipart(fields, files);
    return t.app.inject({ method: 'POST', url: '/api/v1/registry/documents', payload: body.payload, headers: { ...body.headers, cookie, ...extra } });
  };
  const get = (url: string, cookie = registrarCookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  const letter = (over: Record<string, string | number> = {}) => ({
    categoryId: fx.categories.petition.id,
    delivery: 'post',
    receivedOn: yesterday,
    pages: 3,
    subject: 'Solicitare privind iluminatul public pe strada Mărășești',
    description: 'Vă rog să verificați iluminatul public, stâlpii de pe strada Mărășești nu funcționează.',
    senderReference: 'Nr. 45/2026',
    'sender.citizenId': fx.citizenId,
    ...over,
  });

  const count = async (table: string) => Number((await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [fx.tenant.id])).rows[0]!.n);
  const storedFiles = () => {
    const root = path.join(t.c.config.filesDir, fx.tenant.id);
    return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).length : 0;
  };
  const snapshot = async () => ({
    cases: await count('cases'),
    inbound_messages: await count('inbound_messages'),
    registry_entries: await count('registry_entries'),
    citizens: await count('citizens'),
    case_attachments: await count('case_attachments'),
    case_events: await count('case_events'),
    audit_entries: await count('audit_entries'),
    register_counters: Number((await t.database.query<{ n: number | null }>('SELECT coalesce(sum(last_seq), 0)::int AS n FROM register_counters WHERE tenant_id = $1', [fx.tenant.id])).rows[0]!.n),
    files: storedFiles(),
  });

  it('records a posted letter from a known sender: a registered case with the scan, the registry entry and the registrar as its author', async () => {
    const res = await post(letter(), [{ fileName: 'scrisoare Mărășești.pdf', content: PDF }]);
    const r = ok<RecordedDocument>(res, 201);
    expect(r).toMatchObject({ outcome: 'case_created', status: 'registered', senderCitizenId: fx.citizenId, attachments: 1 });
    expect(r.registrationNumber).toMatch(/^PET-\d{4}-\d{6}$/);
    expect(r.dueAt).not.toBeNull();
    expect(r.receiptUrl).toBe(`/api/v1/registry/documents/${r.caseId}/receipt.pdf?entry=${r.entryId}`);
    expect(r.statusUrl).toBe(`https://civicline.example/portal/${fx.tenant.slug}/status?number=${r.registrationNumber}`);

    const kase = ok<{ channel: string; citizenId: string; subject: string; description: string; registrationNumber: string }>(await fx.staff.registrar.call('GET', `/api/v1/cases/${r.caseId}`));
    expect(kase).toMatchObject({ channel: 'post', citizenId: fx.citizenId, subject: letter().subject, description: letter().description, registrationNumber: r.registrationNumber });
    const files = ok<{ fileName: string; contentType: string; sizeBytes: number }[]>(await fx.staff.registrar.call('GET', `/api/v1/cases/${r.caseId}/attachments`));
    expect(files).toEqual([expect.objectContaining({ fileName: 'scrisoare Mărășești.pdf', contentType: 'application/pdf', sizeBytes: PDF.length })]);

    const entry = (await t.database.query('SELECT delivery, pages, sender_reference, sender_citizen_id, received_on::text AS received_on, recorded_by, inbound_message_id FROM registry_entries WHERE id = $1', [r.entryId])).rows[0];
    expect(entry).toMatchObject({ delivery: 'post', pages: 3, sender_reference: 'Nr. 45/2026', sender_citizen_id: fx.citizenId, received_on: yesterday, recorded_by: fx.staff.registrar.id });
    const inbound = (await t.database.query<{ channel: string; case_id: string; outcome: string }>('SELECT channel, case_id, outcome FROM inbound_messages WHERE id = $1', [(entry as { inbound_message_id: string }).inbound_message_id])).rows[0];
    expect(inbound).toEqual({ channel: 'post', case_id: r.caseId, outcome: 'draft_created' });

    // Registered by the registrar, not by an anonymous channel.
    const timeline = ok<{ type: string; toStatus: string | null; actorId: string | null }[]>(await fx.staff.registrar.call('GET', `/api/v1/cases/${r.caseId}/timeline`));
    expect(timeline.find((e) => e.toStatus === 'registered')?.actorId).toBe(fx.staff.registrar.id);
    const audit = await t.database.query<{ actor_id: string }>("SELECT actor_id FROM audit_entries WHERE tenant_id = $1 AND action = 'registry.document_recorded' AND subject_id = $2", [fx.tenant.id, r.caseId]);
    expect(audit.rows).toEqual([{ actor_id: fx.staff.registrar.id }]);
  });

  it('records a courier delivery from a new organisation, with the category’s required fields and two scans', async () => {
    const res = await post(
      {
        categoryId: fx.categories.permit.id,
        delivery: 'courier',
        receivedOn: today,
        pages: 14,
        subject: 'Cerere de autorizație de construire',
        'sender.kind': 'organisation',
        'sender.organisationName': 'Construcții Țară SRL',
        'sender.address.line': 'Str. Horea nr. 3',
        'sender.address.locality': 'Cluj-Napoca',
        'sender.address.postalCode': '400174',
        'sender.phone': '0264 123 456',
        'sender.email': 'office@constructii-tara.example',
        customFields: JSON.stringify(VALID_PERMIT),
      },
      [{ fileName: 'cerere.pdf', content: PDF }, { fileName: 'plan.png', content: PNG, type: 'image/png' }],
    );
    const r = ok<RecordedDocument>(res, 201);
    expect(r.outcome).toBe('case_created');
    const kase = ok<{ channel: string; citizenId: string; customFields: object; status: string }>(await fx.staff.registrar.call('GET', `/api/v1/cases/${r.caseId}`));
    expect(kase).toMatchObject({ channel: 'post', citizenId: r.senderCitizenId, customFields: VALID_PERMIT, status: 'registered' });
    const sender = ok<{ kind: string; organisationName: string; addresses: object[]; phones: string[]; emails: string[]; preferredChannel: string }>(await fx.staff.registrar.call('GET', `/api/v1/citizens/${r.senderCitizenId}`));
    expect(sender).toMatchObject({
      kind: 'organisation',
      organisationName: 'Construcții Țară SRL',
      addresses: [{ line: 'Str. Horea nr. 3', locality: 'Cluj-Napoca', postalCode: '400174' }],
      phones: ['+40264123456'],
      emails: ['office@constructii-tara.example'],
      preferredChannel: 'email',
    });
    const files = ok<{ fileName: string; contentType: string }[]>(await fx.staff.registrar.call('GET', `/api/v1/cases/${r.caseId}/attachments`));
    expect(files.map((f) => [f.fileName, f.contentType]).sort()).toEqual([['cerere.pdf', 'application/pdf'], ['plan.png', 'image/png']]);
  });

  it('a document handed in person by a new private sender is the registry channel; its receipt is in Romanian with the number, deadline and a QR code of the status page', async () => {
    const res = await post(
      letter({ delivery: 'in_person', receivedOn: today, pages: 2, 'sender.citizenId': '', 'sender.firstName': 'Ștefan', 'sender.lastName': 'Țurcanu', 'sender.address': 'Str. Mărășești nr. 12, Cluj-Napoca' }),
      [{ fileName: 'cerere.pdf', content: PDF }],
    );
    const r = ok<RecordedDocument>(res, 201);
    expect(ok<{ channel: string }>(await fx.staff.registrar.call('GET', `/api/v1/cases/${r.caseId}`)).channel).toBe('registry');

    const receipt = await get(r.receiptUrl);
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(receipt.rawPayload);
    // A5 portrait.
    expect([Math.round(pdf.widthPt), Math.round(pdf.heightPt)]).toEqual([420, 595]);
    expect(pdf.text).toContain('Recipisă');
    expect(pdf.text).toContain('Primăria Municipiului Cluj-Napoca');
    expect(pdf.text).toContain(r.registrationNumber!);
    expect(pdf.text).toContain('Data și ora înregistrării');
    expect(pdf.text).toContain('Ștefan Țurcanu');
    expect(pdf.text).toContain('Str. Mărășești nr. 12, Cluj-Napoca');
    expect(pdf.text).toContain('Verificați stadiul');
    expect(pdf.text).toContain('Petiție (OG 27/2002)');
    expect(pdf.text).toContain('depus personal');
    const due = new Intl.DateTimeFormat('ro-RO', { dateStyle: 'long', timeZone: 'Europe/Bucharest' }).format(new Date(r.dueAt!));
    expect(due).toMatch(/^\d{1,2} (ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie) \d{4}$/);
    expect(pdf.text).toContain(`Termenul legal de răspuns\n${due}`);
    // The QR code, found and decoded on the rendered page, leads to the public status page.
    expect(pdf.qr).toBe(`https://civicline.example/portal/${fx.tenant.slug}/status?number=${r.registrationNumber}`);

    // Each download is audited; A4 on request.
    const audits = await t.database.query<{ actor_id: string }>("SELECT actor_id FROM audit_entries WHERE tenant_id = $1 AND action = 'registry.receipt_downloaded' AND subject_id = $2", [fx.tenant.id, r.caseId]);
    expect(audits.rows).toEqual([{ actor_id: fx.staff.registrar.id }]);
    const a4 = readPdf((await get(`${r.receiptUrl}&format=a4`)).rawPayload);
    expect([Math.round(a4.widthPt), Math.round(a4.heightPt)]).toEqual([595, 842]);
    expect(a4.qr).toBe(pdf.qr);
  });

  it('a letter naming an existing registration number joins that case (200), and its receipt carries that number', async () => {
    const first = ok<RecordedDocument>(await post(letter(), [{ fileName: 'a.pdf', content: PDF }]), 201);
    const casesBefore = await count('cases');
    const res = await post(letter({ subject: `Completare la cererea nr. ${first.registrationNumber}`, pages: 1 }), [{ fileName: 'completare.pdf', content: PDF }]);
    const r = ok<RecordedDocument>(res, 200);
    expect(r).toMatchObject({ outcome: 'appended', caseId: first.caseId, registrationNumber: first.registrationNumber });
    expect(await count('cases')).toBe(casesBefore);
    expect(r.entryId).not.toBe(first.entryId);
    const receipt = readPdf((await get(r.receiptUrl)).rawPayload);
    expect(receipt.text).toContain(first.registrationNumber!);
    expect(receipt.text).toMatch(/Număr de pagini\n1 \(1 fișier scanat\)/);
  });

  it('a repeated request with the same Idempotency-Key returns the first result and writes nothing more', async () => {
    const key = `desk-${randomUUID()}`;
    const fields = letter({ 'sender.citizenId': '', 'sender.lastName': 'Popa', 'sender.address': 'Str. Lungă 1' });
    const first = ok<RecordedDocument>(await post(fields, [{ fileName: 'a.pdf', content: PDF }], registrarCookie, { 'idempotency-key': key }), 201);
    const before = await snapshot();
    const again = ok<RecordedDocument>(await post(fields, [{ fileName: 'a.pdf', content: PDF }], registrarCookie, { 'idempotency-key': key }), 201);
    expect(again).toEqual(first);
    const after = await snapshot();
    expect({ ...after, audit_entries: 0 }).toEqual({ ...before, audit_entries: 0 });
  });

  it('lists the day’s register with senders and receipt links; another day is empty', async () => {
    const res = ok<{ date: string; items: { registrationNumber: string; delivery: string; sender: { displayName: string } | null; receiptUrl: string; recordedBy: { id: string } | null }[] }>(await get('/api/v1/registry/documents'));
    expect(res.date).toBe(today);
    expect(res.items.length).toBeGreaterThanOrEqual(5);
    expect(res.items.map((i) => i.delivery)).toEqual(expect.arrayContaining(['post', 'courier', 'in_person']));
    expect(res.items.find((i) => i.sender?.displayName === 'Ștefan Țurcanu')).toBeDefined();
    expect(res.items.every((i) => i.recordedBy?.id === fx.staff.registrar.id && i.receiptUrl.startsWith('/api/v1/registry/documents/'))).toBe(true);
    expect(ok<{ items: unknown[] }>(await get('/api/v1/registry/documents?date=2020-01-01')).items).toEqual([]);
    problem(await get('/api/v1/registry/documents?date=yesterday'), 422, 'request.validation_failed');
  });

  describe('bad input is refused with the field at fault, and nothing is written', () => {
    const cases: [string, () => [Record<string, string | number>, FilePart[]], number, string, string][] = [
      ['no scan', () => [letter(), []], 422, 'request.validation_failed', 'files'],
      ['a scan that is not a PDF or an image', () => [letter(), [{ fileName: 'scan.pdf', content: EXE }]], 415, 'attachment.forbidden_type', 'files.0'],
      ['an empty scan', () => [letter(), [{ fileName: 'scan.pdf', content: Buffer.alloc(0) }]], 415, 'attachment.forbidden_type', 'files.0'],
      ['a second scan of the wrong type', () => [letter(), [{ fileName: 'a.pdf', content: PDF }, { fileName: 'b.docx', content: EXE }]], 415, 'attachment.forbidden_type', 'files.1'],
      ['a scan over the size limit', () => [letter(), [{ fileName: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES, 0x20)]) }]], 413, 'attachment.too_large', 'files.0'],
      ['a received date in the future', () => [letter({ receivedOn: localDateOf(new Date(Date.now() + 2 * 86_400_000), 'Europe/Bucharest') }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'receivedOn'],
      ['an unknown category', () => [letter({ categoryId: randomUUID() }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'categoryId'],
      ['a required field of the category left out', () => [letter({ categoryId: fx.categories.permit.id, customFields: JSON.stringify({ area_sqm: 120, purpose: 'residential' }) }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'customFields.cadastral_number'],
      ['a field of the category with a bad value', () => [letter({ categoryId: fx.categories.permit.id, customFields: JSON.stringify({ ...VALID_PERMIT, area_sqm: 'large' }) }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'customFields.area_sqm'],
      ['custom fields that are not JSON', () => [letter({ customFields: '{cadastral' }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'customFields'],
      ['an unknown sender', () => [letter({ 'sender.citizenId': randomUUID() }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'sender.citizenId'],
      ['a new sender without an address', () => [letter({ 'sender.citizenId': '', 'sender.lastName': 'Fără Adresă' }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'sender.address'],
      ['a new sender with a bad phone', () => [letter({ 'sender.citizenId': '', 'sender.lastName': 'Ionescu', 'sender.address': 'Str. Mică 2', 'sender.phone': '12' }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'sender.phone'],
      ['both a known and a new sender', () => [letter({ 'sender.lastName': 'Ionescu' }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'sender.lastName'],
      ['an unknown way of delivery', () => [letter({ delivery: 'pigeon' }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'delivery'],
      ['no pages', () => [letter({ pages: 0 }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'pages'],
      ['an unknown field', () => [letter({ priority: 'urgent' }), [{ fileName: 'a.pdf', content: PDF }]], 422, 'request.validation_failed', 'priority'],
    ];
    it.each(cases)('%s', async (_name, build, status, code, pathAtFault) => {
      const before = await snapshot();
      const [fields, files] = build();
      const body = problem(await post(fields, files), status, code);
      expect(body.errors?.map((e) => e.path)).toContain(pathAtFault);
      expect(await snapshot()).toEqual(before);
    });

    it('a JSON body instead of a form', async () => {
      const before = await snapshot();
      problem(await t.app.inject({ method: 'POST', url: '/api/v1/registry/documents', payload: letter(), headers: { cookie: registrarCookie } }), 415, 'request.unsupported_media_type');
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('who may use the desk', () => {
    let technician: Actor;
    let technicianCookie: string;
    beforeAll(async () => {
      technician = fx.staff.techA;
      technicianCookie = (await login(t.app, technician.email)).cookie;
    });

    it('a technician may neither record a document nor print a receipt nor read the register (403), and nothing is written', async () => {
      const recorded = ok<RecordedDocument>(await post(letter(), [{ fileName: 'a.pdf', content: PDF }]), 201);
      const before = await snapshot();
      problem(await post(letter(), [{ fileName: 'a.pdf', content: PDF }], technicianCookie), 403, 'auth.forbidden');
      problem(await get(recorded.receiptUrl, technicianCookie), 403, 'auth.forbidden');
      problem(await get('/api/v1/registry/documents', technicianCookie), 403, 'auth.forbidden');
      expect(await snapshot()).toEqual(before);
    });

    it('an operator may record; an auditor may read the register but not record', async () => {
      const operatorCookie = (await login(t.app, fx.staff.operator.email)).cookie;
      ok(await post(letter(), [{ fileName: 'a.pdf', content: PDF }], operatorCookie), 201);
      const auditor = await addStaff(fx, ['auditor']);
      const auditorCookie = (await login(t.app, auditor.email)).cookie;
      problem(await post(letter(), [{ fileName: 'a.pdf', content: PDF }], auditorCookie), 403, 'auth.forbidden');
      expect((await get('/api/v1/registry/documents', auditorCookie)).statusCode).toBe(200);
    });

    it('a case recorded by another channel has no registry receipt (404)', async () => {
      const other = ok<{ id: string }>(
        await fx.staff.operator.call('POST', '/api/v1/cases', { categoryId: fx.categories.petition.id, channel: 'phone', citizenId: fx.citizenId, subject: 'Apel telefonic' }),
        201,
      );
      const res: Response = await get(`/api/v1/registry/documents/${other.id}/receipt.pdf`);
      problem(res, 404, 'resource.not_found');
    });
  });
});

describe('registry desk: a Russian-speaking institution', () => {
  let t: TestContext;
  let fx: CaseFixture;

  beforeAll(async () => {
    t = await createTestApp({ config: { publicBaseUrl: 'https://hotline.example' } });
    fx = await createCaseFixture(t, { country: 'RU', timeZone: 'Europe/Moscow', defaultLanguage: 'ru', nationalIdScheme: 'ru_snils', name: 'Администрация городского округа' });
  });
  afterAll(() => t.close());

  it('prints the receipt in Russian (Cyrillic intact), with the deadline in Moscow time and the QR code of its status page', async () => {
    const cookie = (await login(t.app, fx.staff.registrar.email)).cookie;
    const body = multipart(
      {
        categoryId: fx.categories.petition.id,
        delivery: 'post',
        receivedOn: localDateOf(new Date(), 'Europe/Moscow'),
        pages: 5,
        subject: 'Обращение о ремонте дороги',
        sender: JSON.stringify({ lastName: 'Иванов', firstName: 'Пётр', address: { line: 'ул. Ленина, д. 5', locality: 'Тверь' } }),
      },
      [{ fileName: 'обращение.pdf', content: PDF }],
    );
    const r = ok<RecordedDocument>(await t.app.inject({ method: 'POST', url: '/api/v1/registry/documents', payload: body.payload, headers: { ...body.headers, cookie } }), 201);
    const res = await t.app.inject({ method: 'GET', url: r.receiptUrl, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const pdf = readPdf(res.rawPayload);
    expect(pdf.text).toContain('Расписка');
    expect(pdf.text).toContain('Регистрационный номер');
    expect(pdf.text).toContain('Администрация городского округа');
    expect(pdf.text).toContain('Пётр Иванов');
    expect(pdf.text).toContain('по почте');
    expect(pdf.text).toContain(r.registrationNumber!);
    const due = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'Europe/Moscow' }).format(new Date(r.dueAt!));
    expect(due).toMatch(/^\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\.$/);
    expect(pdf.text).toContain(due);
    expect(pdf.qr).toBe(`https://hotline.example/portal/${fx.tenant.slug}/status?number=${r.registrationNumber}`);
  });
});
