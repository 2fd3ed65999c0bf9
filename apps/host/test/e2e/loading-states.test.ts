import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { a11yViolations } from './support/a11y.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser } from './support/suite.js';

const GRID = '00000000-0000-4000-8000-000000000003';

/**
 * Holds every API request whose path names `procedure` until the returned release is called, so the page stays in
 * its loading state for as long as the test looks at it.
 */
async function holdRequests(page: Page, procedure: string): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let holding = true;
  const matches = (url: URL) =>
    url.pathname.startsWith('/trpc/') && url.pathname.split(',').some((p) => p.endsWith(procedure));
  await page.route(matches, (route) => {
    if (holding) held.push(route);
    else void route.continue();
  });
  return async () => {
    holding = false;
    for (const route of held.splice(0)) await route.continue();
    await page.unroute(matches);
  };
}

describe('loading skeletons, then content (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('each page that loads data shows a busy skeleton while the response is held, then its content', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Sky');
    try {
      const board = await api.dashboards.create.mutate({ title: 'Slow board', templateId: GRID });
      const team = await api.teams.create.mutate({ name: 'Patient people' });
      const template = await api.templates.create.mutate({
        name: 'Held grid',
        layoutConfig: { columns: 12, rowHeight: 60, gap: 8 },
        slots: [{ slotKey: 'main', slotType: 'chart', positionConfig: { x: 0, y: 0, w: 12, h: 4 }, constraints: {} }],
      });
      const pages: Array<{ path: string; procedure: string; busy: string; content: (p: Page) => Promise<unknown> }> = [
        {
          path: '/dashboards',
          procedure: 'dashboards.list',
          busy: 'section[aria-label="Dashboards"]',
          content: (p) => p.locator('.dashboard-card', { hasText: 'Slow board' }).waitFor(),
        },
        {
          path: '/templates',
          procedure: 'templates.list',
          busy: 'section[aria-label="Templates"]',
          content: (p) => p.getByRole('heading', { name: 'Built in' }).waitFor(),
        },
        {
          path: '/workspace',
          procedure: 'workspace.items.list',
          busy: '.workspace-page [aria-busy]',
          content: (p) => p.getByRole('heading', { name: 'Top level' }).waitFor(),
        },
        {
          path: `/teams/${team.id}`,
          procedure: 'teams.list',
          busy: 'section[aria-label="Your teams"]',
          content: (p) => p.getByRole('heading', { name: 'Patient people members' }).waitFor(),
        },
        {
          path: '/profile',
          procedure: 'me.get',
          busy: 'section[aria-label="Profile"]',
          content: (p) => p.getByLabel('Display name').waitFor(),
        },
        {
          path: `/templates/${template.id}`,
          procedure: 'templates.get',
          busy: 'section[aria-label="Template builder"]',
          content: (p) => p.getByRole('heading', { name: 'Edit Held grid', level: 1 }).waitFor(),
        },
        {
          path: `/dashboards/${board.id}`,
          procedure: 'dashboards.get',
          busy: 'section[aria-label="Dashboard"]',
          content: (p) => p.locator('ocp-dashboard[state="ready"]').waitFor(),
        },
      ];
      for (const { path, procedure, busy, content } of pages) {
        const release = await holdRequests(page, procedure);
        await page.goto(`${host.url}${path}`);
        const region = page.locator(`${busy}[aria-busy="true"]`);
        await region.waitFor();
        // The placeholder is announced (role=status with a label), its shapes are not.
        await region.getByRole('status').first().waitFor();
        assert.ok((await region.locator('.skeleton-block, .skeleton').count()) > 0, `${path}: a skeleton shows`);
        if (path === '/dashboards') assert.deepEqual(await a11yViolations(page), [], 'the skeleton is axe clean');
        await release();
        await content(page);
        await page.locator(`${busy}[aria-busy="true"]`).waitFor({ state: 'detached' });
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
