import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lttb, minMaxLttb, selectRows } from '../../src/data/index.js';
import { withNumericView } from '../../src/data/storage/numeric-view.js';

/** A deterministic noisy signal with spikes: the kind of series where naive decimation loses the extremes. */
function signal(n: number, seed = 1): { x: Float64Array; y: Float64Array } {
  let s = seed;
  const rand = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i * 1000;
    y[i] = Math.sin(i / 500) * 100 + (rand() - 0.5) * 20 + (rand() < 0.0005 ? (rand() - 0.5) * 2000 : 0);
  }
  return { x, y };
}

function argExtremes(y: ArrayLike<number>): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let i = 1; i < y.length; i++) {
    if (y[i]! < y[min]!) min = i;
    if (y[i]! > y[max]!) max = i;
  }
  return { min, max };
}

const increasing = (idx: Int32Array) => idx.every((v, i) => i === 0 || v > idx[i - 1]!);

describe('LTTB', () => {
  test('on a known input: keeps first/last and the apex of each bucket', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [0, 0, 9, 0, 0, -9, 0, 0];
    // 6 interior points in 2 buckets of 3: [1,2,3] → the peak at 2, [4,5,6] → the trough at 5.
    assert.deepEqual([...lttb(x, y, 4)], [0, 2, 5, 7]);
  });

  test('returns everything when asked for more points than there are', () => {
    assert.deepEqual([...lttb([0, 1, 2], [1, 2, 3], 10)], [0, 1, 2]);
  });
});

describe('MinMaxLTTB', () => {
  for (const [n, target] of [
    [1_000, 100],
    [100_000, 2_000],
    [250_001, 777],
    [50, 4],
  ] as const) {
    test(`${n} points → exactly ${target}, increasing, first/last and the global min and max kept`, () => {
      const { x, y } = signal(n, n);
      const idx = minMaxLttb(x, y, target);
      assert.equal(idx.length, target);
      assert.ok(increasing(idx), 'indexes strictly increase');
      assert.equal(idx[0], 0);
      assert.equal(idx[idx.length - 1], n - 1);
      const { min, max } = argExtremes(y);
      assert.ok(idx.includes(min), 'global minimum kept');
      assert.ok(idx.includes(max), 'global maximum kept');
    });
  }

  test('keeps the global extremes even where plain LTTB drops them', () => {
    // A wide plateau with a tiny dip next to a large spike: LTTB picks the spike's bucket apex and loses the dip.
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = new Float64Array(n).fill(10);
    y[5000] = 1000;
    y[5001] = 9.99; // global minimum, same bucket as the spike
    const plain = lttb(x, y, 100);
    assert.ok(!plain.includes(5001), 'plain LTTB loses the minimum here (the reason for the guarantee)');
    const idx = minMaxLttb(x, y, 100);
    assert.equal(idx.length, 100);
    assert.ok(idx.includes(5000) && idx.includes(5001));
  });

  test('the MinMax preselection makes it no worse than LTTB at keeping the series range', () => {
    const { x, y } = signal(200_000, 7);
    const range = (idx: Int32Array) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of idx) {
        lo = Math.min(lo, y[i]!);
        hi = Math.max(hi, y[i]!);
      }
      return hi - lo;
    };
    const full = range(Int32Array.from({ length: y.length }, (_, i) => i));
    assert.equal(range(minMaxLttb(x, y, 1000)), full);
    assert.ok(range(lttb(x, y, 1000)) <= full);
  });
});

describe('selectRows (what the engine keeps)', () => {
  test('several y columns share x: the union of each column’s picks, each column’s extremes kept', () => {
    const n = 20_000;
    const a = signal(n, 3);
    const b = signal(n, 4);
    const columns = { t: [...a.x], a: [...a.y], b: [...b.y].map((v, i) => (i % 10 === 0 ? null : v)) };
    const rows = selectRows(columns, { x: 't', y: ['a', 'b'] }, 1000, 'minmaxlttb')!;
    assert.ok(rows.length <= 1000 && rows.length >= 500, `${rows.length} rows`);
    for (const name of ['a', 'b'] as const) {
      const values = columns[name].map((v) => (v === null ? Number.NaN : v));
      const finite = values.filter(Number.isFinite);
      const kept = rows.map((r) => values[r]!).filter(Number.isFinite);
      assert.equal(Math.max(...kept), Math.max(...finite), `${name} max`);
      assert.equal(Math.min(...kept), Math.min(...finite), `${name} min`);
    }
  });

  test('with a series column, each series is downsampled on its own rows', () => {
    const n = 6_000;
    const { x, y } = signal(n, 9);
    const columns = {
      t: [...x].map((v) => Math.floor(v / 2)),
      v: [...y],
      s: Array.from({ length: n }, (_, i) => (i % 2 ? 'odd' : 'even')),
    };
    const rows = selectRows(columns, { x: 't', y: ['v'], series: 's' }, 100, 'minmaxlttb')!;
    const perSeries = (s: string) => rows.filter((r) => columns.s[r] === s).length;
    assert.equal(perSeries('odd'), 100);
    assert.equal(perSeries('even'), 100);
  });

  test('stored columns are scanned for order and finiteness once: a second chart on them reads only to downsample', () => {
    const n = 50_000;
    const { x, y } = signal(n, 5);
    // Stored columns (as read from a dataset): their values are what downsampling reads; every read is counted.
    let reads = 0;
    const counted = (values: Float64Array) =>
      new Proxy(values, {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key);
        },
      });
    const columns = {
      t: withNumericView([...x], counted(x)),
      v: withNumericView([...y], counted(y)),
    };
    const plain = selectRows({ t: [...x], v: [...y] }, { x: 't', y: ['v'] }, 500, 'minmaxlttb');
    const first = selectRows(columns, { x: 't', y: ['v'] }, 500, 'minmaxlttb');
    const firstReads = reads;
    reads = 0;
    const second = selectRows(columns, { x: 't', y: ['v'] }, 500, 'minmaxlttb');
    assert.deepEqual(first, plain);
    assert.deepEqual(second, plain);
    // The first also checked that x increases and y is finite everywhere: about 2n reads more than the second.
    assert.ok(firstReads - reads >= 2 * n, `first ${firstReads} reads, second ${reads}`);
  });

  test('a stored column with an empty cell is not taken whole, again and again', () => {
    const { x, y } = signal(5_000, 6);
    y[100] = Number.NaN; // an empty cell
    const cells = [...y].map((v) => (Number.isNaN(v) ? null : v));
    const columns = { t: withNumericView([...x], x), v: withNumericView(cells, y) };
    for (let i = 0; i < 2; i++) {
      const rows = selectRows(columns, { x: 't', y: ['v'] }, 200, 'minmaxlttb')!;
      assert.ok(!rows.includes(100), 'the empty cell is never chosen');
      assert.deepEqual(rows, selectRows({ t: [...x], v: cells }, { x: 't', y: ['v'] }, 200, 'minmaxlttb'));
    }
  });

  test('nothing to do when every series already fits', () => {
    assert.equal(selectRows({ t: [1, 2, 3], v: [1, 2, 3] }, { x: 't', y: ['v'] }, 10, 'lttb'), null);
  });
});
