import type { Browser } from 'playwright-core';
import { call, openPage } from './chromium.js';

/** What every browser suite gets from the runner. */
export interface BrowserContextInfo {
  browser: Browser;
  quick: boolean;
}

export interface BrowserSuite {
  name: string;
  run: (ctx: BrowserContextInfo) => Promise<void>;
}

/** Opens `url` on a fresh page, calls `window.bench[name](arg)`, closes the page and returns the result. */
export async function onFreshPage<T>(
  browser: Browser,
  url: string,
  name: string,
  arg?: unknown,
  viewport?: { width: number; height: number },
): Promise<T> {
  const { page, close } = await openPage(browser, url, viewport);
  try {
    return await call<T>(page, name, arg);
  } finally {
    await close();
  }
}
