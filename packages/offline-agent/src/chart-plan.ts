import type { Columns, DataSourceConfig, PlotlyTrace, Transform } from '@ocp/contract';
import { capitalize, meaningful, overlap, score, singular } from './words.js';
import type { ColumnInfo, DataSummary } from './world.js';

/** The chart types the agent makes, by the word people use. */
export interface Kind {
  chartType: string;
  trace: PlotlyTrace;
  /** Categories are summed by default (a bar of sales by region adds up each region). */
  aggregate: boolean;
}

export const KINDS: Record<string, Kind> = {
  bar: { chartType: 'bar', trace: { type: 'bar' }, aggregate: true },
  column: { chartType: 'bar', trace: { type: 'bar' }, aggregate: true },
  line: { chartType: 'line', trace: { type: 'scatter', mode: 'lines' }, aggregate: false },
  area: { chartType: 'area', trace: { type: 'scatter', mode: 'lines', stackgroup: 'one' }, aggregate: false },
  pie: { chartType: 'pie', trace: { type: 'pie' }, aggregate: true },
  donut: { chartType: 'pie', trace: { type: 'pie', hole: 0.45 }, aggregate: true },
  doughnut: { chartType: 'pie', trace: { type: 'pie', hole: 0.45 }, aggregate: true },
  scatter: { chartType: 'scatter', trace: { type: 'scatter', mode: 'markers' }, aggregate: false },
  histogram: { chartType: 'histogram', trace: { type: 'histogram' }, aggregate: false },
  metric: { chartType: 'metric', trace: { type: 'indicator', mode: 'number' }, aggregate: true },
  kpi: { chartType: 'metric', trace: { type: 'indicator', mode: 'number' }, aggregate: true },
};
export const KIND_WORDS = Object.keys(KINDS).join('|');

export type Op = 'sum' | 'avg' | 'min' | 'max' | 'count';
export const TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
const ADVERBS: Record<string, TimeUnit> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' };

export function opOf(phrase: string): Op | null {
  const p = phrase.toLowerCase();
  if (/\b(average|avg|mean)\b/.test(p)) return 'avg';
  if (/\b(max|maximum|peak|highest)\b/.test(p)) return 'max';
  if (/\b(min|minimum|lowest)\b/.test(p)) return 'min';
  if (/\b(count|number)\b/.test(p)) return 'count';
  if (/\b(total|sum)\b/.test(p)) return 'sum';
  return null;
}

/** "by month", "monthly", "per day" → the time unit. */
export function unitOf(phrase: string): TimeUnit | null {
  for (const w of phrase.toLowerCase().split(/[^a-z]+/)) {
    if (ADVERBS[w]) return ADVERBS[w]!;
    const u = TIME_UNITS.find((t) => singular(w) === t);
    if (u) return u;
  }
  return null;
}

function best(columns: ColumnInfo[], phrase: string, accept: (c: ColumnInfo) => boolean = () => true) {
  let found: { column: ColumnInfo; score: number } | null = null;
  for (const column of columns) {
    const s = accept(column) ? score(column.name, phrase) : 0;
    if (s > 0 && (!found || s > found.score)) found = { column, score: s };
  }
  return found;
}

/** What to draw from which source: the x column, the y columns, how to aggregate and bucket. */
export interface Plan {
  source: DataSummary;
  x: string;
  y: string[];
  op: Op | null;
  bucket: TimeUnit | null;
  score: number;
  /** The words the title is made of. */
  title: string;
}

/** "Y by X": the columns of `source` for it, if it has them. */
export function planByColumns(source: DataSummary, yPhrase: string, xPhrase: string): Plan | null {
  const op = opOf(yPhrase);
  const unit = unitOf(xPhrase);
  let x = best(source.columns, xPhrase);
  let bucket: TimeUnit | null = null;
  if (unit && x?.column.type !== 'string') {
    const time = source.columns.find((c) => c.type === 'datetime');
    if (time) {
      x = { column: time, score: Math.max(x?.score ?? 0, 10) };
      bucket = unit;
    }
  }
  if (!x) return null;
  const xName = x.column.name;
  const numeric = (c: ColumnInfo) => c.type === 'number' && c.name !== xName;
  let y = best(source.columns, yPhrase, op === 'count' ? (c) => c.name !== xName : numeric);
  if (!y && op === 'count') y = { column: x.column, score: 1 };
  if (!y) return null;
  const title = `${capitalize(yPhrase)} by ${xPhrase}`;
  return { source, x: xName, y: [y.column.name], op, bucket, score: Math.min(x.score, y.score), title };
}

/** "total capacity" as one number: the best number column, summed (or the op named). */
export function planMetric(source: DataSummary, phrase: string): Plan | null {
  const y = best(source.columns, phrase, (c) => c.type === 'number');
  if (!y) return null;
  const name = y.column.name;
  return {
    source,
    x: name,
    y: [name],
    op: opOf(phrase) ?? 'sum',
    bucket: null,
    score: y.score,
    title: capitalize(phrase),
  };
}

/**
 * "monthly generation": a source whose title (or columns) the words name, drawn whole: its first label or time
 * column across, its number columns up. A time word ("monthly") buckets a time column.
 */
export function planByTopic(source: DataSummary, topic: string): Plan | null {
  const unit = unitOf(topic);
  const subject = topic.replace(/\b(hourly|daily|weekly|monthly|per \w+|by \w+|over time)\b/gi, ' ');
  const subjectHits = overlap(source.title, subject);
  const titleHits = overlap(source.title, topic);
  const columnHits = source.columns.filter((c) => c.type === 'number' && score(c.name, subject) > 0);
  const wanted = meaningful(topic).length;
  if (subjectHits === 0 && columnHits.length === 0) return null;
  const label =
    source.columns.find((c) => c.type === 'datetime') ?? source.columns.find((c) => c.type === 'string') ?? null;
  if (!label) return null;
  const y = (columnHits.length ? columnHits : source.columns.filter((c) => c.type === 'number')).map((c) => c.name);
  if (y.length === 0) return null;
  const bucket = label.type === 'datetime' && unit ? unit : null;
  // A title that names every word beats columns that name some: "monthly generation" is that chart, not a column.
  const s = titleHits * 10 + (titleHits >= wanted ? 5 : 0) + columnHits.length * 3;
  return { source, x: label.name, y: y.slice(0, 8), op: opOf(topic), bucket, score: s, title: capitalize(topic) };
}

const ENERGY_BUCKETS: Record<TimeUnit, 'hour' | 'day' | 'week' | '15min'> = {
  minute: '15min',
  hour: 'hour',
  day: 'day',
  week: 'week',
  month: 'day',
};

/** The data source of a plan: the dataset itself, the energy tables, or a copy of the chart's inline columns. */
export function sourceOf(plan: Plan, kind: Kind, values: Columns | null): DataSourceConfig {
  const measure = plan.op ?? (kind.aggregate || plan.bucket ? 'sum' : null);
  const mapping = { x: plan.x, y: measure === 'count' ? ['count'] : plan.y };
  const { source } = plan;
  if (source.source === 'energy') {
    // Energy is summed in SQL per bucket (kWh); months are days summed again, the finest the tables bucket by.
    const transforms: Transform[] =
      plan.bucket === 'month'
        ? [
            {
              type: 'aggregate',
              groupBy: [],
              bucket: { column: 'time', every: 'month' },
              measures: plan.y.map((c) => ({ column: c, op: 'sum' as const })),
            },
          ]
        : [];
    return {
      kind: 'energy',
      bucket: plan.bucket ? ENERGY_BUCKETS[plan.bucket] : 'auto',
      measure: 'energy',
      forecastModel: null,
      anomalyDetector: null,
      mapping,
      ...(transforms.length ? { transforms } : {}),
    };
  }
  const metric = kind.chartType === 'metric';
  const groups = measure && (metric || plan.bucket || source.columns.find((c) => c.name === plan.x)?.type !== 'number');
  const transforms: Transform[] =
    measure && (groups || measure === 'count')
      ? [
          {
            type: 'aggregate',
            groupBy: plan.bucket || metric ? [] : [plan.x],
            ...(plan.bucket ? { bucket: { column: plan.x, every: plan.bucket } } : {}),
            measures:
              measure === 'count'
                ? [{ column: plan.y[0]!, op: 'count', as: 'count' }]
                : plan.y.map((c) => ({ column: c, op: measure })),
          },
        ]
      : [];
  // Data already one row per category (a chart's monthly totals) needs no aggregation unless an op was asked for.
  const xs = values?.[plan.x];
  const unique = !!xs && new Set(xs).size === xs.length;
  const needed = transforms.length > 0 && (metric || plan.bucket !== null || plan.op !== null || !unique);
  if (source.source === 'dataset') {
    return { kind: 'dataset', datasetId: source.id, mapping, ...(needed ? { transforms } : {}) };
  }
  const names = [...new Set([plan.x, ...plan.y])];
  const columns = Object.fromEntries(names.map((c) => [c, values?.[c] ?? []]));
  return { kind: 'inline', columns, mapping, ...(needed ? { transforms } : {}) };
}

/** The create_chart arguments for a plan. */
export function chartArgs(whole: Plan, kindWord: string, values: Columns | null, title?: string) {
  const kind = KINDS[kindWord] ?? KINDS.bar!;
  // A pie or a number shows one measure.
  const single = kind.chartType === 'pie' || kind.chartType === 'metric';
  const plan = single ? { ...whole, y: whole.y.slice(0, 1) } : whole;
  const chartTitle = (title ?? plan.title).slice(0, 200);
  const dataSourceConfig = sourceOf(plan, kind, values);
  const yNames = dataSourceConfig.mapping?.y ?? plan.y;
  const traces = yNames.map((name) => ({ ...kind.trace, name }));
  const axes = single
    ? {}
    : {
        xaxis: { title: { text: plan.bucket ? `${plan.bucket} of ${plan.x}` : plan.x } },
        yaxis: { title: { text: yNames.join(', ') } },
      };
  return {
    title: chartTitle,
    chartType: kind.chartType,
    plotlyConfig: {
      data: traces,
      layout: { title: { text: chartTitle }, ...axes },
    },
    dataSourceConfig,
    tags: ['chat'],
  };
}
