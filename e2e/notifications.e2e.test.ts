import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe.ts';
import { DEMO_PASSWORD, launchBrowser, newContext, signIn } from './harness/browser.ts';
import { startServer, type RunningServer } from './harness/server.ts';

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const SLUG = 'primaria-demo';

/** The staff API from the test, signed in as a demo user: to set up what the pages then show. */
async function staffApi(baseUrl: string, email: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!login.ok) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

describe('notifications in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const a11y: string[] = [];
  const check = async (page: Page, label: string) => a11y.push(...(await seriousViolations(page, label)));
  let caseNumber = '';
  const phone = '+40745321987';

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ cases: 0 });
    browser = await launchBrowser();
    // A citizen with a phone on file files a request online: the receipt lands in their portal inbox too.
    const operator = await staffApi(server.url, 'operator@primaria-demo.ro');
    // The administrator adds a one-stop procedure flagged "send SMS", without custom fields.
    const admin = await staffApi(server.url, 'admin@primaria-demo.ro');
    const [register] = await admin<{ id: string }[]>('GET', '/api/v1/registers');
    const departments = await admin<{ id: string; code: string }[]>('GET', '/api/v1/departments');
    const category = await admin<{ id: string }>('POST', '/api/v1/categories', {
      code: 'E2E_NOTIF', group: 'one_stop', name: { ro: 'Adeverință de rol', en: 'Tax roll certificate' }, fields: [],
      deadline: { unit: 'working_days', amount: 10, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 5, forwardingDays: 5, warnBeforeHours: 24 },
      departmentId: (departments.find((d) => d.code === 'TAX') ?? departments[0]!).id, registerId: register!.id, routing: { strategy: 'manual', supervisorIds: [] }, sendSms: true,
    });
    const citizen = await operator<{ id: string }>('POST', '/api/v1/citizens', { firstName: 'Elena', lastName: 'Dumitrescu', phones: [phone], emails: [], preferredLanguage: 'ro', preferredChannel: 'portal' });
    const kase = await operator<{ registrationNumber: string }>('POST', '/api/v1/cases', { categoryId: category.id, channel: 'web', citizenId: citizen.id, subject: 'Certificat de urbanism pentru str. Teilor 9', description: 'Solicit eliberarea certificatului.' });
    caseNumber = kase.registrationNumber;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an administrator sees the default rules, opens a template and previews it with a real case, with its SMS segments', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'admin@primaria-demo.ro');
    await page.goto('/console/admin/notifications');
    await page.getByTestId('rule-receipt-remote').waitFor();
    // The console bell is in the header of every page.
    await page.getByTestId('notification-bell').waitFor();
    expect(await page.locator('[data-testid^="rule-"]').count()).toBeGreaterThanOrEqual(31);
    await check(page, 'admin notification rules');
    await page.getByTestId('edit-receipt-remote').click();
    const editor = page.getByTestId('template-editor');
    await editor.waitFor();
    await expect.poll(async () => page.getByTestId('template-body').inputValue()).toContain('{number}');
    await page.getByTestId('preview-case').fill(caseNumber);
    await page.getByTestId('preview').click();
    await page.getByTestId('preview-result').waitFor();
    expect(await page.getByTestId('preview-body').textContent()).toContain(caseNumber);
    expect(await page.getByTestId('preview-encoding').textContent()).toMatch(/GSM-7|UCS-2/);
    expect(await page.getByTestId('preview-segments').textContent()).toMatch(/\d/);
    await check(page, 'admin template editor with preview');
    await page.screenshot({ path: path.join(SHOTS, 'admin-notifications.png'), fullPage: true });
    await ctx.close();
  });

  it('the citizen signs in to the portal with a one-time code and reads the receipt in the inbox', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO', mobile: true });
    const page = await ctx.newPage();
    await page.goto(`/portal/${SLUG}?lang=ro`);
    await page.getByTestId('go-inbox').click();
    await page.getByRole('heading', { level: 1, name: 'Mesajele mele' }).waitFor();
    await check(page, 'portal inbox sign-in');
    await page.getByTestId('inbox-contact').fill('0745 321 987');
    await page.getByTestId('inbox-send-code').click();
    await page.getByTestId('inbox-code').waitFor();
    await check(page, 'portal inbox code');
    // The code went by SMS (here the development sink, which staff can read).
    const admin = await staffApi(server.url, 'admin@primaria-demo.ro');
    let code: string | undefined;
    await expect
      .poll(async () => {
        const messages = (await admin<{ items: { purpose: string; toAddress: string; body: string }[] }>('GET', '/api/v1/messages?limit=50')).items;
        code = /este (\d{6})\./.exec(messages.find((m) => m.purpose === 'otp' && m.toAddress === phone)?.body ?? '')?.[1];
        return code;
      }, { timeout: 20_000 })
      .toBeDefined();
    await page.getByTestId('inbox-code').fill(code!);
    await page.getByTestId('inbox-sign-in').click();
    const item = page.getByTestId('inbox-item').filter({ hasText: caseNumber });
    await expect.poll(async () => item.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await item.first().getAttribute('data-read')).toBe('no');
    await check(page, 'portal inbox');
    await page.screenshot({ path: path.join(SHOTS, 'portal-inbox.png'), fullPage: true });
    await item.first().getByRole('button', { name: 'Marchează ca citit' }).click();
    await expect.poll(async () => item.first().getAttribute('data-read')).toBe('yes');
    await ctx.close();
  });

  it('has no serious or critical accessibility violations on the pages it visited', () => {
    expect(a11y).toEqual([]);
  });
});
