import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { a11yViolations } from './support/a11y.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser, screenshotsDir } from './support/suite.js';

const SHOTS = screenshotsDir();

describe('profile page (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('display name, avatar, time zone and locale: saved, shown in the header, refused when invalid', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Pat');
    try {
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

      const me = await api.me.get.query();
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
