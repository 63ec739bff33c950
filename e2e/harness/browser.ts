import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium), never a downloaded browser build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

export async function newContext(browser: Browser, baseURL: string, opts: { locale?: string; mobile?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: opts.locale ?? 'en-GB',
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

export const DEMO_PASSWORD = 'CivicLine-Demo-2026';

/** Signs in through the console's sign-in page. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/console/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/inbox/);
}
