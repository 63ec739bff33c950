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
const PHONE = '+40745110220';
const EMAIL = 'sorina.marinescu@example.ro';
/** The history's page size in the console. */
const PAGE = 20;

type Api = <T>(method: string, url: string, body?: unknown) => Promise<T>;
type HistoryPage = { items: { id: string; caseId: string | null; purpose: string }[]; nextCursor: string | null };

/** The staff API from the test, signed in as a demo user: to set up what the pages then show. */
async function staffApi(baseUrl: string, email: string): Promise<Api> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!login.ok) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/** Every message of the citizen's history as this user may read it, all pages. */
async function wholeHistory(api: Api, citizenId: string): Promise<HistoryPage['items']> {
  const out: HistoryPage['items'] = [];
  let cursor: string | null = null;
  do {
    const page: HistoryPage = await api<HistoryPage>('GET', `/api/v1/citizens/${citizenId}/messages?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('a citizen’s page with their message history, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const a11y: string[] = [];
  const check = async (page: Page, label: string) => a11y.push(...(await seriousViolations(page, label)));
  let citizenId = '';
  let permitCaseId = '';
  let socialNumber = '';
  let visibleToTechnician = 0;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ cases: 0 });
    browser = await launchBrowser();
    const admin = await staffApi(server.url, 'admin@primaria-demo.ro');
    const operator = await staffApi(server.url, 'operator@primaria-demo.ro');
    const [register] = await admin<{ id: string }[]>('GET', '/api/v1/registers');
    const departments = await admin<{ id: string; code: string }[]>('GET', '/api/v1/departments');
    const department = (code: string) => departments.find((d) => d.code === code)!.id;
    const category = (code: string, departmentId: string) =>
      admin<{ id: string }>('POST', '/api/v1/categories', {
        code, group: 'general', name: { ro: `Cerere ${code}`, en: `Request ${code}` }, fields: [],
        deadline: { unit: 'working_days', amount: 10, endOnNonWorkingDay: 'next_working_day', maxExtensionDays: 5, forwardingDays: 5, warnBeforeHours: 24 },
        departmentId, registerId: register!.id, routing: { strategy: 'manual', supervisorIds: [] }, sendSms: true,
      });
    // Building permits (the urbanism technician's office) and a social-aid request (not theirs).
    const permits = await category('E2E_HIST_AC', department('URB-AC'));
    const social = await category('E2E_HIST_SOC', department('SOC'));
    const citizen = await operator<{ id: string }>('POST', '/api/v1/citizens', { firstName: 'Sorina', lastName: 'Marinescu', phones: [PHONE], emails: [EMAIL], preferredLanguage: 'ro', preferredChannel: 'sms' });
    citizenId = citizen.id;
    // Online requests: each registration tells the citizen by SMS, e-mail and the portal inbox.
    for (let i = 1; i <= 9; i++) {
      const c = await operator<{ id: string }>('POST', '/api/v1/cases', { categoryId: permits.id, channel: 'web', citizenId, subject: `Autorizație de construire, lotul ${i}`, description: 'Solicit autorizația.' });
      if (i === 1) permitCaseId = c.id;
    }
    socialNumber = (await operator<{ registrationNumber: string }>('POST', '/api/v1/cases', { categoryId: social.id, channel: 'web', citizenId, subject: 'Ajutor social', description: 'Solicit ajutor.' })).registrationNumber;
    // The citizen asks for a portal sign-in code: the SMS carries a code staff must never read.
    const code = await fetch(`${server.url}/api/public/v1/institutions/${SLUG}/sign-in/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contact: PHONE }) });
    expect(code.status).toBe(202);
    // The worker sends them all (the development sink); wait until the history holds every one.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const all = await wholeHistory(admin, citizenId);
      if (all.some((m) => m.purpose === 'otp') && all.filter((m) => m.caseId !== null).length >= 30) break;
      if (Date.now() > deadline) throw new Error(`the citizen's messages did not all arrive: ${all.length} so far`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const technician = await staffApi(server.url, 'tehnician.urbanism@primaria-demo.ro');
    visibleToTechnician = (await wholeHistory(technician, citizenId)).length;
    expect(visibleToTechnician).toBeGreaterThan(PAGE);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a technician opens the citizen from the case page: contacts, requests and the message history, page by page, a text opened in its row', async () => {
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'tehnician.urbanism@primaria-demo.ro');
    await page.goto(`/console/cases/${permitCaseId}`);
    await page.getByTestId('citizen-name').click();
    await page.waitForURL(new RegExp(`/console/citizens/${citizenId}$`));
    await expect.poll(async () => page.getByTestId('citizen-page-name').textContent()).toBe('Sorina Marinescu');
    expect(await page.getByTestId('citizen-phones').textContent()).toContain(PHONE);
    expect(await page.getByTestId('citizen-emails').textContent()).toContain(EMAIL);
    // Nine permit requests are theirs to see; the social-aid one is not.
    const cases = page.getByTestId('citizen-cases');
    await expect.poll(async () => cases.locator('tbody tr').count()).toBe(9);
    expect(await cases.textContent()).not.toContain(socialNumber);
    const rows = page.getByTestId('history-row');
    await expect.poll(async () => rows.count()).toBe(PAGE);
    expect(await page.getByTestId('citizen-messages').textContent()).not.toContain(socialNumber);
    await check(page, 'citizen page');
    // The next page, and the one after, until the technician has seen everything they may read.
    while (await page.getByTestId('history-more').count()) {
      const before = await rows.count();
      await page.getByTestId('history-more').click();
      await expect.poll(async () => rows.count()).toBeGreaterThan(before);
    }
    expect(await rows.count()).toBe(visibleToTechnician);
    // A message's text opens in its row; the one-time code's never does.
    const sms = page.locator('[data-testid=history-row][data-channel=sms][data-purpose=notification]').first();
    const toggle = sms.getByTestId('history-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const body = page.locator(`#${await toggle.getAttribute('aria-controls')}`).getByTestId('history-body');
    expect(await body.textContent()).toMatch(/\S{10,}/);
    const otp = page.locator('[data-testid=history-row][data-purpose=otp]');
    expect(await otp.count()).toBe(1);
    await otp.getByTestId('history-toggle').click();
    await page.getByTestId('history-withheld').waitFor();
    // The code itself (the administrator's outbox, the development sink, holds it) is nowhere on the page.
    const outbox = await (await staffApi(server.url, 'admin@primaria-demo.ro'))<{ items: { purpose: string; toAddress: string; body: string }[] }>('GET', '/api/v1/messages?purpose=otp&limit=50');
    const code = /(\d{6})/.exec(outbox.items.find((m) => m.toAddress === PHONE)?.body ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(await page.content()).not.toContain(code!);
    await check(page, 'citizen page, texts open');
    await page.screenshot({ path: path.join(SHOTS, 'citizen-page.png'), fullPage: true });
    // Filters: the SMS alone.
    await page.getByTestId('history-channel').click();
    await page.getByRole('option', { name: 'SMS' }).click();
    // The filtered page replaces the list once it arrives (until then the list is empty): wait for SMS rows alone.
    await expect.poll(async () => [await rows.count() > 0, await page.locator('[data-testid=history-row]:not([data-channel=sms])').count()]).toEqual([true, 0]);
    // Nine notices about the permits and the sign-in code.
    expect(await rows.count()).toBe(10);
    await ctx.close();
  });

  it('the reads are in the audit trail, and an auditor (no access to citizens) is not shown the page', async () => {
    const admin = await staffApi(server.url, 'admin@primaria-demo.ro');
    const entries = await admin<{ action: string; subjectId: string; actorId: string }[]>('GET', `/api/v1/audit?subjectType=citizen&subjectId=${citizenId}&action=citizen.messages_read&limit=100`);
    const me = await (await staffApi(server.url, 'tehnician.urbanism@primaria-demo.ro'))<{ id: string }>('GET', '/api/v1/auth/me');
    expect(entries.filter((e) => e.actorId === me.id).length).toBeGreaterThanOrEqual(3);
    const ctx = await newContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, 'auditor@primaria-demo.ro');
    await page.goto(`/console/citizens/${citizenId}`);
    await page.getByTestId('citizen-page-error').waitFor();
    expect(await page.getByTestId('citizen-messages').count()).toBe(0);
    await check(page, 'citizen page, no access');
    await ctx.close();
  });

  it('has no serious or critical accessibility violations on the pages it visited', () => {
    expect(a11y).toEqual([]);
  });
});
