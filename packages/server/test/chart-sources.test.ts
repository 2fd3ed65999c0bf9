import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChartData, DatasetPreview, SourceOptions } from '@ocp/contract';
import { energySites } from '@ocp/db';
import { chart, chartInput } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

/** What the chart editor reads before a source is saved: datasets' first rows, drafts' data, the choices offered. */
describe('chart sources before saving: charts.datasetPreview, charts.preview, charts.sourceOptions', () => {
  let h: Harness;
  let me: TestUser;
  let stranger: TestUser;
  before(async () => {
    h = await startHarness();
    [me, stranger] = await Promise.all([h.user('editor'), h.user('stranger')]);
  });
  after(() => h?.close());

  const upload = async (format: 'csv' | 'json', body: string) => {
    const res = await fetch(`${h.url}/datasets?${new URLSearchParams({ title: 'File', format })}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return ((await res.json()) as { result: { data: { id: string; schema: Array<{ name: string }> } } }).result.data;
  };

  test('a JSON import keeps the file column order, also for year-like column names', async () => {
    // JavaScript objects put integer-like keys first: without reading the order from the text, 2023 came first.
    const records = await upload('json', '[{"region":"North","2023":1,"2024":2},{"region":"South","2023":3,"2024":4}]');
    assert.deepEqual(
      records.schema.map((c) => c.name),
      ['region', '2023', '2024'],
    );
    const columns = await upload('json', '{"name":["a","b"],"10":[1,2],"2":[3,4],"note":["x","y"]}');
    assert.deepEqual(
      columns.schema.map((c) => c.name),
      ['name', '10', '2', 'note'],
    );
    const preview = ok(await h.call<DatasetPreview>(me, 'charts.datasetPreview', { datasetId: records.id }));
    assert.deepEqual(
      preview.schema.map((c) => c.name),
      ['region', '2023', '2024'],
    );
    assert.deepEqual(preview.rows, [
      ['North', 'South'],
      [1, 3],
      [2, 4],
    ]);
  });

  test('charts.datasetPreview: the first rows in file order, only for the dataset owner', async () => {
    const lines = [
      'zone,month,kwh',
      ...Array.from({ length: 30 }, (_, i) => `Z${i},2026-01-${String(i + 1).padStart(2, '0')},${i * 10}`),
    ];
    const { id } = await upload('csv', lines.join('\n'));
    const preview = ok(await h.call<DatasetPreview>(me, 'charts.datasetPreview', { datasetId: id, rows: 5 }));
    assert.equal(preview.rowCount, 30);
    assert.deepEqual(
      preview.schema.map((c) => [c.name, c.type]),
      [
        ['zone', 'string'],
        ['month', 'datetime'],
        ['kwh', 'number'],
      ],
    );
    assert.deepEqual(preview.rows[0], ['Z0', 'Z1', 'Z2', 'Z3', 'Z4']);
    assert.deepEqual(preview.rows[2], [0, 10, 20, 30, 40]);
    const hidden = await h.call(stranger, 'charts.datasetPreview', { datasetId: id });
    assert.equal(hidden.code, 'NOT_FOUND');
    const missing = await h.call(me, 'charts.datasetPreview', { datasetId: crypto.randomUUID() });
    assert.equal(missing.code, 'NOT_FOUND');
    assert.equal(hidden.text.replace(/"path".*/, ''), missing.text.replace(/"path".*/, ''));
  });

  test('charts.preview draws a dataset draft before any chart exists, as its owner only', async () => {
    const { id } = await upload('csv', 'month,sales,costs\nJan,10,7\nFeb,12,8\nMar,9,6');
    const draft = {
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: { kind: 'dataset', datasetId: id, mapping: { x: 'month', y: ['costs'] } },
      width: 600,
    };
    const data = ok(await h.call<ChartData>(me, 'charts.preview', draft));
    assert.deepEqual(data.traces[0]!.x, ['Jan', 'Feb', 'Mar']);
    assert.deepEqual(data.traces[0]!.y, [7, 8, 6]);
    // Someone else's dataset reads as missing.
    const theirs = await h.call(stranger, 'charts.preview', draft);
    assert.equal(theirs.code, 'NOT_FOUND');
    // A mapping naming a column the data lacks is the same error the saved chart would give.
    const wrong = await h.call(me, 'charts.preview', {
      ...draft,
      dataSourceConfig: { ...draft.dataSourceConfig, mapping: { x: 'month', y: ['profit'] } },
    });
    assert.equal(wrong.code, 'BAD_REQUEST');
    assert.match(wrong.text, /profit/);
  });

  test('charts.preview of an existing chart needs write access to it; http drafts meet the allow-list', async () => {
    const mine = await chart(h, me);
    const inline = chartInput().dataSourceConfig;
    const draft = { chartId: mine.id, plotlyConfig: { data: [{ type: 'bar' }] }, dataSourceConfig: inline };
    assert.deepEqual(ok(await h.call<ChartData>(me, 'charts.preview', draft)).traces[0]!.y, [10, 20, 15]);
    assert.equal((await h.call(stranger, 'charts.preview', draft)).code, 'NOT_FOUND');
    const refused = await h.call(me, 'charts.preview', {
      plotlyConfig: { data: [] },
      dataSourceConfig: { kind: 'http', url: 'https://not-allowed.example/data.json', mapping: { x: 't', y: ['v'] } },
    });
    assert.ok(refused.status >= 400 && refused.status < 500, refused.text);
    assert.match(refused.text, /not-allowed\.example|allow/i);
  });

  test('charts.sourceOptions: the energy sites and sql connections the caller may use', async () => {
    await h.db.db.insert(energySites).values([
      { name: 'Mine B', ownerUserId: me.id },
      { name: 'Mine A', ownerUserId: me.id },
      { name: 'Theirs', ownerUserId: stranger.id },
    ]);
    h.runtime.engine.registerSqlConnection({
      name: 'warehouse',
      url: 'postgres://nobody@127.0.0.1:1/none',
      role: 'reader',
      allowedUsers: [me.id],
    });
    h.runtime.engine.registerSqlConnection({
      name: 'finance',
      url: 'postgres://nobody@127.0.0.1:1/none',
      role: 'reader',
      allowedUsers: [stranger.id],
    });
    const options = ok(await h.call<SourceOptions>(me, 'charts.sourceOptions'));
    assert.deepEqual(
      options.energySites.map((s) => s.name),
      ['Mine A', 'Mine B'],
    );
    assert.deepEqual(options.sqlConnections, ['warehouse']);
    assert.deepEqual(ok(await h.call<SourceOptions>(stranger, 'charts.sourceOptions')).sqlConnections, ['finance']);
  });
});
