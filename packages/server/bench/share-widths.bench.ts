import { countText, databaseName, isQuick, msText, onEachDatabase, ratioText, Suite } from '@ocp/bench-kit';
import { createTestDb } from '@ocp/db/testing';
import { importDataset } from '../src/data/index.js';
import { appRouter, createContextInner } from '../src/index.js';

const WIDTHS = 20;

/**
 * What an anonymous sharing-link viewer costs the server by asking for 20 different widths of one chart
 * (1000…1019 px), against asking 20 times for the same width, both from a cold cache: each round makes two new
 * charts on the dataset and a link to each, then times the 20 calls of each through sharing.chartData.
 */
export async function run(): Promise<void> {
  const quick = isQuick();
  const rows = quick ? 20_000 : 500_000;
  const count = quick ? 1 : 5;
  const suite = new Suite({
    suite: 'share-widths',
    title: '20 widths of one shared chart against 20 times the same width',
    description:
      `An anonymous viewer of a sharing link asks \`sharing.chartData\` for ${WIDTHS} widths (1000…1019 px) of a ` +
      `chart on a ${countText(rows)}-row dataset, one call after the other; the baseline asks ${WIDTHS} times for ` +
      '1000 px. Both start from a cold cache (two new charts each round); the time is the sum of the calls.',
    params: { rows, widths: '1000…1019 px', rounds: count },
  });
  await onEachDatabase(
    async (kind) => {
      const db = await createTestDb();
      try {
        const owner = appRouter.createCaller(createContextInner({ db: db.db }));
        const credentials = { email: 'widths@example.test', password: 'correct horse battery' };
        await owner.auth.signUp({ ...credentials, displayName: 'Widths' });
        const { id: userId } = await owner.auth.signIn(credentials).then((r) => r.user);
        const me = appRouter.createCaller(
          createContextInner({ db: db.db, user: { id: userId, email: credentials.email } }),
        );
        const csv = [
          't,v',
          ...Array.from({ length: rows }, (_, i) => `${i},${Math.sin(i / 500) + (i % 97) / 100}`),
        ].join('\n');
        const dataset = await importDataset(db.db, userId, { title: 'wide', format: 'csv', text: csv });
        const anonymous = appRouter.createCaller(createContextInner({ db: db.db }));
        const sharedChart = async (title: string) => {
          const chart = await me.charts.create({
            title,
            chartType: 'line',
            plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }] },
            dataSourceConfig: { kind: 'dataset', datasetId: dataset.id, mapping: { x: 't', y: ['v'] } },
          });
          const link = await me.sharing.create({ resourceType: 'chart', resourceId: chart.id });
          return { chartId: chart.id, token: link.token };
        };
        const ask = async (c: { chartId: string; token: string }, width: (i: number) => number) => {
          const started = performance.now();
          for (let i = 0; i < WIDTHS; i++) await anonymous.sharing.chartData({ ...c, width: width(i) });
          return performance.now() - started;
        };
        const widths: number[] = [];
        const same: number[] = [];
        for (let round = 0; round < count; round++) {
          const a = await sharedChart(`Widths ${round}`);
          const b = await sharedChart(`Same ${round}`);
          // Alternate which goes first, so neither always meets a warmer database.
          if (round % 2 === 0) {
            widths.push(await ask(a, (i) => 1000 + i));
            same.push(await ask(b, () => 1000));
          } else {
            same.push(await ask(b, () => 1000));
            widths.push(await ask(a, (i) => 1000 + i));
          }
        }
        const name = databaseName(kind);
        suite.metric({ id: `${kind}.widths`, label: `${WIDTHS} widths (${name})`, unit: 'ms', samples: widths });
        suite.metric({ id: `${kind}.same`, label: `${WIDTHS} × the same width (${name})`, unit: 'ms', samples: same });
        const r = suite.ratio({
          id: `${kind}.widths`,
          label: `${WIDTHS} widths ÷ ${WIDTHS} × one width, cold (${name})`,
          ours: `${kind}.widths`,
          baseline: `${kind}.same`,
        });
        suite
          .quote(`${kind}.ratio`, ratioText(r.stats.median))
          .quote(`${kind}.widths`, msText(suite.metricMedian(`${kind}.widths`)));
      } finally {
        await db.close();
      }
    },
    { only: quick ? ['pglite'] : undefined },
  );
  suite.save();
}
