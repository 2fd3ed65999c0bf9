import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Headless Chromium from the machine (CHROME_PATH or /usr/bin/chromium), never a downloaded build. WebGL runs on
 * SwiftShader (no GPU here); background throttling is off so a page's timers and frames run at full speed.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--no-first-run',
      // window.gc(): pages collect garbage between rounds, outside what they time.
      '--js-flags=--expose-gc',
    ],
  });
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/**
 * A fresh context (own cache and storage) per page, so no sample profits from another's warm caches. A page
 * error or a console error fails the sample: a benchmark of a broken page measures nothing.
 */
export async function openPage(
  browser: Browser,
  url: string,
  {
    width = 1280,
    height = 800,
    beforeNavigate,
  }: { width?: number; height?: number; beforeNavigate?: (page: Page) => Promise<void> } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await beforeNavigate?.(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as { benchReady?: boolean }).benchReady === true, null, {
    timeout: 60_000,
  });
  const check = () => {
    if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
  };
  check();
  const close = async () => {
    await context.close();
    check();
  };
  return { context, page, close };
}

/** Calls `window.bench[name](arg)` in the page and returns its (JSON) result. */
export async function call<T>(page: Page, name: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    ([n, a]) => (window as unknown as { bench: Record<string, (x: unknown) => unknown> }).bench[n as string]!(a),
    [name, arg] as const,
  ) as Promise<T>;
}
