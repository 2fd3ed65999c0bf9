import type { ChatCreatedItem, Columns, DataSourceConfig, PlotlyTrace, Transform } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import type { OcpUser } from '../context.js';
import { parseCsv, parseJson } from '../data/import/parse.js';
import { getDashboard } from '../services/dashboards.js';
import { type ColumnInfo, type DataSummary, describeDataset, listData, readColumns } from './data-catalog.js';
import type { ToolName, ToolOutcome } from './tools.js';

/**
 * The built-in agent for servers without a model provider (SPEC §7): it understands a handful of requests and
 * answers them deterministically, through the same tools (and so the same permissions) as a model would:
 *
 * - "bar chart of capacity by site" (also line, area, pie, donut, scatter; "average/total/count of…"; "by month"
 *   buckets a date column) from data pasted below the request (CSV or JSON), the session's dataset, a dataset named
 *   with "from …", or the first of the user's datasets and inline charts whose columns match;
 * - "add it to the top-left slot" (or "put it on the dashboard": the first free slot that accepts it) for the
 *   latest chart of the chat, on the session's dashboard;
 * - "create a dashboard called Sales"; "what data do I have?";
 * - "make it public" / "make it private", "share it" (the chat's latest chart, or the dashboard when named): asked,
 *   never done; the user confirms in the chat panel.
 */

export interface OfflineContext {
  db: OcpDatabase;
  user: OcpUser;
  text: string;
  session: { contextType: string | null; contextId: string | null };
  /** Charts made earlier in this chat, newest first. */
  recentCharts: ChatCreatedItem[];
  /** Runs a tool as the user (and reports the call on the stream). */
  tool: (name: ToolName, args: Record<string, unknown>) => Promise<ToolOutcome>;
}

const GRID_2X2 = '00000000-0000-4000-8000-000000000003';
const TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month'] as const;
type Op = 'sum' | 'avg' | 'min' | 'max' | 'count';

const KINDS: Record<string, { chartType: string; trace: PlotlyTrace; aggregate: boolean }> = {
  bar: { chartType: 'bar', trace: { type: 'bar' }, aggregate: true },
  column: { chartType: 'bar', trace: { type: 'bar' }, aggregate: true },
  line: { chartType: 'line', trace: { type: 'scatter', mode: 'lines' }, aggregate: false },
  area: { chartType: 'line', trace: { type: 'scatter', mode: 'lines', fill: 'tozeroy' }, aggregate: false },
  pie: { chartType: 'pie', trace: { type: 'pie' }, aggregate: true },
  donut: { chartType: 'pie', trace: { type: 'pie', hole: 0.45 }, aggregate: true },
  scatter: { chartType: 'scatter', trace: { type: 'scatter', mode: 'markers' }, aggregate: false },
};

const CHART_REQUEST =
  /\b(?:(bar|column|line|area|pie|donut|scatter)\s+)?(?:chart|graph|plot)\s+(?:of|for|showing|with)\s+(.+?)\s+(?:by|per|over|across|versus|vs\.?)\s+(.+?)(?:\s+(?:from|in|using)\s+(?:the\s+)?(?:dataset\s+)?["“']?(.+?)["”']?)?\s*[.!?]?$/i;
const PLACE_REQUEST =
  /\b(?:add|put|place|move|pin|drop|show)\b.*?\b(?:it|that|this|the chart|this chart|that chart)\b/i;
const SLOT_PHRASE = /\b(?:to|in|into|on|at)\s+(?:the\s+)?([\w -]+?)\s+slot\b|\bslot\s+["“']?([\w-]+)/i;
const VISIBILITY_REQUEST = /\b(?:make|set|turn|mark)\b.*?\b(public|private)\b/i;
const SHARE_REQUEST = /\b(?:share|sharing link|create a link|make a link|link to)\b/i;
const DATA_QUESTION = /\b(?:what|which|list|show|describe)\b.*\b(?:data|datasets?|columns?)\b/i;
const NEW_DASHBOARD =
  /\b(?:create|make|start|new)\b.*?\bdashboard\b(?:\s+(?:called|named|titled))?\s*[:"“']*([^"”']+?)?["”']*\s*[.!?]?$/i;

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'total',
  'sum',
  'average',
  'avg',
  'mean',
  'number',
  'count',
  'max',
  'maximum',
  'min',
  'minimum',
  'peak',
  'each',
  'per',
]);

/** "capacityKw" → ["capacity", "kw"]; "Site_Name" → ["site", "name"]. */
const words = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const singular = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);

/** How well a column name matches a phrase of the request (0: not at all). */
function score(column: string, phrase: string): number {
  const want = words(phrase)
    .filter((w) => !STOP.has(w))
    .map(singular);
  const have = words(column).map(singular);
  if (want.length === 0) return 0;
  if (want.join('') === have.join('')) return 100;
  let s = 0;
  for (const w of want) {
    if (have.includes(w)) s += 10;
    else if (have.some((h) => h.startsWith(w) || w.startsWith(h))) s += 5;
    else return 0;
  }
  return s;
}

function opOf(phrase: string): Op | null {
  const p = phrase.toLowerCase();
  if (/\b(average|avg|mean)\b/.test(p)) return 'avg';
  if (/\b(max|maximum|peak|highest)\b/.test(p)) return 'max';
  if (/\b(min|minimum|lowest)\b/.test(p)) return 'min';
  if (/\b(count|number)\b/.test(p)) return 'count';
  if (/\b(total|sum)\b/.test(p)) return 'sum';
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

interface Plan {
  source: DataSummary;
  x: string;
  y: string;
  op: Op | null;
  bucket: (typeof TIME_UNITS)[number] | null;
  score: number;
}

/** The columns of `source` for "Y by X", if it has them. */
function planFor(source: DataSummary, yPhrase: string, xPhrase: string): Plan | null {
  const op = opOf(yPhrase);
  const unit = TIME_UNITS.find((u) => singular(xPhrase.trim().toLowerCase()) === u) ?? null;
  let x = best(source.columns, xPhrase);
  let bucket: Plan['bucket'] = null;
  if (!x && unit) {
    const time = source.columns.find((c) => c.type === 'datetime');
    if (time) {
      x = { column: time, score: 1 };
      bucket = unit;
    }
  }
  if (!x) return null;
  const numeric = (c: ColumnInfo) => c.type === 'number' && c.name !== x!.column.name;
  let y = best(source.columns, yPhrase, op === 'count' ? (c) => c.name !== x!.column.name : numeric);
  if (!y && op === 'count') y = { column: x.column, score: 1 };
  if (!y) return null;
  return { source, x: x.column.name, y: y.column.name, op, bucket, score: Math.min(x.score, y.score) };
}

/** Data pasted below the request: CSV (header first) or JSON (records or columns), in a code fence or not. */
async function pastedData(text: string): Promise<DataSummary | null> {
  const body = text
    .split('\n')
    .slice(1)
    .join('\n')
    .replace(/^\s*```[a-z]*\s*$/gim, '')
    .trim();
  if (!body) return null;
  try {
    const limits = { maxRows: 5000, maxColumns: 64, maxBytes: 64 * 1024 };
    const parsed = /^[[{]/.test(body) ? await parseJson([body], limits) : await parseCsv([body], limits);
    if (parsed.rowCount === 0 || parsed.schema.length < 2) return null;
    const columns = parsed.schema.map((s) => ({
      name: s.name,
      type: s.type === 'empty' ? ('empty' as const) : s.type,
      sample: (parsed.columns[s.name] ?? []).slice(0, 3),
    }));
    return Object.assign(
      { source: 'chart' as const, id: 'pasted', title: 'the data in your message', rowCount: parsed.rowCount, columns },
      { values: parsed.columns },
    );
  } catch {
    return null;
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clean = (s: string) => s.trim().replace(/\s+/g, ' ').slice(0, 80);

async function makeChart(ctx: OfflineContext, m: RegExpExecArray, hint: boolean): Promise<string> {
  const kindWord = (m[1] ?? 'bar').toLowerCase();
  const kind = KINDS[kindWord]!;
  const yPhrase = clean(m[2]!);
  const xPhrase = clean(m[3]!);
  const named = m[4] ? clean(m[4]) : null;

  const pasted = await pastedData(ctx.text);
  let candidates: DataSummary[];
  if (pasted) candidates = [pasted];
  else {
    const all = await listData(ctx.db, ctx.user);
    const contextual =
      ctx.session.contextType === 'dataset' && ctx.session.contextId
        ? [await describeDataset(ctx.db, ctx.user, ctx.session.contextId).catch(() => null)].filter((d) => d !== null)
        : [];
    const byName = named ? all.filter((d) => d.title.toLowerCase().includes(named.toLowerCase())) : [];
    candidates = [...contextual, ...byName, ...(named && byName.length ? [] : all)];
  }
  let plan: Plan | null = null;
  for (const source of candidates) {
    const p = planFor(source, yPhrase, xPhrase);
    // The first source that matches wins unless a later one matches clearly better (pasted/named/session first).
    if (p && (!plan || p.score > plan.score * 2)) plan = p;
  }
  if (!plan) {
    const known = candidates
      .slice(0, 6)
      .map((d) => `“${d.title}” (${d.columns.map((c) => c.name).join(', ')})`)
      .join('; ');
    return (
      `I could not find columns for “${yPhrase}” by “${xPhrase}” in ${named ? `“${named}”` : 'your data'}.` +
      (known ? ` What I can chart: ${known}.` : ' You have no datasets yet.') +
      ' You can also paste CSV below your request, header first.'
    );
  }

  const { source, x, y, op, bucket } = plan;
  const measure = op ?? (kind.aggregate || bucket ? 'sum' : null);
  const yOut = measure === 'count' ? 'count' : y;
  const transforms: Transform[] = measure
    ? [
        {
          type: 'aggregate',
          groupBy: bucket ? [] : [x],
          ...(bucket ? { bucket: { column: x, every: bucket } } : {}),
          measures: [{ column: y, op: measure, ...(measure === 'count' ? { as: 'count' } : {}) }],
        },
      ]
    : [];
  const mapping = { x, y: [yOut] };
  let dataSourceConfig: DataSourceConfig;
  if (source.source === 'dataset') {
    dataSourceConfig = { kind: 'dataset', datasetId: source.id, mapping, transforms };
  } else {
    const values: Columns =
      'values' in source
        ? (source as { values: Columns }).values
        : await readColumns(ctx.db, ctx.user, source, [...new Set([x, y])]);
    const columns = Object.fromEntries([...new Set([x, y])].map((c) => [c, values[c] ?? []]));
    dataSourceConfig = { kind: 'inline', columns, mapping, transforms };
  }
  const title = `${capitalize(yPhrase)} by ${xPhrase}`.slice(0, 200);
  const outcome = await ctx.tool('create_chart', {
    title,
    chartType: kind.chartType,
    plotlyConfig: {
      data: [{ ...kind.trace, name: yPhrase }],
      layout: {
        title: { text: title },
        ...(kind.chartType === 'pie' ? {} : { xaxis: { title: { text: x } }, yaxis: { title: { text: yOut } } }),
      },
    },
    dataSourceConfig,
    tags: ['chat'],
  });
  if (!outcome.ok) return `I could not create the chart: ${outcome.error.message}`;
  const how = measure ? `${measure === 'avg' ? 'average' : measure} of ${y}` : y;
  const from =
    source.id === 'pasted'
      ? source.title
      : `${source.source === 'dataset' ? 'the dataset' : 'the chart'} “${source.title}”`;
  const next =
    hint && ctx.session.contextType === 'dashboard'
      ? ' Say “add it to the top-left slot” to put it on the dashboard.'
      : '';
  return `Here is “${title}”: a ${kindWord} chart of ${how} by ${bucket ? `${bucket} of ${x}` : x}, from ${from}. It is in your workspace.${next}`;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

async function placeLatest(ctx: OfflineContext): Promise<string> {
  const chart = ctx.recentCharts[0];
  if (!chart)
    return 'I have not made a chart in this chat yet. Ask for one first, e.g. “bar chart of capacity by site”.';
  if (ctx.session.contextType !== 'dashboard' || !ctx.session.contextId) {
    return 'This chat is not attached to a dashboard, so I do not know where to put it. Open the chat from a dashboard, or drag the chart from your workspace.';
  }
  const dashboard = await getDashboard(ctx.db, ctx.user, ctx.session.contextId).catch(() => null);
  if (!dashboard) return 'I cannot find the dashboard this chat belongs to.';
  const tabPhrase = /\b(?:on|in)\s+(?:the\s+)?(?:tab\s+["“']?([^"”']+?)["”']?|["“']?([^"”']+?)["”']?\s+tab)\b/i.exec(
    ctx.text,
  );
  const tabName = tabPhrase ? squash(tabPhrase[1] ?? tabPhrase[2] ?? '') : null;
  const tab = (tabName && dashboard.tabs.find((t) => squash(t.title) === tabName)) || dashboard.tabs[0];
  if (!tab) return 'The dashboard has no tabs.';
  const taken = new Set(tab.placements.map((p) => p.slotKey));
  const slotMatch = SLOT_PHRASE.exec(ctx.text);
  const wanted = slotMatch ? squash(slotMatch[1] ?? slotMatch[2] ?? '') : null;
  const slots = tab.template.slots;
  const fits = (s: (typeof slots)[number]) =>
    !s.constraints.allowedChartTypes?.length || s.constraints.allowedChartTypes.includes(chart.chartType ?? '');
  const slot = wanted
    ? (slots.find((s) => squash(s.slotKey) === wanted) ?? slots.find((s) => squash(s.slotKey).includes(wanted)))
    : slots.find((s) => !taken.has(s.slotKey) && fits(s));
  if (!slot) {
    return wanted
      ? `The tab “${tab.title}” has no slot called “${slotMatch![1] ?? slotMatch![2]}”. Its slots: ${slots.map((s) => s.slotKey).join(', ')}.`
      : `Every slot of “${tab.title}” that accepts a ${chart.chartType ?? ''} chart is taken.`;
  }
  const outcome = await ctx.tool('place_chart', { tabId: tab.id, chartId: chart.id, slotKey: slot.slotKey });
  if (!outcome.ok) return `I could not place “${chart.title ?? 'the chart'}”: ${outcome.error.message}.`;
  return `Placed “${chart.title ?? 'the chart'}” in the ${slot.slotKey} slot of “${tab.title}”.`;
}

async function describeData(ctx: OfflineContext): Promise<string> {
  const outcome = await ctx.tool('describe_data', {});
  if (!outcome.ok) return `I could not list your data: ${outcome.error.message}`;
  const all = outcome.result as DataSummary[];
  if (all.length === 0)
    return 'You have no datasets or charts with data yet. Import a CSV from the chart editor, or paste one below a request.';
  const lines = all
    .slice(0, 10)
    .map(
      (d) =>
        `• ${d.source === 'dataset' ? 'Dataset' : 'Chart'} “${d.title}”, ${d.rowCount} rows: ${d.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`,
    );
  return `Here is what you can chart:\n${lines.join('\n')}\nAsk e.g. “bar chart of ${all[0]!.columns.find((c) => c.type === 'number')?.name ?? 'value'} by ${all[0]!.columns[0]?.name ?? 'category'}”.`;
}

async function newDashboard(ctx: OfflineContext, name: string | undefined): Promise<string> {
  const title = clean(name || 'New dashboard') || 'New dashboard';
  const outcome = await ctx.tool('create_dashboard', { title, templateId: GRID_2X2 });
  if (!outcome.ok) return `I could not create the dashboard: ${outcome.error.message}`;
  return `Created the dashboard “${title}” on the 2×2 grid template. It is in your workspace.`;
}

/** What "it" means for visibility and sharing: the dashboard when named, else the chat's latest chart. */
function targetOf(ctx: OfflineContext): { type: 'chart' | 'dashboard'; id: string } | null {
  const dashboard =
    ctx.session.contextType === 'dashboard' && ctx.session.contextId
      ? { type: 'dashboard' as const, id: ctx.session.contextId }
      : null;
  if (dashboard && /\bdashboard\b/i.test(ctx.text)) return dashboard;
  const chart = ctx.recentCharts[0];
  return chart ? { type: 'chart', id: chart.id } : dashboard;
}

const NO_TARGET =
  'I do not know what to share: make a chart in this chat first, or open the chat from a dashboard and say “the dashboard”.';

function asked(outcome: ToolOutcome): string {
  if (!outcome.ok && outcome.error.code === 'NEEDS_CONFIRMATION') {
    return 'That changes who can see your work, so I only asked: confirm or cancel it below.';
  }
  return `I cannot do that: ${outcome.ok ? 'no confirmation was asked' : outcome.error.message}`;
}

async function changeVisibility(ctx: OfflineContext, isPublic: boolean): Promise<string> {
  const target = targetOf(ctx);
  if (!target) return NO_TARGET;
  return asked(await ctx.tool('set_visibility', { resourceType: target.type, id: target.id, isPublic }));
}

async function shareLink(ctx: OfflineContext): Promise<string> {
  const target = targetOf(ctx);
  if (!target) return NO_TARGET;
  return asked(await ctx.tool('create_share_link', { resourceType: target.type, resourceId: target.id }));
}

const HELP =
  'I am the built-in offline agent. I can: make a chart from your data (“bar chart of capacity by site”, “line chart ' +
  'of load by month”, or paste CSV below the request), place the latest chart (“add it to the top-left slot”), ' +
  'create a dashboard (“create a dashboard called Sales”), list your data (“what data do I have?”), and ask you to ' +
  'confirm making the latest chart public or sharing it (“make it public”, “share it”).';

/** The reply text; tool calls happen through `ctx.tool` along the way. */
export async function offlineReply(ctx: OfflineContext): Promise<string> {
  const firstLine = ctx.text.split('\n')[0]!.trim();
  // "bar chart of X by Y and add it to the top-left slot": the chart first, then the placement.
  const [chartPart, placePart] = firstLine.split(/\s+(?:and|then|,)\s+(?:then\s+)?(?=(?:add|put|place|pin)\b)/i);
  const chart = CHART_REQUEST.exec(chartPart!.trim());
  const replies: string[] = [];
  if (chart) {
    const before = ctx.recentCharts.length;
    replies.push(await makeChart(ctx, chart, !placePart));
    if (placePart && ctx.recentCharts.length > before) replies.push(await placeLatest({ ...ctx, text: placePart }));
    return replies.join(' ');
  }
  const visibility = VISIBILITY_REQUEST.exec(firstLine);
  if (visibility) return changeVisibility(ctx, visibility[1]!.toLowerCase() === 'public');
  if (SHARE_REQUEST.test(firstLine)) return shareLink(ctx);
  if (PLACE_REQUEST.test(firstLine)) return placeLatest(ctx);
  const dashboard = NEW_DASHBOARD.exec(firstLine);
  if (dashboard) return newDashboard(ctx, dashboard[1]);
  if (DATA_QUESTION.test(firstLine)) return describeData(ctx);
  return HELP;
}
