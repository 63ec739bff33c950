import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { apiAs } from './harness/api.ts';
import { seriousViolations } from './harness/axe.ts';
import { launchBrowser, newContext } from './harness/browser.ts';
import { startServer, type RunningServer } from './harness/server.ts';

const SLUG = 'primaria-demo';
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

interface Category { id: string; disclosureLevel: 'L1' | 'L2' | 'L3'; sensitive: boolean }
interface CaseRow { registrationNumber: string | null; status: string }

/**
 * The assistant's chat in the portal, in a real browser: a citizen opens the widget from the
 * keyboard, writes the number of a demo request and reads its status; the conversation survives
 * a reload, ends with a notice; the same chat embedded in another site's iframe; axe-checked.
 */
describe('portal chat widget', () => {
  let server: RunningServer;
  let browser: Browser;
  let number: string;
  const a11y: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const get = await apiAs(server.url, 'admin@primaria-demo.ro');
    const categories = await get<Category[]>('/api/v1/categories');
    for (const cat of categories.filter((c) => c.disclosureLevel === 'L1' && !c.sensitive)) {
      const { items } = await get<{ items: CaseRow[] }>(`/api/v1/cases?categoryId=${cat.id}&limit=50`);
      const found = items.find((r) => r.registrationNumber && r.status !== 'draft');
      if (found) {
        number = found.registrationNumber!;
        break;
      }
    }
    if (!number) throw new Error('the demo has no L1 case');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const check = async (page: Page, label: string) => a11y.push(...(await seriousViolations(page, label)));
  const assistantSaid = (page: Page) => page.getByTestId('chat-log').locator('[data-from=assistant]');

  it('a citizen opens the chat from the keyboard, writes a registration number and reads the status; Escape closes it', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO' });
    const page = await ctx.newPage();
    await page.goto(`/portal/${SLUG}?lang=ro`);
    const open = page.getByTestId('chat-open');
    await open.waitFor();
    expect(await open.textContent()).toContain('Întrebați asistentul');
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await check(page, 'portal home with the chat button');

    // Keyboard only: focus the button, open it; the cursor lands in the message field.
    await open.focus();
    await page.keyboard.press('Enter');
    const input = page.getByLabel('Mesajul dumneavoastră');
    await input.waitFor();
    await expect.poll(() => input.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('chat-log').getAttribute('aria-live')).toBe('polite');

    await page.keyboard.type(number);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await assistantSaid(page).allTextContents()).join(' '), { timeout: 15_000 }).toContain(number);
    const answer = (await assistantSaid(page).allTextContents()).join(' ');
    expect(answer).toMatch(/Cererea|cererea/);
    expect(await page.getByTestId('chat-log').locator('[data-from=citizen]').first().textContent()).toContain(number);
    await check(page, 'chat with a status answer');
    await page.screenshot({ path: path.join(SHOTS, 'portal-chat.png') });

    // The conversation goes on after a reload (its session is kept for the tab).
    const sessionKeys = (await page.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('civicline.chat:'))")) as string[];
    expect(sessionKeys).toHaveLength(1);
    await page.reload();
    await assistantSaid(page).first().waitFor();
    expect((await assistantSaid(page).allTextContents()).join(' ')).toContain(number);

    // "Nothing else": the assistant says goodbye, and the widget says the conversation is over.
    await page.getByLabel('Mesajul dumneavoastră').fill('nu, nimic altceva');
    await page.getByTestId('chat-send').click();
    await page.getByTestId('chat-log').locator('[data-from=notice]').getByText('Conversația s-a încheiat').waitFor();
    expect((await assistantSaid(page).allTextContents()).join(' ')).toMatch(/La revedere/);
    await check(page, 'chat ended');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('chat-panel').count()).toBe(0);
    await expect.poll(() => open.evaluate((el) => el.matches(':focus'))).toBe(true);
    await ctx.close();
  });

  it('the chat in the citizen’s language (en, it, vi, ru): the widget’s words and the assistant’s', async () => {
    const ctx = await newContext(browser, server.url, { locale: 'en-GB', mobile: true });
    const page = await ctx.newPage();
    const expected = { en: ['Ask the assistant', /Your request/], it: ['Chieda all’assistente', /La sua richiesta/], vi: ['Hỏi trợ lý', /hồ sơ/i], ru: ['Спросить помощника', /обращени/i] } as const;
    for (const [lang, [button, said]] of Object.entries(expected)) {
      await page.goto(`/portal/${SLUG}?lang=${lang}`);
      await page.evaluate('sessionStorage.clear()');
      await page.reload();
      await page.getByTestId('chat-open').click();
      expect(await page.getByTestId('chat-open').textContent()).toBe(button);
      await page.getByTestId('chat-input').fill(number);
      await page.getByTestId('chat-send').click();
      await expect.poll(async () => (await assistantSaid(page).allTextContents()).join(' '), { timeout: 15_000 }).toContain(number);
      expect((await assistantSaid(page).allTextContents()).join(' ')).toMatch(said);
      await check(page, `chat on a phone in ${lang}`);
    }
    await ctx.close();
  });

  it('an institution embeds the chat in its own website with an iframe', async () => {
    // The institution's own website: another origin, with the embed snippet from the README.
    const site = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="ro"><head><title>Primăria — site</title></head><body><main><h1>Site-ul primăriei</h1><iframe src="${server.url}/portal/${SLUG}/chat?lang=ro" title="Asistentul virtual" style="width:380px;height:560px;border:0"></iframe></main></body></html>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    onTestFinished(() => new Promise<void>((r) => site.close(() => r())));
    const ctx = await newContext(browser, server.url, { locale: 'ro-RO' });
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    const frame = page.frameLocator('iframe');
    await frame.getByTestId('chat-input').waitFor({ timeout: 15_000 });
    expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe('Asistentul virtual');
    await frame.getByTestId('chat-input').fill(number);
    await frame.getByTestId('chat-send').click();
    await expect.poll(async () => (await frame.getByTestId('chat-log').locator('[data-from=assistant]').allTextContents()).join(' '), { timeout: 15_000 }).toContain(number);
    const embedded = await ctx.newPage();
    await embedded.goto(`/portal/${SLUG}/chat?lang=ro`);
    await embedded.getByTestId('chat-input').waitFor();
    expect(await embedded.title()).toMatch(/Asistentul virtual/);
    await check(embedded, 'embedded chat page');
    await ctx.close();
  });

  it('has no serious or critical accessibility violations', () => {
    expect(a11y).toEqual([]);
  });
});
