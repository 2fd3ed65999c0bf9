/**
 * Writes src/demo/demo-data.ts: the demo energy workspace of @ocp/db (system templates, demo charts, the two demo
 * dashboards, workspace folders and items) as a plain TypeScript literal for the in-memory provider. Generated, not imported, so
 * nothing of @ocp/db's server code (Drizzle, PGlite) can reach a browser bundle. Run after changing the demo data:
 * `pnpm --filter @ocp/elements generate:demo`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Cell, type DataSourceConfig, ENERGY_DEFAULT_MAPPING } from '@ocp/contract';
import {
  DEMO_DASHBOARDS,
  DEMO_FOLDERS,
  demoCharts,
  ENERGY_DEMO_START,
  ENERGY_STEP_MS,
  generateEnergyReadings,
  residualMadAnomalies,
  STEPS_PER_WEEK,
  SYSTEM_TEMPLATES,
  seasonalNaiveForecast,
} from '@ocp/db';
import type { MemoryData } from '../src/provider/memory-data.js';

const NOW = '2026-11-02T09:00:00.000Z';
const USER = '00000000-0000-4000-a000-000000000001';
const TEAM = '00000000-0000-4000-a000-000000000002';
let counter = 0;
/** Deterministic UUID-shaped ids so the file only changes when the data does. */
const id = (kind: number) =>
  `00000000-0000-4000-${(0x8000 + kind).toString(16)}-${(++counter).toString(16).padStart(12, '0')}`;

const templates: MemoryData['templates'] = SYSTEM_TEMPLATES.map((t) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  layoutConfig: t.layoutConfig,
  previewImageUrl: null,
  isSystemTemplate: true,
  createdBy: null,
  slots: t.slots.map((s) => ({
    id: id(1),
    slotKey: s.slotKey,
    slotType: s.slotType ?? 'chart',
    positionConfig: s.positionConfig,
    constraints: s.constraints ?? {},
  })),
}));

/**
 * The memory provider runs no SQL, so `energy` sources (aggregated from the energy tables on the server) are
 * snapshotted here into inline columns with the same names and meaning: average kW per bucket over the chart's
 * range (hourly for up to two weeks, daily beyond), the seasonal-naive forecast band and residual-MAD anomalies
 * computed by @ocp/db's own functions over the same generated readings.
 */
const readings = generateEnergyReadings();
const start = Date.parse(ENERGY_DEMO_START);
const steps = readings[0]!.series.demand!.length;
const total = (source: 'demand' | 'solar' | 'wind' | 'battery' | 'grid') => {
  const out = new Float64Array(steps);
  for (const site of readings) {
    const s = site.series[source];
    if (s) for (let i = 0; i < steps; i++) out[i]! += s[i]!;
  }
  return out;
};
const totals = {
  solar: total('solar'),
  wind: total('wind'),
  battery: total('battery'),
  grid: total('grid'),
  demand: total('demand'),
};
const forecast = seasonalNaiveForecast(totals.demand, { season: STEPS_PER_WEEK, cycles: 4 });
const anomalies = new Set(residualMadAnomalies(totals.demand, forecast.predicted).map((a) => a.index));

function energySnapshot(source: DataSourceConfig): DataSourceConfig {
  if (source.kind !== 'energy') return source;
  const from = Date.parse(String(source.range?.from ?? ENERGY_DEMO_START));
  const to = Date.parse(String(source.range?.to ?? '2027-01-01T00:00:00.000Z'));
  const bucketMs = to - from <= 14 * 86_400_000 ? 3_600_000 : 86_400_000;
  const perBucket = bucketMs / ENERGY_STEP_MS;
  const hours = bucketMs / 3_600_000;
  const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
  const columns: Record<string, Cell[]> = {};
  for (const name of ENERGY_DEFAULT_MAPPING.y.concat('time')) columns[name] = [];
  for (let t = from; t < to; t += bucketMs) {
    const first = (t - start) / ENERGY_STEP_MS;
    if (first < 0 || first + perBucket > steps) continue;
    const avg = (a: ArrayLike<number>) => {
      let sum = 0;
      for (let i = first; i < first + perBucket; i++) sum += a[i]!;
      return round(sum / hours);
    };
    columns.time!.push(new Date(t).toISOString());
    for (const k of ['solar', 'wind', 'battery', 'grid', 'demand'] as const) columns[k]!.push(avg(totals[k]));
    columns.forecast!.push(avg(forecast.predicted));
    columns.forecast_lower!.push(avg(forecast.lower));
    columns.forecast_upper!.push(avg(forecast.upper));
    let flagged = false;
    for (let i = first; i < first + perBucket; i++) flagged ||= anomalies.has(i);
    columns.anomaly!.push(flagged ? avg(totals.demand) : null);
  }
  return { kind: 'inline', columns, mapping: source.mapping ?? ENERGY_DEFAULT_MAPPING };
}

const specs = demoCharts();
const chartIds = new Map<string, string>();
const charts: MemoryData['charts'] = specs.map((c) => {
  const chartId = id(2);
  chartIds.set(c.key, chartId);
  return {
    id: chartId,
    title: c.title,
    description: c.description,
    chartType: c.chartType,
    ownerUserId: c.owner === 'user' ? USER : null,
    ownerTeamId: c.owner === 'team' ? TEAM : null,
    isPublic: false,
    tags: c.tags,
    plotlyConfig: c.plotlyConfig,
    dataSourceConfig: energySnapshot(c.dataSourceConfig),
    createdAt: NOW,
    updatedAt: NOW,
  };
});

const templateId = (name: string) => templates.find((t) => t.name === name)!.id;
// The same two dashboards seedDemoData() creates in the database (all owned by the one in-memory user).
const dashboards: MemoryData['dashboards'] = DEMO_DASHBOARDS.map((d) => ({
  id: id(3),
  title: d.title,
  description: d.description,
  ownerUserId: USER,
  ownerTeamId: null,
  isPublic: false,
  settings: {},
  createdAt: NOW,
  updatedAt: NOW,
  tabs: d.tabs.map((tab, position) => ({
    id: id(4),
    title: tab.title,
    description: null,
    position,
    settings: {},
    templateId: templateId(tab.template),
    placements: Object.entries(tab.place).map(([slotKey, key]) => ({
      id: id(5),
      slotKey,
      chartId: chartIds.get(key)!,
      customizations: {},
    })),
  })),
}));

const folderIds = new Map<string, string>();
const folders: MemoryData['folders'] = DEMO_FOLDERS.map((p) => {
  const folderId = id(6);
  folderIds.set(p, folderId);
  const parent = p.slice(0, p.lastIndexOf('/'));
  return {
    id: folderId,
    name: p.slice(p.lastIndexOf('/') + 1),
    path: p,
    parentFolderId: folderIds.get(parent) ?? null,
  };
});

const item = (x: Partial<MemoryData['workspaceItems'][number]>) => ({
  id: id(7),
  itemType: 'chart',
  title: '',
  content: {},
  referenceId: null,
  tags: [],
  folderPath: null,
  isFavorite: false,
  createdFromMessageId: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...x,
});
const workspaceItems: MemoryData['workspaceItems'] = [
  ...specs.map((c) =>
    item({
      title: c.title,
      content: { chartType: c.chartType, description: c.description },
      referenceId: chartIds.get(c.key)!,
      tags: c.tags,
      folderPath: c.folder,
      isFavorite: c.favorite ?? false,
    }),
  ),
  item({
    itemType: 'dataset',
    title: 'Site readings (sample)',
    content: {
      format: 'columnar',
      columns: { site: ['North plant', 'South campus', 'East depot'], capacityKw: [900, 550, 300] },
    },
    tags: ['sites', 'reference'],
    folderPath: '/Energy',
  }),
  item({
    itemType: 'note',
    title: 'How to read the energy balance',
    content: { text: 'Stacked areas are generation by source; the red line is demand.' },
    tags: ['help'],
    folderPath: '/Reports',
  }),
];

const data: MemoryData = {
  user: { id: USER, displayName: 'Demo User' },
  templates,
  charts,
  dashboards,
  folders,
  workspaceItems,
  agents: [
    {
      id: id(8),
      name: 'Chart builder',
      description: 'Builds charts from your data and places them on dashboards (offline, deterministic).',
      instructions: 'Build the chart the user asks for from the workspace data.',
      capabilities: { tools: ['create_chart', 'place_chart', 'search_workspace'] },
      ownerUserId: null,
      ownerTeamId: null,
      isPublic: true,
    },
    {
      id: id(8),
      name: 'Data explainer',
      description: 'Describes datasets and trends.',
      instructions: 'Explain the data plainly.',
      capabilities: { tools: ['describe_data', 'search_workspace'] },
      ownerUserId: null,
      ownerTeamId: null,
      isPublic: true,
    },
  ],
  models: [
    {
      id: id(9),
      provider: 'offline',
      modelId: 'ocp-offline-1',
      displayName: 'Offline agent',
      description: 'Deterministic built-in agent; needs no network.',
      isActive: true,
      capabilities: { tools: true, streaming: true },
    },
  ],
};

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/demo/demo-data.ts');
const header = `// Generated by scripts/generate-demo-data.ts from @ocp/db's demo data. Do not edit.
import type { MemoryData } from '../provider/memory-data.js';

export const demoData: MemoryData = `;
fs.writeFileSync(out, `${header}${JSON.stringify(data)};\n`);
console.log(`wrote ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`);
