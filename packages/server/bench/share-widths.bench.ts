import { createTestDb } from '@ocp/db/testing';
import { importDataset } from '../src/data/index.js';
import { appRouter, createContextInner } from '../src/index.js';
import { round, writeResult } from './harness.js';

/**
 * What an anonymous sharing-link viewer costs the server by asking for 20 different widths of one chart (a dataset
 * of 500,000 rows): each call through sharing.chartData, timed one after the other, cold cache.
 */
export async function run(): Promise<void> {
  const db = await createTestDb();
  const owner = appRouter.createCaller(createContextInner({ db: db.db }));
  const credentials = { email: 'widths@example.test', password: 'correct horse battery' };
  await owner.auth.signUp({ ...credentials, displayName: 'Widths' });
  const { id: userId } = await owner.auth.signIn(credentials).then((r) => r.user);
  const user = { id: userId, email: 'widths@example.test' };
  const me = appRouter.createCaller(createContextInner({ db: db.db, user }));
  const n = 500_000;
  const csv = ['t,v', ...Array.from({ length: n }, (_, i) => `${i},${Math.sin(i / 500) + (i % 97) / 100}`)].join('\n');
  const dataset = await importDataset(db.db, userId, { title: 'wide', format: 'csv', text: csv });
  const chart = await me.charts.create({
    title: 'Wide',
    chartType: 'line',
    plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }] },
    dataSourceConfig: { kind: 'dataset', datasetId: dataset.id, mapping: { x: 't', y: ['v'] } },
  });
  const link = await me.sharing.create({ resourceType: 'chart', resourceId: chart.id });
  const anonymous = appRouter.createCaller(createContextInner({ db: db.db }));
  const times: number[] = [];
  for (let w = 1000; w < 1020; w++) {
    const started = performance.now();
    await anonymous.sharing.chartData({ token: link.token, chartId: chart.id, width: w });
    times.push(performance.now() - started);
  }
  const total = times.reduce((a, b) => a + b, 0);
  const result = {
    target: db.kind,
    rows: n,
    widths: '1000…1019 px',
    totalMs: round(total),
    firstMs: round(times[0]!),
    slowestMs: round(Math.max(...times)),
    medianMs: round([...times].sort((a, b) => a - b)[10]!),
  };
  console.log(result);
  writeResult(`share-widths-${db.kind}`, result);
  await db.close();
}
