import { countText, type DatabaseKind, databaseName, msText, onEachDatabase, ratioText, Suite } from '@ocp/bench-kit';
import { authUsers, userProfiles } from '@ocp/db';
import { createTestDb } from '@ocp/db/testing';
import { createCaller, createContextInner, createOcpServer, embeddedAuth } from '@ocp/server';
import { importDataset } from '@ocp/server/data';
import type { BrowserSuite } from '../browser/bench.js';
import { call, openPage } from '../browser/chromium.js';
import { serveSite } from '../browser/site.js';

/** A meter-like series: daily cycle, noise, a few spikes; x is the row number. Same values in CSV and raw JSON. */
function series(points: number): { csv: string; json: Buffer } {
  let s = 42;
  const rand = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const x = new Array<number>(points);
  const y = new Array<number>(points);
  const lines = ['t,v'];
  for (let i = 0; i < points; i++) {
    const spike = rand() < 0.0001 ? (rand() - 0.5) * 400 : 0;
    x[i] = i;
    y[i] = Math.round((100 + 60 * Math.sin((2 * Math.PI * i) / 86_400) + (rand() - 0.5) * 20 + spike) * 1000) / 1000;
    lines.push(`${i},${y[i]}`);
  }
  return { csv: lines.join('\n'), json: Buffer.from(JSON.stringify({ x, y })) };
}

export const points1m: BrowserSuite = {
  name: 'points-1m',
  async run({ browser, quick }) {
    const points = quick ? 50_000 : 1_000_000;
    const roundsCount = quick ? 1 : 5;
    const suite = new Suite({
      suite: 'points-1m',
      title: `a ${countText(points)}-point series to rendered, end to end`,
      description:
        `A ${countText(points)}-point dataset (imported CSV) charted by \`<ocp-chart chart-id>\` through @ocp/client ` +
        'from a real server on loopback, 1000 px wide: the server reads the dataset, downsamples it (MinMaxLTTB) ' +
        "and the element draws the chart's `scattergl` trace of the ~2,000 points left with its SVG twin `scatter` " +
        "(few points draw sooner as SVG than WebGL sets up: see the elements' README). Cold: a chart the server has " +
        'not answered for yet (a new chart on the same dataset each round); warm: the same chart again (cached ' +
        'result). Baseline: fetching every raw point as JSON from the same server (pre-serialised, no database) ' +
        'and drawing it with bare `Plotly.newPlot` as `scattergl`. Time from creating the element (or starting the ' +
        "fetch) until Plotly has drawn (its promise; the element's render event), before GPU rasterisation: without " +
        'a GPU, SwiftShader rasterises a million-vertex line far slower than any GPU would, so each variant then ' +
        'waits, untimed, for its frame. Plotly is on the page before; the variants take turns on one page.',
      params: { points, rounds: roundsCount, plotWidth: 1000 },
    });
    suite.machine('chromium', `Chromium ${browser.version()}`);
    const { csv, json } = series(points);
    suite.param('rawJsonBytes', json.length);
    const measured = await onEachDatabase(
      async () => {
        const db = await createTestDb();
        const auth = embeddedAuth({ db: db.db });
        const ocp = createOcpServer({ db: db.db, auth });
        const site = await serveSite({
          pages: { points: { script: 'points', plotly: true } },
          extra: { '/raw-points.json': { type: 'application/json', body: json } },
          api: (req, res, next) => ocp.handler(req, res, next),
        });
        try {
          const [u] = await db.db
            .insert(authUsers)
            .values({ email: 'bench@example.test' })
            .returning({ id: authUsers.id });
          const user = { id: u!.id, email: 'bench@example.test' };
          await db.db.insert(userProfiles).values({ id: user.id, displayName: 'bench' });
          const token = await auth.issueToken(user);
          const dataset = await importDataset(db.db, user.id, { title: 'a million', format: 'csv', text: csv });
          const me = createCaller(createContextInner({ db: db.db, user }));
          const chartIds: string[] = [];
          for (let i = 0; i < roundsCount; i++) {
            const chart = await me.charts.create({
              title: `Points ${i}`,
              chartType: 'line',
              plotlyConfig: { data: [{ type: 'scattergl', mode: 'lines' }] },
              dataSourceConfig: { kind: 'dataset', datasetId: dataset.id, mapping: { x: 't', y: ['v'] } },
            });
            chartIds.push(chart.id);
          }
          const { page, close } = await openPage(browser, `${site.origin}/points.html`);
          try {
            await call(page, 'setup', { token });
            // Untimed: loads the code paths once (JIT, first scattergl context) on a chart of its own.
            const warmupChart = await me.charts.create({
              title: 'Warm-up',
              chartType: 'line',
              plotlyConfig: { data: [{ type: 'scattergl', mode: 'lines' }] },
              dataSourceConfig: { kind: 'dataset', datasetId: dataset.id, mapping: { x: 't', y: ['v'] } },
            });
            await call(page, 'element', { chartId: warmupChart.id });
            const out = { raw: [] as number[], cold: [] as number[], warm: [] as number[] };
            for (let i = 0; i < roundsCount; i++) {
              // Cold must precede warm for the same chart; the raw baseline alternates before and after them.
              if (i % 2 === 0) out.raw.push(await call<number>(page, 'raw'));
              out.cold.push(await call<number>(page, 'element', { chartId: chartIds[i] }));
              out.warm.push(await call<number>(page, 'element', { chartId: chartIds[i] }));
              if (i % 2 === 1) out.raw.push(await call<number>(page, 'raw'));
            }
            return out;
          } finally {
            await close();
          }
        } finally {
          await site.close();
          await db.close();
        }
      },
      { only: quick ? ['pglite'] : undefined },
    );
    for (const [kind, m] of Object.entries(measured) as [
      DatabaseKind,
      { raw: number[]; cold: number[]; warm: number[] },
    ][]) {
      const name = databaseName(kind);
      suite.metric({ id: `${kind}.cold`, label: `<ocp-chart>, cold (${name})`, unit: 'ms', samples: m.cold });
      suite.metric({ id: `${kind}.warm`, label: `<ocp-chart>, warm (${name})`, unit: 'ms', samples: m.warm });
      suite.metric({ id: `${kind}.raw`, label: `raw points to scattergl (${name} run)`, unit: 'ms', samples: m.raw });
      const target = { op: '<=' as const, value: 0.1, source: 'issue 17' };
      const cold = suite.ratio({
        id: `${kind}.cold`,
        label: `${countText(points)} points to rendered, cold ÷ raw scattergl (${name})`,
        ours: `${kind}.cold`,
        baseline: `${kind}.raw`,
        target,
        headline: true,
      });
      const warm = suite.ratio({
        id: `${kind}.warm`,
        label: `${countText(points)} points to rendered, warm ÷ raw scattergl (${name})`,
        ours: `${kind}.warm`,
        baseline: `${kind}.raw`,
        target,
        headline: true,
      });
      suite
        .quote(`${kind}.cold-ratio`, ratioText(cold.stats.median))
        .quote(`${kind}.warm-ratio`, ratioText(warm.stats.median))
        .quote(`${kind}.cold`, msText(suite.metricMedian(`${kind}.cold`)))
        .quote(`${kind}.raw`, msText(suite.metricMedian(`${kind}.raw`)));
    }
    suite.quote('points', countText(points));
    suite.save();
  },
};
