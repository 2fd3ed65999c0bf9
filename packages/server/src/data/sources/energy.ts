import { type Cell, type ChartDataParams, type Columns, type DataSourceConfig, ENERGY_COLUMNS } from '@ocp/contract';
import { ENERGY_SOURCES, type OcpDatabase } from '@ocp/db';
import { type SQL, sql } from 'drizzle-orm';
import { dataError } from '../errors.js';
import { toMillis } from '../time.js';
import { type ChartOwner, queryRows } from './db-sources.js';

type EnergySourceConfig = Extract<DataSourceConfig, { kind: 'energy' }>;

const MINUTE = 60_000;
const READING_MS = 15 * MINUTE;
const FIXED_BUCKETS = { '15min': 15 * MINUTE, hour: 60 * MINUTE, day: 1440 * MINUTE, week: 7 * 1440 * MINUTE };
/** Candidates for `auto`, finest first. */
const AUTO_BUCKETS = [15, 30, 60, 120, 180, 360, 720, 1440, 10_080].map((m) => m * MINUTE);
// date_bin origin: Monday 3 January 2000, 00:00 UTC, so that weekly buckets start on Mondays.
const ORIGIN_MS = Date.UTC(2000, 0, 3);

/** The finest bucket that keeps the range within `target` points. */
export function autoBucketMs(spanMs: number, target: number): number {
  return AUTO_BUCKETS.find((b) => Math.ceil(spanMs / b) <= target) ?? AUTO_BUCKETS[AUTO_BUCKETS.length - 1]!;
}

function visibleSeries(owner: ChartOwner, siteIds: string[] | undefined): SQL {
  const sites = siteIds
    ? sql` AND e.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb)::uuid)`
    : sql``;
  return sql`s.site_id IN (
    SELECT e.id FROM energy_sites e
    WHERE (e.owner_user_id = ${owner.ownerUserId}
           OR e.owner_team_id = ${owner.ownerTeamId}
           OR ocp_private.is_member(${owner.ownerUserId}::uuid, e.owner_team_id))${sites})`;
}

function narrower(a: string | number | undefined, b: string | number | undefined, pick: typeof Math.max): number {
  const values = [a, b].filter((v) => v !== undefined).map((v) => toMillis(v as string | number));
  if (values.some(Number.isNaN)) throw dataError('BAD_REQUEST', 'range: from/to is not a time');
  return values.length === 0 ? Number.NaN : pick(...values);
}

/**
 * The energy chart's data: generation by source, demand, the forecast band and anomaly markers, aggregated in SQL
 * into time buckets (date_bin) over the sites the chart's owner can see. `power` turns each bucket's kWh into
 * average kW (kWh / hours), which keeps the y axis comparable as the bucket size changes with zoom.
 */
export async function readEnergy(
  db: OcpDatabase,
  owner: ChartOwner,
  source: EnergySourceConfig,
  params: ChartDataParams,
  target: number,
): Promise<{ columns: Columns; sourceRows: number }> {
  const visible = visibleSeries(owner, source.siteIds);
  let from = narrower(source.range?.from, params.range?.from, Math.max);
  let to = narrower(source.range?.to, params.range?.to, Math.min);
  if (Number.isNaN(from) || Number.isNaN(to)) {
    const [extent] = await queryRows<{ first: number | null; last: number | null }>(
      db,
      sql`SELECT (extract(epoch FROM min(f.ts)) * 1000)::float8 AS first, (extract(epoch FROM max(l.ts)) * 1000)::float8 AS last
          FROM energy_series s
          JOIN LATERAL (SELECT r.ts FROM energy_readings r WHERE r.series_id = s.id ORDER BY r.ts LIMIT 1) f ON true
          JOIN LATERAL (SELECT r.ts FROM energy_readings r WHERE r.series_id = s.id ORDER BY r.ts DESC LIMIT 1) l ON true
          WHERE ${visible}`,
    );
    if (extent?.first == null || extent.last == null) return { columns: emptyColumns(), sourceRows: 0 };
    if (Number.isNaN(from)) from = extent.first;
    if (Number.isNaN(to)) to = extent.last + READING_MS;
  }
  if (!(to > from)) return { columns: emptyColumns(), sourceRows: 0 };

  const bucketMs = source.bucket === 'auto' ? autoBucketMs(to - from, target) : FIXED_BUCKETS[source.bucket];
  // Whole buckets only, so that no bucket at the edge averages over a partial interval.
  from = ORIGIN_MS + Math.floor((from - ORIGIN_MS) / bucketMs) * bucketMs;
  to = ORIGIN_MS + Math.ceil((to - ORIGIN_MS) / bucketMs) * bucketMs;
  const bin = (column: SQL) =>
    sql`(extract(epoch FROM date_bin(${`${bucketMs / 1000} seconds`}::interval, ${column}, ${new Date(ORIGIN_MS).toISOString()}::timestamptz)) * 1000)::float8`;
  const inRange = (column: SQL) =>
    sql`${column} >= ${new Date(from).toISOString()}::timestamptz AND ${column} < ${new Date(to).toISOString()}::timestamptz`;

  const readings = await queryRows<{ t: number; source: string; kwh: number; n: number }>(
    db,
    sql`SELECT ${bin(sql`r.ts`)} AS t, s.source, sum(r.kwh)::float8 AS kwh, count(*)::int AS n
        FROM energy_readings r JOIN energy_series s ON s.id = r.series_id
        WHERE ${visible} AND ${inRange(sql`r.ts`)}
        GROUP BY 1, 2`,
  );
  const forecasts = source.forecastModel
    ? await queryRows<{ t: number; p: number; lo: number | null; hi: number | null }>(
        db,
        sql`SELECT ${bin(sql`f.ts`)} AS t, sum(f.predicted_kwh)::float8 AS p, sum(f.lower_kwh)::float8 AS lo,
                   sum(f.upper_kwh)::float8 AS hi
            FROM energy_forecasts f JOIN energy_series s ON s.id = f.series_id
            WHERE ${visible} AND s.source = 'demand' AND f.model = ${source.forecastModel} AND ${inRange(sql`f.ts`)}
            GROUP BY 1`,
      )
    : [];
  const anomalies = source.anomalyDetector
    ? await queryRows<{ t: number }>(
        db,
        sql`SELECT DISTINCT ${bin(sql`a.ts`)} AS t
            FROM energy_anomalies a JOIN energy_series s ON s.id = a.series_id
            WHERE ${visible} AND s.source = 'demand' AND a.detector = ${source.anomalyDetector} AND ${inRange(sql`a.ts`)}`,
      )
    : [];

  const scale = source.measure === 'power' ? 3_600_000 / bucketMs : 1; // kWh per bucket → average kW
  const times = [...new Set([...readings.map((r) => r.t), ...forecasts.map((f) => f.t)])].sort((a, b) => a - b);
  const row = new Map(times.map((t, i) => [t, i]));
  const columns = emptyColumns(times.length);
  columns.time = times.map((t) => new Date(t).toISOString());
  let sourceRows = 0;
  for (const r of readings) {
    if (!(ENERGY_SOURCES as readonly string[]).includes(r.source)) continue;
    columns[r.source]![row.get(r.t)!] = r.kwh * scale;
    sourceRows += r.n;
  }
  for (const f of forecasts) {
    const i = row.get(f.t)!;
    columns.forecast![i] = f.p * scale;
    columns.forecast_lower![i] = f.lo === null ? null : f.lo * scale;
    columns.forecast_upper![i] = f.hi === null ? null : f.hi * scale;
  }
  for (const a of anomalies) {
    const i = row.get(a.t);
    if (i !== undefined) columns.anomaly![i] = columns.demand![i] ?? null;
  }
  return { columns, sourceRows };
}

/** Every energy column (ENERGY_COLUMNS), `n` nulls each; the caller fills `time`. */
function emptyColumns(n = 0): Columns {
  return Object.fromEntries(ENERGY_COLUMNS.map((c) => [c, new Array<Cell>(c === 'time' ? 0 : n).fill(null)]));
}
