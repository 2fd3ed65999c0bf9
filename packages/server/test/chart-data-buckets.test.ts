import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chart } from './fixtures.js';
import { type Harness, startHarness, type TestUser } from './harness.js';

describe('chart data widths are rounded to cache buckets', () => {
  let h: Harness;
  let me: TestUser;
  before(async () => {
    h = await startHarness();
    me = await h.user('owner');
  });
  after(() => h?.close());

  test('a signed-in call and 19 anonymous sharing-link calls at 1000…1019 px cost one computation', async () => {
    const t = Array.from({ length: 20_000 }, (_, i) => i);
    const c = await chart(h, me, {
      dataSourceConfig: { kind: 'inline', columns: { t, kw: t.map((i) => i % 17) }, mapping: { x: 't', y: ['kw'] } },
    });
    const link = await h.as(me).sharing.create({ resourceType: 'chart', resourceId: c.id });
    const before = h.runtime.engine.cache.computations;
    const signedIn = await h.as(me).charts.data({ chartId: c.id, width: 1000 });
    assert.equal(signedIn.meta.returnedPoints, 2048, '1000 px is computed for its 1024 px bucket');
    for (let width = 1001; width < 1020; width++) {
      const shared = await h.as(null).sharing.chartData({ token: link.token, chartId: c.id, width });
      assert.deepEqual(shared.traces, signedIn.traces);
    }
    assert.equal(h.runtime.engine.cache.computations - before, 1);
  });
});
