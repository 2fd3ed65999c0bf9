import type { Columns } from '@ocp/contract';
import { slotAllowsChartType } from '@ocp/contract/slot-rules';
import { chartArgs, KIND_WORDS, KINDS, type Plan, planByColumns, planByTopic, planMetric } from './chart-plan.js';
import { HELP } from './patterns.js';
import { clean, quote, score, squash } from './words.js';
import type { AgentDashboard, AgentSlot, AgentTab, AgentWorld, ChartRef, DataSummary, ToolOutcome } from './world.js';

/**
 * The offline agent's grammar (SPEC §7, docs/chat.md): the request's first line is matched against the patterns of
 * `patterns.ts`, in order; what it asks for is done through `world.tool`, with the API's arguments. The reply says
 * what was done (or proposed) in the user's terms: chart titles, slot labels and keys, tab titles.
 */

const GRID_2X2 = '00000000-0000-4000-8000-000000000003';

const CHART_REQUEST = new RegExp(
  `\\b(${KIND_WORDS})(?:\\s+(?:chart|graph|plot))?\\s+(?:of|for|showing|with)\\s+(.+)`,
  'i',
);
const BY = /^(.+?)\s+(?:by|per|over|across|for each|vs\.?|versus|against)\s+(.+?)$/i;
const FROM = /\s+(?:from|in|using)\s+(?:the\s+)?(?:dataset\s+|chart\s+)?["“']?(.+?)["”']?$/i;
const PLACE_TAIL =
  /\s*(?:,|\band\b|\bthen\b)*\s*(?:\b(?:and\s+)?(?:add|put|place|pin)\s+it\b)?\s*\b(?:to|on|in|into)\s+(?:this|the|my)\s+(dashboard|.+?\s+slot|.+?\s+tab)\b(.*)$/i;
const LEADING_ADD =
  /^\s*(?:please\s+)?(?:add|put|place|create|make|draw|show me|give me|i want|i need)\s+(?:me\s+)?(?:a|an|the)?\s*/i;

const TYPE_CHANGE = new RegExp(
  `\\b(?:make|change|turn|convert|switch)\\s+(?:it|this|that|the chart)\\s+(?:in)?(?:to|into)?\\s*(?:a|an)?\\s*(${KIND_WORDS})\\b`,
  'i',
);
const STACK = /^\s*(?:please\s+)?(un)?stack\s+(?:it|them|the bars|this)\b|\bmake\s+it\s+(un)?stacked\b/i;
const HORIZONTAL = /\bmake\s+it\s+(horizontal|vertical)\b|\b(horizontal|vertical)\s+bars\b/i;
const LAST_N = /\b(?:only\s+)?(?:the\s+)?last\s+(\d{1,4})\s+(hour|day|week|month|year)s?\b/i;
const RENAME = /\b(?:rename|retitle|call|title)\s+(?:it|this|that|the chart)?\s*(?:to|as)?\s+["“']?(.+?)["”']?\s*$/i;
const MOVE =
  /^\s*(?:please\s+)?move\s+(.+?)\s+(?:to|into|in)\s+(?:the\s+)?(.+?)(?:\s+slot)?(?:\s+(?:on|of|in)\s+(?:the\s+)?(.+?)\s+tab)?\s*[.!]?$/i;
const REMOVE =
  /^\s*(?:please\s+)?(?:remove|take|delete|clear|empty)\s+(.+?)(?:\s+off)?(?:\s+(?:from|off)\s+(?:the|this)\s+dashboard)?\s*[.!]?$/i;
const PLACE =
  /^\s*(?:please\s+)?(?:add|put|place|pin)\s+(.+?)\s+(?:to|on|in|into)\s+(?:the\s+|this\s+)?(.+?)\s*[.!]?$/i;
const NEW_DASHBOARD =
  /\b(?:create|make|start|new)\b\s+(?:a\s+|an\s+)?(?:new\s+)?dashboard\b(?:\s+(?:called|named|titled))?\s*["“']?([^"”']*?)["”']?\s*(?:\s+(?:on|with|using)\s+(?:the\s+)?(.+?)(?:\s+template)?)?\s*[.!?]?$/i;
const NEW_TAB =
  /\b(?:add|create|make|new)\b\s+(?:a\s+|an\s+)?(?:new\s+)?tab\b(?:\s+(?:called|named|titled))?\s*["“']?([^"”']*?)["”']?\s*(?:\s+(?:on|with|using)\s+(?:the\s+)?(.+?)(?:\s+template)?)?\s*[.!?]?$/i;
const RETEMPLATE =
  /\b(?:use|apply|switch\s+to|change\s+to)\s+(?:the\s+)?(.+?)\s+template\b(?:\s+(?:on|for)\s+(?:the\s+)?(?:tab\s+)?["“']?(.+?)["”']?(?:\s+tab)?)?\s*[.!]?$/i;
const NEW_TEMPLATE =
  /\b(?:create|make|new)\b\s+(?:a\s+)?template\b(?:\s+(?:called|named))?\s*["“']?([^"”']*?)["”']?\s+with\s+(\d{1,2})\s+(?:columns|slots|charts)\b/i;
const DATA_QUESTION = /\b(?:what|which|list|show)\b.*\b(?:data|datasets?)\b/i;
const DESCRIBE =
  /^\s*(?:describe|explain)\s+(?:the\s+)?(?:dataset\s+|chart\s+|data\s+(?:in|of)\s+)?["“']?(.+?)["”']?\s*[.?!]?$|\bwhat\s+columns\s+(?:does|do|has)\s+["“']?(.+?)["”']?\s+(?:have|contain)\b/i;
const SEARCH =
  /^\s*(?:please\s+)?(?:find|search(?:\s+for)?|look\s+for|where\s+(?:is|are))\s+(?:charts?|items?|datasets?|anything)?\s*(?:about|with|for|on|named|called)?\s*["“']?(.+?)["”']?\s*[.?!]?$/i;
const DASHBOARD_QUESTION =
  /\b(?:what(?:'s|’s| is)|show|list|which)\b.*\b(?:on|in)\s+(?:this|the)\s+(?:dashboard|tab)\b|\b(?:free|empty|which)\s+slots\b|\bwhat\s+slots\b/i;
const VISIBILITY = /\b(?:make|set|turn|mark)\b.*?\b(public|private)\b/i;
const SHARE = /\b(?:share|sharing link|create a link|make a link|link to)\b/i;

/** Says whether a failed tool call is waiting for the user's confirmation. */
const waiting = (o: ToolOutcome) => !o.ok && o.error.code === 'NEEDS_CONFIRMATION';
const failure = (o: ToolOutcome) => (o.ok ? '' : o.error.message.replace(/\.$/, ''));

/** A tab and slot, in words: “slot hero (hero) on tab Overview”. */
const where = (tab: AgentTab, slot: AgentSlot) =>
  `the ${slot.label} slot (${slot.slotKey}) of the tab ${quote(tab.title)}`;

// --- data -----------------------------------------------------------------------------------------------------

/** Data pasted below the request, parsed by the provider. */
async function pasted(world: AgentWorld): Promise<(DataSummary & { values: Columns }) | null> {
  const body = world.text
    .split('\n')
    .slice(1)
    .join('\n')
    .replace(/^\s*```[a-z]*\s*$/gim, '')
    .trim();
  if (!body) return null;
  const parsed = await world.parse(body);
  if (!parsed || parsed.schema.length < 2) return null;
  const rowCount = Math.max(0, ...Object.values(parsed.columns).map((c) => c.length));
  if (rowCount === 0) return null;
  return {
    source: 'chart',
    id: 'pasted',
    title: 'the data in your message',
    rowCount,
    columns: parsed.schema.map((s) => ({
      name: s.name,
      type: s.type,
      sample: (parsed.columns[s.name] ?? []).slice(0, 3),
    })),
    values: parsed.columns,
  };
}

/** Where to look for data, best first: pasted data, the chat's dataset, a source named with "from", then all. */
async function candidates(world: AgentWorld, named: string | null): Promise<DataSummary[]> {
  const data = await pasted(world);
  if (data) return [data];
  const all = await world.listData();
  const own = world.datasetId ? all.filter((d) => d.id === world.datasetId) : [];
  if (named) {
    const energy = /\benergy\b/i.test(named) ? all.filter((d) => d.source === 'energy') : [];
    const byName = all.filter((d) => d.title.toLowerCase().includes(named.toLowerCase()));
    if (energy.length || byName.length) return [...energy, ...byName];
  }
  return [...own, ...all];
}

/** The best plan across the candidates; the first that matches wins unless a later one matches clearly better. */
function choose(sources: DataSummary[], plan: (s: DataSummary) => Plan | null): Plan | null {
  let found: Plan | null = null;
  for (const source of sources) {
    const p = plan(source);
    if (p && (!found || p.score > found.score * 2)) found = p;
  }
  return found;
}

function whatICanChart(sources: DataSummary[]): string {
  const known = sources
    .slice(0, 6)
    .map((d) => `${quote(d.title)} (${d.columns.map((c) => c.name).join(', ')})`)
    .join('; ');
  return known ? ` What I can chart: ${known}.` : ' You have no data yet: import a CSV, or paste one below a request.';
}

// --- the dashboard ---------------------------------------------------------------------------------------------

function findTab(dashboard: AgentDashboard, phrase: string | undefined | null): AgentTab | null {
  if (!phrase) return null;
  const want = squash(phrase.replace(/\btab\b/i, ''));
  return dashboard.tabs.find((t) => squash(t.title) === want) ?? null;
}

function findSlot(tab: AgentTab, phrase: string): AgentSlot | null {
  const want = squash(phrase.replace(/\bslot\b/i, ''));
  if (!want) return null;
  return (
    tab.slots.find((s) => squash(s.slotKey) === want || squash(s.label) === want) ??
    tab.slots.find((s) => squash(s.slotKey).includes(want)) ??
    null
  );
}

const fits = (slot: AgentSlot, chartType: string) => slotAllowsChartType(slot.constraints, chartType);

function slotRules(slot: AgentSlot): string {
  const types = slot.constraints.allowedChartTypes;
  return types?.length ? `, only ${types.join('/')}` : '';
}

function slotsOf(tab: AgentTab): string {
  return tab.slots.map((s) => `${s.label} (${s.slotKey}${slotRules(s)})`).join(', ');
}

/** A chart on the dashboard named by title, "the chart in the X slot", or "it" (the chat's latest, if placed). */
function findPlaced(dashboard: AgentDashboard, phrase: string, recent: ChartRef[]) {
  const p = clean(phrase).replace(/^(?:the\s+)?chart\s+/i, '');
  const inSlot =
    /^(?:the\s+)?(?:chart\s+)?(?:in|from|at)\s+(?:the\s+)?(.+?)(?:\s+slot)?(?:\s+(?:on|of)\s+(?:the\s+)?(.+?)\s+tab)?$/i.exec(
      p,
    );
  for (const tab of dashboard.tabs) {
    if (inSlot) {
      const named = inSlot[2] ? findTab(dashboard, inSlot[2]) : null;
      if (named && named !== tab) continue;
      const slot = findSlot(tab, inSlot[1]!);
      if (slot?.placement) return { tab, slot };
      continue;
    }
    const isIt = /^(?:it|this|that|this chart|that chart)$/i.test(p);
    for (const slot of tab.slots) {
      const placed = slot.placement;
      if (!placed) continue;
      if (isIt ? recent[0]?.id === placed.chartId : squash(placed.title ?? '') === squash(p)) return { tab, slot };
    }
  }
  if (!inSlot) {
    for (const tab of dashboard.tabs)
      for (const slot of tab.slots)
        if (slot.placement && score(slot.placement.title ?? '', p) > 0) return { tab, slot };
  }
  return null;
}

const canEdit = (d: AgentDashboard) => d.role !== 'viewer' && d.role !== 'public';
const READ_ONLY = (d: AgentDashboard) => `You can only view ${quote(d.title)}, so I cannot change it.`;

async function placeChart(world: AgentWorld, chart: ChartRef, text: string): Promise<string> {
  const dashboard = await world.dashboard();
  if (!dashboard) {
    return 'This chat is not attached to a dashboard, so I do not know where to put it. Open the chat from a dashboard, or drag the chart from your workspace.';
  }
  if (!canEdit(dashboard)) return READ_ONLY(dashboard);
  for (const tab of dashboard.tabs) {
    const slot = tab.slots.find((s) => s.placement?.chartId === chart.id);
    if (slot) return `${quote(chart.title)} is already in ${where(tab, slot)}.`;
  }
  const tabMatch = /\b(?:on|in|of)\s+(?:the\s+)?(?:tab\s+["“']?([^"”']+?)["”']?|["“']?([^"”']+?)["”']?\s+tab)\b/i.exec(
    text,
  );
  const namedTab = tabMatch ? findTab(dashboard, tabMatch[1] ?? tabMatch[2]) : null;
  if (tabMatch && !namedTab) {
    return `This dashboard has no tab called ${quote(tabMatch[1] ?? tabMatch[2] ?? '')}. Its tabs: ${dashboard.tabs.map((t) => quote(t.title)).join(', ')}.`;
  }
  const slotMatch = /\b(?:to|in|into|on|at)\s+(?:the\s+)?([\w -]+?)\s+slot\b|\bslot\s+["“']?([\w-]+)/i.exec(text);
  const tabs = namedTab ? [namedTab] : dashboard.tabs;
  if (slotMatch) {
    const phrase = slotMatch[1] ?? slotMatch[2] ?? '';
    const tab = namedTab ?? tabs.find((t) => findSlot(t, phrase)) ?? tabs[0];
    const slot = tab ? findSlot(tab, phrase) : null;
    if (!tab || !slot) {
      const first = tab ?? dashboard.tabs[0];
      return `No tab of this dashboard has a slot called ${quote(phrase)}.${first ? ` The slots of ${quote(first.title)}: ${slotsOf(first)}.` : ''}`;
    }
    if (!fits(slot, chart.chartType)) {
      return `The ${slot.label} slot (${slot.slotKey}) of ${quote(tab.title)} takes only ${slot.constraints.allowedChartTypes!.join('/')} charts, and ${quote(chart.title)} is a ${chart.chartType} chart.`;
    }
    if (slot.placement) {
      return `The ${slot.label} slot (${slot.slotKey}) of ${quote(tab.title)} already holds ${quote(slot.placement.title ?? 'a chart')}. Say “remove the chart in the ${slot.label} slot” first, or name a free slot.`;
    }
    return place(world, chart, tab, slot);
  }
  for (const tab of tabs) {
    const slot = tab.slots.find((s) => !s.placement && fits(s, chart.chartType));
    if (slot) return place(world, chart, tab, slot);
  }
  return `Every slot that accepts a ${chart.chartType} chart is taken${namedTab ? ` on ${quote(namedTab.title)}` : ''}. Say “add a tab called …” for more room, or remove a chart first.`;
}

async function place(world: AgentWorld, chart: ChartRef, tab: AgentTab, slot: AgentSlot): Promise<string> {
  const outcome = await world.tool('place_chart', { tabId: tab.id, chartId: chart.id, slotKey: slot.slotKey });
  if (!outcome.ok) return `I could not place ${quote(chart.title)}: ${failure(outcome)}.`;
  return `It goes in ${where(tab, slot)}.`;
}

// --- create ----------------------------------------------------------------------------------------------------

async function makeChart(world: AgentWorld, kindWord: string, rest: string): Promise<string> {
  const placeTail = PLACE_TAIL.exec(rest);
  let body = placeTail ? rest.slice(0, placeTail.index) : rest;
  const from = FROM.exec(body);
  const named = from ? clean(from[1]!) : null;
  if (from) body = body.slice(0, from.index);
  body = clean(body);
  const sources = await candidates(world, named);
  const kind = kindWord.toLowerCase();
  const by = BY.exec(body);
  let plan: Plan | null = null;
  if (kind === 'metric' || kind === 'kpi') plan = choose(sources, (s) => planMetric(s, body));
  else if (kind === 'histogram') {
    plan = choose(sources, (s) => {
      const p = planMetric(s, body);
      return p ? { ...p, op: null, title: `Distribution of ${body}` } : null;
    });
  } else if (by) plan = choose(sources, (s) => planByColumns(s, clean(by[1]!), clean(by[2]!)));
  if (!plan && kind !== 'metric' && kind !== 'kpi') plan = choose(sources, (s) => planByTopic(s, body));
  if (!plan) {
    return `I could not find data for ${quote(body)}${named ? ` in ${quote(named)}` : ''}.${whatICanChart(sources)}`;
  }
  const values =
    plan.source.source === 'chart'
      ? 'values' in plan.source
        ? (plan.source as { values: Columns }).values
        : await world.readColumns(plan.source, [...new Set([plan.x, ...plan.y])])
      : null;
  const args = chartArgs(plan, kind, values);
  const from_ =
    plan.source.id === 'pasted'
      ? plan.source.title
      : plan.source.source === 'energy'
        ? 'the energy readings'
        : `${plan.source.source === 'dataset' ? 'the dataset' : 'the chart'} ${quote(plan.source.title)}`;
  // The same request again: the chart this chat already made, not a copy.
  const again = world.recentCharts.find((c) => c.title === args.title && c.chartType === args.chartType);
  let chart: ChartRef;
  let text: string;
  if (again) {
    chart = again;
    text = `I already made ${quote(again.title)} in this chat, so I did not make a copy.`;
  } else {
    const outcome = await world.tool('create_chart', args);
    if (!outcome.ok) return `I could not create the chart: ${failure(outcome)}.`;
    const made = outcome.result as { chartId: string; title: string; chartType: string };
    chart = { id: made.chartId, title: made.title, chartType: made.chartType };
    world.recentCharts.unshift(chart);
    const ys =
      plan.op && plan.op !== 'sum'
        ? `${plan.op === 'avg' ? 'average' : plan.op} of ${plan.y.join(', ')}`
        : (args.dataSourceConfig.mapping?.y ?? plan.y).join(', ');
    text = `New chart ${quote(chart.title)}: a ${kind} chart of ${ys} by ${plan.bucket ? `${plan.bucket} of ${plan.x}` : plan.x}, from ${from_}.`;
  }
  if (!placeTail) {
    const dashboard = await world.dashboard();
    return dashboard && !again ? `${text} Say “put it on the dashboard” or “add it to the … slot” to place it.` : text;
  }
  return `${text} ${await placeChart(world, chart, placeTail[0])}`;
}

// --- modify ----------------------------------------------------------------------------------------------------

const NO_CHART = 'I have not made a chart in this chat yet. Ask for one first, e.g. “bar chart of capacity by site”.';

async function latest(world: AgentWorld) {
  const ref = world.recentCharts[0];
  if (!ref) return { error: NO_CHART } as const;
  const chart = await world.chart(ref.id);
  if (!chart)
    return { error: `I cannot open ${quote(ref.title)} (it is not applied yet, or no longer there).` } as const;
  return { chart } as const;
}

async function update(world: AgentWorld, id: string, changes: Record<string, unknown>, done: string): Promise<string> {
  const outcome = await world.tool('update_chart', { id, ...changes });
  if (!outcome.ok) return `I could not change the chart: ${failure(outcome)}.`;
  const ref = world.recentCharts.find((c) => c.id === id);
  if (ref && typeof changes.title === 'string') ref.title = changes.title;
  if (ref && typeof changes.chartType === 'string') ref.chartType = changes.chartType;
  return done;
}

async function changeType(world: AgentWorld, kindWord: string): Promise<string> {
  const found = await latest(world);
  if ('error' in found) return found.error!;
  const { chart } = found;
  const kind = KINDS[kindWord.toLowerCase()] ?? KINDS.bar!;
  const data = chart.plotlyConfig.data.map((t) => {
    const { type: _t, mode: _m, stackgroup: _s, hole: _h, orientation: _o, ...style } = t as Record<string, unknown>;
    return { ...style, ...kind.trace };
  });
  const pieLike = kind.chartType === 'pie' || kind.chartType === 'metric';
  const mapping = chart.dataSourceConfig?.mapping;
  const changes: Record<string, unknown> = {
    chartType: kind.chartType,
    plotlyConfig: { ...chart.plotlyConfig, data: pieLike ? data.slice(0, 1) : data },
  };
  if (pieLike && chart.dataSourceConfig && mapping && mapping.y.length > 1) {
    changes.dataSourceConfig = { ...chart.dataSourceConfig, mapping: { ...mapping, y: mapping.y.slice(0, 1) } };
  }
  return update(world, chart.id, changes, `${quote(chart.title)} is a ${kindWord.toLowerCase()} chart now.`);
}

async function stack(world: AgentWorld, undo: boolean): Promise<string> {
  const found = await latest(world);
  if ('error' in found) return found.error!;
  const { chart } = found;
  const bars = chart.plotlyConfig.data.some((t) => t.type === 'bar');
  const changes = bars
    ? {
        plotlyConfig: {
          ...chart.plotlyConfig,
          layout: { ...chart.plotlyConfig.layout, barmode: undo ? 'group' : 'stack' },
        },
      }
    : {
        plotlyConfig: {
          ...chart.plotlyConfig,
          data: chart.plotlyConfig.data.map((t) => {
            const { stackgroup: _s, ...rest } = t as Record<string, unknown>;
            return undo ? rest : { ...rest, stackgroup: 'one' };
          }),
        },
      };
  if (!bars && !chart.plotlyConfig.data.some((t) => t.type === 'scatter')) {
    return `${quote(chart.title)} is a ${chart.chartType} chart: only bars and lines stack.`;
  }
  return update(world, chart.id, changes, `${quote(chart.title)} is ${undo ? 'no longer stacked' : 'stacked'} now.`);
}

async function horizontal(world: AgentWorld, sideways: boolean): Promise<string> {
  const found = await latest(world);
  if ('error' in found) return found.error!;
  const { chart } = found;
  if (!chart.plotlyConfig.data.some((t) => t.type === 'bar')) return `${quote(chart.title)} has no bars to turn.`;
  const data = chart.plotlyConfig.data.map((t) => {
    const { orientation: _o, ...rest } = t as Record<string, unknown>;
    return sideways ? { ...rest, orientation: 'h' } : rest;
  });
  return update(
    world,
    chart.id,
    { plotlyConfig: { ...chart.plotlyConfig, data } },
    `${quote(chart.title)} has ${sideways ? 'horizontal' : 'vertical'} bars now.`,
  );
}

const UNIT_MS: Record<string, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

async function lastN(world: AgentWorld, n: number, unit: string): Promise<string> {
  const found = await latest(world);
  if ('error' in found) return found.error!;
  const { chart } = found;
  const source = chart.dataSourceConfig;
  if (!source) return `I cannot see the data of ${quote(chart.title)}.`;
  const span = `${n} ${unit}${n === 1 ? '' : 's'}`;
  // Relative to the newest reading, not to today: demo and imported data may end in the past.
  if (source.kind === 'energy') {
    const to = Date.parse(String(source.range?.to ?? '')) || Date.now();
    const range = { from: new Date(to - n * UNIT_MS[unit]!).toISOString(), to: new Date(to).toISOString() };
    return update(
      world,
      chart.id,
      { dataSourceConfig: { ...source, range } },
      `${quote(chart.title)} shows the last ${span} now.`,
    );
  }
  const time = source.mapping.x;
  let newest: number | null = null;
  if (source.kind === 'inline') {
    const values = (source.columns[time] ?? []).map((v) => (typeof v === 'string' ? Date.parse(v) : Number.NaN));
    const valid = values.filter((v) => Number.isFinite(v));
    if (valid.length === 0)
      return `${quote(chart.title)} has no dates on its x axis (${time}), so “last ${span}” does not apply.`;
    newest = Math.max(...valid);
  }
  const to = newest ?? Date.now();
  const transforms = [
    { type: 'timeRange', column: time, from: new Date(to - n * UNIT_MS[unit]!).toISOString() },
    ...(source.transforms ?? []).filter((t) => t.type !== 'timeRange'),
  ];
  return update(
    world,
    chart.id,
    { dataSourceConfig: { ...source, transforms } },
    `${quote(chart.title)} shows the last ${span} now.`,
  );
}

async function rename(world: AgentWorld, title: string): Promise<string> {
  const ref = world.recentCharts[0];
  if (!ref) return NO_CHART;
  const name = clean(title, 200);
  if (!name) return 'What should it be called? Say “rename it to …”.';
  const found = await latest(world);
  if ('error' in found) return found.error!;
  const layout = { ...found.chart.plotlyConfig.layout, title: { text: name } };
  return update(
    world,
    ref.id,
    { title: name, plotlyConfig: { ...found.chart.plotlyConfig, layout } },
    `Renamed ${quote(ref.title)} to ${quote(name)}.`,
  );
}

// --- place, move, remove ---------------------------------------------------------------------------------------

async function chartNamed(world: AgentWorld, phrase: string): Promise<ChartRef | null> {
  const p = clean(phrase);
  if (/^(?:it|this|that|this chart|that chart|the chart)$/i.test(p)) return world.recentCharts[0] ?? null;
  const recent = world.recentCharts.find((c) => squash(c.title) === squash(p));
  if (recent) return recent;
  const found = await world.search(p.replace(/^(?:the\s+)?/i, '').replace(/\s+chart$/i, ''));
  const item = found.find((i) => i.itemType === 'chart' && i.referenceId);
  if (!item) return null;
  const chart = await world.chart(item.referenceId!);
  return chart ? { id: chart.id, title: chart.title, chartType: chart.chartType } : null;
}

async function move(world: AgentWorld, what: string, to: string, tabName: string | undefined): Promise<string> {
  const dashboard = await world.dashboard();
  if (!dashboard) return 'This chat is not attached to a dashboard.';
  if (!canEdit(dashboard)) return READ_ONLY(dashboard);
  const from = findPlaced(dashboard, what, world.recentCharts);
  if (!from) return `I cannot find ${quote(clean(what))} on this dashboard.`;
  const tab = tabName ? findTab(dashboard, tabName) : from.tab;
  if (!tab) return `This dashboard has no tab called ${quote(tabName ?? '')}.`;
  const slot = findSlot(tab, to);
  if (!slot) return `${quote(tab.title)} has no slot called ${quote(to)}. Its slots: ${slotsOf(tab)}.`;
  const title = from.slot.placement!.title ?? 'the chart';
  if (slot === from.slot) return `${quote(title)} is already there.`;
  if (slot.placement)
    return `The ${slot.label} slot (${slot.slotKey}) already holds ${quote(slot.placement.title ?? 'a chart')}.`;
  if (!fits(slot, from.slot.placement!.chartType ?? '')) {
    return `The ${slot.label} slot (${slot.slotKey}) takes only ${slot.constraints.allowedChartTypes!.join('/')} charts.`;
  }
  const outcome = await world.tool('move_chart', {
    id: from.slot.placement!.id,
    ...(tab !== from.tab ? { tabId: tab.id } : {}),
    slotKey: slot.slotKey,
  });
  if (!outcome.ok) return `I could not move ${quote(title)}: ${failure(outcome)}.`;
  return `${quote(title)} moves from ${where(from.tab, from.slot)} to ${where(tab, slot)}.`;
}

async function remove(world: AgentWorld, what: string): Promise<string> {
  const dashboard = await world.dashboard();
  if (!dashboard) return 'This chat is not attached to a dashboard.';
  if (!canEdit(dashboard)) return READ_ONLY(dashboard);
  const found = findPlaced(dashboard, what, world.recentCharts);
  if (!found) return `I cannot find ${quote(clean(what))} on this dashboard.`;
  const title = found.slot.placement!.title ?? 'the chart';
  const outcome = await world.tool('remove_chart', { id: found.slot.placement!.id });
  if (!outcome.ok) return `I could not remove ${quote(title)}: ${failure(outcome)}.`;
  return `${quote(title)} comes off ${where(found.tab, found.slot)}; the chart stays in your workspace.`;
}

// --- new dashboards, tabs, templates ---------------------------------------------------------------------------

async function templateNamed(world: AgentWorld, phrase: string | undefined) {
  const all = await world.templates();
  if (!phrase) return { template: all.find((t) => t.id === GRID_2X2) ?? all[0] ?? null, all };
  const want = squash(phrase.replace(/\btemplate\b/i, '').replace(/x/g, '×'));
  const template =
    all.find(
      (t) => squash(t.name.replace(/×/g, 'x')) === squash(phrase.replace(/\btemplate\b/i, '').replace(/×/g, 'x')),
    ) ??
    all.find((t) => squash(t.name).includes(want)) ??
    null;
  return { template, all };
}

async function newDashboard(world: AgentWorld, name: string, templatePhrase: string | undefined): Promise<string> {
  const title = clean(name) || 'New dashboard';
  const { template, all } = await templateNamed(world, templatePhrase);
  if (!template)
    return `There is no template called ${quote(templatePhrase ?? '')}. Templates: ${all.map((t) => quote(t.name)).join(', ')}.`;
  const outcome = await world.tool('create_dashboard', { title, templateId: template.id });
  if (!outcome.ok) return `I could not create the dashboard: ${failure(outcome)}.`;
  return `New dashboard ${quote(title)} on the ${quote(template.name)} template (slots: ${template.slotKeys.join(', ')}).`;
}

async function newTab(world: AgentWorld, name: string, templatePhrase: string | undefined): Promise<string> {
  const dashboard = await world.dashboard();
  if (!dashboard)
    return 'This chat is not attached to a dashboard: open it from the dashboard that should get the tab.';
  if (!canEdit(dashboard)) return READ_ONLY(dashboard);
  const title = clean(name) || `Tab ${dashboard.tabs.length + 1}`;
  const { template, all } = templatePhrase ? await templateNamed(world, templatePhrase) : { template: null, all: [] };
  if (templatePhrase && !template) {
    return `There is no template called ${quote(templatePhrase)}. Templates: ${all.map((t) => quote(t.name)).join(', ')}.`;
  }
  const outcome = await world.tool('create_tab', {
    dashboardId: dashboard.id,
    title,
    ...(template ? { templateId: template.id } : {}),
  });
  if (!outcome.ok) return `I could not add the tab: ${failure(outcome)}.`;
  return `New tab ${quote(title)} on ${quote(dashboard.title)}${template ? `, on the ${quote(template.name)} template` : ''}.`;
}

async function retemplate(world: AgentWorld, templatePhrase: string, tabName: string | undefined): Promise<string> {
  const dashboard = await world.dashboard();
  if (!dashboard) return 'This chat is not attached to a dashboard.';
  if (!canEdit(dashboard)) return READ_ONLY(dashboard);
  const tab = tabName ? findTab(dashboard, tabName) : dashboard.tabs[0];
  if (!tab)
    return `This dashboard has no tab called ${quote(tabName ?? '')}. Its tabs: ${dashboard.tabs.map((t) => quote(t.title)).join(', ')}.`;
  const { template, all } = await templateNamed(world, templatePhrase);
  if (!template)
    return `There is no template called ${quote(templatePhrase)}. Templates: ${all.map((t) => quote(t.name)).join(', ')}.`;
  if (template.id === tab.templateId) return `${quote(tab.title)} already uses ${quote(template.name)}.`;
  const outcome = await world.tool('set_tab_template', { id: tab.id, templateId: template.id });
  if (!outcome.ok) return `I could not change the template of ${quote(tab.title)}: ${failure(outcome)}.`;
  return `The tab ${quote(tab.title)} uses the ${quote(template.name)} template now (slots: ${template.slotKeys.join(', ')}).`;
}

async function newTemplate(world: AgentWorld, name: string, count: number): Promise<string> {
  const n = Math.min(Math.max(count, 1), 12);
  const title = clean(name) || `${n} columns`;
  const width = Math.floor(12 / n);
  const slots = Array.from({ length: n }, (_, i) => ({
    slotKey: `column-${i + 1}`,
    positionConfig: { x: i * width, y: 0, w: width, h: 5 },
  }));
  const outcome = await world.tool('create_template', {
    name: title,
    layoutConfig: { columns: 12, rowHeight: 80, gap: 12 },
    slots,
  });
  if (!outcome.ok) return `I could not create the template: ${failure(outcome)}.`;
  return `New template ${quote(title)}: ${n} side-by-side slot${n === 1 ? '' : 's'} (${slots.map((s) => s.slotKey).join(', ')}).`;
}

// --- data and the dashboard, described --------------------------------------------------------------------------

const describeSource = (d: DataSummary) =>
  `${d.source === 'dataset' ? 'Dataset' : d.source === 'energy' ? 'Energy readings' : 'Chart'} ${quote(d.title)}, ${d.rowCount} rows: ${d.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`;

async function describeData(world: AgentWorld): Promise<string> {
  const outcome = await world.tool('describe_data', {});
  if (!outcome.ok) return `I could not list your data: ${failure(outcome)}.`;
  const all = outcome.result as DataSummary[];
  if (all.length === 0)
    return 'You have no datasets or charts with data yet. Import a CSV from the chart editor, or paste one below a request.';
  const example = all.find((d) => d.source !== 'energy') ?? all[0]!;
  return `Here is what you can chart:\n${all
    .slice(0, 10)
    .map((d) => `• ${describeSource(d)}`)
    .join(
      '\n',
    )}\nAsk e.g. “bar chart of ${example.columns.find((c) => c.type === 'number')?.name ?? 'value'} by ${example.columns[0]?.name ?? 'category'}”.`;
}

async function describeOne(world: AgentWorld, name: string): Promise<string> {
  const all = await world.listData();
  const found =
    all.find((d) => squash(d.title) === squash(name)) ??
    all.find((d) => d.title.toLowerCase().includes(name.toLowerCase()));
  if (!found) return `I found no dataset or chart called ${quote(name)}.${whatICanChart(all)}`;
  const args =
    found.source === 'dataset' ? { datasetId: found.id } : found.source === 'chart' ? { chartId: found.id } : {};
  const outcome = await world.tool('describe_data', args);
  if (!outcome.ok) return `I could not describe ${quote(found.title)}: ${failure(outcome)}.`;
  const samples = found.columns
    .map(
      (c) =>
        `${c.name} (${c.type}${c.sample.length ? `, e.g. ${c.sample.map((v) => JSON.stringify(v)).join(', ')}` : ''})`,
    )
    .join('; ');
  return `${quote(found.title)} has ${found.rowCount} rows. Columns: ${samples}.`;
}

async function search(world: AgentWorld, q: string): Promise<string> {
  const query = clean(q, 100);
  const outcome = await world.tool('search_workspace', { q: query });
  if (!outcome.ok) return `I could not search: ${failure(outcome)}.`;
  const found = outcome.result as Array<{ itemType: string; title: string }>;
  if (found.length === 0) return `Nothing in your workspace matches ${quote(query)}.`;
  return `Found ${found.length} item${found.length === 1 ? '' : 's'} for ${quote(query)}: ${found
    .slice(0, 10)
    .map((i) => `${i.itemType} ${quote(i.title)}`)
    .join(', ')}.`;
}

async function describeDashboard(world: AgentWorld): Promise<string> {
  const dashboard = await world.dashboard();
  if (!dashboard) return 'This chat is not attached to a dashboard. Open the chat from one to ask about it.';
  const tabs = dashboard.tabs.map(
    (t) =>
      `• Tab ${quote(t.title)} (${t.templateName}): ${t.slots
        .map(
          (s) =>
            `${s.label} (${s.slotKey}${slotRules(s)}) ${s.placement ? `→ ${quote(s.placement.title ?? 'a chart')}` : '→ free'}`,
        )
        .join('; ')}`,
  );
  return `${quote(dashboard.title)} has ${dashboard.tabs.length} tab${dashboard.tabs.length === 1 ? '' : 's'}:\n${tabs.join('\n')}`;
}

// --- sharing (asked, never done) -------------------------------------------------------------------------------

async function target(world: AgentWorld): Promise<{ type: 'chart' | 'dashboard'; id: string } | null> {
  const dashboard = await world.dashboard();
  if (dashboard && /\bdashboard\b/i.test(world.text)) return { type: 'dashboard', id: dashboard.id };
  const chart = world.recentCharts[0];
  return chart ? { type: 'chart', id: chart.id } : dashboard ? { type: 'dashboard', id: dashboard.id } : null;
}

const NO_TARGET =
  'I do not know what to share: make a chart in this chat first, or open the chat from a dashboard and say “the dashboard”.';
const asked = (o: ToolOutcome) =>
  waiting(o)
    ? 'That changes who can see your work, so I only asked: confirm or cancel it below.'
    : `I cannot do that: ${o.ok ? 'no confirmation was asked' : failure(o)}.`;

// --- the grammar -----------------------------------------------------------------------------------------------

/** The reply to one request; tool calls happen through `world.tool` on the way. */
export async function reply(world: AgentWorld): Promise<string> {
  const line = world.text.split('\n')[0]!.trim();
  const chart = CHART_REQUEST.exec(line.replace(LEADING_ADD, ''));
  if (chart && !/^\s*(?:make|change|turn|convert|switch)\s+it\b/i.test(line))
    return makeChart(world, chart[1]!, chart[2]!);
  const visibility = VISIBILITY.exec(line);
  if (visibility) {
    const t = await target(world);
    if (!t) return NO_TARGET;
    return asked(
      await world.tool('set_visibility', {
        resourceType: t.type,
        id: t.id,
        isPublic: visibility[1]!.toLowerCase() === 'public',
      }),
    );
  }
  if (SHARE.test(line)) {
    const t = await target(world);
    if (!t) return NO_TARGET;
    return asked(await world.tool('create_share_link', { resourceType: t.type, resourceId: t.id }));
  }
  const type = TYPE_CHANGE.exec(line);
  if (type) return changeType(world, type[1]!);
  const stacked = STACK.exec(line);
  if (stacked) return stack(world, !!(stacked[1] ?? stacked[2]));
  const sideways = HORIZONTAL.exec(line);
  if (sideways) return horizontal(world, (sideways[1] ?? sideways[2])!.toLowerCase() === 'horizontal');
  const last = LAST_N.exec(line);
  if (last && !NEW_DASHBOARD.test(line)) return lastN(world, Number(last[1]), last[2]!.toLowerCase());
  const template = NEW_TEMPLATE.exec(line);
  if (template) return newTemplate(world, template[1] ?? '', Number(template[2]));
  const dashboard = NEW_DASHBOARD.exec(line);
  if (dashboard) return newDashboard(world, dashboard[1] ?? '', dashboard[2]);
  const tab = NEW_TAB.exec(line);
  if (tab) return newTab(world, tab[1] ?? '', tab[2]);
  const retpl = RETEMPLATE.exec(line);
  if (retpl) return retemplate(world, retpl[1]!, retpl[2]);
  const moved = MOVE.exec(line);
  if (moved) return move(world, moved[1]!, moved[2]!, moved[3]);
  const removed = REMOVE.exec(line);
  if (removed) return remove(world, removed[1]!);
  const renamed = RENAME.exec(line);
  if (renamed && /^\s*(?:please\s+)?(?:rename|retitle|call|title)\b/i.test(line)) return rename(world, renamed[1]!);
  if (DASHBOARD_QUESTION.test(line)) return describeDashboard(world);
  const placed = PLACE.exec(line);
  if (placed) {
    const what = await chartNamed(world, placed[1]!);
    if (!what) return world.recentCharts.length ? `I cannot find the chart ${quote(clean(placed[1]!))}.` : NO_CHART;
    return placeChart(world, what, line.replace(placed[1]!, ''));
  }
  if (DATA_QUESTION.test(line)) return describeData(world);
  const described = DESCRIBE.exec(line);
  if (described) return describeOne(world, clean(described[1] ?? described[2] ?? ''));
  const searched = SEARCH.exec(line);
  if (searched) return search(world, searched[1]!);
  return HELP;
}
