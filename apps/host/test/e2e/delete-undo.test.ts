import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { a11yViolations } from './support/a11y.js';
import { createWorkspaceChart } from './support/api.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser } from './support/suite.js';

const GRID = '00000000-0000-4000-8000-000000000003';

describe('deleting tabs, teams and agents, with confirmation and undo (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('a tab comes back with its placements; a team and an agent stay when undone and go when not', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Dee');
    try {
      const board = await api.dashboards.create.mutate({ title: 'Ops', templateId: GRID });
      const costs = await api.tabs.create.mutate({ dashboardId: board.id, title: 'Costs', templateId: GRID });
      const chart = await createWorkspaceChart(api, 'Spend', 'bar');
      await api.placements.place.mutate({ tabId: costs.id, slotKey: 'top-left', chartId: chart.id });

      // A tab: confirm, it is gone with its placement; Undo brings both back.
      await page.goto(`${host.url}/dashboards/${board.id}`);
      const tabs = page.getByRole('toolbar', { name: 'Tabs' });
      await tabs.getByRole('button', { name: 'Delete tab Costs' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete tab Costs?' });
      assert.match((await confirm.textContent()) ?? '', /Its 1 placed chart is taken off/);
      assert.deepEqual(await a11yViolations(page), []);
      await confirm.getByRole('button', { name: 'Delete tab' }).click();
      await tabs.locator('.tab-chip', { hasText: 'Costs' }).waitFor({ state: 'detached' });
      assert.deepEqual(
        (await api.dashboards.get.query({ id: board.id })).tabs.map((t) => t.title),
        ['Overview'],
      );
      await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('status').getByText('Tab Costs is back.').waitFor();
      await tabs.locator('.tab-chip', { hasText: 'Costs' }).waitFor();
      const back = (await api.dashboards.get.query({ id: board.id })).tabs;
      assert.deepEqual(
        back.map((t) => [t.id, t.title, t.placements.map((p) => [p.slotKey, p.chartId])]),
        [
          [board.tabs[0]!.id, 'Overview', []],
          [costs.id, 'Costs', [['top-left', chart.id]]],
        ],
      );
      await page.locator('ocp-dashboard ocp-chart[slot="top-left"]').waitFor();

      // A team that owns something says what, and is not offered for deletion.
      const owning = await api.teams.create.mutate({ name: 'Finance' });
      await api.dashboards.create.mutate({ title: 'Budget', templateId: GRID, ownerTeamId: owning.id });
      const empty = await api.teams.create.mutate({ name: 'Scratch team' });
      await page.goto(`${host.url}/teams`);
      await page.getByRole('button', { name: 'Delete team Finance' }).click();
      const blocked = page.getByRole('dialog', { name: 'Finance cannot be deleted yet' });
      assert.match((await blocked.textContent()) ?? '', /It still owns 1 dashboard \(Budget\)\./);
      assert.deepEqual(await a11yViolations(page), []);
      await blocked.getByRole('button', { name: 'Cancel' }).click();

      // An empty team: deleted, undone (it and its membership stay), then deleted for good.
      const card = page.locator('.team-card', { hasText: 'Scratch team' });
      await page.getByRole('button', { name: 'Delete team Scratch team' }).click();
      await page
        .getByRole('dialog', { name: 'Delete team Scratch team?' })
        .getByRole('button', { name: 'Delete team' })
        .click();
      await card.waitFor({ state: 'hidden' });
      await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await card.waitFor();
      await page.waitForTimeout(9000); // past the undo window: nothing was deleted
      assert.equal((await api.teams.get.query({ id: empty.id })).memberCount, 1);
      await page.getByRole('button', { name: 'Delete team Scratch team' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete team' }).click();
      await card.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => !document.querySelector('[role="status"] button'), null, { timeout: 15_000 });
      await page.waitForTimeout(500);
      assert.deepEqual(
        (await api.teams.list.query()).map((t) => t.name),
        ['Finance'],
      );

      // An agent, from the assistant's Agents dialog: undo keeps it, otherwise it goes.
      const agent = await api.agents.create.mutate({
        name: 'Summariser',
        instructions: 'Summarise the dashboard in one sentence.',
        capabilities: { tools: ['describe_data'] },
      });
      await page.goto(`${host.url}/dashboards/${board.id}`);
      await page.getByRole('button', { name: 'Assistant', exact: true }).click();
      await page.getByRole('region', { name: 'Assistant' }).getByRole('button', { name: 'Agents' }).click();
      const agents = page.getByRole('dialog', { name: 'Agents' });
      const row = agents.locator(`li[data-agent-id="${agent.id}"]`);
      await agents.getByRole('button', { name: 'Delete agent Summariser' }).click();
      await page
        .getByRole('dialog', { name: 'Delete agent Summariser?' })
        .getByRole('button', { name: 'Delete agent' })
        .click();
      await row.waitFor({ state: 'hidden' });
      // The undo notice shows inside the open dialog, where it can be reached.
      await agents.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await row.waitFor();
      assert.deepEqual(await a11yViolations(page), []);
      await page.waitForTimeout(9000);
      assert.equal((await api.agents.get.query({ id: agent.id })).name, 'Summariser');
      await agents.getByRole('button', { name: 'Delete agent Summariser' }).click();
      await page
        .getByRole('dialog', { name: 'Delete agent Summariser?' })
        .getByRole('button', { name: 'Delete agent' })
        .click();
      await row.waitFor({ state: 'detached', timeout: 15_000 });
      assert.deepEqual(await api.agents.list.query({ includePublic: false }), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
