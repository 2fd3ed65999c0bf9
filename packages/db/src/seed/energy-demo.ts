import { sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { type EnergySource, energyAnomalies, energySeries, energySites } from '../schema/energy.js';
import { dropKeysWhileEmpty } from './bulk-keys.js';
import { prng, type SITES } from './energy-data.js';
import { residualMadAnomalies, seasonalNaiveForecast } from './energy-forecast.js';

export const ENERGY_STEP_MS = 15 * 60_000;
export const STEPS_PER_DAY = 96;
export const STEPS_PER_WEEK = 7 * STEPS_PER_DAY;
export const ENERGY_FORECAST_MODEL = 'seasonal-naive-4w';
export const ENERGY_ANOMALY_DETECTOR = 'residual-mad';
/** The demo year starts on Thursday 1 January 2026, 00:00 UTC. */
export const ENERGY_DEMO_START = '2026-01-01T00:00:00.000Z';

interface SiteSpec {
  name: (typeof SITES)[number];
  /** Demand: base load and daytime swing (kW). */
  base: number;
  swing: number;
  /** Installed capacity (kW) per generation source; absent sources are not metered at this site. */
  solar: number;
  wind?: number;
  battery?: number;
}

const SITE_SPECS: SiteSpec[] = [
  { name: 'North plant', base: 420, swing: 380, solar: 600, wind: 500, battery: 150 },
  { name: 'South campus', base: 260, swing: 220, solar: 350, battery: 80 },
  { name: 'East depot', base: 180, swing: 90, solar: 150 },
];

/** Demand events written into the generated data so the detector has something real to find. */
export interface InjectedAnomaly {
  site: string;
  start: string;
  steps: number;
  kind: 'spike' | 'outage';
}
export const INJECTED_ANOMALIES: InjectedAnomaly[] = [
  { site: 'North plant', start: '2026-03-12T14:00:00.000Z', steps: 4, kind: 'spike' },
  { site: 'South campus', start: '2026-06-20T08:00:00.000Z', steps: 8, kind: 'outage' },
  { site: 'East depot', start: '2026-09-02T02:00:00.000Z', steps: 2, kind: 'spike' },
  { site: 'North plant', start: '2026-10-29T18:00:00.000Z', steps: 3, kind: 'spike' },
];

export interface GeneratedSite {
  name: string;
  /** kWh per 15-minute interval, one array per metered source (demand included). */
  series: Partial<Record<EnergySource, Float64Array>>;
}

export interface EnergyGeneratorOptions {
  /** First interval (ISO, aligned to 15 minutes). Default ENERGY_DEMO_START. */
  start?: string;
  /** Default 365. */
  days?: number;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Deterministic 15-minute readings for the three demo sites: demand with daily, weekly and seasonal cycles and
 * autocorrelated noise; solar from day length and daily cloudiness; wind from a mean-reverting wind speed through a
 * power curve; a battery that charges at midday and discharges in the evening peak (negative while charging); and
 * the grid covering the rest. The same inputs give the same numbers on every machine.
 */
export function generateEnergyReadings(options: EnergyGeneratorOptions = {}): GeneratedSite[] {
  const start = Date.parse(options.start ?? ENERGY_DEMO_START);
  if (start % ENERGY_STEP_MS !== 0) throw new RangeError('start must be aligned to 15 minutes');
  const steps = (options.days ?? 365) * STEPS_PER_DAY;
  return SITE_SPECS.map((spec, s) => {
    const rand = prng(1000 + s);
    const gauss = () => (rand() + rand() + rand() + rand() - 2) * 1.732; // ≈ N(0, 1)
    const demand = new Float64Array(steps);
    const solar = new Float64Array(steps);
    const wind = spec.wind ? new Float64Array(steps) : undefined;
    const battery = spec.battery ? new Float64Array(steps) : undefined;
    const grid = new Float64Array(steps);
    let noise = 0;
    let speed = 7;
    let cloud = 1;
    for (let i = 0; i < steps; i++) {
      const t = start + i * ENERGY_STEP_MS;
      const date = new Date(t);
      const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
      const dayOfYear = Math.floor((t - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000);
      const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5;
      const winter = Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365); // 1 in mid-January, -1 in mid-July
      if (hour === 0 || i === 0) cloud = 0.3 + 0.7 * rand();

      noise = 0.95 * noise + 8 * gauss();
      const daily = Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
      const load = (spec.base + spec.swing * daily * (weekday ? 1 : 0.45)) * (1 + 0.18 * winter) + noise + 6 * gauss();

      const dayLength = 12 - 4 * winter;
      const sun = Math.max(0, Math.sin((Math.PI * (hour - (12 - dayLength / 2))) / dayLength));
      const pv = spec.solar * sun * (0.75 - 0.25 * winter) * cloud * (0.9 + 0.1 * rand());

      speed = Math.max(0, speed + 0.02 * (7 + 2 * winter - speed) + 0.35 * gauss());
      const wt = spec.wind ? spec.wind * powerCurve(speed) : 0;

      let bat = 0;
      if (spec.battery) {
        if (hour >= 17 && hour < 21) bat = spec.battery;
        else if (hour >= 10 && hour < 14 && pv > 0.3 * spec.solar) bat = -0.8 * spec.battery;
      }

      demand[i] = load;
      solar[i] = pv;
      if (wind) wind[i] = wt;
      if (battery) battery[i] = bat;
    }
    for (const a of INJECTED_ANOMALIES) {
      if (a.site !== spec.name) continue;
      const first = (Date.parse(a.start) - start) / ENERGY_STEP_MS;
      for (let i = Math.max(0, first); i < Math.min(steps, first + a.steps); i++) {
        demand[i] = a.kind === 'spike' ? demand[i]! * 1.8 + 250 : demand[i]! * 0.05;
      }
    }
    for (let i = 0; i < steps; i++) {
      const supply = solar[i]! + (wind?.[i] ?? 0) + (battery?.[i] ?? 0);
      grid[i] = Math.max(0, demand[i]! - supply);
    }
    // kW over a 15-minute interval → kWh.
    const kwh = (a: Float64Array) => a.map((v) => round3(v * 0.25));
    const series: GeneratedSite['series'] = { demand: kwh(demand), solar: kwh(solar), grid: kwh(grid) };
    if (wind) series.wind = kwh(wind);
    if (battery) series.battery = kwh(battery);
    return { name: spec.name, series };
  });
}

/** Fraction of rated power at a wind speed (m/s): cut-in 3, rated 12, cut-out 25. */
function powerCurve(speed: number): number {
  if (speed < 3 || speed >= 25) return 0;
  if (speed >= 12) return 1;
  return ((speed - 3) / 9) ** 3;
}

export interface EnergyDemoOptions extends EnergyGeneratorOptions {
  /** Owner of the sites: exactly one of the two. */
  ownerUserId?: string;
  ownerTeamId?: string;
  /** Robust z-score above which a demand reading is flagged (default 5). */
  anomalyK?: number;
}

export interface EnergyDemoResult {
  siteIds: Record<string, string>;
  seriesIds: Record<string, Partial<Record<EnergySource, string>>>;
  readings: number;
  forecasts: number;
  anomalies: number;
  /** Wall-clock time of each phase (ms). */
  timings: { generate: number; readings: number; forecastAndAnomalies: number; total: number };
}

/** A float8[] literal: one bound parameter however long the array (drizzle would expand a JS array into a list). */
const floatArray = (values: ArrayLike<number>) => `{${Array.prototype.join.call(values, ',')}}`;

/**
 * Loads the energy demo: three sites with their meters, a year of 15-minute readings (≈ 420,000 rows, each series
 * inserted with one `unnest` statement), a seasonal-naive forecast for each demand meter over the year plus one
 * week ahead, and the anomalies its residuals reveal. One transaction; into empty tables, the readings' and
 * forecasts' keys are added after the rows (bulk-keys.ts).
 */
export async function seedEnergyDemo(db: OcpDatabase, options: EnergyDemoOptions): Promise<EnergyDemoResult> {
  if (!options.ownerUserId === !options.ownerTeamId) throw new Error('seedEnergyDemo needs exactly one owner');
  const started = performance.now();
  const start = options.start ?? ENERGY_DEMO_START;
  const sites = generateEnergyReadings(options);
  const generated = performance.now();
  const result: EnergyDemoResult = {
    siteIds: {},
    seriesIds: {},
    readings: 0,
    forecasts: 0,
    anomalies: 0,
    timings: { generate: generated - started, readings: 0, forecastAndAnomalies: 0, total: 0 },
  };
  await db.transaction(async (tx) => {
    let readingsDone = 0;
    let forecastsDone = 0;
    // Keys are built once after the load rather than row by row (bulk-keys.ts).
    const restoreReadingKeys = await dropKeysWhileEmpty(tx, 'energy_readings');
    const restoreForecastKeys = await dropKeysWhileEmpty(tx, 'energy_forecasts');
    for (const site of sites) {
      const [row] = await tx
        .insert(energySites)
        .values({ name: site.name, ownerUserId: options.ownerUserId ?? null, ownerTeamId: options.ownerTeamId ?? null })
        .returning({ id: energySites.id });
      const siteId = row!.id;
      result.siteIds[site.name] = siteId;
      result.seriesIds[site.name] = {};
      for (const [source, values] of Object.entries(site.series) as Array<[EnergySource, Float64Array]>) {
        const [s] = await tx
          .insert(energySeries)
          .values({ siteId, meter: `${site.name.split(' ')[0]!.toLowerCase()}-${source}`, source })
          .returning({ id: energySeries.id });
        const seriesId = s!.id;
        result.seriesIds[site.name]![source] = seriesId;
        const t0 = performance.now();
        await tx.execute(sql`
          INSERT INTO energy_readings (series_id, ts, kwh)
          SELECT ${seriesId}::uuid, ${start}::timestamptz + (u.o - 1) * interval '15 minutes', u.kwh
          FROM unnest(${floatArray(values)}::float8[]) WITH ORDINALITY AS u(kwh, o)`);
        readingsDone += performance.now() - t0;
        result.readings += values.length;
        if (source !== 'demand') continue;

        const t1 = performance.now();
        const f = seasonalNaiveForecast(values, { season: STEPS_PER_WEEK, cycles: 4, horizon: STEPS_PER_WEEK });
        // The first week has no past week to repeat: forecasts start at its end.
        const from = Math.min(STEPS_PER_WEEK, f.predicted.length);
        const slice = (a: Float64Array) => floatArray(a.subarray(from).map(round3));
        const forecastStart = new Date(Date.parse(start) + from * ENERGY_STEP_MS).toISOString();
        await tx.execute(sql`
          INSERT INTO energy_forecasts (series_id, model, ts, predicted_kwh, lower_kwh, upper_kwh)
          SELECT ${seriesId}::uuid, ${ENERGY_FORECAST_MODEL}, ${forecastStart}::timestamptz + (u.o - 1) * interval '15 minutes',
                 u.p, u.lo, u.hi
          FROM unnest(${slice(f.predicted)}::float8[], ${slice(f.lower)}::float8[], ${slice(f.upper)}::float8[])
               WITH ORDINALITY AS u(p, lo, hi, o)`);
        result.forecasts += f.predicted.length - from;
        const found = residualMadAnomalies(values, f.predicted, { k: options.anomalyK ?? 5 });
        if (found.length > 0) {
          await tx.insert(energyAnomalies).values(
            found.map((a) => ({
              seriesId,
              detector: ENERGY_ANOMALY_DETECTOR,
              ts: new Date(Date.parse(start) + a.index * ENERGY_STEP_MS).toISOString(),
              kwh: a.actual,
              expectedKwh: round3(a.expected),
              score: Math.round(a.score * 100) / 100,
            })),
          );
        }
        result.anomalies += found.length;
        result.timings.forecastAndAnomalies += performance.now() - t1;
      }
    }
    let t2 = performance.now();
    await restoreReadingKeys();
    readingsDone += performance.now() - t2;
    t2 = performance.now();
    await restoreForecastKeys();
    forecastsDone += performance.now() - t2;
    result.timings.readings = readingsDone;
    result.timings.forecastAndAnomalies += forecastsDone;
  });
  result.timings.total = performance.now() - started;
  return result;
}
