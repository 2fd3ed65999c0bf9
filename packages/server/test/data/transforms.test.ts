import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TRPCError } from '@trpc/server';
import { bucketStart, parseTime, toMillis } from '../../src/data/time.js';
import { aggregate, applyTransforms, pivot, timeRange } from '../../src/data/transforms.js';

const readings = {
  ts: [
    '2026-03-02T00:10:00Z',
    '2026-03-02T00:50:00Z',
    '2026-03-02T01:05:00Z',
    '2026-03-02T01:20:00Z',
    '2026-03-02T02:00:00Z',
    'not a time',
  ],
  site: ['a', 'b', 'a', 'a', 'b', 'a'],
  kwh: [1, 2, 3, 5, 8, 13],
};

describe('time helpers', () => {
  test('times without an offset are UTC, whatever the server time zone', () => {
    assert.equal(parseTime('2026-03-02 10:00'), Date.UTC(2026, 2, 2, 10));
    assert.equal(parseTime('2026-03-02T10:00:00+02:00'), Date.UTC(2026, 2, 2, 8));
    assert.equal(toMillis(42), 42);
    assert.ok(Number.isNaN(toMillis('soon')));
  });

  test('buckets: 15 minutes, hour, day, Monday weeks, calendar months (UTC)', () => {
    const t = Date.UTC(2026, 2, 5, 13, 47, 12); // Thursday 5 March 2026
    assert.equal(bucketStart(t, '15min'), Date.UTC(2026, 2, 5, 13, 45));
    assert.equal(bucketStart(t, 'hour'), Date.UTC(2026, 2, 5, 13));
    assert.equal(bucketStart(t, 'day'), Date.UTC(2026, 2, 5));
    assert.equal(bucketStart(t, 'week'), Date.UTC(2026, 2, 2)); // Monday
    assert.equal(bucketStart(t, 'month'), Date.UTC(2026, 2, 1));
  });
});

describe('timeRange', () => {
  test('keeps rows within [from, to], both ends included, and drops rows that are not times', () => {
    const out = timeRange(readings, { column: 'ts', from: '2026-03-02T00:50:00Z', to: '2026-03-02T01:20:00Z' });
    assert.deepEqual(out.kwh, [2, 3, 5]);
    assert.deepEqual(out.site, ['b', 'a', 'a']);
    assert.deepEqual(timeRange(readings, { column: 'ts', from: Date.UTC(2026, 2, 2, 1, 30) }).kwh, [8]);
  });

  test('names the missing column', () => {
    assert.throws(
      () => timeRange(readings, { column: 'time' }, 'dataSourceConfig.transforms.0'),
      (e: TRPCError) => e.code === 'BAD_REQUEST' && /transforms\.0: no column "time"/.test(e.message),
    );
  });
});

describe('aggregate', () => {
  test('hour buckets × site with sum, avg, min, max, count', () => {
    const out = aggregate(readings, {
      groupBy: ['site'],
      bucket: { column: 'ts', every: 'hour' },
      measures: [
        { column: 'kwh', op: 'sum' },
        { column: 'kwh', op: 'avg', as: 'avg' },
        { column: 'kwh', op: 'min', as: 'min' },
        { column: 'kwh', op: 'max', as: 'max' },
        { column: 'kwh', op: 'count', as: 'n' },
      ],
    });
    assert.deepEqual(out, {
      ts: [
        '2026-03-02T00:00:00.000Z',
        '2026-03-02T00:00:00.000Z',
        '2026-03-02T01:00:00.000Z',
        '2026-03-02T02:00:00.000Z',
      ],
      site: ['a', 'b', 'a', 'b'],
      kwh: [1, 2, 8, 8],
      avg: [1, 2, 4, 8],
      min: [1, 2, 3, 8],
      max: [1, 2, 5, 8],
      n: [1, 1, 2, 1],
    });
  });

  test('without a bucket: one row per group; non-numbers are skipped by numeric ops but counted', () => {
    const out = aggregate(
      { g: ['x', 'y', 'x', 'x'], v: [1, 'n/a', null, 4] },
      {
        groupBy: ['g'],
        measures: [
          { column: 'v', op: 'sum' },
          { column: 'v', op: 'count', as: 'c' },
        ],
      },
    );
    assert.deepEqual(out, { g: ['x', 'y'], v: [5, null], c: [2, 1] });
  });

  test('monthly buckets in order even when rows arrive out of order', () => {
    const out = aggregate(
      { t: ['2026-02-10', '2026-01-31', '2026-02-01', '2026-01-01'], v: [1, 2, 3, 4] },
      { groupBy: [], bucket: { column: 't', every: 'month' }, measures: [{ column: 'v', op: 'sum' }] },
    );
    assert.deepEqual(out, { t: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'], v: [6, 4] });
  });
});

describe('pivot', () => {
  test('long to wide, first-seen order, null where a pair is missing, last value wins', () => {
    const out = pivot(
      {
        day: ['mon', 'mon', 'tue', 'tue', 'wed', 'wed'],
        source: ['solar', 'wind', 'solar', 'solar', 'wind', 'grid'],
        kwh: [1, 2, 3, 4, 5, 6],
      },
      { index: 'day', columns: 'source', values: 'kwh' },
    );
    assert.deepEqual(out, {
      day: ['mon', 'tue', 'wed'],
      solar: [1, 4, null],
      wind: [2, null, 5],
      grid: [null, null, 6],
    });
  });
});

describe('applyTransforms', () => {
  test('runs in order: filter, then aggregate per day, then pivot sites into columns', () => {
    const out = applyTransforms(readings, [
      { type: 'timeRange', column: 'ts', from: '2026-03-02T00:00:00Z' },
      {
        type: 'aggregate',
        groupBy: ['site'],
        bucket: { column: 'ts', every: 'day' },
        measures: [{ column: 'kwh', op: 'sum' }],
      },
      { type: 'pivot', index: 'ts', columns: 'site', values: 'kwh' },
      { type: 'downsample', method: 'lttb' },
    ]);
    assert.deepEqual(out, { ts: ['2026-03-02T00:00:00.000Z'], a: [9], b: [10] });
  });

  test('an error names the transform by position', () => {
    assert.throws(
      () => applyTransforms(readings, [{ type: 'pivot', index: 'ts', columns: 'nope', values: 'kwh' }]),
      (e: TRPCError) => /dataSourceConfig\.transforms\.0: no column "nope"/.test(e.message),
    );
  });
});
