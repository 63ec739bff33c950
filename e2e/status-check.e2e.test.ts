import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './harness/api.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, newContext } from './harness/browser.ts';
import { startServer, type RunningServer } from './harness/server.ts';

const SLUG = 'primaria-demo';

interface Category { id: string; code: string; disclosureLevel: 'L1' | 'L2' | 'L3'; sensitive: boolean }
interface CaseRow { registrationNumber: string | null; citizenId: string | null; status: string; subject: string }
interface Citizen { birthDate: string | null; phones: string[]; voiceOptOut: boolean }
interface Message { toAddress: string; purpose: string; body: string }

/** The portal's "check my request" at each verification level, in a real browser, axe-checked. */
describe('portal status check with verification levels', () => {
  let server: RunningServer;
  let browser: Browser;
  let get: Awaited<ReturnType<typeof apiAs>>;
  const a11y: string[] = [];
  const picked: Record<'L1' | 'L2' | 'L3', { number: string; subject: string; citizen: Citizen }> = {} as never;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    get = await apiAs(server.url, 'admin@primaria-demo.ro');
    const categories = await get<Category[]>('/api/v1/categories');
    for (const level of ['L1', 'L2', 'L3'] as const) {
      const cats = categories.filter((c) => c.disclosureLevel === level && (level === 'L3') === c.sensitive);
      for (const cat of cats) {
        if (picked[level]) break;
        const { items } = await get<{ items: CaseRow[] }>(`/api/v1/cases?categoryId=${cat.id}&limit=100`);
        for (const row of items) {
          if (!row.registrationNumber || !row.citizenId || row.status === 'draft') continue;
          const citizen = await get<Citizen>(`/api/v1/citizens/${row.citizenId}`);
          if (citizen.birthDate && citizen.phones[0] && !citizen.voiceOptOut) {
            picked[level] = { number: row.registrationNumber, subject: row.subject, citizen };
            break;
          }
        }
      }
      if (!picked[level]) throw new Error(`the demo has no ${level} case of a citizen with a birth date and a phone`);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const check = async (page: Page, label: string) => a11y.push(...(await seriousViolations(page, label)));
  async function ask(page: Page, number: string, lang = 'ro') {
    await page.goto(`/portal/${SLUG}/status?lang=${lang}`);
    await page.getByTestId('status-number').fill(number);
    await page.getByTestId('check-status').click();
  }

  it('L1: the number alone gives the general status, in the citizen’s language', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO', mobile: true });
    const page = await ctx.newPage();
    await ask(page, picked.L1.number);
    const status = page.getByTestId('status-text');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBeTruthy();
    // Nothing personal at L1: the subject is not shown.
    expect(await page.getByTestId('detail-subject').count()).toBe(0);
    await check(page, 'status L1 answer');
    // A malformed number is refused in the language of the page.
    await ask(page, 'PET-12', 'en');
    await page.getByText('This is not a valid number').waitFor();
    await check(page, 'status invalid number');
    await ctx.close();
  });

  it('L2: asks for the birth date, counts a wrong one, then shows the details', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO' });
    const page = await ctx.newPage();
    await ask(page, picked.L2.number);
    await page.getByTestId('status-verify').waitFor();
    await check(page, 'status L2 question');
    await page.getByTestId('verify-birth-date').fill('1901-01-01');
    await page.getByTestId('verify-submit').click();
    const err = page.getByTestId('status-error');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/Datele nu corespund\. Mai aveți 2 încercări\./);
    await check(page, 'status L2 wrong birth date');
    await page.getByTestId('verify-birth-date').fill(picked.L2.citizen.birthDate!);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('status-result').waitFor();
    expect(await page.getByTestId('detail-subject').textContent()).toContain(picked.L2.subject);
    await check(page, 'status L2 answer');
    await ctx.close();
  });

  it('L3: a code by SMS to the registered phone, consent for sensitive data, and the citizen’s own access history', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO' });
    const page = await ctx.newPage();
    await ask(page, picked.L3.number);
    await page.getByTestId('send-code').waitFor();
    await check(page, 'status L3 question');
    await page.getByTestId('send-code').click();
    await page.getByTestId('verify-code').waitFor();
    const phone = picked.L3.citizen.phones[0]!;
    let code: string | undefined;
    for (let i = 0; i < 20 && !code; i++) {
      const messages = (await get<{ items: Message[] }>('/api/v1/messages?limit=50')).items;
      code = messages.find((m) => m.toAddress === phone && m.purpose === 'otp')?.body.match(/\b(\d{6})\b/)?.[1];
      if (!code) await new Promise((r) => setTimeout(r, 250));
    }
    expect(code).toMatch(/^\d{6}$/);
    await check(page, 'status L3 code');
    await page.getByTestId('verify-code').fill(code!);
    await page.getByTestId('verify-code-submit').click();
    await page.getByTestId('consent').waitFor();
    await check(page, 'status L3 consent');
    await page.getByTestId('consent').check();
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('status-result').waitFor();
    expect(await page.getByTestId('detail-subject').textContent()).toContain(picked.L3.subject);
    await check(page, 'status L3 answer');
    // The person is told their sensitive data was read.
    const notices = (await get<{ items: Message[] }>('/api/v1/messages?limit=50')).items;
    expect(notices.some((m) => m.toAddress === phone && m.purpose === 'notification' && m.body.includes(picked.L3.number))).toBe(true);
    await page.getByTestId('show-history').click();
    const history = page.getByTestId('history');
    await history.waitFor();
    expect(await history.textContent()).toMatch(/portal/);
    await check(page, 'status access history');
    await ctx.close();
  });

  it('has no serious accessibility violations on any step', () => {
    expect(a11y).toEqual([]);
  });
});
