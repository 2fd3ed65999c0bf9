import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoCharts, generateEnergyReadings, seedEnergyDemo } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { DataEngine } from '../../src/data/index.js';
import { addChart, addTeam, addUser, forData } from './helpers.js';

const START = '2026-10-01T00:00:00.000Z';
const DAYS = 35;
const STEP = 15 * 60_000;
const energyPlotly = demoCharts().find((c) => c.key === 'energy')!.plotlyConfig;

describe('energy source (the energy tables, aggregated in SQL)', () => {
  let db: TestDb;
  let memberId: string;
  let siteIds: Record<string, string>;
  const engine = new DataEngine();
  const generated = generateEnergyReadings({ start: START, days: DAYS });
  /** Σ over sites of one source's kWh in steps [from, to). */
  const kwh = (source: 'solar' | 'demand' | 'grid', from: number, to: number, sites = generated) => {
    let sum = 0;
    for (const site of sites) for (let i = from; i < to; i++) sum += site.series[source]?.[i] ?? 0;
    return sum;
  };
  const step = (iso: string) => (Date.parse(iso) - Date.parse(START)) / STEP;

  before(async () => {
    db = await createTestDb();
    memberId = await addUser(db, 'member');
    const teamId = await addTeam(db, memberId);
    siteIds = (await seedEnergyDemo(db.db, { ownerTeamId: teamId, start: START, days: DAYS })).siteIds;
  });
  after(() => db?.close());

  const energyChart = (extra: Record<string, unknown> = {}, owner: { userId?: string } = {}) =>
    addChart(db, { userId: owner.userId ?? memberId }, { kind: 'energy', ...extra } as never, energyPlotly);

  test('one day at 1,000 px: 15-minute buckets of average kW, stacked sources, demand, band and the anomaly', async () => {
    const chart = await energyChart({ range: { from: '2026-10-29T00:00:00Z', to: '2026-10-30T00:00:00Z' } });
    const data = await engine.resolve(db.db, forData(chart), { width: 1000 });
    assert.deepEqual(
      data.traces.map((t) => t.name),
      ['Solar', 'Wind', 'Battery', 'Grid', 'Demand', 'Forecast low', 'Forecast band', 'Forecast', 'Anomaly'],
    );
    const [solar, , , , demand, lower, upper, forecast, anomaly] = data.traces as Array<{
      x: string[];
      y: (number | null)[];
    }>;
    assert.equal(demand!.x.length, 96);
    assert.equal(demand!.x[0], '2026-10-29T00:00:00.000Z');
    const { columns: _c, ...meta } = data.meta;
    assert.deepEqual(meta, {
      sourcePoints: 96 * 12,
      returnedPoints: 96,
      downsampled: false,
      timeBased: true,
      filtered: [],
    });
    const first = step('2026-10-29T00:00:00Z');
    const noon = first + 48;
    // Average kW over a 15-minute bucket = kWh × 4.
    assert.ok(Math.abs(demand!.y[0]! - kwh('demand', first, first + 1) * 4) < 1e-6);
    assert.ok(Math.abs(solar!.y[48]! - kwh('solar', noon, noon + 1) * 4) < 1e-6);
    assert.equal(solar!.y[0], 0, 'no sun at midnight');
    for (let i = 0; i < 96; i++) {
      assert.ok(lower!.y[i]! <= forecast!.y[i]! && forecast!.y[i]! <= upper!.y[i]!, `band at ${i}`);
    }
    const flagged = anomaly!.x.filter((_, i) => anomaly!.y[i] !== null);
    assert.deepEqual(flagged, ['2026-10-29T18:00:00.000Z', '2026-10-29T18:15:00.000Z', '2026-10-29T18:30:00.000Z']);
    const at = demand!.x.indexOf('2026-10-29T18:00:00.000Z');
    assert.equal(anomaly!.y[at], demand!.y[at], 'the marker sits on the demand line');
  });

  test('a narrower width picks a coarser bucket: one week at 100 px is hourly', async () => {
    const chart = await energyChart({ range: { from: '2026-10-26T00:00:00Z', to: '2026-11-02T00:00:00Z' } });
    const data = await engine.resolve(db.db, forData(chart), { width: 100 });
    const demand = data.traces[4] as { x: string[]; y: number[] };
    assert.equal(demand.x.length, 168);
    const h = step('2026-10-26T00:00:00Z') + 10 * 4; // 10:00 on Monday
    assert.ok(Math.abs(demand.y[10]! - kwh('demand', h, h + 4)) < 1e-6, 'kWh over one hour = average kW');
    assert.equal(data.meta.downsampled, false);
  });

  test('the request range narrows the configured one, and measure: energy sums kWh per bucket', async () => {
    const chart = await energyChart({ bucket: 'day', measure: 'energy', range: { from: '2026-10-01T00:00:00Z' } });
    const data = await engine.resolve(db.db, forData(chart), {
      range: { from: '2026-10-05T00:00:00Z', to: '2026-10-07T00:00:00Z' },
    });
    const grid = data.traces[3] as { x: string[]; y: number[] };
    assert.deepEqual(grid.x, ['2026-10-05T00:00:00.000Z', '2026-10-06T00:00:00.000Z']);
    const d = step('2026-10-05T00:00:00Z');
    assert.ok(Math.abs(grid.y[0]! - kwh('grid', d, d + 96)) < 1e-6);
  });

  test('siteIds picks sites; a chart whose owner cannot see the sites gets no data', async () => {
    const east = await energyChart({ siteIds: [siteIds['East depot']], bucket: 'day', measure: 'energy' });
    const data = await engine.resolve(db.db, forData(east), {
      range: { from: '2026-10-05T00:00:00Z', to: '2026-10-06T00:00:00Z' },
    });
    const d = step('2026-10-05T00:00:00Z');
    assert.ok(Math.abs((data.traces[4]!.y as number[])[0]! - kwh('demand', d, d + 96, [generated[2]!])) < 1e-6);
    assert.deepEqual(data.traces[1]!.y, [null], 'no wind meter at East depot');

    const stranger = await addUser(db, 'stranger');
    const foreign = await energyChart({}, { userId: stranger });
    const none = await engine.resolve(db.db, forData(foreign), { width: 800 });
    assert.ok(none.traces.every((t) => (t.x as unknown[]).length === 0));
    assert.equal(none.meta.sourcePoints, 0);
  });

  test('15-minute buckets over five weeks at 500 px: downsampled to ≤ 1,000 rows that every stacked trace shares', async () => {
    const chart = await energyChart({ bucket: '15min', forecastModel: null, anomalyDetector: null });
    const data = await engine.resolve(db.db, forData(chart), { width: 500 });
    assert.equal(data.meta.sourcePoints, DAYS * 96 * 12);
    assert.ok(data.meta.downsampled);
    assert.ok(data.meta.returnedPoints <= 1000 && data.meta.returnedPoints > 500, `${data.meta.returnedPoints}`);
    const xs = data.traces.slice(0, 4).map((t) => JSON.stringify(t.x));
    assert.ok(
      xs.every((x) => x === xs[0]),
      'stacked traces keep the same x values',
    );
    const demand = data.traces[4]!.y as number[];
    const all = Array.from({ length: DAYS * 96 }, (_, i) => kwh('demand', i, i + 1) * 4);
    assert.ok(Math.abs(Math.max(...demand) - Math.max(...all)) < 1e-6, 'the demand peak survives');
    assert.ok(
      data.traces.slice(5).every((t) => (t.y as unknown[]).every((v) => v === null)),
      'no band, no markers',
    );
  });

  test('the demo’s own energy chart configs resolve', async () => {
    for (const c of demoCharts().filter((d) => d.chartType === 'energy')) {
      const chart = await addChart(db, { userId: memberId }, c.dataSourceConfig, c.plotlyConfig);
      const data = await engine.resolve(db.db, forData(chart), { width: 900 });
      assert.ok((data.traces[4]!.x as unknown[]).length > 0, c.key);
    }
  });
});
