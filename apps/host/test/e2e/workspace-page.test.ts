import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { a11yViolations } from './support/a11y.js';
import { createWorkspaceChart } from './support/api.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser, screenshotsDir } from './support/suite.js';

const SHOTS = screenshotsDir();

describe('workspace page: folders, moving items, notes, deleting with undo (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('create, nest, rename, move and delete folders; drag a note into one and edit it; delete a dataset and undo', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Wes');
    try {
      await createWorkspaceChart(api, 'Revenue', 'bar'); // in /Sales
      const note = await api.workspace.items.create.mutate({
        itemType: 'note',
        title: 'Reading guide',
        content: { text: 'Old text' },
      });
      const data = await api.workspace.items.create.mutate({
        itemType: 'dataset',
        title: 'Sites',
        content: { columns: { a: [1] } },
      });
      const tree = async () =>
        (await api.workspace.folders.tree.query()).flatMap(function walk(n): string[] {
          return [n.path, ...n.children.flatMap(walk)];
        });

      await page.getByRole('link', { name: 'Workspace', exact: true }).click();
      await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
      const folders = page.getByRole('navigation', { name: 'Folders' });
      await folders.getByRole('button', { name: 'Sales' }).waitFor();

      // New folder, and one nested in it.
      await folders.getByRole('button', { name: 'New folder' }).click();
      await page.getByRole('dialog').getByLabel('Folder name').fill('Reports');
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await folders.getByRole('button', { name: 'Reports' }).click();
      await folders.getByRole('button', { name: 'New folder' }).click();
      await page.getByRole('dialog', { name: 'New folder in /Reports' }).getByLabel('Folder name').fill('Monthly');
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await folders.getByRole('button', { name: 'Monthly' }).waitFor();
      assert.deepEqual((await tree()).sort(), ['/Reports', '/Reports/Monthly', '/Sales']);

      // Rename it, then move it to the top level.
      await folders.getByRole('button', { name: 'Monthly' }).click();
      const toolbar = page.getByRole('toolbar', { name: 'Folder Monthly' });
      await toolbar.getByRole('button', { name: 'Rename' }).click();
      await page.getByRole('dialog').getByLabel('Folder name').fill('Quarterly');
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: '/Reports/Quarterly', exact: true }).waitFor();
      await page.getByRole('toolbar', { name: 'Folder Quarterly' }).getByRole('button', { name: 'Move…' }).click();
      await page.getByRole('dialog').getByLabel('Into').selectOption('');
      await page.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
      await page.getByRole('heading', { name: '/Quarterly', exact: true }).waitFor();
      assert.deepEqual((await tree()).sort(), ['/Quarterly', '/Reports', '/Sales']);

      // Drag the note from the top level onto Reports, open it there and edit it.
      await folders.getByRole('button', { name: 'All items at the top' }).click();
      await page.locator(`[data-item-id="${note.id}"]`).dragTo(folders.getByRole('button', { name: 'Reports' }));
      await page.getByRole('status').getByText('Reading guide moved to /Reports.').waitFor();
      await folders.getByRole('button', { name: 'Reports' }).click();
      await page.getByRole('button', { name: 'Reading guide', exact: true }).click();
      const editor = page.getByRole('dialog', { name: 'Note: Reading guide' });
      await editor.getByLabel('Text').fill('Stacked areas are generation; the line is demand.');
      await editor.getByRole('button', { name: 'Save note' }).click();
      await page.getByRole('status').getByText('Note saved.').waitFor();
      const saved = await api.workspace.items.get.query({ id: note.id });
      assert.deepEqual(
        [saved.folderPath, saved.content.text],
        ['/Reports', 'Stacked areas are generation; the line is demand.'],
      );
      assert.deepEqual(await a11yViolations(page), []);
      await page.screenshot({ path: path.join(SHOTS, 'workspace-page.png') });

      // Delete a dataset, undo.
      await folders.getByRole('button', { name: 'All items at the top' }).click();
      await page.getByRole('button', { name: 'Delete Sites', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
      await page.locator(`[data-item-id="${data.id}"]`).waitFor({ state: 'hidden' });
      await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await page.locator(`[data-item-id="${data.id}"]`).waitFor();
      await page.waitForTimeout(9000);
      assert.equal((await api.workspace.items.get.query({ id: data.id })).title, 'Sites');

      // Deleting a folder keeps its items: they move up.
      await folders.getByRole('button', { name: 'Reports' }).click();
      await page.getByRole('toolbar', { name: 'Folder Reports' }).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete folder' }).click();
      await page
        .getByRole('status')
        .getByText(/Folder Reports deleted/)
        .waitFor();
      assert.equal((await api.workspace.items.get.query({ id: note.id })).folderPath, null);
      assert.deepEqual((await tree()).sort(), ['/Quarterly', '/Sales']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
