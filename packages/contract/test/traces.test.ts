import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTraces } from '../src/traces.js';

const columns = { day: ['Mon', 'Tue', 'Wed'], open: [1, 2, 3], high: [4, 5, 6], low: [0, 1, 2], close: [2, 3, 4] };

describe('buildTraces', () => {
  test('a histogram bins the y column (x is not used)', () => {
    const [t] = buildTraces({ data: [{ type: 'histogram' }] }, columns, { x: 'day', y: ['high'] });
    assert.deepEqual([t!.type, t!.x, t!.y], ['histogram', [4, 5, 6], undefined]);
  });

  test('a candlestick is one trace reading its four y columns as open, high, low, close', () => {
    const traces = buildTraces({ data: [{ type: 'candlestick' }] }, columns, {
      x: 'day',
      y: ['open', 'high', 'low', 'close'],
    });
    assert.equal(traces.length, 1);
    const t = traces[0]!;
    assert.deepEqual(
      [t.x, t.open, t.high, t.low, t.close],
      [columns.day, columns.open, columns.high, columns.low, columns.close],
    );
  });

  test('a heatmap takes its rows from the series column and its colours from y', () => {
    const [t] = buildTraces(
      { data: [{ type: 'heatmap' }] },
      { x: [1, 2], s: ['a', 'b'], v: [5, 6] },
      { x: 'x', y: ['v'], series: 's' },
    );
    assert.deepEqual(
      [t!.x, t!.y, t!.z],
      [
        [1, 2],
        ['a', 'b'],
        [5, 6],
      ],
    );
  });
});
