import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dataSourceConfigSchema } from '@ocp/contract';
import {
  authUsers,
  demoCharts,
  ENERGY_DEMO_START,
  ENERGY_STEP_MS,
  generateEnergyReadings,
  INJECTED_ANOMALIES,
  installSystemTemplates,
  medianAndMad,
  residualMadAnomalies,
  STEPS_PER_WEEK,
  seasonalNaiveForecast,
  seedDemoData,
  seedEnergyDemo,
} from '../src/index.js';
import { createTestDb, pgErrorCode, rawQuery, type TestDb } from '../src/testing.js';

const iso = (start: string, index: number) => new Date(Date.parse(start) + index * ENERGY_STEP_MS).toISOString();

describe('seasonal naive forecast on known inputs', () => {
  test('repeats the median of the same slot of past seasons; nothing in the first season', () => {
    const values = [1, 2, 3, 1, 2, 3, 10, 2, 3];
    const f = seasonalNaiveForecast(values, { season: 3, cycles: 2, horizon: 3, z: 2 });
    assert.equal(f.predicted.length, 12);
    assert.ok(f.predicted.slice(0, 3).every(Number.isNaN));
    // t=3..5: one past season; t=6..8: median of two; t=9..11 (ahead): the last two observed seasons.
    assert.deepEqual([...f.predicted.slice(3)], [1, 2, 3, 1, 2, 3, 5.5, 2, 3]);
    // In-sample residuals: [0,0,0, 9,0,0] → median 0, MAD 0 → a zero-width band.
    assert.equal(f.sigma, 0);
    assert.deepEqual([...f.lower.slice(3)], [...f.predicted.slice(3)]);
  });

  test('the median keeps one anomalous season from echoing into the next forecasts', () => {
    const week = [5, 7];
    const values = [...week, ...week, 50, 7, ...week];
    const f = seasonalNaiveForecast(values, { season: 2, cycles: 3, horizon: 2 });
    // Ahead: median of (5, 50, 5) = 5, where a mean would say 20.
    assert.deepEqual([...f.predicted.slice(8)], [5, 7]);
  });

  test('the band is ± z robust standard deviations of the residuals', () => {
    // season 1: predicted[t] = values[t-1]; residuals are the first differences 1, -1, 2, -2, 1
    const f = seasonalNaiveForecast([0, 1, 0, 2, 0, 1], { season: 1, cycles: 1, z: 2 });
    const { mad } = medianAndMad([1, -1, 2, -2, 1]);
    assert.equal(mad, 1);
    assert.equal(f.sigma, 1.4826);
    assert.ok(Math.abs(f.upper[3]! - (0 + 2 * 1.4826)) < 1e-12);
    assert.ok(Math.abs(f.lower[3]! - (0 - 2 * 1.4826)) < 1e-12);
  });

  test('rejects a horizon longer than a season', () => {
    assert.throws(() => seasonalNaiveForecast([1, 2, 3], { season: 1, horizon: 2 }), RangeError);
  });
});

describe('residual-MAD anomaly detector on known inputs', () => {
  test('flags only residuals beyond k robust standard deviations, with their scores', () => {
    const expected = [10, 10, 10, 10, 10, 10, 10, 10];
    const actual = [10, 11, 9, 10, 11, 9, 10, 30];
    const found = residualMadAnomalies(actual, expected, { k: 5 });
    assert.equal(found.length, 1);
    assert.equal(found[0]!.index, 7);
    assert.equal(found[0]!.expected, 10);
    // median residual 0, MAD 1 → score 20 / 1.4826
    assert.ok(Math.abs(found[0]!.score - 20 / 1.4826) < 1e-9);
    assert.equal(residualMadAnomalies(actual, expected, { k: 14 }).length, 0);
  });

  test('skips points without a forecast (NaN) and handles a zero MAD', () => {
    const found = residualMadAnomalies([1, 1, 1, 5], [Number.NaN, 1, 1, 1]);
    assert.deepEqual(
      found.map((a) => [a.index, a.score]),
      [[3, Number.POSITIVE_INFINITY]],
    );
  });
});

describe('energy demo generator', () => {
  const year = generateEnergyReadings();

  test('a year of 15-minute readings for three sites, twelve meters, deterministic', () => {
    assert.deepEqual(
      year.map((s) => [s.name, Object.keys(s.series).sort()]),
      [
        ['North plant', ['battery', 'demand', 'grid', 'solar', 'wind']],
        ['South campus', ['battery', 'demand', 'grid', 'solar']],
        ['East depot', ['demand', 'grid', 'solar']],
      ],
    );
    for (const site of year) for (const v of Object.values(site.series)) assert.equal(v.length, 35_040);
    const again = generateEnergyReadings({ days: 3 });
    assert.deepEqual([...again[0]!.series.demand!], [...year[0]!.series.demand!.subarray(0, 3 * 96)]);
  });

  test('physical sanity: no solar at midnight, battery charges (negative) at noon, grid covers the rest', () => {
    const north = year[0]!.series;
    for (let day = 0; day < 365; day++) assert.equal(north.solar![day * 96], 0);
    assert.ok(north.battery!.some((v) => v < 0));
    assert.ok(north.solar!.every((v) => v >= 0) && north.grid!.every((v) => v >= 0));
    for (let i = 0; i < 35_040; i += 97) {
      const supply = north.solar![i]! + north.wind![i]! + north.battery![i]!;
      assert.ok(Math.abs(north.grid![i]! - Math.max(0, north.demand![i]! - supply)) < 0.002, `step ${i}`);
    }
  });

  test('the forecast and the detector find exactly the injected demand events over the year', () => {
    const flagged = new Set<string>();
    for (const site of year) {
      const demand = site.series.demand!;
      const f = seasonalNaiveForecast(demand, { season: STEPS_PER_WEEK, cycles: 4 });
      for (const a of residualMadAnomalies(demand, f.predicted, { k: 5 })) {
        flagged.add(`${site.name} ${iso(ENERGY_DEMO_START, a.index)}`);
      }
    }
    const injected = new Set(
      INJECTED_ANOMALIES.flatMap((a) => Array.from({ length: a.steps }, (_, i) => `${a.site} ${iso(a.start, i)}`)),
    );
    assert.deepEqual([...flagged].sort(), [...injected].sort());
  });
});

describe('energy tables', () => {
  let db: TestDb;
  let userId: string;
  before(async () => {
    db = await createTestDb();
    const [u] = await db.db
      .insert(authUsers)
      .values({ email: 'energy@example.test', encryptedPassword: 'x' })
      .returning({ id: authUsers.id });
    userId = u!.id;
  });
  after(() => db?.close());

  test('seedEnergyDemo over five weeks: readings, forecasts with a band, the injected spike flagged', async () => {
    const start = '2026-10-01T00:00:00.000Z';
    const r = await seedEnergyDemo(db.db, { ownerUserId: userId, start, days: 35 });
    assert.equal(r.readings, 12 * 35 * 96);
    const [counts] = await rawQuery<{ readings: number; forecasts: number; anomalies: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM energy_readings) AS readings,
              (SELECT count(*)::int FROM energy_forecasts) AS forecasts,
              (SELECT count(*)::int FROM energy_anomalies) AS anomalies`,
    );
    // Forecasts: three demand meters, from the end of the first week to one week past the last reading.
    assert.deepEqual(counts, { readings: r.readings, forecasts: 3 * 35 * 96, anomalies: r.anomalies });
    assert.equal(r.forecasts, 3 * 35 * 96);
    const flagged = await rawQuery<{ ts: string }>(
      db,
      `SELECT to_char(a.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS ts FROM energy_anomalies a
       JOIN energy_series s ON s.id = a.series_id JOIN energy_sites e ON e.id = s.site_id
       WHERE e.name = 'North plant' AND s.source = 'demand' ORDER BY a.ts`,
    );
    assert.deepEqual(
      flagged.map((f) => f.ts),
      ['2026-10-29T18:00', '2026-10-29T18:15', '2026-10-29T18:30'],
    );
    const [band] = await rawQuery<{ bad: number; sources: string }>(
      db,
      `SELECT count(*) FILTER (WHERE NOT (lower_kwh <= predicted_kwh AND predicted_kwh <= upper_kwh))::int AS bad,
              string_agg(DISTINCT s.source, ',') AS sources
       FROM energy_forecasts f JOIN energy_series s ON s.id = f.series_id`,
    );
    assert.deepEqual(band, { bad: 0, sources: 'demand' });
    const [first] = await rawQuery<{ ts: string; kwh: number }>(
      db,
      `SELECT to_char(r.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS ts, r.kwh FROM energy_readings r
       WHERE r.series_id = $1 ORDER BY r.ts LIMIT 1`,
      [r.seriesIds['East depot']!.demand],
    );
    const generated = generateEnergyReadings({ start, days: 1 })[2]!.series.demand![0]!;
    assert.deepEqual(first, { ts: '2026-10-01T00:00', kwh: generated });
  });

  test('one reading per (series, ts); sites need exactly one owner; sources are checked', async () => {
    const [series] = await rawQuery<{ id: string }>(db, 'SELECT id FROM energy_series LIMIT 1');
    const dup = rawQuery(
      db,
      `INSERT INTO energy_readings (series_id, ts, kwh) SELECT series_id, ts, 1 FROM energy_readings WHERE series_id = $1 LIMIT 1`,
      [series!.id],
    );
    await assert.rejects(dup, (e) => pgErrorCode(e) === '23505');
    await assert.rejects(
      rawQuery(db, `INSERT INTO energy_sites (name) VALUES ('nobody')`),
      (e) => pgErrorCode(e) === '23514',
    );
    const [site] = await rawQuery<{ id: string }>(db, 'SELECT id FROM energy_sites LIMIT 1');
    await assert.rejects(
      rawQuery(db, `INSERT INTO energy_series (site_id, meter, source) VALUES ($1, 'x', 'coal')`, [site!.id]),
      (e) => pgErrorCode(e) === '23514',
    );
  });

  test('the keys dropped for the bulk load are all back, and enforced', async () => {
    const keys = await rawQuery<{ name: string }>(
      db,
      `SELECT conname AS name FROM pg_constraint
       WHERE conrelid IN ('energy_readings'::regclass, 'energy_forecasts'::regclass) AND contype IN ('p', 'f')
       ORDER BY conname`,
    );
    assert.deepEqual(
      keys.map((k) => k.name),
      [
        'energy_forecasts_pkey',
        'energy_forecasts_series_id_fkey',
        'energy_readings_pkey',
        'energy_readings_series_id_fkey',
      ],
    );
    await assert.rejects(
      rawQuery(db, `INSERT INTO energy_readings (series_id, ts, kwh) VALUES (gen_random_uuid(), now(), 1)`),
      (e) => pgErrorCode(e) === '23503',
    );
  });

  test('a range scan of one series is served by the primary key', async () => {
    const [series] = await rawQuery<{ id: string }>(db, `SELECT id FROM energy_series WHERE source = 'demand' LIMIT 1`);
    await rawQuery(db, 'ANALYZE energy_readings');
    const plan = await rawQuery<{ 'QUERY PLAN': string }>(
      db,
      `EXPLAIN SELECT ts, kwh FROM energy_readings WHERE series_id = '${series!.id}'
       AND ts >= '2026-10-10' AND ts < '2026-10-11'`,
    );
    assert.match(plan.map((p) => p['QUERY PLAN']).join('\n'), /energy_readings_pkey/);
  });

  test('deleting a site removes its series, readings, forecasts and anomalies', async () => {
    await rawQuery(db, `DELETE FROM energy_sites WHERE name = 'North plant'`);
    const [left] = await rawQuery<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM energy_readings r JOIN energy_series s ON s.id = r.series_id
       JOIN energy_sites e ON e.id = s.site_id WHERE e.name = 'North plant'`,
    );
    assert.equal(left!.n, 0);
    const [orphans] = await rawQuery<{ n: number }>(
      db,
      `SELECT (SELECT count(*) FROM energy_readings WHERE series_id NOT IN (SELECT id FROM energy_series))::int
            + (SELECT count(*) FROM energy_anomalies WHERE series_id NOT IN (SELECT id FROM energy_series))::int AS n`,
    );
    assert.equal(orphans!.n, 0);
  });
});

describe('energy demo in the demo workspace', () => {
  test('the demo energy charts read the energy tables, and the demo team owns the sites', async () => {
    const db = await createTestDb();
    try {
      await installSystemTemplates(db.db);
      const ids = await seedDemoData(
        db.db,
        { email: 'demo@example.test', passwordHash: 'x' },
        { energy: { start: '2026-10-26T00:00:00.000Z', days: 7 } },
      );
      assert.equal(ids.energy!.readings, 12 * 7 * 96);
      const energyCharts = demoCharts().filter((c) => c.chartType === 'energy');
      assert.deepEqual(
        energyCharts.map((c) => c.key),
        ['energy', 'energy-year'],
      );
      for (const c of energyCharts) {
        const parsed = dataSourceConfigSchema.parse(c.dataSourceConfig);
        assert.equal(parsed.kind, 'energy');
        assert.ok(ids.chartIds[c.key]);
      }
      const sites = await rawQuery<{ owner_team_id: string }>(db, 'SELECT owner_team_id FROM energy_sites');
      assert.deepEqual(
        sites.map((s) => s.owner_team_id),
        [ids.teamId, ids.teamId, ids.teamId],
      );
      const none = await seedDemoData(db.db, { email: 'other@example.test', passwordHash: 'x' }, { energy: false });
      assert.equal(none.energy, null);
    } finally {
      await db.close();
    }
  });

  test('a full year loads in one call: 420,480 readings, 105,120 forecasts, the 17 injected anomalies', async (t) => {
    const db = await createTestDb();
    try {
      const [u] = await db.db
        .insert(authUsers)
        .values({ email: 'year@example.test', encryptedPassword: 'x' })
        .returning({ id: authUsers.id });
      const r = await seedEnergyDemo(db.db, { ownerUserId: u!.id });
      t.diagnostic(`${db.kind}: ${JSON.stringify(r.timings, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
      assert.equal(r.readings, 420_480);
      // 3 demand meters × (52 weeks + 1 day − the first week + one week ahead) of 15-minute steps.
      assert.equal(r.forecasts, 3 * 35_040);
      assert.equal(r.anomalies, 17);
      const [n] = await rawQuery<{ n: number }>(db, 'SELECT count(*)::int AS n FROM energy_readings');
      assert.equal(n!.n, 420_480);
    } finally {
      await db.close();
    }
  });
});
