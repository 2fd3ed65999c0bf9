import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { searchWorkspaceCharts } from '@ocp/db';
import { rawQuery } from '@ocp/db/testing';
import type { RouterInputs } from '../src/index.js';
import { chart } from './fixtures.js';
import { codeOf, type Harness, startHarness, type TestUser } from './harness.js';

describe('workspace items and folders', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  const folder = async (who: TestUser, name: string, parentFolderId: string | null = null) =>
    await h.as(who).workspace.folders.create({ name, parentFolderId });
  const item = async (who: TestUser, input: Record<string, unknown>) =>
    await h.as(who).workspace.items.create({ itemType: 'note', title: 'n', ...input });

  test('items: create, get, update, favorites, list filters, delete', async () => {
    const me = await h.user('items');
    await folder(me, 'Notes');
    const a = await item(me, { title: 'Alpha', tags: ['x'], folderPath: '/Notes', content: { text: 'hello' } });
    const b = await item(me, { title: 'Beta', isFavorite: true });
    assert.deepEqual(await h.as(me).workspace.items.get({ id: a.id }), a);
    assert.equal(
      await codeOf(h.as(me).workspace.items.create({ itemType: 'note', title: 'n', folderPath: '/Nope' })),
      'BAD_REQUEST',
    );
    const updated = await h.as(me).workspace.items.update({
      id: a.id,
      isFavorite: true,
      content: { text: 'bye' },
    });
    assert.deepEqual([updated.isFavorite, updated.content, updated.title], [true, { text: 'bye' }, 'Alpha']);
    const ids = async (input: object) => (await h.as(me).workspace.items.list(input)).map((i) => i.title).sort();
    assert.deepEqual(await ids({ favoritesOnly: true }), ['Alpha', 'Beta']);
    assert.deepEqual(await ids({ folderPath: '/Notes' }), ['Alpha']);
    assert.deepEqual(await ids({ folderPath: null }), ['Beta']);
    assert.deepEqual(await ids({ tags: ['x'] }), ['Alpha']);
    await h.as(me).workspace.items.delete({ id: b.id });
    assert.equal(await codeOf(h.as(me).workspace.items.get({ id: b.id })), 'NOT_FOUND');
  });

  test('item references must be visible to the user', async () => {
    const me = await h.user('refs');
    const other = await h.user('refs-other');
    const theirs = await chart(h, other);
    const pub = await chart(h, other, { isPublic: true });
    assert.equal(
      await codeOf(h.as(me).workspace.items.create({ itemType: 'chart', title: 'x', referenceId: theirs.id })),
      'NOT_FOUND',
    );
    await h.as(me).workspace.items.create({ itemType: 'chart', title: 'x', referenceId: pub.id });
    assert.equal(
      await codeOf(h.as(me).workspace.items.create({ itemType: 'note', title: 'x', referenceId: pub.id })),
      'BAD_REQUEST',
    );
  });

  test('search is seed query 4: title (case-insensitive, wildcards literal) or exact tag, newest first', async () => {
    const me = await h.user('search');
    const c1 = await chart(h, me, { title: 'Solar', plotlyConfig: { data: [], layout: { title: 'Solar yield' } } });
    const c2 = await chart(h, me, { title: 'Wind' });
    await item(me, { itemType: 'chart', title: 'Solar yield 2026', referenceId: c1.id, tags: ['energy'] });
    await item(me, { itemType: 'chart', title: 'Wind speed', referenceId: c2.id, tags: ['energy', 'weather'] });
    await item(me, { itemType: 'chart', title: '100% renewable', referenceId: c2.id });
    await item(me, { title: 'Solar notes' });
    const search = async (input: RouterInputs['workspace']['items']['search']) =>
      await h.as(me).workspace.items.search(input);
    for (const q of ['solar', 'energy', '%', '100%', 'weather']) {
      const ours = (await search({ q, itemType: 'chart' })).map((r) => [r.id, r.title, r.chartType, r.folderPath]);
      const seed = (await searchWorkspaceCharts(h.db.db, me.id, q)).map((r) => [
        r.id,
        r.title,
        r.chartType,
        r.folderPath,
      ]);
      assert.deepEqual(ours, seed, q);
    }
    assert.deepEqual(
      (await search({ q: '%' })).map((r) => r.title),
      ['100% renewable'],
      'a % is a character, not a wildcard',
    );
    const all = await search({ q: 'solar' });
    assert.deepEqual(all.map((r) => r.title).sort(), ['Solar notes', 'Solar yield 2026']);
    assert.equal(all.find((r) => r.itemType === 'chart')!.chartConfigTitle, 'Solar yield');
    assert.deepEqual(
      (await search({ q: 'energy', tags: ['weather'] })).map((r) => r.title),
      ['Wind speed'],
    );
  });

  test('folders: tree, rename and move keep every descendant path and item path consistent', async () => {
    const me = await h.user('folders');
    const energy = await folder(me, 'Energy');
    const gen = await folder(me, 'Generation', energy.id);
    const solar = await folder(me, 'Solar', gen.id);
    const reports = await folder(me, 'Reports');
    // Similar prefix that must not be touched by a rename of /Energy.
    const energy2 = await folder(me, 'Energy_2');
    const i1 = await item(me, { title: 'in gen', folderPath: '/Energy/Generation' });
    const i2 = await item(me, { title: 'in solar', folderPath: '/Energy/Generation/Solar' });
    const i3 = await item(me, { title: 'in energy_2', folderPath: '/Energy_2' });
    assert.equal(await codeOf(h.as(me).workspace.folders.create({ name: 'Energy' })), 'CONFLICT');
    assert.equal(await codeOf(h.as(me).workspace.folders.create({ name: 'a/b' })), 'BAD_REQUEST');

    const renamed = await h.as(me).workspace.folders.rename({ id: energy.id, name: 'Power' });
    assert.equal(renamed.path, '/Power');
    assert.deepEqual(
      renamed.children.map((c) => c.path),
      ['/Power/Generation'],
    );
    assert.deepEqual(
      renamed.children[0]!.children.map((c) => c.path),
      ['/Power/Generation/Solar'],
    );
    const pathOf = async (id: string) => (await h.as(me).workspace.items.get({ id })).folderPath;
    assert.equal(await pathOf(i1.id), '/Power/Generation');
    assert.equal(await pathOf(i2.id), '/Power/Generation/Solar');
    assert.equal(await pathOf(i3.id), '/Energy_2');

    assert.equal(
      await codeOf(h.as(me).workspace.folders.move({ id: energy.id, parentFolderId: solar.id })),
      'BAD_REQUEST',
    );
    assert.equal(await codeOf(h.as(me).workspace.folders.rename({ id: energy.id, name: 'Reports' })), 'CONFLICT');
    const moved = await h.as(me).workspace.folders.move({ id: gen.id, parentFolderId: reports.id });
    assert.equal(moved.path, '/Reports/Generation');
    assert.equal(await pathOf(i2.id), '/Reports/Generation/Solar');
    const toRoot = await h.as(me).workspace.folders.move({ id: solar.id, parentFolderId: null });
    assert.equal(toRoot.path, '/Solar');
    assert.equal(await pathOf(i2.id), '/Solar');

    const tree = await h.as(me).workspace.folders.tree();
    assert.deepEqual(
      tree.map((f) => f.path),
      ['/Energy_2', '/Power', '/Reports', '/Solar'],
    );
    assert.ok(energy2.id);
    // The invariant, checked in SQL: each folder's path is its parent's path plus its name; every item's folder exists.
    const broken = await rawQuery(
      h.db,
      `SELECT f.id FROM workspace_folders f LEFT JOIN workspace_folders p ON p.id = f.parent_folder_id
        WHERE f.user_id = $1 AND f.path <> coalesce(p.path, '') || '/' || f.name
       UNION ALL
       SELECT i.id FROM workspace_items i WHERE i.user_id = $1 AND i.folder_path IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM workspace_folders f WHERE f.user_id = $1 AND f.path = i.folder_path)`,
      [me.id],
    );
    assert.equal(broken.length, 0);
  });

  test('folders.delete removes the subtree and moves its items up to the parent', async () => {
    const me = await h.user('delete');
    const top = await folder(me, 'Top');
    const mid = await folder(me, 'Mid', top.id);
    await folder(me, 'Leaf', mid.id);
    const i = await item(me, { title: 'deep', folderPath: '/Top/Mid/Leaf' });
    const res = await h.as(me).workspace.folders.delete({ id: mid.id });
    assert.equal(res.movedItemsTo, '/Top');
    assert.equal((await h.as(me).workspace.items.get({ id: i.id })).folderPath, '/Top');
    assert.deepEqual(
      (await h.as(me).workspace.folders.tree()).map((f) => [f.path, f.children.length]),
      [['/Top', 0]],
    );
    await h.as(me).workspace.folders.delete({ id: top.id });
    assert.equal((await h.as(me).workspace.items.get({ id: i.id })).folderPath, null);
  });

  test('concurrent renames of a parent and a child leave consistent paths', async () => {
    const me = await h.user('race');
    const a = await folder(me, 'A');
    const b = await folder(me, 'B', a.id);
    await item(me, { title: 'x', folderPath: '/A/B' });
    await Promise.all([
      h.call(me, 'workspace.folders.rename', { id: a.id, name: 'A2' }),
      h.call(me, 'workspace.folders.rename', { id: b.id, name: 'B2' }),
    ]);
    const paths = (await h.as(me).workspace.items.list({})).map((i) => i.folderPath);
    assert.deepEqual(paths, ['/A2/B2']);
  });
});
