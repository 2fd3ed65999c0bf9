import type { OcpClient } from '@ocp/client';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { apiClient } from './api.js';

/** Headless Chromium from the machine (CHROME_PATH or /usr/bin/chromium), never a downloaded build. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh context (own storage) with a desktop viewport (or a phone's: `mobile` adds touch). `errors` collects page
 * errors; `problems` collects console errors and warnings, Content-Security-Policy violations among them (in every
 * frame); `offHost` every request the page made to anything but loopback.
 */
export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number; mobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[]; problems: string[]; offHost: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})`,
      ),
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const problems: string[] = [];
  const offHost: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // "Failed to load resource" does not say which one; name it.
    const where = m.text().startsWith('Failed to load resource') ? ` (${m.location().url})` : '';
    problems.push(`${m.type()}: ${m.text()}${where}`);
  });
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && !['127.0.0.1', 'localhost'].includes(url.hostname))
      offHost.push(r.url());
  });
  return { context, page, errors, problems, offHost };
}

/** Signs up through the UI and lands on the dashboards list. */
export async function signUp(
  page: Page,
  baseUrl: string,
  user: { email: string; password: string; name: string },
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
}

/** Signs in through the UI. */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
}

/** The session token the app keeps in localStorage (for API calls the test makes as the same user). */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('ocp.session'));
  return (JSON.parse(raw ?? '{}') as { token: string }).token;
}

export type SignedInPage = Awaited<ReturnType<typeof newPage>> & {
  /** The typed API client, as the same user. */
  api: OcpClient;
  user: { email: string; password: string; name: string };
};

/**
 * A fresh context with a new account named `name`, signed up through the UI and landed on the dashboards list, plus
 * an API client as that user. Close `context` when done.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  name: string,
  options: Parameters<typeof newPage>[1] = {},
): Promise<SignedInPage> {
  const opened = await newPage(browser, options);
  const user = {
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`,
    password: 'correct horse battery',
    name,
  };
  try {
    await signUp(opened.page, baseUrl, user);
    return { ...opened, api: apiClient(baseUrl, await sessionToken(opened.page)), user };
  } catch (e) {
    await opened.context.close();
    throw e;
  }
}
