import { HELP, PATTERNS } from '../patterns.js';

/**
 * The offline agent's patterns as one test table, run against the server (PGlite/PostgreSQL, over its services)
 * and against the in-memory provider (in Chromium), on the same demo workspace: the demo user, its dataset “Site
 * readings (sample)”, its charts and the dashboard “Energy overview” (tab Overview on Hero + 3, full; tab Patterns
 * on the 2×2 grid, bottom-left and bottom-right free).
 *
 * A case is one chat: every request of `say` is sent in order (a runner applies what each earlier request
 * proposed, as a user would before asking for more); the last one's reply and tool calls are checked.
 */
export interface PatternCase {
  pattern: string;
  /** The chat belongs to the demo dashboard “Energy overview” (default), or to nothing. */
  context?: 'dashboard' | 'none';
  say: string[];
  reply: RegExp[];
  /** The last reply's tool calls, in order; `args` is matched as a subset (arrays element by element). */
  tools: Array<{ name: string; args?: Record<string, unknown> }>;
}

const capacity = 'bar chart of capacity by site';

export const PATTERN_CASES: PatternCase[] = [
  {
    pattern: 'bar-by',
    say: [capacity],
    reply: [
      /^New chart “Capacity by site”: a bar chart of capacityKw by site, from the dataset “Site readings \(sample\)”\./,
    ],
    tools: [
      {
        name: 'create_chart',
        args: {
          title: 'Capacity by site',
          chartType: 'bar',
          plotlyConfig: { data: [{ type: 'bar' }] },
          dataSourceConfig: { kind: 'dataset', mapping: { x: 'site', y: ['capacityKw'] } },
        },
      },
    ],
  },
  {
    pattern: 'line-by-month',
    say: ['line chart of demand by month'],
    reply: [/^New chart “Demand by month”: a line chart of demand by month of time, from the energy readings\./],
    tools: [
      {
        name: 'create_chart',
        args: {
          chartType: 'line',
          dataSourceConfig: {
            kind: 'energy',
            bucket: 'day',
            measure: 'energy',
            mapping: { x: 'time', y: ['demand'] },
            transforms: [{ type: 'aggregate', bucket: { column: 'time', every: 'month' } }],
          },
        },
      },
    ],
  },
  {
    pattern: 'area',
    say: ['area chart of solar by week'],
    reply: [/^New chart “Solar by week”: a area chart of solar by week of time, from the energy readings\./],
    tools: [
      {
        name: 'create_chart',
        args: {
          chartType: 'area',
          plotlyConfig: { data: [{ type: 'scatter', stackgroup: 'one' }] },
          dataSourceConfig: { kind: 'energy', bucket: 'week', mapping: { y: ['solar'] } },
        },
      },
    ],
  },
  {
    pattern: 'pie',
    say: ['pie chart of energy by source'],
    reply: [/^New chart “Energy by source”: a pie chart of energy by source, from the chart “Generation mix”\./],
    tools: [
      {
        name: 'create_chart',
        args: { chartType: 'pie', dataSourceConfig: { kind: 'inline', mapping: { x: 'source', y: ['energy'] } } },
      },
    ],
  },
  {
    pattern: 'donut',
    say: ['donut chart of capacity by site'],
    reply: [/^New chart “Capacity by site”: a donut chart/],
    tools: [
      { name: 'create_chart', args: { chartType: 'pie', plotlyConfig: { data: [{ type: 'pie', hole: 0.45 }] } } },
    ],
  },
  {
    pattern: 'scatter',
    say: ['scatter chart of wind by solar'],
    reply: [
      /^New chart “Wind by solar”: a scatter chart of wind by solar, from the chart “Monthly generation by source”\./,
    ],
    tools: [
      {
        name: 'create_chart',
        args: {
          chartType: 'scatter',
          plotlyConfig: { data: [{ type: 'scatter', mode: 'markers' }] },
          dataSourceConfig: { kind: 'inline', mapping: { x: 'solar', y: ['wind'] } },
        },
      },
    ],
  },
  {
    pattern: 'histogram',
    say: ['histogram of capacity'],
    reply: [/^New chart “Distribution of capacity”: a histogram chart/],
    tools: [
      {
        name: 'create_chart',
        args: { chartType: 'histogram', dataSourceConfig: { kind: 'dataset', mapping: { x: 'capacityKw' } } },
      },
    ],
  },
  {
    pattern: 'metric',
    say: ['metric of total capacity'],
    reply: [/^New chart “Total capacity”: a metric chart/],
    tools: [
      {
        name: 'create_chart',
        args: {
          chartType: 'metric',
          plotlyConfig: { data: [{ type: 'indicator' }] },
          dataSourceConfig: {
            transforms: [{ type: 'aggregate', groupBy: [], measures: [{ column: 'capacityKw', op: 'sum' }] }],
          },
        },
      },
    ],
  },
  {
    pattern: 'average',
    say: ['bar chart of average capacity by site'],
    reply: [/^New chart “Average capacity by site”/],
    tools: [
      {
        name: 'create_chart',
        args: {
          dataSourceConfig: { transforms: [{ type: 'aggregate', groupBy: ['site'], measures: [{ op: 'avg' }] }] },
        },
      },
    ],
  },
  {
    pattern: 'topic',
    say: ['bar chart of monthly generation'],
    reply: [
      /^New chart “Monthly generation”: a bar chart of solar, wind, grid by month, from the chart “Monthly generation by source”\./,
    ],
    tools: [
      {
        name: 'create_chart',
        args: {
          title: 'Monthly generation',
          dataSourceConfig: { kind: 'inline', mapping: { x: 'month', y: ['solar', 'wind', 'grid'] } },
        },
      },
    ],
  },
  {
    pattern: 'energy',
    say: ['line chart of demand by day from energy data'],
    reply: [/^New chart “Demand by day”: a line chart of demand by day of time, from the energy readings\./],
    tools: [
      {
        name: 'create_chart',
        args: { dataSourceConfig: { kind: 'energy', bucket: 'day', mapping: { y: ['demand'] } } },
      },
    ],
  },
  {
    pattern: 'from-named',
    say: ['bar chart of capacity by site from Site readings'],
    reply: [/from the dataset “Site readings \(sample\)”/],
    tools: [{ name: 'create_chart', args: { dataSourceConfig: { kind: 'dataset' } } }],
  },
  {
    pattern: 'pasted',
    say: ['bar chart of sales by region\nregion,sales\nNorth,3\nSouth,5\nNorth,2'],
    reply: [/^New chart “Sales by region”: a bar chart of sales by region, from the data in your message\./],
    tools: [
      {
        name: 'create_chart',
        args: {
          dataSourceConfig: {
            kind: 'inline',
            columns: { region: ['North', 'South', 'North'], sales: [3, 5, 2] },
            transforms: [{ type: 'aggregate', groupBy: ['region'], measures: [{ column: 'sales', op: 'sum' }] }],
          },
        },
      },
    ],
  },
  {
    pattern: 'headline',
    say: ['Add a bar chart of monthly generation to this dashboard'],
    reply: [
      /^New chart “Monthly generation”/,
      /It goes in the bottom left slot \(bottom-left\) of the tab “Patterns”\.$/,
    ],
    tools: [
      { name: 'create_chart', args: { title: 'Monthly generation', chartType: 'bar' } },
      { name: 'place_chart', args: { slotKey: 'bottom-left' } },
    ],
  },
  {
    pattern: 'same-again',
    say: ['bar chart of monthly generation', 'bar chart of monthly generation'],
    reply: [/^I already made “Monthly generation” in this chat, so I did not make a copy\.$/],
    tools: [],
  },
  {
    pattern: 'make-it',
    say: [capacity, 'make it a pie'],
    reply: [/^“Capacity by site” is a pie chart now\.$/],
    tools: [{ name: 'update_chart', args: { chartType: 'pie', plotlyConfig: { data: [{ type: 'pie' }] } } }],
  },
  {
    pattern: 'stack',
    say: ['bar chart of monthly generation', 'stack it'],
    reply: [/^“Monthly generation” is stacked now\.$/],
    tools: [{ name: 'update_chart', args: { plotlyConfig: { layout: { barmode: 'stack' } } } }],
  },
  {
    pattern: 'horizontal',
    say: [capacity, 'make it horizontal'],
    reply: [/^“Capacity by site” has horizontal bars now\.$/],
    tools: [{ name: 'update_chart', args: { plotlyConfig: { data: [{ type: 'bar', orientation: 'h' }] } } }],
  },
  {
    pattern: 'last-n',
    say: ['line chart of north by time', 'last 3 days'],
    reply: [/^“North by time” shows the last 3 days now\.$/],
    tools: [
      {
        name: 'update_chart',
        args: { dataSourceConfig: { kind: 'inline', transforms: [{ type: 'timeRange', column: 'time' }] } },
      },
    ],
  },
  {
    pattern: 'rename',
    say: [capacity, 'rename it to Site capacity'],
    reply: [/^Renamed “Capacity by site” to “Site capacity”\.$/],
    tools: [{ name: 'update_chart', args: { title: 'Site capacity' } }],
  },
  {
    pattern: 'place',
    say: [capacity, 'add it to the bottom right slot on the Patterns tab'],
    reply: [/^It goes in the bottom right slot \(bottom-right\) of the tab “Patterns”\.$/],
    tools: [{ name: 'place_chart', args: { slotKey: 'bottom-right' } }],
  },
  {
    pattern: 'place',
    say: [capacity, 'add it to the top-middle slot'],
    // The real slots, by label and key: never a slot that does not exist.
    reply: [
      /^No tab of this dashboard has a slot called “top-middle”\. The slots of “Overview”: hero \(hero\), bottom left \(bottom-left\), bottom center \(bottom-center\), bottom right \(bottom-right\)\.$/,
    ],
    tools: [],
  },
  {
    pattern: 'place-anywhere',
    say: [capacity, 'put it on the dashboard'],
    reply: [/^It goes in the bottom left slot \(bottom-left\) of the tab “Patterns”\.$/],
    tools: [{ name: 'place_chart', args: { slotKey: 'bottom-left' } }],
  },
  {
    pattern: 'move',
    say: ['move Generation mix to the bottom-right slot of the Patterns tab'],
    reply: [
      /^“Generation mix” moves from the bottom left slot \(bottom-left\) of the tab “Overview” to the bottom right slot \(bottom-right\) of the tab “Patterns”\.$/,
    ],
    tools: [{ name: 'move_chart', args: { slotKey: 'bottom-right' } }],
  },
  {
    pattern: 'remove',
    say: ['remove the chart in the top-right slot'],
    reply: [
      /^“Site load, week 44” comes off the top right slot \(top-right\) of the tab “Patterns”; the chart stays in your workspace\.$/,
    ],
    tools: [{ name: 'remove_chart' }],
  },
  {
    pattern: 'new-dashboard',
    say: ['create a dashboard called Sales on the Hero + 3 template'],
    reply: [
      /^New dashboard “Sales” on the “Hero \+ 3” template \(slots: hero, bottom-left, bottom-center, bottom-right\)\.$/,
    ],
    tools: [{ name: 'create_dashboard', args: { title: 'Sales', templateId: '00000000-0000-4000-8000-000000000004' } }],
  },
  {
    pattern: 'new-tab',
    say: ['add a tab called Costs with the Two columns template'],
    reply: [/^New tab “Costs” on “Energy overview”, on the “Two columns” template\.$/],
    tools: [{ name: 'create_tab', args: { title: 'Costs', templateId: '00000000-0000-4000-8000-000000000002' } }],
  },
  {
    pattern: 'retemplate',
    say: ['add a tab called Costs', 'use the Single template on the Costs tab'],
    reply: [/^The tab “Costs” uses the “Single” template now \(slots: main\)\.$/],
    tools: [{ name: 'set_tab_template', args: { templateId: '00000000-0000-4000-8000-000000000001' } }],
  },
  {
    pattern: 'new-template',
    say: ['create a template called Trio with 3 columns'],
    reply: [/^New template “Trio”: 3 side-by-side slots \(column-1, column-2, column-3\)\.$/],
    tools: [{ name: 'create_template', args: { name: 'Trio', slots: [{ slotKey: 'column-1' }] } }],
  },
  {
    pattern: 'data',
    say: ['what data do I have?'],
    reply: [
      /^Here is what you can chart:\n• Dataset “Site readings \(sample\)”, 3 rows: site \(string\), capacityKw \(number\)\n/,
    ],
    tools: [{ name: 'describe_data', args: {} }],
  },
  {
    pattern: 'describe',
    say: ['describe Site readings'],
    reply: [
      /^“Site readings \(sample\)” has 3 rows\. Columns: site \(string, e\.g\. "North plant", "South campus", "East depot"\); capacityKw \(number, e\.g\. 900, 550, 300\)\.$/,
    ],
    tools: [{ name: 'describe_data' }],
  },
  {
    pattern: 'search',
    say: ['find charts about generation'],
    reply: [/^Found \d+ items? for “generation”: .*chart “Generation mix”/],
    tools: [{ name: 'search_workspace', args: { q: 'generation' } }],
  },
  {
    pattern: 'dashboard',
    say: ['what is on this dashboard?'],
    reply: [
      /^“Energy overview” has 2 tabs:\n• Tab “Overview” \(Hero \+ 3\): hero \(hero\) → “Energy balance, week 44”; bottom left \(bottom-left\) → “Generation mix”/,
      /\n• Tab “Patterns” \(2×2 grid\): .*bottom left \(bottom-left\) → free; bottom right \(bottom-right\) → free$/,
    ],
    tools: [],
  },
  {
    pattern: 'public',
    say: [capacity, 'make it public'],
    reply: [/^That changes who can see your work, so I only asked: confirm or cancel it below\.$/],
    tools: [{ name: 'set_visibility', args: { resourceType: 'chart', isPublic: true } }],
  },
  {
    pattern: 'share',
    say: [capacity, 'share it'],
    reply: [/^That changes who can see your work, so I only asked/],
    tools: [{ name: 'create_share_link', args: { resourceType: 'chart' } }],
  },
  {
    pattern: 'help',
    say: ['sing me a song'],
    reply: [new RegExp(`^${HELP.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)],
    tools: [],
  },
];

/** What a runner saw for the last request of a case. */
export interface PatternRun {
  reply: string;
  toolCalls: Array<{ name: string; arguments: Record<string, unknown> }>;
}

/** Whether `actual` holds `expected`: objects by their listed keys, arrays element by element, the rest equal. */
export function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((e, i) => matches(actual[i], e));
  if (!actual || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
}

/** The ways a run differs from its case (empty: it passed). */
export function problems(c: PatternCase, run: PatternRun): string[] {
  const out: string[] = [];
  for (const r of c.reply) if (!r.test(run.reply)) out.push(`reply ${JSON.stringify(run.reply)} does not match ${r}`);
  const names = run.toolCalls.map((t) => t.name);
  if (names.join() !== c.tools.map((t) => t.name).join())
    out.push(`tool calls [${names}] instead of [${c.tools.map((t) => t.name)}]`);
  c.tools.forEach((t, i) => {
    const call = run.toolCalls[i];
    if (t.args && call && !matches(call.arguments, t.args)) {
      out.push(
        `${t.name} arguments ${JSON.stringify(call.arguments).slice(0, 600)} do not hold ${JSON.stringify(t.args)}`,
      );
    }
  });
  return out;
}

/** Pattern ids without a case (the table must cover every documented pattern). */
export const uncovered = () => PATTERNS.filter((p) => !PATTERN_CASES.some((c) => c.pattern === p.id)).map((p) => p.id);
