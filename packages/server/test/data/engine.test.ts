import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charts, type OcpDatabase } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import type { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { DataEngine, ResultCache, widthBucket } from '../../src/data/index.js';
import { addChart, addUser, forData, reloadChart } from './helpers.js';

const noDb = {} as OcpDatabase;
const inlineChart = (columns: Record<string, unknown[]>, extra: Record<string, unknown> = {}, id = 'c1') => ({
  id,
  updatedAt: '2026-01-01T00:00:00.000Z',
  plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }] },
  dataSourceConfig: { kind: 'inline', columns, mapping: { x: 't', y: ['v'] }, ...extra } as never,
});

describe('inline sources through the whole pipeline', () => {
  test('a 100,000-point series at 500 px (its 512 px bucket): 1,024 points, extremes and ends kept', async () => {
    const n = 100_000;
    const t = Array.from({ length: n }, (_, i) => i);
    const v = t.map((i) => Math.sin(i / 1000) + (i === 31_337 ? 50 : 0) - (i === 77_777 ? 60 : 0));
    const data = await new DataEngine().resolve(noDb, inlineChart({ t, v }), { width: 500 });
    const x = data.traces[0]!.x as number[];
    const y = data.traces[0]!.y as number[];
    assert.equal(x.length, 1024);
    assert.deepEqual(data.meta, {
      sourcePoints: n,
      returnedPoints: 1024,
      downsampled: true,
      columns: ['t', 'v'],
      timeBased: false,
      filtered: [],
      x: 't',
    });
    assert.equal(x[0], 0);
    assert.equal(x.at(-1), n - 1);
    assert.ok(x.includes(31_337) && x.includes(77_777));
    assert.equal(Math.max(...y), Math.max(...v));
    assert.equal(Math.min(...y), Math.min(...v));
  });

  test('range filters x (times), then transforms and a fixed point budget apply', async () => {
    const t = Array.from({ length: 48 }, (_, h) => new Date(Date.UTC(2026, 0, 1, h)).toISOString());
    const v = t.map((_, h) => h);
    const data = await new DataEngine().resolve(
      noDb,
      inlineChart(
        { t, v },
        {
          transforms: [
            {
              type: 'aggregate',
              groupBy: [],
              bucket: { column: 't', every: 'day' },
              measures: [{ column: 'v', op: 'avg' }],
            },
          ],
        },
      ),
      { range: { from: '2026-01-02T00:00:00Z' } },
    );
    assert.deepEqual(data.traces[0]!.x, ['2026-01-02T00:00:00.000Z']);
    assert.deepEqual(data.traces[0]!.y, [35.5]);
  });

  test('downsample transform: lttb method and a fixed budget; none leaves the series whole', async () => {
    const t = Array.from({ length: 5000 }, (_, i) => i);
    const v = t.map((i) => (i * 7919) % 101);
    const lttb = await new DataEngine().resolve(
      noDb,
      inlineChart({ t, v }, { transforms: [{ type: 'downsample', method: 'lttb', points: 50 }] }),
      {
        width: 1000,
      },
    );
    assert.equal((lttb.traces[0]!.x as number[]).length, 50);
    const none = await new DataEngine().resolve(
      noDb,
      inlineChart({ t, v }, { transforms: [{ type: 'downsample', method: 'none' }] }),
      {
        width: 100,
      },
    );
    assert.equal(none.meta.downsampled, false);
    assert.equal((none.traces[0]!.x as number[]).length, 5000);
  });

  test('pie, heatmap and indicator traces are never downsampled', async () => {
    const t = Array.from({ length: 300 }, (_, i) => `c${i}`);
    const v = t.map((_, i) => i);
    const chart = { ...inlineChart({ t, v }), plotlyConfig: { data: [{ type: 'pie' }] } };
    const data = await new DataEngine().resolve(noDb, chart, { width: 10 });
    assert.equal((data.traces[0]!.values as number[]).length, 300);
  });

  test('validation errors name the wrong field (zod path rooted at dataSourceConfig)', async () => {
    const bad = inlineChart(
      { t: [1], v: [1] },
      {
        transforms: [{ type: 'aggregate', groupBy: [], measures: [{ column: 'v', op: 'median' }] }],
      },
    );
    await assert.rejects(new DataEngine().resolve(noDb, bad), (e: TRPCError) => {
      assert.equal(e.code, 'BAD_REQUEST');
      assert.match(e.message, /dataSourceConfig\.transforms\.0\.measures\.0\.op/);
      assert.ok(e.cause instanceof ZodError);
      assert.deepEqual(e.cause.issues[0]!.path, ['dataSourceConfig', 'transforms', 0, 'measures', 0, 'op']);
      return true;
    });
    const clash = inlineChart(
      { t: [1], v: [1] },
      {
        transforms: [{ type: 'aggregate', groupBy: ['t'], measures: [{ column: 't', op: 'count' }] }],
      },
    );
    await assert.rejects(new DataEngine().resolve(noDb, clash), (e: TRPCError) =>
      /transforms\.0\.measures\.0\.as/.test(e.message),
    );
    await assert.rejects(
      new DataEngine().resolve(noDb, inlineChart({ t: [1], v: [1] }), { width: -5 }),
      (e: TRPCError) => e.code === 'BAD_REQUEST' && /width/.test(e.message),
    );
  });
});

describe('result cache', () => {
  test('concurrent identical requests share one computation; different params do not', async () => {
    const engine = new DataEngine();
    const chart = inlineChart({ t: [1, 2, 3], v: [3, 2, 1] });
    const results = await Promise.all(Array.from({ length: 10 }, () => engine.resolve(noDb, chart, { width: 300 })));
    assert.equal(engine.cache.computations, 1);
    assert.ok(results.every((r) => r === results[0]));
    await engine.resolve(noDb, chart, { width: 301 });
    assert.equal(engine.cache.computations, 1, '301 px is in the same 384 px bucket');
    await engine.resolve(noDb, chart, { width: 385 });
    assert.equal(engine.cache.computations, 2);
    await engine.resolve(noDb, chart, { width: 300 });
    assert.equal(engine.cache.computations, 2, 'served from the cache');
  });

  test('width is rounded up to buckets: 20 widths a caller walks through cost two computations', async () => {
    const engine = new DataEngine();
    const t = Array.from({ length: 50_000 }, (_, i) => i);
    const chart = inlineChart({ t, v: t.map((i) => Math.sin(i)) });
    for (let w = 1000; w < 1020; w++) await engine.resolve(noDb, chart, { width: w });
    assert.equal(engine.cache.computations, 1, '1000…1019 px all fall in the 1024 px bucket');
    for (const w of [1, 127, 128]) await engine.resolve(noDb, chart, { width: w });
    assert.equal(engine.cache.computations, 2, '1…128 px share one bucket');
    const wide = await engine.resolve(noDb, chart, { width: 3000 });
    assert.equal(wide.meta.returnedPoints, 8192, 'above 2048 px, the next power of two');
    assert.deepEqual(
      [1, 128, 129, 500, 2048, 2049, 5000, 20_000].map(widthBucket),
      [128, 128, 256, 512, 2048, 4096, 8192, 32_768],
    );
  });

  test('a failure is shared by the waiting requests but not cached', async () => {
    const cache = new ResultCache<number>();
    let calls = 0;
    const failing = () =>
      new Promise<number>((_, reject) => {
        calls++;
        setTimeout(() => reject(new Error('boom')), 10);
      });
    const both = await Promise.allSettled([
      cache.get('k', 'c', 'v1', 1000, failing),
      cache.get('k', 'c', 'v1', 1000, failing),
    ]);
    assert.deepEqual(
      both.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(calls, 1);
    assert.equal(await cache.get('k', 'c', 'v1', 1000, async () => 7), 7);
  });

  test('bounded (least recently used goes), and results expire after their TTL', async () => {
    let now = 0;
    const cache = new ResultCache<number>({ maxEntries: 2, now: () => now });
    await cache.get('a', 'a', '1', 100, async () => 1);
    await cache.get('b', 'b', '1', 100, async () => 2);
    await cache.get('a', 'a', '1', 100, async () => -1); // touch a
    await cache.get('c', 'c', '1', 100, async () => 3); // evicts b
    assert.equal(cache.size, 2);
    assert.equal(await cache.get('b', 'b', '1', 100, async () => 22), 22);
    now = 1000;
    assert.equal(await cache.get('b', 'b', '1', 100, async () => 222), 222, 'expired');
  });

  test('updating a chart changes its version: the next request recomputes and old entries are dropped', async () => {
    const db: TestDb = await createTestDb();
    try {
      const userId = await addUser(db);
      const engine = new DataEngine();
      const stored = await addChart(
        db,
        { userId },
        { kind: 'inline', columns: { t: [1, 2], v: [10, 20] }, mapping: { x: 't', y: ['v'] } },
      );
      const first = await engine.resolve(db.db, forData(stored), { width: 400 });
      assert.deepEqual(first.traces[0]!.y, [10, 20]);
      assert.equal(engine.cache.size, 1);
      await db.db
        .update(charts)
        .set({
          dataSourceConfig: { kind: 'inline', columns: { t: [1, 2], v: [11, 21] }, mapping: { x: 't', y: ['v'] } },
        })
        .where(eq(charts.id, stored.id));
      const updated = await reloadChart(db, stored.id);
      assert.notEqual(updated.updatedAt, stored.updatedAt, 'the trigger moved updated_at');
      const second = await engine.resolve(db.db, forData(updated), { width: 400 });
      assert.deepEqual(second.traces[0]!.y, [11, 21]);
      assert.equal(engine.cache.computations, 2);
      assert.equal(engine.cache.size, 1, 'the old version’s entry is gone');
      engine.invalidateChart(stored.id);
      assert.equal(engine.cache.size, 0);
    } finally {
      await db.close();
    }
  });
});
