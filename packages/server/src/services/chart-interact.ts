/**
 * What dashboards' interactive features read beyond charts.data: a filter's options (charts.filterValues,
 * sharing.filterValues) and the CSV export of a chart's rows. Same authorization as the chart's data; through a
 * sharing link, held to the link's locks, and the export only when the link has `allowExport`.
 */
import type { Cell, ChartDataParams, Columns, FilterValues } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import type { OcpUser } from '../context.js';
import type { DataEngine } from '../data/engine.js';
import { rowCount } from '../data/transforms.js';
import { loadChartForData } from './chart-source.js';
import { chartDataVisibleSql, versionVisibleSql } from './charts.js';
import { forbidden } from './errors.js';
import { withinLocks } from './share-locks.js';
import { asLinkCreator, linkServesChartSql, linkServesVersionSql, liveLink } from './sharing.js';

interface ValuesInput {
  chartId: string;
  column: string;
  search?: string;
  limit?: number;
}

export async function chartFilterValues(
  db: OcpDatabase,
  user: OcpUser,
  input: ValuesInput,
  engine: DataEngine,
): Promise<FilterValues> {
  const chart = await loadChartForData(db, input.chartId, chartDataVisibleSql(user.id));
  return engine.filterValues(db, chart, input);
}

export async function sharedFilterValues(
  db: OcpDatabase,
  input: ValuesInput & { token: string },
  engine: DataEngine,
  rls = true,
): Promise<FilterValues> {
  const link = await liveLink(db, input.token);
  const locked = withinLocks(link.permissions, {});
  // Read as the link's creator (row-level security), like sharing.chartData.
  return asLinkCreator(db, rls, link.createdBy, async (tx) => {
    const chart = await loadChartForData(tx, input.chartId, linkServesChartSql(link));
    return engine.filterValues(tx, chart, { ...input, filters: locked.filters, range: locked.range });
  });
}

export interface ExportRequest extends ChartDataParams {
  chartId: string;
  version?: number;
  /** Through a sharing link instead of as `user`. */
  token?: string;
}

/**
 * The chart's rows for the request as CSV (RFC 4180), produced in chunks so a large export is written as it is
 * produced. NOT_FOUND as for the chart's data; a link without `allowExport` is FORBIDDEN.
 */
export async function exportChartCsv(
  db: OcpDatabase,
  user: OcpUser | null,
  input: ExportRequest,
  engine: DataEngine,
  rls = true,
): Promise<AsyncIterable<string>> {
  const { range, filters } = input;
  const params: ChartDataParams = { range, filters };
  let chart: Awaited<ReturnType<typeof loadChartForData>>;
  if (input.token) {
    // `db` is the owner connection here (the token lookup); the rows are read as the link's creator.
    const link = await liveLink(db, input.token);
    const version =
      input.version === undefined
        ? undefined
        : { number: input.version, allowed: linkServesVersionSql(link, input.version) };
    const { columns, names } = await asLinkCreator(db, rls, link.createdBy, async (tx) => {
      const served = await loadChartForData(tx, input.chartId, linkServesChartSql(link), version);
      if (!link.permissions.allowExport) throw forbidden('This sharing link does not allow exporting data');
      return engine.rows(tx, served, withinLocks(link.permissions, params));
    });
    return csvChunks(columns, names);
  } else {
    if (!user) throw forbidden('Sign in to export');
    const version =
      input.version === undefined
        ? undefined
        : { number: input.version, allowed: versionVisibleSql(user.id, input.version) };
    chart = await loadChartForData(db, input.chartId, chartDataVisibleSql(user.id), version);
  }
  const { columns, names } = await engine.rows(db, chart, params);
  return csvChunks(columns, names);
}

/** A cell as CSV: quoted when it holds a quote, comma or line break; a leading =+-@ is defused for spreadsheets. */
export function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  let text = String(v);
  // Spreadsheet apps run cells starting with these as formulas (CSV injection); a quote makes them text.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function* csvChunks(columns: Columns, names: string[]): AsyncIterable<string> {
  yield `${names.map(csvCell).join(',')}\r\n`;
  const n = rowCount(columns);
  const cols = names.map((name) => columns[name] ?? []);
  const CHUNK = 2000;
  for (let start = 0; start < n; start += CHUNK) {
    let out = '';
    for (let i = start; i < Math.min(n, start + CHUNK); i++) out += `${cols.map((c) => csvCell(c[i])).join(',')}\r\n`;
    yield out;
  }
}
