import type { ChangeFacts, ChatChange } from '@ocp/contract';
import { describeChange, pairIds, remapIds } from '@ocp/contract/change-sets';
import type { MemoryData } from './memory-data.js';
import { type MemoryToolHost, runMemoryWrite } from './memory-tools.js';

/**
 * Change sets in memory, as on the server (chat/drafts.ts): a proposed change runs on a copy of the data after the
 * changes proposed before it (replayed, their ids mapped to the copy's), and is recorded with its answer and its
 * description; nothing of the provider's own data changes until the user applies the set.
 */

/** A host over a throwaway copy: nothing it does is seen, announced or versioned. */
export function scratchHost(data: MemoryData, messageId: string): MemoryToolHost {
  return { data, messageId, version: () => {}, changed: () => {}, created: () => {}, confirm: () => {} };
}

/** Replays changes on the host's data; returns the map from their recorded ids to the new ones. */
export function replayChanges(host: MemoryToolHost, changes: ChatChange[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const change of changes)
    pairIds(map, change.result, runMemoryWrite(host, change.tool, remapIds(change.arguments, map)));
  return map;
}

const chartFacts = (data: MemoryData, id: unknown) => {
  const c = data.charts.find((x) => x.id === id);
  return c ? { title: c.title, chartType: c.chartType } : null;
};
const tabOf = (data: MemoryData, id: unknown) =>
  data.dashboards.flatMap((d) => d.tabs).find((t) => t.id === id) ?? null;
const templateFacts = (data: MemoryData, id: unknown) => {
  const t = data.templates.find((x) => x.id === id);
  return t ? { name: t.name, slots: t.slots.length } : null;
};

function placementFacts(data: MemoryData, id: unknown): ChangeFacts {
  for (const tab of data.dashboards.flatMap((d) => d.tabs)) {
    const p = tab.placements.find((x) => x.id === id);
    if (p) return { chart: chartFacts(data, p.chartId), tab: { title: tab.title }, slotKey: p.slotKey };
  }
  return {};
}

function factsAfter(
  data: MemoryData,
  tool: string,
  a: Record<string, unknown>,
  r: Record<string, unknown>,
  before: ChangeFacts,
): ChangeFacts {
  switch (tool) {
    case 'create_chart':
      return { chart: { title: String(r.title), chartType: String(r.chartType) } };
    case 'update_chart':
      return {
        ...before,
        chart: chartFacts(data, a.id),
        fields: Object.keys(a).filter((k) => !['id', 'expectedUpdatedAt', 'changeSummary'].includes(k)),
      };
    case 'place_chart':
    case 'move_chart':
      return { chart: chartFacts(data, r.chartId), tab: tabOf(data, r.tabId), slotKey: String(r.slotKey) };
    case 'create_dashboard':
      return { dashboard: { title: String(r.title) }, template: templateFacts(data, a.templateId) };
    case 'create_tab':
      return {
        tab: { title: String(r.title) },
        dashboard: data.dashboards.find((d) => d.id === a.dashboardId) ?? null,
        template: a.templateId ? templateFacts(data, a.templateId) : null,
      };
    case 'set_tab_template':
      return { tab: tabOf(data, a.id), template: templateFacts(data, a.templateId) };
    case 'create_template':
      return { template: { name: String(a.name), slots: Array.isArray(a.slots) ? a.slots.length : 0 } };
    default:
      return before;
  }
}

/** Proposes one change (throws what the tool refuses); returns the answer the agent sees, after recording it. */
export function proposeChange(
  data: MemoryData,
  drafts: ChatChange[],
  messageId: string,
  tool: string,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(data);
  const host = scratchHost(copy, messageId);
  const map = replayChanges(host, drafts);
  const mapped = remapIds(args, map);
  const before: ChangeFacts =
    tool === 'update_chart'
      ? { before: chartFacts(copy, mapped.id) }
      : tool === 'remove_chart'
        ? placementFacts(copy, mapped.id)
        : {};
  const fresh = runMemoryWrite(host, tool, mapped);
  const inverse = new Map([...map].map(([a, b]) => [b, a]));
  const result = remapIds(fresh, inverse);
  drafts.push({
    tool,
    arguments: args,
    summary: describeChange(tool, factsAfter(copy, tool, mapped, fresh, before)),
    result,
  });
  return result;
}
