import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OcpNotification } from '@ocp/server';
import type { Browser, Page } from 'playwright-core';
import { apiClient, createAccount } from './support/api.js';
import { launchBrowser, newPage, sessionToken, signIn, signUp } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

/** Whether the server still accepts `token` (me.get answers, or fails with UNAUTHORIZED). */
async function accepted(baseUrl: string, token: string): Promise<boolean> {
  try {
    await apiClient(baseUrl, token).me.get.query();
    return true;
  } catch (error) {
    assert.equal((error as { data?: { code?: string } }).data?.code, 'UNAUTHORIZED');
    return false;
  }
}

async function openAccountMenu(page: Page, name: string) {
  await page.getByRole('button', { name }).click();
  await page.locator('#account-menu:not([hidden])').waitFor();
}

describe('account: sign-up privacy, change password, sign out, sign out everywhere (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  const notifications: OcpNotification[] = [];

  before(async () => {
    [host, browser] = await Promise.all([
      startTestHost({ notify: (n) => void notifications.push(n) }),
      launchBrowser(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('creating an account with a taken address does not sign in and does not say whose it is', async () => {
    const owner = { email: `taken-${Date.now()}@example.com`, password: 'the owner password', displayName: 'Owner' };
    await createAccount(host.url, owner);
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${host.url}/sign-in`);
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByLabel('Your name').fill('Somebody');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill('another password');
      await page.getByRole('button', { name: 'Create account' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'could not sign you in' });
      await alert.waitFor();
      assert.doesNotMatch((await alert.textContent()) ?? '', /exists|taken|Owner/);
      assert.equal(await page.evaluate(() => localStorage.getItem('ocp.session')), null);
    } finally {
      await context.close();
    }
    // The owner's account is untouched.
    assert.ok(await apiClient(host.url).auth.signIn.mutate({ email: owner.email, password: owner.password }));
  });

  test('change password from the account menu: other devices are signed out, this one stays', async () => {
    const user = { email: `changer-${Date.now()}@example.com`, password: 'first password 1', name: 'Cora Changer' };
    const { context, page, errors } = await newPage(browser);
    try {
      await signUp(page, host.url, user);
      const elsewhere = await createAccountToken(user.email, user.password);
      await openAccountMenu(page, 'Cora Changer');
      await page.getByRole('button', { name: 'Change password' }).click();
      const dialog = page.getByRole('dialog', { name: 'Change password' });
      await dialog.getByLabel('Current password').fill('not my password');
      await dialog.getByLabel(/^New password/).fill('second password 2');
      await dialog.getByLabel('Repeat the new password').fill('second password 2');
      await dialog.getByRole('button', { name: 'Change password' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'The current password is not correct' }).waitFor();
      await dialog.getByLabel('Current password').fill(user.password);
      await dialog.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
      assert.equal(await accepted(host.url, elsewhere), false, 'the other session ended');
      assert.equal(await accepted(host.url, await sessionToken(page)), true, 'this one has a fresh token');
      await page.reload();
      await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();

      // Sign out ends the token on the server, not just in this tab.
      const token = await sessionToken(page);
      await openAccountMenu(page, 'Cora Changer');
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(await accepted(host.url, token), false);

      // The old password no longer works, the new one does.
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Invalid email or password' }).waitFor();
      await signIn(page, host.url, { email: user.email, password: 'second password 2' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('sign out everywhere ends every session of the account, in every browser', async () => {
    const user = {
      email: `everywhere-${Date.now()}@example.com`,
      password: 'correct horse battery',
      name: 'Eve Where',
    };
    const first = await newPage(browser);
    const second = await newPage(browser);
    try {
      await signUp(first.page, host.url, user);
      await signIn(second.page, host.url, user);
      const tokens = [await sessionToken(first.page), await sessionToken(second.page)];
      await openAccountMenu(first.page, 'Eve Where');
      await first.page.getByRole('button', { name: 'Sign out everywhere' }).click();
      const dialog = first.page.getByRole('dialog', { name: 'Sign out everywhere' });
      await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
      await first.page.getByRole('heading', { name: 'Sign in' }).waitFor();
      for (const token of tokens) assert.equal(await accepted(host.url, token), false);
      // The menu is reachable by keyboard too: Escape closes it and returns focus to its button.
      await signIn(first.page, host.url, user);
      await openAccountMenu(first.page, 'Eve Where');
      await first.page.keyboard.press('Escape');
      await first.page.locator('#account-menu[hidden]').waitFor({ state: 'attached' });
      assert.equal(
        await first.page.evaluate(() => document.activeElement?.getAttribute('aria-controls')),
        'account-menu',
      );
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  test('an invitation link (/teams?invitation=<token>) joins whoever opens it signed in, once', async () => {
    const admin = { email: `inviter-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Ina' };
    const api = apiClient(host.url, await createAccount(host.url, admin));
    const team = await api.teams.create.mutate({ name: 'Linked' });
    const invited = `mailbox-${Date.now()}@example.com`;
    await api.teams.invitations.create.mutate({ teamId: team.id, email: invited, role: 'editor' });
    let token = '';
    for (let i = 0; i < 100 && !token; i++) {
      const n = notifications.find((x) => x.type === 'team-invitation' && x.email === invited);
      if (n?.type === 'team-invitation') token = n.token;
      else await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const { context, page } = await newPage(browser);
    try {
      // The invitee's account uses another address: the token is the proof.
      await signUp(page, host.url, {
        email: `other-${Date.now()}@example.com`,
        password: 'a long password',
        name: 'Lin',
      });
      await page.goto(`${host.url}/teams?invitation=${token}`);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByRole('heading', { name: 'Linked members' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'You joined Linked as editor.' }).waitFor();
      await page.goto(`${host.url}/teams?invitation=${token}`);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByRole('alert').filter({ hasText: 'Invitation not found' }).waitFor();
    } finally {
      await context.close();
    }
  });

  /** A second session of an existing account, through the API. */
  async function createAccountToken(email: string, password: string): Promise<string> {
    return (await apiClient(host.url).auth.signIn.mutate({ email, password })).token;
  }
});
