/**
 * Change sets (ChatChangeSet): what an agent's tool calls would change, recorded and not written. Zod-free, shared by
 * the server and the in-memory provider, which both run every proposed change on a throwaway copy: these helpers
 * carry the ids a trial run made over to the next run, and word each change the same way.
 */

/** The tools whose calls are proposed, never written by the agent; the user applies them. */
export const DRAFT_TOOLS = [
  'create_chart',
  'update_chart',
  'place_chart',
  'move_chart',
  'remove_chart',
  'create_dashboard',
  'create_tab',
  'set_tab_template',
  'create_template',
] as const;

export const isDraftTool = (name: string): boolean => (DRAFT_TOOLS as readonly string[]).includes(name);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Object keys sorted at every level: a result stored as jsonb comes back with its keys in another order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}

/** The ids in a value, keys sorted (two runs of one tool give results of one shape, so their ids pair up). */
export function idsIn(value: unknown): string[] {
  return JSON.stringify(sorted(value ?? null)).match(UUID) ?? [];
}

/** Adds to `map` what the ids of an earlier run's result became in this run. */
export function pairIds(map: Map<string, string>, earlier: unknown, now: unknown): void {
  const a = idsIn(earlier);
  const b = idsIn(now);
  a.forEach((id, i) => {
    const to = b[i];
    if (to && to !== id) map.set(id, to);
  });
}

/** The value with every id of `map` replaced (ids the agent saw in a trial run, for this run's). */
export function remapIds<T>(value: T, map: Map<string, string>): T {
  if (map.size === 0) return value;
  return JSON.parse(JSON.stringify(value).replace(UUID, (id) => map.get(id) ?? id)) as T;
}

/** The facts a change is worded from; each provider looks them up in its trial run. */
export interface ChangeFacts {
  chart?: { title: string; chartType: string } | null;
  tab?: { title: string } | null;
  slotKey?: string | null;
  dashboard?: { title: string } | null;
  template?: { name: string; slots?: number } | null;
  /** update_chart: the title before, and which fields change. */
  before?: { title: string; chartType: string } | null;
  fields?: string[];
}

const q = (s: string | undefined | null) => `“${(s ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)}”`;

/** One change in words, e.g. adds chart “Monthly generation” to slot bottom-left on tab “Patterns”. */
export function describeChange(tool: string, f: ChangeFacts): string {
  const where = `slot ${f.slotKey ?? '?'} on tab ${q(f.tab?.title)}`;
  switch (tool) {
    case 'create_chart':
      return `creates chart ${q(f.chart?.title)} (${f.chart?.chartType ?? 'chart'})`;
    case 'update_chart': {
      const parts: string[] = [];
      if (f.before && f.chart && f.before.title !== f.chart.title) parts.push(`renames it to ${q(f.chart.title)}`);
      if (f.before && f.chart && f.before.chartType !== f.chart.chartType)
        parts.push(`makes it a ${f.chart.chartType} chart`);
      const other = (f.fields ?? []).filter((x) => x !== 'title' && x !== 'chartType');
      if (other.length)
        parts.push(
          `changes its ${other.map((x) => (x === 'plotlyConfig' ? 'look' : x === 'dataSourceConfig' ? 'data' : x)).join(' and ')}`,
        );
      return `changes chart ${q(f.before?.title ?? f.chart?.title)}: ${parts.join(', ') || 'no visible change'}`;
    }
    case 'place_chart':
      return `adds chart ${q(f.chart?.title)} to ${where}`;
    case 'move_chart':
      return `moves chart ${q(f.chart?.title)} to ${where}`;
    case 'remove_chart':
      return `removes chart ${q(f.chart?.title)} from ${where}`;
    case 'create_dashboard':
      return `creates dashboard ${q(f.dashboard?.title)} on template ${q(f.template?.name)}`;
    case 'create_tab':
      return `adds tab ${q(f.tab?.title)} to dashboard ${q(f.dashboard?.title)}${f.template ? ` on template ${q(f.template.name)}` : ''}`;
    case 'set_tab_template':
      return `puts tab ${q(f.tab?.title)} on template ${q(f.template?.name)}`;
    case 'create_template':
      return `creates template ${q(f.template?.name)} (${f.template?.slots ?? 0} slots)`;
    default:
      return tool;
  }
}
