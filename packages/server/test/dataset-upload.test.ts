import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChartData, WorkspaceItemView } from '@ocp/contract';
import { createOcpServer } from '../src/index.js';
import { chart } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

const CSV = '\uFEFFmonth,site,"energy, kWh"\r\nJan,North,"1,200"\r\nFeb,North,980.5\r\n\r\nMar,"South ""B""",1010\r\n';

describe('POST /datasets: CSV and JSON files streamed into workspace datasets', () => {
  let h: Harness;
  let me: TestUser;
  before(async () => {
    h = await startHarness({ maxUploadBytes: 64 * 1024 });
    me = await h.user('uploader');
  });
  after(() => h?.close());

  const upload = (query: string, body: BodyInit, who: TestUser | null = me, extra: RequestInit = {}) =>
    fetch(`${h.url}/datasets?${query}`, {
      method: 'POST',
      body,
      headers: who ? { authorization: `Bearer ${who.token}` } : {},
      ...extra,
    });

  test('a CSV upload becomes a dataset item that a chart can read', async () => {
    const res = await upload('title=Site+energy&format=csv&folderPath=/Energy&tags=sites,import', CSV);
    assert.equal(res.status, 201);
    const { result } = (await res.json()) as {
      result: { data: { id: string; rowCount: number; schema: Array<{ name: string; type: string }> } };
    };
    assert.equal(result.data.rowCount, 3);
    assert.deepEqual(
      result.data.schema.map((c) => c.name),
      ['month', 'site', 'energy, kWh'],
    );
    const item = ok(await h.call<WorkspaceItemView>(me, 'workspace.items.get', { id: result.data.id }));
    assert.equal(item.itemType, 'dataset');
    assert.equal(item.folderPath, '/Energy');
    assert.deepEqual(item.tags, ['sites', 'import']);

    const c = await chart(h, me, {
      chartType: 'bar',
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: { kind: 'dataset', datasetId: result.data.id, mapping: { x: 'month', y: ['energy, kWh'] } },
    });
    const data = ok(await h.call<ChartData>(me, 'charts.data', { chartId: c.id }));
    assert.deepEqual(data.traces[0]!.x, ['Jan', 'Feb', 'Mar']);
    assert.equal(data.meta.sourcePoints, 3);
  });

  test('JSON arrays of records are accepted too', async () => {
    const res = await upload(
      'title=Readings&format=json',
      JSON.stringify([
        { t: 1, kwh: 2.5 },
        { t: 2, kwh: 3 },
      ]),
    );
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as { result: { data: { rowCount: number } } }).result.data.rowCount, 2);
  });

  test('no sign-in is UNAUTHORIZED; a wrong query names the field; a broken file is BAD_REQUEST', async () => {
    const anon = await upload('title=x&format=csv', CSV, null);
    assert.equal(anon.status, 401);
    const noTitle = await upload('format=csv', CSV);
    assert.equal(noTitle.status, 400);
    assert.match(((await noTitle.json()) as { error: { message: string } }).error.message, /^title/);
    const xml = await upload('title=x&format=xml', '<a/>');
    assert.equal(xml.status, 400);
    assert.match(((await xml.json()) as { error: { message: string } }).error.message, /^format/);
    const badPath = await upload('title=x&format=csv&folderPath=../etc', CSV);
    assert.equal(badPath.status, 400);
    const broken = await upload('title=x&format=csv', 'a,b\n"unclosed,1\n');
    assert.equal(broken.status, 400);
    const get = await fetch(`${h.url}/datasets`);
    assert.equal(get.status, 405);
  });

  test('files over the limit are 413, declared or streamed without a length, and the server keeps serving', async () => {
    const big = `a,b\n${'1,2\n'.repeat(20_000)}`; // 80 kB > 64 kB
    const declared = await upload('title=big&format=csv', big);
    assert.equal(declared.status, 413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.subarray(i, i + 8192));
        controller.close();
      },
    });
    const streamed = await upload('title=big&format=csv', chunks, me, { duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.match(((await streamed.json()) as { error: { message: string } }).error.message, /larger than/);
    const after = await upload('title=small&format=csv', 'a,b\n1,2\n');
    assert.equal(after.status, 201);
  });

  test('the Fetch handler accepts uploads the same way', async () => {
    const ocp = createOcpServer({ db: h.db.db, auth: h.auth });
    const res = await ocp.fetch(
      new Request('http://x/datasets?title=From+fetch&format=csv', {
        method: 'POST',
        body: CSV,
        headers: { authorization: `Bearer ${me.token}` },
      }),
    );
    assert.equal(res.status, 201);
  });
});
