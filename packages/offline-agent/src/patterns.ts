/**
 * The requests the offline agent understands, as documented in docs/chat.md and tested one by one (the shared
 * table in `./testing`). The grammar (`reply`) recognises them in this order; anything else gets {@link HELP}.
 */
export interface PatternDoc {
  id: string;
  group: 'create' | 'modify' | 'place' | 'new' | 'data' | 'share';
  example: string;
  does: string;
}

export const PATTERNS: PatternDoc[] = [
  {
    id: 'bar-by',
    group: 'create',
    example: 'bar chart of capacity by site',
    does: 'a bar chart of one number column by a label column, summed per label, from the dataset or chart that has both columns',
  },
  {
    id: 'line-by-month',
    group: 'create',
    example: 'line chart of capacity by month',
    does: 'a line chart with a time column bucketed by month (also hour, day, week)',
  },
  { id: 'area', group: 'create', example: 'area chart of solar by month', does: 'a stacked area chart' },
  { id: 'pie', group: 'create', example: 'pie chart of capacity by site', does: 'a pie of the shares of each label' },
  { id: 'donut', group: 'create', example: 'donut chart of capacity by site', does: 'a pie with a hole' },
  {
    id: 'scatter',
    group: 'create',
    example: 'scatter chart of wind by solar',
    does: 'a scatter plot of two number columns',
  },
  { id: 'histogram', group: 'create', example: 'histogram of capacity', does: 'the distribution of one number column' },
  {
    id: 'metric',
    group: 'create',
    example: 'metric of total capacity',
    does: 'one number (a KPI): total, average, max, min or count of a column',
  },
  {
    id: 'average',
    group: 'create',
    example: 'bar chart of average capacity by site',
    does: 'average, max, min, count or total instead of the sum',
  },
  {
    id: 'topic',
    group: 'create',
    example: 'bar chart of monthly generation',
    does: 'a chart of the data whose title the words name (here the chart “Monthly generation by source”), all its number columns',
  },
  {
    id: 'energy',
    group: 'create',
    example: 'line chart of demand by day from energy data',
    does: 'a chart of the energy readings (solar, wind, battery, grid, demand), summed per hour, day, week or month',
  },
  {
    id: 'from-named',
    group: 'create',
    example: 'bar chart of capacity by site from Site readings',
    does: 'the data of the dataset or chart named after “from”',
  },
  {
    id: 'pasted',
    group: 'create',
    example: 'bar chart of sales by region (CSV pasted below, header first)',
    does: 'a chart of data pasted below the request, CSV or JSON',
  },
  {
    id: 'headline',
    group: 'create',
    example: 'Add a bar chart of monthly generation to this dashboard',
    does: 'makes the chart and puts it in the first free slot (on any tab) that accepts it',
  },
  {
    id: 'same-again',
    group: 'create',
    example: '(the same request twice)',
    does: 'reuses the chart this chat already made instead of making a copy',
  },
  {
    id: 'make-it',
    group: 'modify',
    example: 'make it a pie',
    does: 'changes the latest chart’s type (bar, line, area, pie, donut, scatter)',
  },
  {
    id: 'stack',
    group: 'modify',
    example: 'stack it',
    does: 'stacks the bars or areas (“unstack it” groups them again)',
  },
  { id: 'horizontal', group: 'modify', example: 'make it horizontal', does: 'turns bars sideways' },
  {
    id: 'last-n',
    group: 'modify',
    example: 'last 30 days',
    does: 'limits the chart to the last N hours, days, weeks or months of its time column',
  },
  { id: 'rename', group: 'modify', example: 'rename it to Solar output', does: 'retitles the latest chart' },
  {
    id: 'place',
    group: 'place',
    example: 'add it to the hero slot on the Overview tab',
    does: 'places the latest chart in the slot named by its key or label (“top left”)',
  },
  {
    id: 'place-anywhere',
    group: 'place',
    example: 'put it on the dashboard',
    does: 'places the latest chart in the first free slot that accepts its type',
  },
  {
    id: 'move',
    group: 'place',
    example: 'move Generation mix to the bottom-right slot',
    does: 'moves a placed chart (named, or “it”) to another free slot',
  },
  {
    id: 'remove',
    group: 'place',
    example: 'remove the chart in the top-right slot',
    does: 'takes a chart off the dashboard (the chart stays in the workspace)',
  },
  {
    id: 'new-dashboard',
    group: 'new',
    example: 'create a dashboard called Sales on the Hero + 3 template',
    does: 'a new dashboard on a template (2×2 grid when none is named)',
  },
  {
    id: 'new-tab',
    group: 'new',
    example: 'add a tab called Costs with the Two columns template',
    does: 'a new tab on the chat’s dashboard',
  },
  {
    id: 'retemplate',
    group: 'new',
    example: 'use the 2×2 grid template on the Patterns tab',
    does: 'changes a tab’s template (its charts must fit the new slots)',
  },
  {
    id: 'new-template',
    group: 'new',
    example: 'create a template called Trio with 3 columns',
    does: 'a template of N side-by-side slots',
  },
  {
    id: 'data',
    group: 'data',
    example: 'what data do I have?',
    does: 'lists datasets and charts with data: columns, types, rows',
  },
  {
    id: 'describe',
    group: 'data',
    example: 'describe Site readings',
    does: 'the columns, types and sample values of one dataset or chart',
  },
  { id: 'search', group: 'data', example: 'find charts about solar', does: 'searches the workspace by title and tag' },
  {
    id: 'dashboard',
    group: 'data',
    example: 'what is on this dashboard?',
    does: 'every tab, its slots (keys, labels, rules) and what fills them',
  },
  {
    id: 'public',
    group: 'share',
    example: 'make it public',
    does: 'asks you to confirm making the latest chart (or “the dashboard”) public; never done by itself',
  },
  { id: 'share', group: 'share', example: 'share it', does: 'asks you to confirm a sharing link' },
  { id: 'help', group: 'data', example: 'anything else', does: 'answers with what it can do' },
];

export const HELP =
  'I am the built-in offline agent. I can: make charts (“bar chart of capacity by site”, “line chart of demand by ' +
  'day from energy data”, “metric of total capacity”, or paste CSV below the request); change the latest one (“make ' +
  'it a pie”, “stack it”, “last 30 days”, “rename it to …”); place, move or remove charts (“add it to the hero ' +
  'slot”, “move it to the top-right slot”, “remove the chart in the top-right slot”); make dashboards, tabs and ' +
  'templates (“create a dashboard called Sales”, “add a tab called Costs”, “use the 2×2 grid template”); and look ' +
  'at your data (“what data do I have?”, “describe Site readings”, “find charts about solar”, “what is on this ' +
  'dashboard?”).';
