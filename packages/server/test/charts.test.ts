import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listChartsWithUsage } from '@ocp/db';
import { rawQuery } from '@ocp/db/testing';
import { addMember, chart, chartInput, dashboard, TEMPLATE } from './fixtures.js';
import { codeOf, type Harness, startHarness, type TestUser } from './harness.js';

describe('charts and chart versions', () => {
  let h: Harness;
  let me: TestUser;
  before(async () => {
    h = await startHarness();
    me = await h.user('me');
  });
  after(() => h?.close());

  test('charts.list: seed query 2 (placement count, dashboards used in), most placed first', async () => {
    const user = await h.user('lister');
    const [, b, c] = await Promise.all(['A', 'B', 'C'].map((title) => chart(h, user, { title })));
    const d1 = await dashboard(h, user, { title: 'First', templateId: TEMPLATE.grid });
    const d2 = await dashboard(h, user, { title: 'Second', templateId: TEMPLATE.grid });
    for (const [d, slot, c2] of [
      [d1, 'top-left', b],
      [d1, 'top-right', b],
      [d2, 'top-left', b],
      [d2, 'top-right', c],
    ] as const) {
      await h.as(user).placements.place({ tabId: d.tabs[0]!.id, slotKey: slot, chartId: c2!.id });
    }
    const list = await h.as(user).charts.list();
    assert.deepEqual(
      list.map((x) => [x.title, x.placementCount, x.usedInDashboards]),
      [
        ['B', 3, ['First', 'Second']],
        ['C', 1, ['Second']],
        ['A', 0, []],
      ],
    );
    const seed = await listChartsWithUsage(h.db.db, user.id);
    assert.deepEqual(
      list.map((x) => [x.id, x.placementCount, x.usedInDashboards]),
      seed.map((x) => [x.id, x.placementCount, x.usedInDashboards]),
    );
  });

  test('charts.list filters: tags (all of them), chart type, title search, team', async () => {
    const user = await h.user('filters');
    await chart(h, user, { title: 'Solar output', tags: ['energy', 'solar'] });
    await chart(h, user, { title: 'Wind output', tags: ['energy'], chartType: 'bar' });
    const titles = async (input: object) => (await h.as(user).charts.list(input)).map((c) => c.title).sort();
    assert.deepEqual(await titles({ tags: ['energy', 'solar'] }), ['Solar output']);
    assert.deepEqual(await titles({ tags: ['energy'] }), ['Solar output', 'Wind output']);
    assert.deepEqual(await titles({ chartType: 'bar' }), ['Wind output']);
    assert.deepEqual(await titles({ search: 'SOLAR' }), ['Solar output']);
    assert.deepEqual(await titles({ search: '%' }), []);
  });

  test('usedInDashboards never names a dashboard the caller cannot see', async () => {
    const author = await h.user('author');
    const other = await h.user('other');
    const pub = await chart(h, author, { isPublic: true });
    const secret = await dashboard(h, other, { title: 'Secret plans', templateId: TEMPLATE.grid });
    await h.as(other).placements.place({ tabId: secret.tabs[0]!.id, slotKey: 'top-left', chartId: pub.id });
    const [row] = await h.as(author).charts.list();
    assert.equal(row!.placementCount, 1);
    assert.deepEqual(row!.usedInDashboards, []);
  });

  test('create writes version 1; every update writes the next version with the new configs', async () => {
    const c = await chart(h, me, { changeSummary: 'First draft' });
    const plotlyConfig = { data: [{ type: 'bar' }], layout: { title: { text: 'Bars' } } };
    const updated = await h.as(me).charts.update({ id: c.id, plotlyConfig, changeSummary: 'Bars' });
    assert.deepEqual(updated.plotlyConfig, plotlyConfig);
    const versions = await h.as(me).charts.versions({ chartId: c.id, includeConfig: true });
    assert.deepEqual(
      versions.map((v) => [v.versionNumber, v.changeSummary]),
      [
        [2, 'Bars'],
        [1, 'First draft'],
      ],
    );
    assert.deepEqual(versions[0]!.plotlyConfig, plotlyConfig);
    assert.equal((await h.as(me).charts.versions({ chartId: c.id }))[0]!.plotlyConfig, undefined);
  });

  test('50 concurrent charts.update calls: versions 1..51, consecutive, none lost', async () => {
    const c = await chart(h, me);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.call(me, 'charts.update', { id: c.id, title: `Edit ${i}`, changeSummary: `edit ${i}` }),
      ),
    );
    const ms = performance.now() - started;
    assert.deepEqual([...new Set(results.map((r) => r.code))], ['OK']);
    const versions = await h.as(me).charts.versions({ chartId: c.id });
    assert.deepEqual(
      versions.map((v) => v.versionNumber).reverse(),
      Array.from({ length: 51 }, (_, i) => i + 1),
    );
    const summaries = new Set(versions.map((v) => v.changeSummary));
    for (let i = 0; i < 50; i++) assert.ok(summaries.has(`edit ${i}`), `edit ${i} lost`);
    console.log(`  50 concurrent charts.update on ${h.db.kind}: ${ms.toFixed(0)} ms`);
  });

  test('restoreVersion brings old configs back as a new version; expectedUpdatedAt guards updates', async () => {
    const c = await chart(h, me);
    const original = await h.as(me).charts.get({ id: c.id });
    await h.as(me).charts.update({ id: c.id, plotlyConfig: { data: [{ type: 'bar' }] } });
    const restored = await h.as(me).charts.restoreVersion({ chartId: c.id, versionNumber: 1 });
    assert.deepEqual(restored.plotlyConfig, original.plotlyConfig);
    const [latest] = await h.as(me).charts.versions({ chartId: c.id });
    assert.deepEqual([latest!.versionNumber, latest!.changeSummary], [3, 'Restored version 1']);
    assert.equal(await codeOf(h.as(me).charts.restoreVersion({ chartId: c.id, versionNumber: 99 })), 'NOT_FOUND');
    const stale = await h.call(me, 'charts.update', { id: c.id, expectedUpdatedAt: original.updatedAt, title: 'x' });
    assert.equal(stale.code, 'CONFLICT');
    await h.as(me).charts.update({ id: c.id, expectedUpdatedAt: restored.updatedAt, title: 'x' });
  });

  test('restoreVersion brings the version back whole: a bar version of a chart now a line is a bar chart again', async () => {
    const c = await chart(h, me, {
      title: 'Sales',
      chartType: 'bar',
      plotlyConfig: { data: [{ type: 'bar' }], layout: {} },
    });
    const entry = await h.as(me).workspace.items.create({
      itemType: 'chart',
      title: 'Sales',
      referenceId: c.id,
      content: { chartType: 'bar', note: 'kept' },
    });
    await h.as(me).charts.update({
      id: c.id,
      title: 'Sales trend',
      chartType: 'line',
      plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }], layout: {} },
    });
    const afterUpdate = await h.as(me).workspace.items.get({ id: entry.id });
    assert.deepEqual([afterUpdate.title, afterUpdate.content.chartType], ['Sales trend', 'line']);
    const versions = await h.as(me).charts.versions({ chartId: c.id });
    assert.deepEqual(
      versions.map((v) => [v.versionNumber, v.chartType, v.title]),
      [
        [2, 'line', 'Sales trend'],
        [1, 'bar', 'Sales'],
      ],
    );
    const restored = await h.as(me).charts.restoreVersion({ chartId: c.id, versionNumber: 1 });
    assert.deepEqual(
      [restored.chartType, restored.title, restored.plotlyConfig.data[0]!.type],
      ['bar', 'Sales', 'bar'],
    );
    // The list (badges, slot rules) says the same, and the new version records the type it restored.
    const listed = (await h.as(me).charts.list()).find((x) => x.id === c.id)!;
    assert.equal(listed.chartType, 'bar');
    const [latest] = await h.as(me).charts.versions({ chartId: c.id });
    assert.deepEqual([latest!.versionNumber, latest!.chartType, latest!.title], [3, 'bar', 'Sales']);
    // Its workspace entry (the type badge, and the type slots judge on a drag) follows, its other content kept.
    const item = await h.as(me).workspace.items.get({ id: entry.id });
    assert.deepEqual([item.title, item.content], ['Sales', { chartType: 'bar', note: 'kept' }]);
  });

  test('restoreVersion: a version from before types were kept gets the type its traces draw; a refusing slot is CONFLICT', async () => {
    const kpi = await chart(h, me, {
      chartType: 'metric',
      plotlyConfig: { data: [{ type: 'indicator', mode: 'number' }] },
    });
    // Written as versions were before migration 0010: no chart_type, no title; a bar trace.
    const [row] = await rawQuery<{ version_number: number }>(
      h.db,
      `INSERT INTO chart_versions (chart_id, plotly_config, data_source_config, change_summary, created_by)
       SELECT id, '{"data":[{"type":"bar"}]}'::jsonb, data_source_config, 'legacy', $2 FROM charts WHERE id = $1
       RETURNING version_number`,
      [kpi.id, me.id],
    );
    const d = await dashboard(h, me, { templateId: '00000000-0000-4000-8000-000000000006' });
    const placed = await h.as(me).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'kpi-1', chartId: kpi.id });
    const refused = await h.call(me, 'charts.restoreVersion', { chartId: kpi.id, versionNumber: row!.version_number });
    assert.equal(refused.code, 'CONFLICT');
    assert.match(refused.body.error!.message, /kpi-1.*bar/);
    assert.equal((await h.as(me).charts.get({ id: kpi.id })).chartType, 'metric');
    // Off the dashboard, the same restore makes it the bar chart it draws.
    await h.as(me).placements.remove({ id: placed.id });
    const restored = await h.as(me).charts.restoreVersion({ chartId: kpi.id, versionNumber: row!.version_number });
    assert.deepEqual([restored.chartType, restored.title], ['bar', 'Load']);
  });

  test('a new chart type that a slot holding the chart refuses is CONFLICT', async () => {
    const kpi = await chart(h, me, { chartType: 'indicator', plotlyConfig: { data: [{ type: 'indicator' }] } });
    const d = await dashboard(h, me, { templateId: '00000000-0000-4000-8000-000000000006' });
    await h.as(me).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'kpi-1', chartId: kpi.id });
    assert.equal(await codeOf(h.as(me).charts.update({ id: kpi.id, chartType: 'line' })), 'CONFLICT');
    await h.as(me).charts.update({ id: kpi.id, chartType: 'metric' });
  });

  test('is_public is for owners and team admins; editors may not publish', async () => {
    const admin = await h.user('admin');
    const editor = await h.user('editor');
    const t = await h.as(admin).teams.create({ name: 'T' });
    await addMember(h, admin, t.id, editor, 'editor');
    const c = await chart(h, editor, { ownerTeamId: t.id });
    assert.equal(await codeOf(h.as(editor).charts.update({ id: c.id, isPublic: true })), 'FORBIDDEN');
    const publicForTeam = { ownerTeamId: t.id, isPublic: true };
    assert.equal(await codeOf(h.as(editor).charts.create(chartInput(publicForTeam))), 'FORBIDDEN');
    assert.equal(
      await codeOf(h.as(editor).dashboards.create({ title: 'x', templateId: TEMPLATE.single, ...publicForTeam })),
      'FORBIDDEN',
    );
    assert.equal(await codeOf(h.as(admin).charts.create(chartInput(publicForTeam))), 'OK');
    assert.equal((await h.as(admin).charts.update({ id: c.id, isPublic: true })).isPublic, true);
  });

  test('charts.data resolves the data source after the authorization check', async () => {
    const c = await chart(h, me);
    const data = await h.as(me).charts.data({ chartId: c.id, width: 800 });
    assert.equal(data.traces.length, 1);
    assert.deepEqual(data.traces[0]!.y, [10, 20, 15]);
    assert.equal(data.meta.sourcePoints, 3);
  });

  test('a dataset source must be one of the caller’s own datasets', async () => {
    const other = await h.user('other-data');
    const theirs = await h.as(other).workspace.items.create({
      itemType: 'dataset',
      title: 'Salaries',
      content: { columns: { x: [1] } },
    });
    const source = { kind: 'dataset', datasetId: theirs.id, mapping: { x: 'x', y: ['x'] } };
    assert.equal(await codeOf(h.as(me).charts.create(chartInput({ dataSourceConfig: source }))), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(other).charts.create(chartInput({ dataSourceConfig: source }))), 'OK');
  });

  async function datasetOf(owner: TestUser) {
    return await h.as(owner).workspace.items.create({
      itemType: 'dataset',
      title: 'Salaries',
      content: { columns: { x: [1, 2], y: [1000, 2000] } },
    });
  }

  /** A version written before data sources were checked on restore: pointing at `datasetId`. */
  async function legacyVersion(chartId: string, datasetId: string, createdBy: string): Promise<number> {
    const [row] = await rawQuery<{ version_number: number }>(
      h.db,
      `INSERT INTO chart_versions (chart_id, plotly_config, data_source_config, change_summary, created_by)
       SELECT id, plotly_config, $2::jsonb, 'legacy', $3 FROM charts WHERE id = $1 RETURNING version_number`,
      [chartId, JSON.stringify({ kind: 'dataset', datasetId, mapping: { x: 'x', y: ['y'] } }), createdBy],
    );
    return row!.version_number;
  }

  test('charts.restoreVersion runs the data-source checks of charts.update: a foreign dataset is refused', async () => {
    const stranger = await h.user('dataset-owner');
    const theirs = await datasetOf(stranger);
    const c = await chart(h, me);
    const versionNumber = await legacyVersion(c.id, theirs.id, stranger.id);
    const before = await h.as(me).charts.get({ id: c.id });
    const res = await h.call(me, 'charts.restoreVersion', { chartId: c.id, versionNumber });
    assert.equal(res.code, 'NOT_FOUND');
    assert.match(res.body.error!.message, /Dataset/);
    // Nothing changed: the same config, the same history, and the data still comes from the chart's own source.
    const afterwards = await h.as(me).charts.get({ id: c.id });
    assert.deepEqual(afterwards, before);
    const versions = await h.as(me).charts.versions({ chartId: c.id });
    assert.equal(versions[0]!.versionNumber, versionNumber);
    assert.deepEqual((await h.as(me).charts.data({ chartId: c.id })).traces[0]!.y, [10, 20, 15]);
    // The same version through charts.update is refused the same way.
    const update = await h.call(me, 'charts.update', {
      id: c.id,
      dataSourceConfig: { kind: 'dataset', datasetId: theirs.id, mapping: { x: 'x', y: ['y'] } },
    });
    assert.equal(update.code, 'NOT_FOUND');
  });

  test("a team chart may not read a member's personal dataset (create, update, restoreVersion, data)", async () => {
    const admin = await h.user('team-admin');
    const member = await h.user('team-member');
    const teamId = (await h.as(admin).teams.create({ name: 'Data team' })).id;
    await addMember(h, admin, teamId, member, 'editor');
    const mine = await datasetOf(member);
    const source = { kind: 'dataset', datasetId: mine.id, mapping: { x: 'x', y: ['y'] } };
    // The member's own chart may read it…
    await h.as(member).charts.create(chartInput({ dataSourceConfig: source }));
    // …a team chart may not, whoever writes it.
    const created = await h.call(
      member,
      'charts.create',
      chartInput({ ownerTeamId: teamId, dataSourceConfig: source }),
    );
    assert.equal(created.code, 'BAD_REQUEST');
    assert.match(created.body.error!.message, /team chart cannot read a dataset/);
    const teamChart = await chart(h, member, { ownerTeamId: teamId });
    const updated = await h.call(member, 'charts.update', { id: teamChart.id, dataSourceConfig: source });
    assert.equal(updated.code, 'BAD_REQUEST');
    const versionNumber = await legacyVersion(teamChart.id, mine.id, member.id);
    for (const who of [member, admin]) {
      const restored = await h.call(who, 'charts.restoreVersion', { chartId: teamChart.id, versionNumber });
      assert.equal(restored.code, who === member ? 'BAD_REQUEST' : 'NOT_FOUND');
    }
    // A team chart stored before this rule reads nothing from the member's dataset.
    await rawQuery(h.db, 'UPDATE charts SET data_source_config = $1::jsonb WHERE id = $2', [
      JSON.stringify(source),
      teamChart.id,
    ]);
    const data = await h.call(admin, 'charts.data', { chartId: teamChart.id });
    assert.equal(data.code, 'NOT_FOUND');
    assert.ok(!data.text.includes('2000'));
  });

  test('charts.delete takes its placements, versions, sharing links and workspace entries with it', async () => {
    const c = await chart(h, me);
    const d = await dashboard(h, me, { templateId: TEMPLATE.grid });
    await h.as(me).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'top-left', chartId: c.id });
    await h.as(me).sharing.create({ resourceType: 'chart', resourceId: c.id });
    await h.as(me).workspace.items.create({ itemType: 'chart', title: 'ref', referenceId: c.id });
    await h.as(me).charts.delete({ id: c.id });
    const counts = await rawQuery<{ n: number }>(
      h.db,
      `SELECT (SELECT count(*) FROM chart_placements WHERE chart_id = $1)
            + (SELECT count(*) FROM chart_versions WHERE chart_id = $1)
            + (SELECT count(*) FROM sharing_links WHERE resource_id = $1)
            + (SELECT count(*) FROM workspace_items WHERE reference_id = $1) AS n`,
      [c.id],
    );
    assert.equal(Number(counts[0]!.n), 0);
  });
});
