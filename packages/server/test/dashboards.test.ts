import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DashboardDetail, dashboardDetailSchema } from '@ocp/contract';
import { getDashboardPlacements } from '@ocp/db';
import { chart, dashboard, ISO_MICROS, randomId, TEMPLATE } from './fixtures.js';
import { codeOf, type Harness, ok, startHarness, type TestUser } from './harness.js';

const KPI = '00000000-0000-4000-8000-000000000006';

describe('dashboards, tabs, placements, dashboard versions, templates', () => {
  let h: Harness;
  let me: TestUser;
  before(async () => {
    h = await startHarness({ countQueries: true });
    me = await h.user('me');
  });
  after(() => h?.close());

  const get = async (id: string) => await h.as(me).dashboards.get({ id });

  /** Two tabs on two templates, three charts placed. */
  async function rich() {
    const d = await dashboard(h, me, { templateId: TEMPLATE.hero });
    const second = await h.as(me).tabs.create({ dashboardId: d.id, title: 'Grid', templateId: TEMPLATE.grid });
    const [a, b, c] = await Promise.all([
      chart(h, me, { title: 'A' }),
      chart(h, me, { title: 'B' }),
      chart(h, me, { title: 'C' }),
    ]);
    await h.as(me).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'hero', chartId: a!.id });
    await h.as(me).placements.place({
      tabId: d.tabs[0]!.id,
      slotKey: 'bottom-left',
      chartId: b!.id,
      customizations: { color: 'red' },
    });
    await h.as(me).placements.place({ tabId: second.id, slotKey: 'top-right', chartId: c!.id });
    return { id: d.id, tabIds: [d.tabs[0]!.id, second.id], charts: [a!, b!, c!] };
  }

  test('dashboards.get: the access check and ONE document statement, then nothing at all (warm)', async () => {
    const { id } = await rich();
    await h.call(me, 'me.get'); // the signing secret is loaded once per process; not part of the count
    // Every authenticated request also checks its token (generation, sign-out) in one query of its own: not part
    // of what dashboards.get sends.
    const sentBy = async () => {
      const before = h.queries.length;
      const res = await h.call<DashboardDetail>(me, 'dashboards.get', { id });
      return {
        res,
        sent: h.queries
          .slice(before)
          // The listener's heartbeat (PostgreSQL, every 5 s) is no part of the read.
          .filter(
            (q) => !q.includes('ocp token check') && !q.includes('ocp identity') && !q.includes('ocp round trip'),
          ),
      };
    };
    const { res, sent } = await sentBy();
    assert.deepEqual(
      sent.map((q) => (q.includes('ocp dashboard access') ? 'access' : q.includes('json_build_object') ? 'doc' : q)),
      ['access', 'doc'],
    );
    const again = await sentBy();
    // Token, role and document from memory, kept current by the database's notifications (test/warm-reads.test.ts).
    assert.deepEqual(again.sent, []);
    assert.equal(again.res.text, res.text);
    const d = ok(res);
    // Exactly the contract's document, every level (strict: no key more, none missing), from the same schemas
    // the SQL builder takes its keys from.
    dashboardDetailSchema.parse(d);
    assert.equal(d.role, 'owner');
    assert.match(d.updatedAt, ISO_MICROS);
    assert.deepEqual(
      d.tabs.map((t) => [t.position, t.title, t.template.name]),
      [
        [0, 'Overview', 'Hero + 3'],
        [1, 'Grid', '2×2 grid'],
      ],
    );
    const tab = d.tabs[0]!;
    assert.deepEqual(
      tab.template.slots.map((s) => s.slotKey),
      ['hero', 'bottom-left', 'bottom-center', 'bottom-right'],
    );
    assert.equal(tab.placements[0]!.unavailable, false);
    // Same facts as the seed's example query 1.
    const seed = await getDashboardPlacements(h.db.db, id);
    const ours = d.tabs.flatMap((t) =>
      t.placements.map((p) => ({
        tabTitle: t.title,
        slotKey: p.slotKey,
        chartTitle: p.chart!.title,
        customizations: p.customizations,
      })),
    );
    assert.deepEqual(
      ours,
      seed.map((r) => ({
        tabTitle: r.tabTitle,
        slotKey: r.slotKey,
        chartTitle: r.chartTitle,
        customizations: r.customizations,
      })),
    );
  });

  test('dashboards.create makes the first tab on the chosen template', async () => {
    const d = await dashboard(h, me, { templateId: TEMPLATE.twoColumns, tabTitle: 'Start' });
    assert.equal(d.tabs.length, 1);
    assert.deepEqual(
      [d.tabs[0]!.title, d.tabs[0]!.position, d.tabs[0]!.template.id],
      ['Start', 0, TEMPLATE.twoColumns],
    );
    assert.equal(d.ownerUserId, me.id);
    assert.equal(await codeOf(h.as(me).dashboards.create({ title: 'x', templateId: randomId() })), 'NOT_FOUND');
  });

  test('dashboards.update: the returned updatedAt is the next expectedUpdatedAt; a stale one is CONFLICT', async () => {
    const d = await dashboard(h, me);
    const first = await h.as(me).dashboards.update({
      id: d.id,
      expectedUpdatedAt: d.updatedAt,
      title: 'One',
    });
    assert.ok(first.updatedAt > d.updatedAt);
    const second = await h.as(me).dashboards.update({
      id: d.id,
      expectedUpdatedAt: first.updatedAt,
      settings: { theme: 'dark' },
    });
    assert.deepEqual([second.title, second.settings], ['One', { theme: 'dark' }]);
    const stale = await h.call(me, 'dashboards.update', { id: d.id, expectedUpdatedAt: d.updatedAt, title: 'Stale' });
    assert.equal(stale.code, 'CONFLICT');
    assert.equal((await get(d.id)).title, 'One');
  });

  test('two saves from the same expectedUpdatedAt: exactly one CONFLICT (10 rounds)', async () => {
    const d = await dashboard(h, me);
    let expected = d.updatedAt;
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(
        ['A', 'B'].map((title) =>
          h.call<DashboardDetail>(me, 'dashboards.update', { id: d.id, expectedUpdatedAt: expected, title }),
        ),
      );
      const codes = results.map((r) => r.code).sort();
      assert.deepEqual(codes, ['CONFLICT', 'OK'], `round ${round}`);
      expected = results.find((r) => r.code === 'OK')!.data.updatedAt;
    }
  });

  test('dashboards.list: own and team dashboards, search, team filter, public on request', async () => {
    const other = await h.user('other');
    const mine = await dashboard(h, me, { title: 'Searchable 50% plan' });
    await dashboard(h, other, { title: 'Public one', isPublic: true });
    const list = await h.as(me).dashboards.list({ search: '50%' });
    assert.deepEqual(
      list.map((d) => d.id),
      [mine.id],
    );
    assert.equal((await h.as(me).dashboards.list({ search: 'Public one' })).length, 0);
    assert.equal((await h.as(me).dashboards.list({ search: 'Public one', includePublic: true })).length, 1);
  });

  test('tabs: create appends, reorder (two-phase under the non-deferrable UNIQUE), delete closes ranks', async () => {
    const d = await dashboard(h, me);
    for (const title of ['B', 'C', 'D']) await h.as(me).tabs.create({ dashboardId: d.id, title });
    const ids = (await get(d.id)).tabs.map((t) => t.id);
    const reordered = await h.as(me).tabs.reorder({
      dashboardId: d.id,
      tabIds: [...ids].reverse(),
    });
    assert.deepEqual(
      reordered.map((t) => t.id),
      [...ids].reverse(),
    );
    assert.deepEqual(
      reordered.map((t) => t.position),
      [0, 1, 2, 3],
    );
    assert.equal(await codeOf(h.as(me).tabs.reorder({ dashboardId: d.id, tabIds: ids.slice(1) })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).tabs.reorder({ dashboardId: d.id, tabIds: [ids[0]!, ids[0]!, ids[1]!, ids[2]!] })),
      'BAD_REQUEST',
    );
    await h.as(me).tabs.delete({ id: ids[2]! });
    const after = (await get(d.id)).tabs;
    assert.deepEqual(
      after.map((t) => t.position),
      [0, 1, 2],
    );
    assert.deepEqual(
      after.map((t) => t.id),
      [ids[3], ids[1], ids[0]],
    );
    for (const t of after.slice(1)) await h.as(me).tabs.delete({ id: t.id });
    assert.equal(await codeOf(h.as(me).tabs.delete({ id: after[0]!.id })), 'CONFLICT', 'the last tab stays');
  });

  test('tabs.update: switching template keeps placements by slot key, CONFLICT when a key is missing', async () => {
    const d = await dashboard(h, me, { templateId: TEMPLATE.grid });
    const c = await chart(h, me);
    await h.as(me).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'bottom-left', chartId: c.id });
    await h.as(me).tabs.update({ id: d.tabs[0]!.id, templateId: TEMPLATE.hero });
    const tab = (await get(d.id)).tabs[0]!;
    assert.equal(tab.template.id, TEMPLATE.hero);
    assert.equal(tab.placements[0]!.slotKey, 'bottom-left');
    assert.ok(tab.template.slots.some((s) => s.id === tab.placements[0]!.slotId));
    assert.equal(await codeOf(h.as(me).tabs.update({ id: tab.id, templateId: TEMPLATE.single })), 'CONFLICT');
  });

  test('placements: slot of the tab’s template only, type constraints, occupied slot', async () => {
    const d = await dashboard(h, me, { templateId: KPI });
    const tabId = d.tabs[0]!.id;
    const line = await chart(h, me);
    const kpi = await chart(h, me, { chartType: 'indicator', plotlyConfig: { data: [{ type: 'indicator' }] } });
    const foreignSlot = (await h.call<{ slots: Array<{ id: string }> }>(me, 'templates.get', { id: TEMPLATE.single }))
      .data.slots[0]!.id;
    assert.equal(
      await codeOf(h.as(me).placements.place({ tabId, slotId: foreignSlot, chartId: line.id })),
      'BAD_REQUEST',
    );
    assert.equal(await codeOf(h.as(me).placements.place({ tabId, slotKey: 'nope', chartId: line.id })), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).placements.place({ tabId, slotKey: 'kpi-1', chartId: line.id })), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).placements.place({ tabId, chartId: line.id })), 'BAD_REQUEST', 'no slot');
    const slotId = d.tabs[0]!.template.slots.find((s) => s.slotKey === 'kpi-1')!.id;
    const placed = await h.as(me).placements.place({ tabId, slotId, chartId: kpi.id });
    assert.equal(placed.slotKey, 'kpi-1');
    assert.equal(await codeOf(h.as(me).placements.place({ tabId, slotKey: 'kpi-1', chartId: kpi.id })), 'CONFLICT');
    // The same chart may sit in several slots.
    await h.as(me).placements.place({ tabId, slotKey: 'kpi-2', chartId: kpi.id });
  });

  test('placements.move: to a free slot, swap with an occupant atomically, refuse a swap that breaks a constraint', async () => {
    const d = await dashboard(h, me, { templateId: KPI });
    const tabId = d.tabs[0]!.id;
    const line = await chart(h, me);
    const kpi = await chart(h, me, { chartType: 'indicator', plotlyConfig: { data: [{ type: 'indicator' }] } });
    const p1 = await h.as(me).placements.place({ tabId, slotKey: 'chart-left', chartId: line.id });
    const p2 = await h.as(me).placements.place({ tabId, slotKey: 'kpi-1', chartId: kpi.id });
    const moved = await h.as(me).placements.move({
      id: p1.id,
      slotKey: 'chart-right',
    });
    assert.deepEqual([moved.slotKey, moved.swappedWith], ['chart-right', null]);
    // The line chart may not go into kpi-1, not even as a swap the other way round.
    assert.equal(await codeOf(h.as(me).placements.move({ id: p1.id, slotKey: 'kpi-1' })), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).placements.move({ id: p2.id, slotKey: 'chart-right' })), 'BAD_REQUEST');
    const slotsOf = async () => Object.fromEntries((await get(d.id)).tabs[0]!.placements.map((p) => [p.id, p.slotKey]));
    assert.deepEqual(await slotsOf(), { [p1.id]: 'chart-right', [p2.id]: 'kpi-1' }, 'refused moves change nothing');
    // Allowed swaps: two line charts, two indicators.
    const p3 = await h.as(me).placements.place({ tabId, slotKey: 'chart-left', chartId: line.id });
    const p4 = await h.as(me).placements.place({ tabId, slotKey: 'kpi-2', chartId: kpi.id });
    const swap = await h.as(me).placements.move({
      id: p1.id,
      slotKey: 'chart-left',
    });
    assert.deepEqual([swap.slotKey, swap.swappedWith], ['chart-left', p3.id]);
    await h.as(me).placements.move({ id: p2.id, slotKey: 'kpi-2' });
    assert.deepEqual(await slotsOf(), {
      [p1.id]: 'chart-left',
      [p3.id]: 'chart-right',
      [p2.id]: 'kpi-2',
      [p4.id]: 'kpi-1',
    });
  });

  test('placements.move across tabs of one dashboard; never to another dashboard', async () => {
    const d = await dashboard(h, me, { templateId: TEMPLATE.grid });
    const t2 = await h.as(me).tabs.create({ dashboardId: d.id, title: 'Two' });
    const c = await chart(h, me);
    const p = await h.as(me).placements.place({
      tabId: d.tabs[0]!.id,
      slotKey: 'top-left',
      chartId: c.id,
    });
    const moved = await h.as(me).placements.move({
      id: p.id,
      tabId: t2.id,
      slotKey: 'bottom-right',
    });
    assert.deepEqual([moved.tabId, moved.slotKey], [t2.id, 'bottom-right']);
    const elsewhere = await dashboard(h, me, { templateId: TEMPLATE.grid });
    assert.equal(
      await codeOf(h.as(me).placements.move({ id: p.id, tabId: elsewhere.tabs[0]!.id, slotKey: 'top-left' })),
      'BAD_REQUEST',
    );
    const updated = await h.as(me).placements.update({ id: p.id, customizations: { title: 'x' } });
    assert.deepEqual(updated.customizations, { title: 'x' });
    await h.as(me).placements.remove({ id: p.id });
    assert.equal(await codeOf(h.as(me).placements.remove({ id: p.id })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(me).charts.get({ id: c.id })), 'OK', 'removing a placement keeps the chart');
  });

  test('dashboardVersions: create snapshots the full state; restore brings it back (ids kept) after saving a backup', async () => {
    const { id, charts } = await rich();
    const snapshotOf = await get(id);
    const v1 = await h.as(me).dashboardVersions.create({
      dashboardId: id,
      changeSummary: 'Good state',
    });
    assert.equal(v1.versionNumber, 1);
    const full = await h.as(me).dashboardVersions.get({ id: v1.id });
    const { role: _role, ...expected } = snapshotOf;
    assert.deepEqual(full.snapshot, expected);

    // Wreck it: rename, drop a tab, move and re-customize a placement, add a tab.
    await h.as(me).dashboards.update({
      id,
      expectedUpdatedAt: snapshotOf.updatedAt,
      title: 'Wrecked',
      settings: { x: 1 },
    });
    await h.as(me).tabs.delete({ id: snapshotOf.tabs[1]!.id });
    const p = snapshotOf.tabs[0]!.placements.find((x) => x.slotKey === 'bottom-left')!;
    await h.as(me).placements.move({ id: p.id, slotKey: 'bottom-right' });
    await h.as(me).placements.update({ id: p.id, customizations: { color: 'blue' } });
    await h.as(me).tabs.create({ dashboardId: id, title: 'Extra' });

    const restored = await h.as(me).dashboardVersions.restore({ id: v1.id });
    assert.deepEqual(restored.skipped, { tabs: 0, placements: 0 });
    const { role: _r, updatedAt: _u, ...now } = restored.dashboard;
    const { updatedAt: _e, ...want } = expected;
    assert.deepEqual(now, want);
    const versions = await h.as(me).dashboardVersions.list({ dashboardId: id });
    assert.deepEqual(
      versions.map((v) => [v.versionNumber, v.changeSummary]),
      [
        [3, 'Before restoring version 1'],
        [2, 'Before deleting tab Grid'],
        [1, 'Good state'],
      ],
    );
    assert.equal(versions[0]!.id, restored.backupVersionId);
    assert.equal(versions[0]!.snapshot, undefined, 'lists carry no snapshots');

    // A chart deleted since the snapshot cannot come back: restore skips its placement and says so.
    await h.as(me).charts.delete({ id: charts[2]!.id });
    // Also addressable by dashboard and number, like charts.restoreVersion.
    const again = await h.as(me).dashboardVersions.restore({
      dashboardId: id,
      versionNumber: 1,
    });
    assert.equal(again.skipped.placements, 1);
  });

  test('templates: create, validate slots, update slots by key, CONFLICT while in use', async () => {
    const layout = { columns: 12, rowHeight: 60, gap: 8 };
    const slot = (slotKey: string, x: number, w = 6, extra = {}) => ({
      slotKey,
      positionConfig: { x, y: 0, w, h: 3 },
      ...extra,
    });
    assert.equal(
      (await h.call(me, 'templates.create', { name: 't', layoutConfig: layout, slots: [slot('a', 0), slot('a', 6)] }))
        .code,
      'BAD_REQUEST',
    );
    assert.equal(
      await codeOf(h.as(me).templates.create({ name: 't', layoutConfig: layout, slots: [slot('a', 8)] })),
      'BAD_REQUEST',
    );
    assert.equal(
      await codeOf(
        h.as(me).templates.create({
          name: 't',
          layoutConfig: { ...layout, columns: 99 },
          slots: [slot('a', 0)],
        }),
      ),
      'BAD_REQUEST',
    );
    const tpl = await h.as(me).templates.create({
      name: 'Mine',
      layoutConfig: layout,
      slots: [slot('left', 0), slot('right', 6)],
    });
    assert.deepEqual(
      tpl.slots.map((s) => s.slotKey),
      ['left', 'right'],
    );
    const list = await h.as(me).templates.list();
    assert.equal(list.find((t) => t.id === tpl.id)!.slotCount, 2);

    const d = await dashboard(h, me, { templateId: tpl.id });
    const c = await chart(h, me);
    await h.as(me).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'left', chartId: c.id });
    assert.equal(await codeOf(h.as(me).templates.delete({ id: tpl.id })), 'CONFLICT');
    assert.equal(
      await codeOf(h.as(me).templates.update({ id: tpl.id, slots: [slot('right', 6)] })),
      'CONFLICT',
      'left holds a chart',
    );
    assert.equal(
      await codeOf(
        h.as(me).templates.update({
          id: tpl.id,
          slots: [slot('left', 0, 6, { constraints: { allowedChartTypes: ['pie'] } }), slot('right', 6)],
        }),
      ),
      'CONFLICT',
      'narrowing constraints under a placed chart',
    );
    const updated = await h.as(me).templates.update({
      id: tpl.id,
      name: 'Renamed',
      slots: [slot('left', 0, 4), slot('middle', 4, 4), slot('right', 8, 4)],
    });
    assert.equal(updated.slots.find((s) => s.slotKey === 'left')!.id, tpl.slots[0]!.id, 'kept keys keep their slot id');
    assert.equal((await get(d.id)).tabs[0]!.placements[0]!.slotKey, 'left');
    await h.as(me).dashboards.delete({ id: d.id });
    await h.as(me).templates.delete({ id: tpl.id });
    assert.equal(await codeOf(h.as(me).templates.get({ id: tpl.id })), 'NOT_FOUND');
  });

  test('dashboards.delete removes tabs, placements, versions and its sharing links', async () => {
    const { id } = await rich();
    await h.as(me).dashboardVersions.create({ dashboardId: id });
    await h.as(me).sharing.create({ resourceType: 'dashboard', resourceId: id });
    await h.as(me).dashboards.delete({ id });
    assert.equal(await codeOf(h.as(me).dashboards.get({ id })), 'NOT_FOUND');
    assert.equal(
      (await h.as(me).sharing.list({})).filter((l) => (l as { resourceId: string }).resourceId === id).length,
      0,
    );
  });
});
