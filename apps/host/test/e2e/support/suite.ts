import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startTestHost, type TestHost } from './host.js';

/**
 * A test host and a Chromium for the enclosing `describe`: both start before its tests and close after them. Read
 * `host` and `browser` inside tests (they do not exist before `before` has run).
 */
export function hostAndBrowser(options?: Parameters<typeof startTestHost>[0]): {
  readonly host: TestHost;
  readonly browser: Browser;
} {
  let host: TestHost | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [host, browser] = await Promise.all([startTestHost(options), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });
  return {
    get host() {
      if (!host) throw new Error('The test host starts in before()');
      return host;
    },
    get browser() {
      if (!browser) throw new Error('Chromium starts in before()');
      return browser;
    },
  };
}

/** The folder screenshots are written to (.test-results/screenshots, or a folder in it), made if missing. */
export function screenshotsDir(sub = ''): string {
  const dir = path.resolve(import.meta.dirname, '../../../.test-results/screenshots', sub);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
