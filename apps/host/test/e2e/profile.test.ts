import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { a11yViolations } from './support/a11y.js';
import { apiClient } from './support/api.js';
import { launchBrowser, newPage, sessionToken, signUp } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

const SHOTS = path.resolve(import.meta.dirname, '../../.test-results/screenshots');

describe('profile page (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  before(async () => {
    [host, browser] = await Promise.all([startTestHost(), launchBrowser()]);
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('display name, avatar, time zone and locale: saved, shown in the header, refused when invalid', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await signUp(page, host.url, {
        email: `profile-${Date.now()}@example.com`,
        password: 'correct horse battery',
        name: 'Pat',
      });
      await page.getByRole('button', { name: 'Pat' }).click();
      await page.getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('heading', { name: 'Your profile' }).waitFor();
      assert.equal(await page.getByLabel('Display name').inputValue(), 'Pat');

      await page.getByLabel('Avatar image address (https)').fill('http://example.com/me.png');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByRole('alert').getByText('The avatar must be an https:// address.').waitFor();

      await page.getByLabel('Display name').fill('Patricia Q.');
      await page.getByLabel('Avatar image address (https)').fill('https://example.com/me.png');
      await page.getByLabel('Time zone').selectOption('Europe/Berlin');
      await page.getByLabel('Locale').selectOption('de-DE');
      assert.match((await page.getByText(/Dates will read like/).textContent()) ?? '', /1\.234\.567,891/);
      assert.deepEqual(await a11yViolations(page), []);
      await page.screenshot({ path: path.join(SHOTS, 'profile.png') });
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByRole('status').getByText('Profile saved.').waitFor();
      await page.getByRole('button', { name: 'Patricia Q.' }).waitFor();

      const me = await apiClient(host.url, await sessionToken(page)).me.get.query();
      assert.deepEqual(
        [me.displayName, me.avatarUrl, me.timezone, me.preferences.locale],
        ['Patricia Q.', 'https://example.com/me.png', 'Europe/Berlin', 'de-DE'],
      );
      await page.reload();
      assert.equal(await page.getByLabel('Locale').inputValue(), 'de-DE');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
