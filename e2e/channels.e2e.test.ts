import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './harness/api.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, newContext, signIn } from './harness/browser.ts';
import { startServer, type RunningServer } from './harness/server.ts';

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
// A tiny but real PDF: the server checks what a scan is by its content.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const LINE = { typed: '0232 999 111', e164: '+40232999111' };
const TWILIO = { accountSid: `AC${randomUUID().replace(/-/g, '')}`, authToken: randomUUID().replace(/-/g, ''), dialNumber: '+40232000100' };

interface Category { id: string; code: string; active: boolean }
interface CaseSummary { id: string; registrationNumber: string | null; citizenId: string | null; status: string }
interface Citizen { id: string; displayName: string; phones: string[] }
interface CallScreenPop { id: string; callerNumber: string | null; draftCaseId: string | null }

/** Twilio's documented signature: base64(HMAC-SHA1(auth token, URL + every parameter's name and value, sorted by name)). */
function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

describe('the channel screens in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const a11y: string[] = [];
  let petition: Category;

  const check = async (page: Page, label: string) => a11y.push(...(await seriousViolations(page, label)));
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiAs(server.url, 'admin@primaria-demo.ro');
    petition = (await admin<Category[]>('/api/v1/categories')).find((c) => c.code === 'PET')!;
    expect(petition).toBeDefined();
  });
  let failed = false;
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed = true;
  });
  afterAll(async () => {
    if (failed) console.error(`--- server log (tail) ---\n${server?.logs().slice(-6000)}`);
    await browser?.close();
    await server?.stop();
  });

  it('the administrator sets up a mailbox (a bad address is refused at its field), a phone line and the Twilio account', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'admin@primaria-demo.ro');

    await page.goto('/console/admin/mailboxes');
    await page.locator('#mailbox-address').waitFor();
    await check(page, 'admin mailboxes');
    await page.locator('#mailbox-address').fill('petitii-la-primaria');
    await page.locator('#mailbox-name').fill('Petiții (e2e)');
    await page.locator('#mailbox-category').selectOption(petition.id);
    await page.getByTestId('save-mailbox').click();
    const address = page.locator('#mailbox-address');
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    // The server's own problem, shown under the field it names.
    const errorId = ((await address.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.includes('error'));
    expect(errorId).toBeTruthy();
    expect((await page.locator(`[id="${errorId}"]`).textContent())?.trim()).not.toBe('');
    await check(page, 'admin mailboxes with a field error');
    await shot(page, 'channels-admin');
    await address.fill('petitii-e2e@primaria-demo.ro');
    await page.locator('#mailbox-deny').fill('@spam.example\n*.bulk.example');
    await page.getByTestId('save-mailbox').click();
    await page.getByTestId('mailboxes').getByText('petitii-e2e@primaria-demo.ro').waitFor();

    await page.goto('/console/admin/lines');
    await page.locator('#line-number').waitFor();
    await check(page, 'admin phone lines');
    await page.locator('#line-number').fill('12ab');
    await page.locator('#line-name').fill('Linia cetățeanului');
    await page.getByTestId('save-line').click();
    await expect.poll(() => page.locator('#line-number').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#line-number').fill(LINE.typed);
    await page.locator('#line-category').selectOption(petition.id);
    await page.locator('#line-language').selectOption('ro');
    await page.getByTestId('save-line').click();
    await page.getByTestId('phone-lines').getByText(LINE.e164).waitFor();

    await page.goto('/console/admin/providers');
    await page.locator('#provider-name').waitFor();
    await check(page, 'admin providers');
    await page.locator('#provider-kind').selectOption('twilio');
    await page.locator('#provider-name').fill('Twilio');
    await page.locator('#provider-settings').fill(`accountSid = ${TWILIO.accountSid}\ndialNumber = ${TWILIO.dialNumber}`);
    await page.locator('#provider-secret').fill(TWILIO.authToken);
    await page.getByTestId('save-provider').click();
    await page.getByText(TWILIO.accountSid).waitFor();

    const api = await apiAs(server.url, 'admin@primaria-demo.ro');
    expect((await api<{ address: string; categoryId: string; senderDeny: string[] }[]>('/api/v1/mailboxes')).find((m) => m.address === 'petitii-e2e@primaria-demo.ro')).toMatchObject({
      categoryId: petition.id,
      senderDeny: ['@spam.example', '*.bulk.example'],
    });
    expect((await api<{ number: string; voice: boolean; language: string | null }[]>('/api/v1/phone-lines')).find((l) => l.number === LINE.e164)).toMatchObject({ voice: true, language: 'ro' });
    const accounts = await api<{ provider: string; settings: Record<string, unknown>; hasSecret: boolean }[]>('/api/v1/provider-accounts');
    expect(accounts.find((a) => a.provider === 'twilio')).toMatchObject({ settings: { accountSid: TWILIO.accountSid }, hasSecret: true });
    expect(JSON.stringify(accounts)).not.toContain(TWILIO.authToken);
    await ctx.close();
  });

  it('a signed Twilio call pops up in the operator’s open console with the caller and their open cases; the operator registers the draft', async () => {
    const operatorApi = await apiAs(server.url, 'operator@primaria-demo.ro');
    // A citizen on file with a phone and a case still open, as the operator may see them.
    const open = await operatorApi<{ items: CaseSummary[] }>('/api/v1/cases?status=registered,assigned,in_progress&limit=100');
    let caller: Citizen | undefined;
    let openCase: CaseSummary | undefined;
    for (const c of open.items.filter((x) => x.citizenId)) {
      const citizen = await operatorApi<Citizen>(`/api/v1/citizens/${c.citizenId}`);
      if (citizen.phones.length > 0) {
        caller = citizen;
        openCase = c;
        break;
      }
    }
    expect(caller, 'a demo citizen with a phone and an open case').toBeDefined();

    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    const streaming = page.waitForResponse((r) => r.url().includes('/api/v1/calls/stream'));
    await signIn(page, 'operator@primaria-demo.ro');
    await streaming;

    const url = `${server.url}/api/v1/webhooks/twilio/voice`;
    const params: Record<string, string> = {
      AccountSid: TWILIO.accountSid, ApiVersion: '2010-04-01', CallSid: `CA${randomUUID().replace(/-/g, '')}`, CallStatus: 'ringing', Called: LINE.e164, Caller: caller!.phones[0]!,
      Direction: 'inbound', From: caller!.phones[0]!, FromCountry: 'RO', To: LINE.e164, ToCountry: 'RO',
    };
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('wrong', url, params) }, body: new URLSearchParams(params).toString() });
    expect(forged.status).toBe(403);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO.authToken, url, params) }, body: new URLSearchParams(params).toString() });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.text()).toContain(`<Dial timeout="60">${TWILIO.dialNumber}</Dial>`);

    // No reload: the pop arrives over the event stream on the page the operator is on.
    expect(page.url()).toMatch(/\/console\/inbox/);
    const pop = page.getByTestId('screen-pop');
    await pop.getByTestId('caller-name').filter({ hasText: caller!.displayName }).waitFor({ timeout: 15_000 });
    await pop.getByTestId('caller-open-cases').getByText(openCase!.registrationNumber!).waitFor();
    await pop.getByTestId('open-call').waitFor();
    // Said to screen readers too, without moving the focus.
    expect(await page.getByTestId('call-announcer').textContent()).toContain(caller!.displayName);
    await check(page, 'screen-pop');
    await shot(page, 'screen-pop');

    // With the keyboard: the pop's button is an ordinary link-button in the tab order.
    await pop.getByTestId('open-call').focus();
    await page.keyboard.press('Enter');
    await page.locator('#draft-subject').waitFor();
    expect(await page.locator('#draft-category').inputValue()).toBe(petition.id);
    await page.locator('#draft-subject').fill('Informații despre programul de audiențe');
    await page.locator('#draft-description').fill('Cetățeanul întreabă când poate fi primit în audiență la primar.');
    // The category's own field, from the same form as the case page (its label in the category's texts).
    await page.locator('[data-field="topic"]').selectOption({ index: 1 });
    await check(page, 'call page');
    await page.getByTestId('register-draft').click();
    const registered = page.getByTestId('registered');
    await registered.waitFor();

    const calls = await operatorApi<CallScreenPop[]>('/api/v1/calls/active');
    const call = calls.find((c) => c.callerNumber === caller!.phones[0]);
    expect(call?.draftCaseId).toBeTruthy();
    const kase = await operatorApi<{ status: string; registrationNumber: string | null; citizenId: string; subject: string; customFields: Record<string, unknown> }>(`/api/v1/cases/${call!.draftCaseId}`);
    expect(kase).toMatchObject({ citizenId: caller!.id, subject: 'Informații despre programul de audiențe', channel: 'phone' } as object);
    expect(kase.status).not.toBe('draft');
    expect(kase.registrationNumber).toMatch(/^PET-\d{4}-\d{6}$/);
    expect(kase.customFields.topic).toBeTruthy();
    expect(await registered.textContent()).toContain(kase.registrationNumber);

    // A number nobody has: the pop shows just the number; the operator finds the caller's record by name.
    const stranger = '+40799000111';
    const unknownCall = { ...params, CallSid: `CA${randomUUID().replace(/-/g, '')}`, From: stranger, Caller: stranger };
    const rang = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO.authToken, url, unknownCall) }, body: new URLSearchParams(unknownCall).toString() });
    expect(rang.status).toBe(200);
    const card = page.getByTestId('screen-pop').locator('[data-call-id]').filter({ hasText: stranger });
    await card.getByTestId('caller-name').filter({ hasText: stranger }).waitFor({ timeout: 15_000 });
    await card.getByTestId('open-call').click();
    await page.getByTestId('find-caller').fill(caller!.displayName);
    await page.getByTestId('find-caller').press('Enter');
    await page.getByRole('button', { name: `${caller!.displayName} este apelantul` }).first().click();
    await page.locator('h1').filter({ hasText: caller!.displayName }).waitFor();
    await check(page, 'call page, caller found');
    const strangerCall = (await operatorApi<CallScreenPop[]>('/api/v1/calls/active')).find((c) => c.callerNumber === stranger);
    expect((await operatorApi<{ citizenId: string }>(`/api/v1/cases/${strangerCall!.draftCaseId}`)).citizenId).toBe(caller!.id);
    expect((await operatorApi<Citizen>(`/api/v1/citizens/${caller!.id}`)).phones).toContain(stranger);
    await ctx.close();
  });

  it('a call on a line without a category: the operator opens its draft in the category they choose', async () => {
    const adminApi = await apiAs(server.url, 'admin@primaria-demo.ro');
    const general = '+40232999222';
    await adminApi('/api/v1/phone-lines', { method: 'POST', body: { number: general, name: 'Linia generală', categoryId: null } });
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    const streaming = page.waitForResponse((r) => r.url().includes('/api/v1/calls/stream'));
    await signIn(page, 'operator@primaria-demo.ro');
    await streaming;

    const caller = '+40799000222';
    const url = `${server.url}/api/v1/webhooks/twilio/voice`;
    const params: Record<string, string> = {
      AccountSid: TWILIO.accountSid, ApiVersion: '2010-04-01', CallSid: `CA${randomUUID().replace(/-/g, '')}`, CallStatus: 'ringing', Called: general, Caller: caller,
      Direction: 'inbound', From: caller, FromCountry: 'RO', To: general, ToCountry: 'RO',
    };
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO.authToken, url, params) }, body: new URLSearchParams(params).toString() });
    expect(res.status, await res.clone().text()).toBe(200);
    const card = page.getByTestId('screen-pop').locator('[data-call-id]').filter({ hasText: caller });
    await card.getByTestId('open-call').click({ timeout: 15_000 });
    // Nothing chosen yet: said at the field, nothing opened.
    await page.getByTestId('open-draft').click();
    await expect.poll(() => page.locator('#open-draft-category').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'call page without a draft');
    await page.locator('#open-draft-category').selectOption(petition.id);
    await page.getByTestId('open-draft').click();
    await page.locator('#draft-subject').waitFor();
    expect(await page.locator('#draft-category').inputValue()).toBe(petition.id);
    const operatorApi = await apiAs(server.url, 'operator@primaria-demo.ro');
    const call = (await operatorApi<CallScreenPop[]>('/api/v1/calls/active')).find((c) => c.callerNumber === caller);
    expect((await operatorApi<{ status: string; channel: string; categoryId: string }>(`/api/v1/cases/${call!.draftCaseId}`))).toMatchObject({ status: 'draft', channel: 'phone', categoryId: petition.id });
    await ctx.close();
  });

  it('the registrar records a paper letter with its scan and gets the PDF receipt with the registration number', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'registratura@primaria-demo.ro');
    await page.goto('/console/registry');
    await page.locator('#sender-lastName').waitFor();
    await check(page, 'registrar page');

    // Sending it without a scan names what is missing, and records nothing.
    await page.locator('#sender-firstName').fill('Ștefan');
    await page.locator('#sender-lastName').fill('Țurcanu');
    await page.locator('#sender-address').fill('Str. Mărășești nr. 12');
    await page.locator('#sender-locality').fill('Iași');
    await page.locator('#doc-pages').fill('2');
    await page.locator('#doc-category').selectOption(petition.id);
    await page.locator('[data-field="topic"]').selectOption({ index: 1 });
    await page.locator('#doc-subject').fill('Cerere privind iluminatul public pe strada Mărășești');
    await page.getByTestId('record-document').click();
    await page.getByTestId('record-failure').waitFor();
    await check(page, 'registrar page with errors');

    await page.locator('input[type=file]').setInputFiles({ name: 'scrisoare.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('scan-list').getByText('scrisoare.pdf').waitFor();
    await page.getByTestId('record-document').click();
    const number = ((await page.getByTestId('recorded-number').textContent({ timeout: 20_000 })) ?? '').trim();
    expect(number).toMatch(/^PET-\d{4}-\d{6}$/);
    await page.getByTestId('daily-register').getByText(number).waitFor();
    await check(page, 'registrar page, document recorded');
    await shot(page, 'registrar');

    const href = await page.getByTestId('open-receipt').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/registry\/documents\/[0-9a-f-]{36}\/receipt\.pdf\?entry=/);
    const receipt = await page.request.get(href!);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    const pdf = await receipt.body();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = mupdf.Document.openDocument(pdf, 'application/pdf').loadPage(0).toStructuredText('preserve-whitespace').asText();
    expect(text).toContain(number);
    expect(text).toContain('Ștefan Țurcanu');
    await ctx.close();
  });

  it('no serious or critical WCAG 2.1 AA violations on the channel screens', () => {
    expect(a11y).toEqual([]);
  });
});
