import type { ChatConfirmation, ChatCreatedItem, DataSourceConfig, PlotlyConfig, ToolName } from '@ocp/contract';
import { isDraftTool } from '@ocp/contract/change-sets';
import { OcpProviderError } from '@ocp/contract/errors';
import type { ToolOutcome } from '@ocp/offline-agent';
import { slotAllowsChartType } from '../internal/slot-rules.js';
import type { MemoryChart, MemoryData, MemoryTab } from './memory-data.js';
import { summarize } from './memory-world.js';

/**
 * The chat tools of the in-memory provider: the server's tools (chat/tools.ts) over `MemoryData`, with the same
 * arguments and the rules the elements rely on (slot constraints, occupied slots, NOT_FOUND). Making something
 * public or creating a sharing link is only asked (a confirmation), as on the server.
 */
export interface MemoryToolHost {
  data: MemoryData;
  /** The reply being written: created items point at it. */
  messageId: string;
  /** A new chart version (the provider keeps the history). */
  version(chart: MemoryChart, summary: string): void;
  /** A dashboard changed: its viewers reload it. */
  changed(dashboardId: string): void;
  created(item: ChatCreatedItem): void;
  confirm(confirmation: ChatConfirmation): void;
}

const now = () => new Date().toISOString();
const uuid = () => crypto.randomUUID();
const fail = (code: 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT', message: string): never => {
  throw new OcpProviderError(code, message);
};

function tabOf(data: MemoryData, tabId: string) {
  for (const dashboard of data.dashboards) {
    const tab = dashboard.tabs.find((t) => t.id === tabId);
    if (tab) return { dashboard, tab };
  }
  return fail('NOT_FOUND', 'Tab not found');
}
const chartOf = (data: MemoryData, id: string) =>
  data.charts.find((c) => c.id === id) ?? fail('NOT_FOUND', 'Chart not found');
const templateOf = (data: MemoryData, id: string) =>
  data.templates.find((t) => t.id === id) ?? fail('NOT_FOUND', 'Template not found');

function slotFor(data: MemoryData, tab: MemoryTab, slotKey: string, chartType: string, ignore?: string) {
  const slot = templateOf(data, tab.templateId).slots.find((s) => s.slotKey === slotKey);
  if (!slot) fail('BAD_REQUEST', `Slot ${slotKey} is not part of this tab's template`);
  if (!slotAllowsChartType(slot!.constraints, chartType))
    fail('BAD_REQUEST', `Slot ${slotKey} does not accept ${chartType} charts`);
  if (tab.placements.some((p) => p.slotKey === slotKey && p.id !== ignore))
    fail('CONFLICT', `Slot ${slotKey} is occupied`);
  return slot!;
}

function toWorkspace(host: MemoryToolHost, item: ChatCreatedItem, content: Record<string, unknown>, tags: string[]) {
  host.data.workspaceItems.unshift({
    id: uuid(),
    itemType: item.type,
    title: item.title ?? item.type,
    content,
    referenceId: item.id,
    tags: [...new Set([...tags, 'chat'])],
    folderPath: null,
    isFavorite: false,
    createdFromMessageId: host.messageId,
    createdAt: now(),
    updatedAt: now(),
  });
  host.created(item);
}

type Args = Record<string, unknown>;
const str = (v: unknown, what: string) =>
  typeof v === 'string' && v ? v : fail('BAD_REQUEST', `Invalid arguments: ${what}`);

const TOOLS: Partial<Record<ToolName, (host: MemoryToolHost, a: Args) => unknown>> = {
  create_chart(host, a) {
    const chart: MemoryChart = {
      id: uuid(),
      title: str(a.title, 'title'),
      description: typeof a.description === 'string' ? a.description : null,
      chartType: str(a.chartType, 'chartType'),
      ownerUserId: host.data.user.id,
      ownerTeamId: null,
      isPublic: false,
      tags: Array.isArray(a.tags) ? (a.tags as string[]) : [],
      plotlyConfig: (a.plotlyConfig as PlotlyConfig) ?? { data: [] },
      dataSourceConfig: a.dataSourceConfig as DataSourceConfig,
      createdAt: now(),
      updatedAt: now(),
    };
    host.data.charts.push(chart);
    host.version(chart, 'Created by chat');
    const item = { type: 'chart', id: chart.id, title: chart.title, chartType: chart.chartType };
    toWorkspace(host, item, { chartType: chart.chartType, description: chart.description }, chart.tags);
    return { chartId: chart.id, title: chart.title, chartType: chart.chartType };
  },
  update_chart(host, a) {
    const chart = chartOf(host.data, str(a.id, 'id'));
    for (const key of ['title', 'description', 'chartType', 'plotlyConfig', 'dataSourceConfig', 'tags'] as const) {
      if (a[key] !== undefined) Object.assign(chart, { [key]: structuredClone(a[key]) });
    }
    chart.updatedAt = now();
    host.version(chart, 'Updated by chat');
    for (const d of host.data.dashboards)
      if (d.tabs.some((t) => t.placements.some((p) => p.chartId === chart.id))) host.changed(d.id);
    return { chartId: chart.id, title: chart.title, chartType: chart.chartType, updatedAt: chart.updatedAt };
  },
  place_chart(host, a) {
    const { dashboard, tab } = tabOf(host.data, str(a.tabId, 'tabId'));
    const chart = chartOf(host.data, str(a.chartId, 'chartId'));
    const slot = slotFor(host.data, tab, str(a.slotKey, 'slotKey'), chart.chartType);
    const placement = { id: uuid(), slotKey: slot.slotKey, chartId: chart.id, customizations: {} };
    tab.placements.push(placement);
    dashboard.updatedAt = now();
    host.changed(dashboard.id);
    return { placementId: placement.id, tabId: tab.id, slotKey: slot.slotKey, chartId: chart.id };
  },
  move_chart(host, a) {
    const id = str(a.id, 'id');
    const from =
      host.data.dashboards
        .flatMap((d) => d.tabs.map((t) => ({ d, t, p: t.placements.find((p) => p.id === id) })))
        .find((x) => x.p) ?? fail('NOT_FOUND', 'Placement not found');
    const to = a.tabId ? tabOf(host.data, str(a.tabId, 'tabId')) : { dashboard: from.d, tab: from.t };
    if (to.dashboard !== from.d) fail('BAD_REQUEST', 'A placement moves within its dashboard');
    const chart = chartOf(host.data, from.p!.chartId);
    const slot = slotFor(host.data, to.tab, str(a.slotKey, 'slotKey'), chart.chartType, id);
    from.t.placements.splice(from.t.placements.indexOf(from.p!), 1);
    to.tab.placements.push({ ...from.p!, slotKey: slot.slotKey });
    host.changed(from.d.id);
    return { placementId: id, tabId: to.tab.id, slotKey: slot.slotKey, chartId: chart.id };
  },
  remove_chart(host, a) {
    const id = str(a.id, 'id');
    for (const d of host.data.dashboards)
      for (const t of d.tabs) {
        const i = t.placements.findIndex((p) => p.id === id);
        if (i < 0) continue;
        t.placements.splice(i, 1);
        host.changed(d.id);
        return { removedPlacementId: id };
      }
    return fail('NOT_FOUND', 'Placement not found');
  },
  create_dashboard(host, a) {
    const template = templateOf(host.data, str(a.templateId, 'templateId'));
    const id = uuid();
    const tab = {
      id: uuid(),
      title: 'Overview',
      description: null,
      position: 0,
      settings: {},
      templateId: template.id,
      placements: [],
    };
    host.data.dashboards.push({
      id,
      title: str(a.title, 'title'),
      description: null,
      ownerUserId: host.data.user.id,
      ownerTeamId: null,
      isPublic: false,
      updatedAt: now(),
      createdAt: now(),
      settings: {},
      tabs: [tab],
    });
    toWorkspace(host, { type: 'dashboard', id, title: str(a.title, 'title') }, { templateId: template.id }, []);
    return {
      dashboardId: id,
      title: a.title,
      tabs: [{ tabId: tab.id, title: tab.title, slotKeys: template.slots.map((s) => s.slotKey) }],
    };
  },
  create_tab(host, a) {
    const dashboard =
      host.data.dashboards.find((d) => d.id === a.dashboardId) ?? fail('NOT_FOUND', 'Dashboard not found');
    const templateId =
      typeof a.templateId === 'string' ? templateOf(host.data, a.templateId).id : dashboard.tabs[0]!.templateId;
    const tab = {
      id: uuid(),
      title: str(a.title, 'title'),
      description: null,
      position: Math.max(-1, ...dashboard.tabs.map((t) => t.position)) + 1,
      settings: {},
      templateId,
      placements: [],
    };
    dashboard.tabs.push(tab);
    host.changed(dashboard.id);
    return { tabId: tab.id, title: tab.title, templateId };
  },
  set_tab_template(host, a) {
    const { dashboard, tab } = tabOf(host.data, str(a.id, 'id'));
    const template = templateOf(host.data, str(a.templateId, 'templateId'));
    const lost = tab.placements.filter((p) => !template.slots.some((s) => s.slotKey === p.slotKey));
    if (lost.length) fail('CONFLICT', `The new template has no slot for ${lost.map((p) => p.slotKey).join(', ')}`);
    tab.templateId = template.id;
    host.changed(dashboard.id);
    return { tabId: tab.id, templateId: template.id };
  },
  create_template(host, a) {
    const id = uuid();
    const slots = (a.slots as Array<{ slotKey: string; positionConfig: Record<string, number> }>) ?? [];
    host.data.templates.push({
      id,
      name: str(a.name, 'name'),
      description: null,
      layoutConfig: a.layoutConfig as MemoryData['templates'][number]['layoutConfig'],
      previewImageUrl: null,
      isSystemTemplate: false,
      createdBy: host.data.user.id,
      slots: slots.map((s) => ({
        id: uuid(),
        slotKey: s.slotKey,
        positionConfig: s.positionConfig,
        constraints: {},
      })) as never,
    });
    toWorkspace(host, { type: 'template', id, title: str(a.name, 'name') }, { slotCount: slots.length }, []);
    return { templateId: id, name: a.name, slotKeys: slots.map((s) => s.slotKey) };
  },
  describe_data(host, a) {
    const all = summarize(host.data);
    if (a.datasetId || a.chartId)
      return all.find((d) => d.id === a.datasetId || d.id === a.chartId) ?? fail('NOT_FOUND', 'Data not found');
    return all;
  },
  search_workspace(host, a) {
    const q = String(a.q ?? '').toLowerCase();
    return host.data.workspaceItems
      .filter((i) => i.title.toLowerCase().includes(q) || i.tags.some((t) => t.toLowerCase().includes(q)))
      .slice(0, 20)
      .map((i) => ({ id: i.id, itemType: i.itemType, title: i.title, referenceId: i.referenceId, tags: i.tags }));
  },
};

const quoted = (t: string) => `“${t}”`;

/** What the user is asked to confirm, in the server's words. */
function ask(host: MemoryToolHost, name: 'set_visibility' | 'create_share_link', a: Args): ToolOutcome {
  const type = String(a.resourceType);
  const id = String(a.id ?? a.resourceId);
  const title =
    type === 'chart'
      ? chartOf(host.data, id).title
      : (host.data.dashboards.find((d) => d.id === id) ?? fail('NOT_FOUND', 'Dashboard not found')).title;
  const summary =
    name === 'set_visibility'
      ? a.isPublic
        ? `Make the ${type} ${quoted(title)} public: every signed-in user will be able to see it.`
        : `Make the ${type} ${quoted(title)} private again: only its owner and team will see it.`
      : `Create a sharing link to the ${type} ${quoted(title)}: anyone who has the link can view it, without signing in.`;
  host.confirm({ id: uuid(), action: name, arguments: a, summary, status: 'pending' });
  return {
    ok: false,
    error: { code: 'NEEDS_CONFIRMATION', message: `Not done: the user is asked to confirm: ${summary}` },
  };
}

/** Runs a tool that changes something, throwing what it refuses (for trial runs, replays and applying). */
export function runMemoryWrite(host: MemoryToolHost, name: string, args: Args): Record<string, unknown> {
  const run = TOOLS[name as ToolName];
  if (!run) throw new OcpProviderError('NOT_FOUND', `There is no tool named "${name}"`);
  return structuredClone(run(host, args)) as Record<string, unknown>;
}

/**
 * Runs a tool for the agent. With `drafts`, a change is proposed (memory-changes.ts), not made: it runs on a copy
 * of the data after the changes proposed before it, and is recorded.
 */
export function runMemoryTool(
  host: MemoryToolHost,
  name: ToolName,
  args: Args,
  propose?: (name: string, args: Args) => Record<string, unknown>,
): ToolOutcome {
  try {
    if (name === 'set_visibility' || name === 'create_share_link') return ask(host, name, args);
    if (propose && isDraftTool(name)) return { ok: true, result: propose(name, args) };
    return { ok: true, result: runMemoryWrite(host, name, args) };
  } catch (e) {
    const error = e instanceof OcpProviderError ? e : new OcpProviderError('INTERNAL_SERVER_ERROR', 'The tool failed');
    return { ok: false, error: { code: error.code, message: error.message } };
  }
}
