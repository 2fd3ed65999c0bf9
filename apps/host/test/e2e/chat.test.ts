import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

const SHOTS = process.env.OCP_SCREENSHOTS_DIR ?? path.resolve(import.meta.dirname, '../../.test-results/screenshots');
const HEADLINE = 'Add a bar chart of monthly generation to this dashboard';
const PASSWORD = 'demo-password-for-chat';

/** The slot → chart title of a tab of the loaded dashboard, as `<ocp-dashboard>` holds it. */
function placed(page: Page, tabTitle: string): Promise<Record<string, string>> {
  return page.evaluate((title) => {
    const board = document.querySelector('ocp-dashboard') as HTMLElement & {
      dashboard?: {
        tabs: Array<{ title: string; placements: Array<{ slotKey: string; chart: { title: string } | null }> }>;
      };
    };
    const tab = board.dashboard?.tabs.find((t) => t.title === title);
    return Object.fromEntries((tab?.placements ?? []).map((p) => [p.slotKey, p.chart?.title ?? '']));
  }, tabTitle);
}

/** The transcript: each message's role and text (without the proposed-changes box). */
function transcript(page: Page): Promise<Array<[string, string]>> {
  return page.evaluate(() => {
    const panel = document.querySelector('ocp-chat-panel')!;
    return Array.from(panel.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')).map((m) => [
      m.getAttribute('part')!.split(' ')[1]!,
      m.querySelector('span')!.textContent!.trim(),
    ]);
  });
}

describe('the assistant in the dashboard editor (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  before(async () => {
    [host, browser] = await Promise.all([startTestHost({ demo: true, demoPassword: PASSWORD }), launchBrowser()]);
    ({ page, errors } = await newPage(browser, { width: 1500, height: 1000 }));
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('the headline request: a draft preview, Apply puts the chart in the slot, Undo takes it out; the transcript shows each message once', async () => {
    await signIn(page, host.url, { email: 'demo@ocp.local', password: PASSWORD });
    await page.getByRole('link', { name: 'Energy overview' }).first().click();
    await page.locator('ocp-dashboard[state="ready"]').waitFor();
    const before = await placed(page, 'Patterns');
    assert.equal(before['bottom-left'], undefined);

    const toggle = page.getByRole('button', { name: 'Assistant' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const assistant = page.getByRole('region', { name: 'Assistant' });
    await assistant.locator('ocp-chat-panel[state="empty"]').waitFor();
    // The agent picker is never empty: the built-in assistant is offered.
    assert.deepEqual(await assistant.getByLabel('Agent', { exact: true }).locator('option').allTextContents(), [
      'Built-in assistant',
    ]);

    await assistant.getByLabel('Message', { exact: true }).fill(HEADLINE);
    await assistant.getByLabel('Message', { exact: true }).press('Enter');
    const changes = assistant.locator('[part="changes"]');
    await changes.locator('li').nth(1).waitFor({ timeout: 20_000 });
    assert.deepEqual(await changes.locator('li').allTextContents(), [
      'creates chart “Monthly generation” (bar)',
      'adds chart “Monthly generation” to slot bottom-left on tab “Patterns”',
    ]);
    // A draft: nothing on the dashboard yet.
    assert.equal((await placed(page, 'Patterns'))['bottom-left'], undefined);

    await changes.getByRole('button', { name: 'Preview' }).click();
    const slot = changes.locator('.preview-slot[data-slot="bottom-left"][data-change="added"]');
    await slot.waitFor();
    await slot.locator('ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
    fs.mkdirSync(SHOTS, { recursive: true });
    await slot.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'chat-preview.png') });
    await assistant.screenshot({ path: path.join(SHOTS, 'chat-assistant.png') });

    await changes.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(
      () => {
        const board = document.querySelector('ocp-dashboard') as HTMLElement & {
          dashboard?: { tabs: Array<{ title: string; placements: Array<{ slotKey: string }> }> };
        };
        return board.dashboard?.tabs
          .find((t) => t.title === 'Patterns')
          ?.placements.some((p) => p.slotKey === 'bottom-left');
      },
      null,
      { timeout: 20_000 },
    );
    assert.equal((await placed(page, 'Patterns'))['bottom-left'], 'Monthly generation');
    await changes.getByRole('status').filter({ hasText: 'Applied.' }).waitFor();

    const messages = await transcript(page);
    assert.equal(messages.length, 2);
    assert.deepEqual(messages[0], ['message-user', HEADLINE]);
    assert.equal(messages[1]![0], 'message-assistant');
    assert.match(
      messages[1]![1],
      /^New chart “Monthly generation”: .* It goes in the bottom left slot \(bottom-left\) of the tab “Patterns”\.$/,
    );

    await changes.getByRole('button', { name: 'Undo' }).click();
    await changes.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    await page.waitForFunction(() => {
      const board = document.querySelector('ocp-dashboard') as HTMLElement & {
        dashboard?: { tabs: Array<{ title: string; placements: Array<{ slotKey: string }> }> };
      };
      return !board.dashboard?.tabs
        .find((t) => t.title === 'Patterns')
        ?.placements.some((p) => p.slotKey === 'bottom-left');
    });
    assert.deepEqual(await placed(page, 'Patterns'), before);

    // The panel stays open across visits, on this dashboard's chat, with its messages once each.
    await page.reload();
    await page.locator('ocp-dashboard[state="ready"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Assistant' }).getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(() => {
      const panel = document.querySelector('ocp-chat-panel');
      return panel?.shadowRoot?.querySelectorAll('[part~="message"]').length === 2;
    });
    assert.deepEqual(
      (await transcript(page)).map((m) => m[0]),
      ['message-user', 'message-assistant'],
    );
    const chats = page.getByLabel('Chats about this dashboard');
    assert.deepEqual(await chats.locator('option').allTextContents(), ['New chat', HEADLINE.slice(0, 60)]);
    assert.deepEqual(errors, []);
  });

  test('agents: create one with instructions, a model and fewer tools, shared with a team; the chat offers it', async () => {
    const assistant = page.getByRole('region', { name: 'Assistant' });
    await assistant.getByRole('button', { name: 'Agents' }).click();
    const agents = page.getByRole('dialog', { name: 'Agents' });
    await agents.getByText('No agents yet').waitFor();
    await agents.getByRole('button', { name: 'New agent' }).click();
    const form = page.getByRole('dialog', { name: 'New agent' });
    await form.getByLabel('Name', { exact: true }).fill('Energy analyst');
    await form.getByLabel('Instructions').fill('Answer in one sentence. Prefer bar charts.');
    await form.getByLabel('Model').selectOption({ label: 'Offline agent' });
    const teams = await form.getByLabel('Share with').locator('option').allTextContents();
    assert.equal(teams[0], 'Only me');
    assert.ok(teams.length > 1, 'the demo user’s team is offered');
    await form.getByLabel('Share with').selectOption({ index: 1 });
    await form.getByLabel('Propose new dashboards').uncheck();
    await form.getByRole('button', { name: 'Create agent' }).click();
    // In the list, not the toast that says it was created (also inside the dialog while it shows).
    await agents.getByRole('list', { name: 'Agents' }).getByText('Energy analyst').waitFor();
    await agents.getByRole('button', { name: 'Close' }).click();

    const picker = assistant.getByLabel('Agent', { exact: true });
    await page.waitForFunction(() => {
      const panel = document.querySelector('ocp-chat-panel');
      return Array.from(panel?.shadowRoot?.querySelectorAll('select[aria-label="Agent"] option') ?? []).some(
        (o) => o.textContent === 'Energy analyst',
      );
    });
    assert.deepEqual(await picker.locator('option').allTextContents(), ['Built-in assistant', 'Energy analyst']);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('ocp.session')!).token as string);
    const res = await fetch(`${host.url}/trpc/agents.list`, { headers: { authorization: `Bearer ${token}` } });
    const [agent] = ((await res.json()) as { result: { data: Array<Record<string, unknown>> } }).result.data;
    assert.equal(agent!.ownerUserId, null);
    assert.ok(agent!.ownerTeamId);
    const tools = (agent!.capabilities as { tools: string[]; modelId: string }).tools;
    assert.ok(!tools.includes('create_dashboard') && tools.includes('create_chart'));
    assert.equal(typeof (agent!.capabilities as { modelId: unknown }).modelId, 'string');
    assert.deepEqual(errors, []);
  });
});
