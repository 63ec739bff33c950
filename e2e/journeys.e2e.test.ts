import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './harness/api.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, newContext, signIn } from './harness/browser.ts';
import { startServer, type RunningServer } from './harness/server.ts';

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const SLUG = 'primaria-demo';
const INBOX_CASES = 10_000;
// A tiny but real PDF: the server checks what a file is by its content.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

interface CaseDetail { id: string; registrationNumber: string; status: string; assigneeId: string | null; allowedActions: string[]; customFields: Record<string, unknown> }
interface StaffUser { id: string; email: string; roles: string[] }

describe('CivicLine in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const a11y: string[] = [];
  let number = '';
  let technicianEmail = '';

  const check = async (page: Page, label: string) => a11y.push(...(await seriousViolations(page, label)));
  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ cases: INBOX_CASES });
    browser = await launchBrowser();
  });
  let failed = false;
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed = true;
  });
  afterAll(async () => {
    // When something failed, the server's own account of it.
    if (failed) console.error(`--- server log (tail) ---\n${server?.logs().slice(-6000)}`);
    await browser?.close();
    await server?.stop();
  });

  it('a citizen files a request in Romanian, with a custom field and an attachment, and sees its number', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO', mobile: true });
    const page = await ctx.newPage();
    await page.goto(`/portal/${SLUG}?lang=ro`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ro');
    await check(page, 'portal home');
    await shot(page, 'portal-home');
    await page.getByTestId('go-submit').click();
    await page.getByRole('heading', { name: 'Depuneți o cerere' }).waitFor();
    await check(page, 'portal form');

    // Sending the empty form names every problem, each tied to its field.
    await page.getByTestId('submit-request').click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Despre ce este vorba?');
    const subject = page.locator('#f-subject');
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await subject.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).not.toBe('');
    await check(page, 'portal form with errors');

    await page.getByTestId('category').selectOption({ label: 'Certificat de urbanism' });
    // The category's own fields, rendered from its schema (labels in Romanian).
    await page.getByLabel('Număr cadastral').fill('12a');
    await page.getByLabel('Adresa terenului').fill('Strada Lăpușneanu nr. 12, Iași');
    await page.getByLabel('Scopul solicitării').selectOption('construire');
    await page.getByLabel('Suprafața terenului (m²)').fill('450');
    await page.locator('#f-subject').fill('Certificat de urbanism pentru construirea unei case');
    await page.locator('#f-description').fill('Solicit eliberarea certificatului de urbanism pentru construirea unei locuințe P+1.');
    await page.locator('#f-firstName').fill('Ioana');
    await page.locator('#f-lastName').fill('Ciobanu');
    await page.locator('#f-email').fill('ioana.ciobanu@example.com');
    await page.locator('input[type=file]').setInputFiles({ name: 'plan-situatie.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('[data-upload-state=done]').waitFor();
    expect(await page.getByText('plan-situatie.pdf').count()).toBeGreaterThan(0);
    await page.getByLabel(/Sunt de acord/).check();
    // The custom field is checked with the server's rule (5 to 7 digits) before sending.
    await page.getByTestId('submit-request').click();
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Număr cadastral');
    await page.getByLabel('Număr cadastral').fill('123456');
    await page.getByTestId('submit-request').click();

    const result = page.getByTestId('submission-result');
    await result.waitFor({ timeout: 30_000 });
    number = (await page.getByTestId('registration-number').textContent())!.trim();
    expect(number).toMatch(/\d/);
    expect(await result.textContent()).toContain('Cererea a fost înregistrată');
    await check(page, 'portal submitted');
    await shot(page, 'portal-submitted');
    await ctx.close();
  });

  it('a technician finds it in the inbox, works it and proposes an answer; a role sees no action it may not take', async () => {
    const admin = await apiAs(server.url, 'admin@primaria-demo.ro');
    const c = await admin<CaseDetail>(`/api/v1/cases/by-number/${encodeURIComponent(number)}`);
    expect(c.customFields).toMatchObject({ cadastral_number: '123456', purpose: 'construire', area_sqm: 450 });
    const users = await admin<StaffUser[]>('/api/v1/users');
    technicianEmail = users.find((u) => u.id === c.assigneeId)?.email ?? 'tehnician.urbanism@primaria-demo.ro';

    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, technicianEmail);
    await page.locator('[data-case-id]').first().waitFor({ timeout: 30_000 });
    await page.getByRole('searchbox').fill(number);
    const row = page.locator('[data-case-id]', { hasText: number });
    await row.waitFor();
    await check(page, 'console inbox');
    await row.getByRole('link').click();
    await page.getByTestId('case-number').filter({ hasText: number }).waitFor();
    expect(await page.locator('[data-field=cadastral_number] input, input[data-field=cadastral_number]').first().inputValue()).toBe('123456');
    await page.locator('[data-attachment="plan-situatie.pdf"]').waitFor();

    const buttons = async () => page.getByTestId('action-panel').locator('button[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    // What the page offers is what the server allows this person, nothing more.
    const allowed = async (email: string) => (await (await apiAs(server.url, email))<CaseDetail>(`/api/v1/cases/${c.id}`)).allowedActions.sort();
    if ((await buttons()).includes('assign')) {
      await page.locator('button[data-action=assign]').click();
      await page.locator('button[data-action=start]').waitFor();
    }
    expect((await buttons()).sort()).toEqual(await allowed(technicianEmail));
    expect(await buttons()).not.toContain('approve');
    await page.locator('button[data-action=start]').click();
    await page.locator('button[data-action=propose_resolution]').waitFor();
    await check(page, 'console case page');
    await page.locator('button[data-action=propose_resolution]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Răspunsul către cetățean|Answer to the citizen/ }).fill('Certificatul de urbanism a fost emis și poate fi ridicat de la registratură.');
    await dialog.getByLabel(/Cum se comunică răspunsul|How the answer is returned/).first().click();
    await page.locator('[role=listbox] [role=option]').first().click();
    await dialog.locator('button[data-confirm-action=propose_resolution]').click();
    await page.locator('[data-status=resolution_proposed]').first().waitFor();
    expect((await buttons()).sort()).toEqual(await allowed(technicianEmail));
    expect(await buttons()).not.toContain('approve');
    await page.mouse.wheel(0, -100_000);
    await shot(page, 'case-page', true);
    await ctx.close();

    // An auditor reads the case but is offered no action at all.
    const actx = await newContext(browser, server.url);
    const apage = await actx.newPage();
    await signIn(apage, 'auditor@primaria-demo.ro');
    await apage.goto(`/console/cases/${c.id}`);
    await apage.getByTestId('case-number').waitFor();
    await apage.getByTestId('action-panel').waitFor();
    expect(await apage.getByTestId('action-panel').locator('button[data-action]').count()).toBe(0);
    expect(await allowed('auditor@primaria-demo.ro')).toEqual([]);
    await actx.close();
  });

  it('the supervisor approves it from the approvals queue', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'sef.urbanism@primaria-demo.ro');
    await page.locator('[data-queue=approvals]').waitFor();
    expect(await page.locator('[data-queue=approvals][aria-selected=true]').count()).toBe(1);
    const row = page.locator('[data-case-id]', { hasText: number });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('link').click();
    await page.locator('button[data-action=approve]').waitFor();
    await page.keyboard.press('Alt+a'); // the shortcut for "approve": its dialog, with an optional comment
    await page.getByRole('dialog').locator('textarea').fill('De acord.');
    await page.locator('button[data-confirm-action=approve]').click();
    await page.locator('[data-status=resolved]').first().waitFor();
    await check(page, 'console case page (supervisor)');
    await page.goto('/console/supervisor');
    await page.locator('[data-person]').first().waitFor();
    await check(page, 'console supervisor view');
    await shot(page, 'supervisor');
    await ctx.close();
  });

  it('the citizen checks the status and sees it resolved', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO', mobile: true });
    const page = await ctx.newPage();
    await page.goto(`/portal/${SLUG}/status?lang=ro`);
    await page.getByTestId('status-number').fill(number);
    await check(page, 'portal status form');
    await page.getByTestId('check-status').click();
    const status = page.getByTestId('status-text');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('resolved');
    expect(await status.textContent()).toMatch(/soluționat/);
    await check(page, 'portal status result');
    await shot(page, 'portal-status');
    for (const lang of ['ru', 'it', 'vi', 'en']) {
      await page.goto(`/portal/${SLUG}?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await check(page, `portal home (${lang})`);
    }
    await ctx.close();
  });

  it('the admin reads the citizen’s acknowledgement in the outbox (the development sink)', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'admin@primaria-demo.ro');
    await page.goto('/console/admin/messages');
    await page.getByLabel(/^(Destinatar|Recipient)$/).fill('ioana.ciobanu@example.com');
    await page.getByRole('button', { name: /^(Caută|Search)$/ }).click();
    // Her acknowledgement; the notices of the later steps (the answer is ready) are listed too.
    const rows = page.getByRole('row').filter({ hasText: 'ioana.ciobanu@example.com' });
    await rows.first().waitFor({ timeout: 20_000 });
    const row = rows.filter({ hasText: /Confirmare de primire|Acknowledgement/ });
    expect(await row.count()).toBe(1);
    await row.getByRole('button').click();
    const body = page.getByTestId('message-body');
    await body.waitFor();
    expect(await body.textContent()).toContain(number);
    await check(page, 'console outbox');
    await shot(page, 'outbox');
    await ctx.close();
  });

  it('the admin edits a category in the field builder', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'admin@primaria-demo.ro');
    await page.goto('/console/admin/categories');
    await page.getByRole('button', { name: /Certificat de urbanism|Urbanism certificate/ }).first().click();
    const builder = page.getByTestId('field-builder');
    await builder.waitFor();
    const before = await builder.locator('[data-field-index]').count();
    await page.getByTestId('add-field').click();
    const added = builder.locator(`[data-field-index="${before}"]`);
    await added.getByLabel(/^Cheie|^Key/).fill('neighbour_consent');
    await added.getByLabel('EN', { exact: true }).first().fill('Neighbours agree');
    await added.getByLabel('RO', { exact: true }).first().fill('Acordul vecinilor');
    await page.getByTestId('save-category').click();
    await page.getByText(/^(Salvat|Saved)$/).first().waitFor();
    const admin = await apiAs(server.url, 'admin@primaria-demo.ro');
    const cats = await admin<{ code: string; fields: { key: string }[] }[]>('/api/v1/categories');
    expect(cats.find((x) => x.code === 'URB_CU')?.fields.map((f) => f.key)).toContain('neighbour_consent');
    await check(page, 'console admin field builder');
    await builder.locator('[data-field-index="2"]').scrollIntoViewIfNeeded();
    await shot(page, 'admin-field-builder');
    await ctx.close();
  });

  it(`shows the first rows of an inbox of ${INBOX_CASES.toLocaleString('en')} cases quickly (measured, not asserted)`, async () => {
    const ctx = await newContext(browser, server.url);
    // Signed in through the page, which then lists the open cases; once they are in, the inbox of
    // everything is opened as a person would after a reload (the page remembers who signed in).
    const page = await ctx.newPage();
    await signIn(page, 'admin@primaria-demo.ro');
    await page.locator('[data-testid=inbox-progress][data-complete=true]').waitFor({ timeout: 120_000 });
    const api: string[] = [];
    page.on('requestfinished', (r) => {
      if (!r.url().includes('/api/')) return;
      const t = r.timing();
      api.push(`${new URL(r.url()).pathname.replace('/api/v1', '')} ${Math.round(t.startTime - started)}+${Math.round(t.responseEnd)}ms`);
    });
    const started = Date.now();
    await page.goto('/console/inbox?queue=all');
    await page.locator('[data-case-id]').first().waitFor();
    const firstRowsMs = Date.now() - started;
    console.log(`API calls up to the first rows: ${api.join(', ')}`);
    const mark = await page.evaluate(() => {
      const at = (name: string) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? -1);
      return `script ${at('civicline:script-start')} ms, inbox rendered ${at('civicline:inbox-render')} ms, first rows ${at('civicline:inbox-first-rows')} ms`;
    });
    await page.locator('[data-testid=inbox-progress][data-complete=true]').waitFor({ timeout: 180_000 });
    const loaded = Number(await page.getByTestId('inbox-progress').getAttribute('data-loaded'));
    const allRowsMs = Date.now() - started;
    const rendered = await page.locator('[data-case-id]').count();
    await shot(page, 'inbox');
    const sortStart = Date.now();
    await page.locator('[data-sort=deadline]').click();
    await page.locator('th[aria-sort=ascending] [data-sort=deadline]').waitFor();
    const sortMs = Date.now() - sortStart;
    await page.getByTestId('case-table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(200);
    const afterScroll = await page.locator('[data-case-id]').count();
    await check(page, 'console inbox (10,000)');
    console.log(
      `inbox of ${loaded} cases: first rows ${firstRowsMs} ms after navigation (page marks: ${mark}), all rows loaded in ${allRowsMs} ms, ` +
        `${rendered} rows in the DOM (virtualised; ${afterScroll} after scrolling to the end), sort of all rows by deadline ${sortMs} ms`,
    );
    expect(loaded).toBeGreaterThanOrEqual(INBOX_CASES);
    expect(rendered).toBeLessThan(200);
    await ctx.close();
  }, 300_000);

  it('has no serious or critical accessibility violations on the pages visited', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto('/console/login');
    await page.locator('input[type=email]').waitFor();
    await check(page, 'console sign-in');
    await ctx.close();
    expect(a11y).toEqual([]);
  });
});
