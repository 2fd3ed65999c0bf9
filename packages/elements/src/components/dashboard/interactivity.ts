/**
 * How a dashboard's settings and placements' customizations drive interactivity (docs/interactivity.md):
 *
 * - `dashboards.settings.timeRange`: the default range (`{ from: 'now-30d', to: 'now' }`); the viewer's choice wins.
 * - `dashboards.settings.filters`: `[{ column: 'site', label: 'Site' }]`, the filters the viewer gets.
 * - `dashboards.settings.crossFilter`: `false` turns cross-filtering off for the whole dashboard.
 * - placement `customizations.crossFilter: false`: clicks on that chart do not filter the others.
 * - placement `customizations.drill`: `{ chartId }` opens that chart (on the same dashboard) filtered by the clicked
 *   value; `{ time: true }` opens the same chart on the clicked point's time bucket, at finer resolution.
 * - placement `customizations.pinnedVersion`: the placement draws that version of its chart (pinned); without it
 *   the placement follows the chart's latest version (floating).
 */
import type { Cell, DashboardDetail, DataFilter, PlacementView, TimeRangeSpec } from '@ocp/contract';
import type { OcpChartQuery } from '../chart/chart.js';
import type { OcpFilterDefinition } from '../filter-bar/filter-bar.js';
import type { CrossFilter } from './view-state.js';

export interface DashboardInteractivity {
  timeRange?: TimeRangeSpec;
  filters: OcpFilterDefinition[];
  crossFilter: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The dashboard's interactivity settings, ignoring what is malformed. */
export function interactivityOf(dashboard: DashboardDetail | undefined): DashboardInteractivity {
  const s = dashboard?.settings ?? {};
  const range = isObject(s.timeRange) ? (s.timeRange as TimeRangeSpec) : undefined;
  const filters = Array.isArray(s.filters)
    ? s.filters
        .filter((f): f is OcpFilterDefinition => isObject(f) && typeof f.column === 'string')
        .map((f) => ({ column: f.column, ...(typeof f.label === 'string' && { label: f.label }) }))
    : [];
  return { timeRange: range, filters, crossFilter: s.crossFilter !== false };
}

export type DrillTarget = { chartId: string } | { time: true };

export function drillOf(p: PlacementView): DrillTarget | undefined {
  const d = p.customizations.drill;
  if (!isObject(d)) return undefined;
  if (typeof d.chartId === 'string') return { chartId: d.chartId };
  if (d.time === true) return { time: true };
  return undefined;
}

export function pinnedVersionOf(p: PlacementView): number | undefined {
  const v = p.customizations.pinnedVersion;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** Whether clicks on this placement's chart filter the others. */
export function crossFilters(settings: DashboardInteractivity, p: PlacementView): boolean {
  return settings.crossFilter && p.customizations.crossFilter !== false;
}

/** A chart's query on the dashboard: range, dashboard filters, the cross-filter (not on its own source), version. */
export function queryFor(
  p: PlacementView,
  range: TimeRangeSpec | undefined,
  filters: DataFilter[],
  cross: CrossFilter | undefined,
  extra: DataFilter[] = [],
): OcpChartQuery {
  const all = [...filters, ...extra];
  if (cross && cross.chartId !== p.chartId) all.push({ column: cross.column, values: [cross.value] });
  const version = pinnedVersionOf(p);
  return { ...(range && { range }), ...(all.length && { filters: all }), ...(version && { version }) };
}

/** One level of a drill-down: which chart, narrowed how, and how the breadcrumb reads. */
export interface DrillLevel {
  placement: PlacementView;
  label: string;
  filters: DataFilter[];
  range?: TimeRangeSpec;
}

/** The bucket a clicked time point stands for: from it to the next point of its trace (or an hour). */
export function bucketAround(x: Cell, xs: readonly unknown[] | undefined): TimeRangeSpec | undefined {
  const at =
    typeof x === 'number' ? x : Date.parse(String(x).includes('T') ? String(x) : `${String(x).replace(' ', 'T')}Z`);
  if (Number.isNaN(at)) return undefined;
  const times = (xs ?? [])
    .map((v) => (typeof v === 'number' ? v : Date.parse(String(v))))
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const next = times.find((t) => t > at);
  const end = next ?? at + 3_600_000;
  return { from: new Date(at).toISOString(), to: new Date(end).toISOString() };
}
