import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ratioChart } from '../src/docs/chart.js';
import { rewriteRegions } from '../src/docs/regions.js';
import { resolver } from '../src/docs/update.js';
import { readResults, Suite } from '../src/result.js';

/** A suite result as `pnpm bench` writes it, into a throwaway results folder. */
function sampleResults() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-kit-'));
  process.env.OCP_BENCH_RESULTS_DIR = dir;
  const suite = new Suite({ suite: 'api', title: 'HTTP', description: 'dashboards.get against a bare handler.' });
  suite.metric({ id: 'trpc', label: 'tRPC', unit: 'req/s', samples: [600, 700, 680, 690, 650] });
  suite.metric({ id: 'bare', label: 'bare', unit: 'req/s', samples: [24_000, 25_000, 24_500, 24_400, 23_000] });
  suite.ratio({
    id: 'trpc-vs-bare',
    label: 'tRPC ÷ bare <node:http>',
    ours: 'trpc',
    baseline: 'bare',
    target: { op: '>=', value: 0.7, source: 'issue 17' },
    headline: true,
  });
  suite.quote('ratio', '×0.028');
  const log = console.log;
  console.log = () => {};
  try {
    suite.save();
  } finally {
    console.log = log;
  }
  return readResults(false);
}

describe('bench:docs', () => {
  it('replaces the text inside marked regions and leaves the markers for the next run', () => {
    const md = 'req/s is <!-- bench:api.ratio -->×0.5<!-- /bench --> of bare; <!-- bench:api.nope -->7<!-- /bench -->.';
    const r = rewriteRegions(md, (k) => (k === 'api.ratio' ? '×0.028' : undefined));
    assert.equal(
      r.text,
      'req/s is <!-- bench:api.ratio -->×0.028<!-- /bench --> of bare; <!-- bench:api.nope -->7<!-- /bench -->.',
    );
    assert.deepEqual(r.missing, ['api.nope']);
  });

  it('fills quotes and the tables from the saved results, with the target verdict', () => {
    const results = sampleResults();
    assert.equal(results.length, 1);
    const resolve = resolver(results);
    assert.equal(resolve('api.ratio'), '×0.028');
    assert.equal(resolve('api.missing'), undefined);
    const table = resolve('benchmarks.table')!;
    assert.match(
      table,
      /\| `api` \| tRPC ÷ bare &lt;node:http&gt; \| 680 req\/s \| 24,400 req\/s \| \*\*×0.028\*\* \|/,
    );
    assert.match(table, /≥ ×0.70: \*\*missed\*\*/);
    assert.match(resolve('benchmarks.suites')!, /dashboards.get against a bare handler/);
  });

  it('draws one bar per headline ratio, with its target and a text alternative', () => {
    const svg = ratioChart(sampleResults());
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="title"/);
    assert.match(svg, /<desc>tRPC ÷ bare &lt;node:http&gt;: ×0.028, target missed<\/desc>/);
    assert.equal((svg.match(/<rect x=/g) ?? []).length, 1);
    assert.match(svg, /tRPC ÷ bare &lt;node:http&gt; ↑/);
    assert.match(svg, /<path d="M/);
  });
});
