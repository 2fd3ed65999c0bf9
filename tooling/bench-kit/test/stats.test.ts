import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ratioText } from '../src/format.js';
import { measuredRounds, rounds } from '../src/rounds.js';
import { ratioSpread, summarize } from '../src/stats.js';

describe('summarize', () => {
  it('gives the median and quartiles of an odd and an even number of samples', () => {
    assert.deepEqual(summarize([5, 1, 3]), { n: 3, min: 1, p25: 2, median: 3, p75: 4, max: 5 });
    assert.equal(summarize([4, 1, 3, 2]).median, 2.5);
  });

  it('refuses no samples and non-finite ones (a broken measurement must not become a number)', () => {
    assert.throws(() => summarize([]), /no samples/);
    assert.throws(() => summarize([1, Number.NaN]), /finite/);
  });
});

describe('ratioSpread', () => {
  it('pairs samples taken in rounds: drift that hits both sides cancels out of the spread', () => {
    const ours = [10, 20, 40];
    const baseline = [100, 200, 400];
    const r = ratioSpread(ours, baseline);
    assert.equal(r.paired, true);
    assert.equal(r.min, 0.1);
    assert.equal(r.max, 0.1);
    assert.equal(r.median, 0.1);
  });

  it('quotes the median of the per-round ratios, which a slow round on both sides does not move', () => {
    // The medians divide to 25 / 30; round by round, three of four rounds say ×0.5.
    const r = ratioSpread([10, 30, 20, 100], [20, 20, 40, 200]);
    assert.equal(r.median, 0.5);
    assert.equal(r.max, 1.5);
  });

  it('without rounds, divides the medians and spans the widest the two sets allow', () => {
    const r = ratioSpread([1, 2, 3], [10, 20]);
    assert.equal(r.paired, false);
    assert.equal(r.median, 2 / 15);
    assert.equal(r.min, 1 / 20);
    assert.equal(r.max, 3 / 10);
  });
});

describe('ratioText', () => {
  it('writes ratios the way the docs quote them', () => {
    assert.equal(ratioText(0.02789), '×0.028');
    assert.equal(ratioText(0.6), '×0.60');
    assert.equal(ratioText(1.083), '×1.08');
    assert.equal(ratioText(24.12), '×24.1');
  });
});

describe('rounds', () => {
  it('runs every variant once per round, rotating who goes first, and times each', async () => {
    const order: string[] = [];
    const samples = await rounds(
      3,
      {
        a: () => {
          order.push('a');
          return 123; // a result is not a measurement
        },
        b: async () => {
          order.push('b');
          await new Promise((r) => setTimeout(r, 5));
        },
      },
      { warmup: 1 },
    );
    assert.deepEqual(order, ['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    assert.equal(samples.a.length, 3);
    assert.ok(samples.a.every((v) => v < 100));
    assert.ok(samples.b.every((v) => v >= 4));
  });

  it('keeps the samples that measuring variants return, in round order, after the warm-up', async () => {
    let n = 0;
    const samples = await measuredRounds(3, { a: () => ++n, b: async () => 7 }, { warmup: 1 });
    assert.deepEqual(samples.a, [2, 3, 4]);
    assert.deepEqual(samples.b, [7, 7, 7]);
    await assert.rejects(measuredRounds(1, { a: (() => undefined) as never }), /returned undefined/);
  });
});
