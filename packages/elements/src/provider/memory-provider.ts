import type {
  ChartData,
  ChartDataParams,
  ChartSummary,
  ChartVersionView,
  ChatChange,
  ChatChangePreview,
  ChatChangeSet,
  ChatConfirmation,
  ChatCreatedItem,
  ChatMessageView,
  ChatSessionView,
  ChatStreamEvent,
  ConfirmChatInput,
  CreateChatSessionInput,
  CreatedShare,
  CreateShareInput,
  DashboardDetail,
  DashboardEvent,
  DashboardVersionView,
  DecideChangesInput,
  ExportCsvInput,
  FilterValues,
  FilterValuesInput,
  OcpDataProvider,
  PlaceChartInput,
  PlacementView,
  SendChatInput,
  SharedResource,
  SharingLinkView,
  StreamChatInput,
  TemplateDetail,
  WorkspaceFolderNode,
  WorkspaceItemPatch,
  WorkspaceListInput,
  WorkspaceSearchInput,
} from '@ocp/contract';
import { remapIds } from '@ocp/contract/change-sets';
import { type OcpErrorCode, OcpProviderError } from '@ocp/contract/errors';
import { distinctValues } from '@ocp/contract/filters';
import { buildTraces } from '@ocp/contract/traces';
import { reply as offlineReply } from '@ocp/offline-agent';
import { slotAllowsChartType } from '../internal/slot-rules.js';
import { proposeChange, replayChanges, scratchHost } from './memory-changes.js';
import type { MemoryChart, MemoryDashboard, MemoryData, MemoryTab } from './memory-data.js';
import { queryInline, toCsv, withinLocks } from './memory-query.js';
import { runMemoryTool } from './memory-tools.js';
import { memoryWorld } from './memory-world.js';

export interface MemoryProviderOptions {
  /** Milliseconds every call waits before answering (shows loading states); `Infinity` never answers. */
  latency?: number;
  /** Return an error to make a method fail, e.g. `(m) => m === 'getChartData' ? 'NOT_FOUND' : undefined`. */
  fail?: (method: keyof OcpDataProvider) => OcpErrorCode | undefined;
  /** Milliseconds between streamed chat words (default 15). */
  streamDelay?: number;
}

const clone = <T>(v: T): T => structuredClone(v);
const now = () => new Date().toISOString();
const uuid = () => crypto.randomUUID();

type Session = ChatSessionView & { messages: ChatMessageView[]; listeners: Set<(e: ChatStreamEvent) => void> };

/**
 * An `OcpDataProvider` over in-memory data, with the server's rules where the elements depend on them
 * (slot constraints, occupied slots, NOT_FOUND for unknown ids and tokens, versions, sharing, an offline chat
 * agent). For stories, tests and offline demos: `new MemoryProvider(demoData)` with `demoData` from
 * `@ocp/elements/demo`.
 */
export class MemoryProvider implements OcpDataProvider {
  readonly data: MemoryData;
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  #options: MemoryProviderOptions;
  #chartVersions = new Map<string, ChartVersionView[]>();
  #dashboardVersions = new Map<string, DashboardVersionView[]>();
  #shares: Array<SharingLinkView & { token: string; revoked: boolean }> = [];
  #sessions = new Map<string, Session>();
  #subscribers = new Map<string, Set<(e: DashboardEvent) => void>>();

  constructor(data: MemoryData, options: MemoryProviderOptions = {}) {
    this.data = clone(data);
    this.#options = options;
    for (const c of this.data.charts) {
      this.#chartVersions.set(c.id, [this.#chartVersion(c, 1, 'Created')]);
    }
  }

  async #call(method: keyof OcpDataProvider, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const latency = this.#options.latency ?? 0;
    if (latency === Number.POSITIVE_INFINITY) await new Promise(() => {});
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const code = this.#options.fail?.(method);
    if (code) throw new OcpProviderError(code, `${method} failed (${code})`);
  }

  #notFound(what: string): never {
    throw new OcpProviderError('NOT_FOUND', `${what} not found`);
  }

  #dashboard(id: string): MemoryDashboard {
    return this.data.dashboards.find((d) => d.id === id) ?? this.#notFound('Dashboard');
  }
  #template(id: string): TemplateDetail {
    return this.data.templates.find((t) => t.id === id) ?? this.#notFound('Template');
  }
  #chart(id: string): MemoryChart {
    return this.data.charts.find((c) => c.id === id) ?? this.#notFound('Chart');
  }
  #tab(tabId: string): { dashboard: MemoryDashboard; tab: MemoryTab } {
    for (const dashboard of this.data.dashboards) {
      const tab = dashboard.tabs.find((t) => t.id === tabId);
      if (tab) return { dashboard, tab };
    }
    return this.#notFound('Tab');
  }

  #summary(c: MemoryChart): ChartSummary {
    const { plotlyConfig: _p, dataSourceConfig: _d, createdAt: _c, ...summary } = c;
    return summary;
  }

  #detail(d: MemoryDashboard, role: DashboardDetail['role'] = 'owner'): DashboardDetail {
    const tabs = [...d.tabs].sort((a, b) => a.position - b.position);
    return clone({
      ...d,
      role,
      templateId: tabs[0]?.templateId ?? '',
      tabs: tabs.map(({ templateId, placements, ...tab }) => {
        const template = this.#template(templateId);
        return {
          ...tab,
          template,
          placements: placements.map((p) => this.#placementView(template, p)),
        };
      }),
    });
  }

  #placementView(template: TemplateDetail, p: MemoryTab['placements'][number]): PlacementView {
    const chart = this.#chart(p.chartId);
    const slot = template.slots.find((s) => s.slotKey === p.slotKey);
    // A pinned placement shows its version's figure (customizations.pinnedVersion), like the server.
    const pinned = this.#version(chart.id, p.customizations.pinnedVersion);
    return {
      ...p,
      slotId: slot?.id ?? '',
      unavailable: false,
      chart: { ...this.#summary(chart), plotlyConfig: pinned?.plotlyConfig ?? chart.plotlyConfig },
    };
  }

  #publish(event: DashboardEvent): void {
    for (const fn of this.#subscribers.get(event.dashboardId) ?? []) queueMicrotask(() => fn(clone(event)));
  }

  async getDashboard(id: string): Promise<DashboardDetail> {
    await this.#call('getDashboard', [id]);
    return this.#detail(this.#dashboard(id));
  }

  async listTemplates() {
    await this.#call('listTemplates', []);
    return clone(this.data.templates.map(({ slots, ...t }) => ({ ...t, slotCount: slots.length })));
  }

  async getTemplate(id: string) {
    await this.#call('getTemplate', [id]);
    return clone(this.#template(id));
  }

  async placeChart(input: PlaceChartInput): Promise<PlacementView> {
    await this.#call('placeChart', [input]);
    const { dashboard, tab } = this.#tab(input.tabId);
    const template = this.#template(tab.templateId);
    const slot = template.slots.find((s) => s.slotKey === input.slotKey);
    if (!slot) throw new OcpProviderError('BAD_REQUEST', `Slot ${input.slotKey} is not part of this tab's template`);
    const chart = this.#chart(input.chartId);
    if (!slotAllowsChartType(slot.constraints, chart.chartType))
      throw new OcpProviderError('BAD_REQUEST', `Slot ${slot.slotKey} does not accept ${chart.chartType} charts`);
    const occupant = tab.placements.find((p) => p.slotKey === slot.slotKey);
    if (occupant && !input.replace) throw new OcpProviderError('CONFLICT', `Slot ${slot.slotKey} is occupied`);
    if (occupant) {
      tab.placements.splice(tab.placements.indexOf(occupant), 1);
      const at = { type: 'placement', dashboardId: dashboard.id, tabId: tab.id } as const;
      this.#publish({ ...at, action: 'removed', placementId: occupant.id });
    }
    const placement = {
      id: uuid(),
      slotKey: slot.slotKey,
      chartId: chart.id,
      customizations: input.customizations ?? {},
    };
    tab.placements.push(placement);
    dashboard.updatedAt = now();
    const view = this.#placementView(template, placement);
    this.#publish({
      type: 'placement',
      dashboardId: dashboard.id,
      tabId: tab.id,
      action: 'placed',
      placementId: placement.id,
      placement: view,
    });
    return clone(view);
  }

  async removePlacement(placementId: string): Promise<void> {
    await this.#call('removePlacement', [placementId]);
    for (const dashboard of this.data.dashboards) {
      for (const tab of dashboard.tabs) {
        const i = tab.placements.findIndex((p) => p.id === placementId);
        if (i < 0) continue;
        tab.placements.splice(i, 1);
        this.#publish({ type: 'placement', dashboardId: dashboard.id, tabId: tab.id, action: 'removed', placementId });
        return;
      }
    }
    this.#notFound('Placement');
  }

  #data(chart: MemoryChart, params?: ChartDataParams): ChartData {
    const source = chart.dataSourceConfig;
    if (source.kind !== 'inline')
      return { traces: [], meta: { sourcePoints: 0, returnedPoints: 0, downsampled: false } };
    const { columns, meta } = queryInline(source.columns, source.mapping, params);
    const traces = buildTraces(chart.plotlyConfig, columns, source.mapping);
    return { traces: clone(traces), meta };
  }

  async getChartData(chartId: string, params?: ChartDataParams): Promise<ChartData> {
    await this.#call('getChartData', [chartId, params]);
    return this.#data(this.#atVersion(chartId, params?.version), params);
  }

  /** A stored version of a chart, when `version` names one. */
  #version(chartId: string, version: unknown): ChartVersionView | undefined {
    if (typeof version !== 'number') return undefined;
    return this.#chartVersions.get(chartId)?.find((v) => v.versionNumber === version);
  }

  /** The chart, or as it was at `version` (NOT_FOUND for a version that does not exist). */
  #atVersion(chartId: string, version: number | undefined): MemoryChart {
    const chart = this.#chart(chartId);
    if (version === undefined) return chart;
    const v = this.#version(chartId, version) ?? this.#notFound('Chart');
    return {
      ...chart,
      plotlyConfig: v.plotlyConfig ?? chart.plotlyConfig,
      dataSourceConfig: v.dataSourceConfig ?? chart.dataSourceConfig,
    };
  }

  async filterValues(input: FilterValuesInput): Promise<FilterValues> {
    await this.#call('filterValues', [input]);
    if (input.shareToken) this.#grantedChart(input.shareToken, input.chartId);
    const source = this.#chart(input.chartId).dataSourceConfig;
    if (source.kind !== 'inline') return { values: [], truncated: false };
    return distinctValues(source.columns, input.column, input.limit ?? 200, input.search);
  }

  async exportChartCsv(input: ExportCsvInput): Promise<Blob> {
    await this.#call('exportChartCsv', [input]);
    if (input.shareToken) {
      const link = this.#grantedChart(input.shareToken, input.chartId);
      if (!link.permissions.allowExport)
        throw new OcpProviderError('FORBIDDEN', 'This sharing link does not allow exporting data');
    }
    const source = this.#chart(input.chartId).dataSourceConfig;
    if (source.kind !== 'inline') return new Blob([''], { type: 'text/csv' });
    const asked = { range: input.range, filters: input.filters };
    const params = input.shareToken ? withinLocks(this.#share(input.shareToken).permissions, asked) : asked;
    const { columns } = queryInline(source.columns, source.mapping, params);
    return new Blob([toCsv(columns, source.mapping)], { type: 'text/csv' });
  }

  #chartVersion(c: MemoryChart, versionNumber: number, changeSummary: string): ChartVersionView {
    return {
      id: uuid(),
      chartId: c.id,
      versionNumber,
      chartType: c.chartType,
      title: c.title,
      changeSummary,
      createdBy: this.data.user.id,
      createdAt: now(),
      plotlyConfig: clone(c.plotlyConfig),
      dataSourceConfig: clone(c.dataSourceConfig),
    };
  }

  async chartVersions(chartId: string) {
    await this.#call('chartVersions', [chartId]);
    this.#chart(chartId);
    return clone([...(this.#chartVersions.get(chartId) ?? [])].reverse());
  }

  async restoreChartVersion(chartId: string, versionNumber: number): Promise<ChartSummary> {
    await this.#call('restoreChartVersion', [chartId, versionNumber]);
    const chart = this.#chart(chartId);
    const versions = this.#chartVersions.get(chartId) ?? [];
    const v = versions.find((x) => x.versionNumber === versionNumber) ?? this.#notFound('Version');
    if (v.plotlyConfig) chart.plotlyConfig = clone(v.plotlyConfig);
    if (v.dataSourceConfig) chart.dataSourceConfig = clone(v.dataSourceConfig);
    // The whole version comes back, type and title too (as on the server).
    if (v.chartType) chart.chartType = v.chartType;
    if (v.title) chart.title = v.title;
    chart.updatedAt = now();
    versions.push(this.#chartVersion(chart, versions.length + 1, `Restored version ${versionNumber}`));
    return clone(this.#summary(chart));
  }

  async dashboardVersions(dashboardId: string) {
    await this.#call('dashboardVersions', [dashboardId]);
    this.#dashboard(dashboardId);
    return clone([...(this.#dashboardVersions.get(dashboardId) ?? [])].reverse());
  }

  async createDashboardVersion(dashboardId: string, changeSummary?: string) {
    await this.#call('createDashboardVersion', [dashboardId, changeSummary]);
    const d = this.#dashboard(dashboardId);
    const list = this.#dashboardVersions.get(dashboardId) ?? [];
    const version: DashboardVersionView = {
      id: uuid(),
      dashboardId,
      versionNumber: list.length + 1,
      changeSummary: changeSummary ?? null,
      createdBy: this.data.user.id,
      createdAt: now(),
      snapshot: { tabs: clone(d.tabs) },
    };
    list.push(version);
    this.#dashboardVersions.set(dashboardId, list);
    return clone(version);
  }

  async restoreDashboardVersion(dashboardId: string, versionNumber: number) {
    await this.#call('restoreDashboardVersion', [dashboardId, versionNumber]);
    const d = this.#dashboard(dashboardId);
    const v =
      (this.#dashboardVersions.get(dashboardId) ?? []).find((x) => x.versionNumber === versionNumber) ??
      this.#notFound('Version');
    d.tabs = clone((v.snapshot as { tabs: MemoryTab[] }).tabs);
    d.updatedAt = now();
    this.#publish({ type: 'dashboard', dashboardId, action: 'restored' });
    return this.#detail(d);
  }

  async listWorkspace(input: WorkspaceListInput = {}) {
    await this.#call('listWorkspace', [input]);
    return clone(
      this.data.workspaceItems.filter(
        (i) =>
          (!input.folderPath ||
            i.folderPath === input.folderPath ||
            i.folderPath?.startsWith(`${input.folderPath}/`)) &&
          (!input.itemType || i.itemType === input.itemType) &&
          (!input.favoritesOnly || i.isFavorite) &&
          (!input.tags?.length || input.tags.every((t) => i.tags.includes(t))),
      ),
    );
  }

  async searchWorkspace(input: WorkspaceSearchInput) {
    await this.#call('searchWorkspace', [input]);
    const q = input.q.trim().toLowerCase();
    return clone(
      this.data.workspaceItems.filter(
        (i) =>
          (!q ||
            i.title.toLowerCase().includes(q) ||
            i.tags.some((t) => t.toLowerCase().includes(q)) ||
            JSON.stringify(i.content).toLowerCase().includes(q)) &&
          (!input.itemType || i.itemType === input.itemType) &&
          (!input.tags?.length || input.tags.every((t) => i.tags.includes(t))),
      ),
    );
  }

  async updateWorkspaceItem(id: string, patch: WorkspaceItemPatch) {
    await this.#call('updateWorkspaceItem', [id, patch]);
    const item = this.data.workspaceItems.find((i) => i.id === id) ?? this.#notFound('Item');
    Object.assign(item, patch, { updatedAt: now() });
    return clone(item);
  }

  async folderTree(): Promise<WorkspaceFolderNode[]> {
    await this.#call('folderTree', []);
    const nodes = new Map<string, WorkspaceFolderNode>(this.data.folders.map((f) => [f.id, { ...f, children: [] }]));
    const roots: WorkspaceFolderNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentFolderId ? nodes.get(node.parentFolderId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return clone(roots);
  }

  async createShare(input: CreateShareInput): Promise<CreatedShare> {
    await this.#call('createShare', [input]);
    if (input.resourceType === 'dashboard') this.#dashboard(input.resourceId);
    else if (input.resourceType === 'chart') this.#chart(input.resourceId);
    else this.#template(input.resourceId);
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const link = {
      id: uuid(),
      resourceType: input.resourceType,
      resourceId: input.resourceId,
      permissions: input.permissions ? { ...input.permissions, view: true } : { view: true, interact: true },
      expiresAt: input.expiresAt ?? null,
      createdBy: this.data.user.id,
      createdAt: now(),
      lastAccessedAt: null,
      token,
      revoked: false,
    };
    this.#shares.push(link);
    return { id: link.id, token, url: `/embed/${token}` };
  }

  async listShares(input: { resourceType: SharingLinkView['resourceType']; resourceId: string }) {
    await this.#call('listShares', [input]);
    return this.#shares
      .filter((s) => !s.revoked && s.resourceType === input.resourceType && s.resourceId === input.resourceId)
      .map(({ token: _t, revoked: _r, ...view }) => clone(view));
  }

  async revokeShare(id: string) {
    await this.#call('revokeShare', [id]);
    const link = this.#shares.find((s) => s.id === id && !s.revoked) ?? this.#notFound('Sharing link');
    link.revoked = true;
  }

  #share(token: string) {
    const link = this.#shares.find((s) => s.token === token && !s.revoked);
    if (!link || (link.expiresAt && Date.parse(link.expiresAt) < Date.now())) this.#notFound('Sharing link');
    link.lastAccessedAt = now();
    return link;
  }

  async resolveShare(token: string): Promise<SharedResource> {
    await this.#call('resolveShare', [token]);
    const link = this.#share(token);
    const permissions = clone(link.permissions);
    if (link.resourceType === 'dashboard')
      return {
        resourceType: 'dashboard',
        permissions,
        dashboard: this.#detail(this.#dashboard(link.resourceId), 'public'),
      };
    if (link.resourceType === 'chart') {
      const c = this.#chart(link.resourceId);
      return {
        resourceType: 'chart',
        permissions,
        chart: clone({ ...this.#summary(c), plotlyConfig: c.plotlyConfig }),
      };
    }
    return { resourceType: 'template', permissions, template: clone(this.#template(link.resourceId)) };
  }

  async shareChartData(token: string, chartId: string, params?: ChartDataParams): Promise<ChartData> {
    await this.#call('shareChartData', [token, chartId, params]);
    const link = this.#grantedChart(token, chartId);
    return this.#data(this.#atVersion(chartId, params?.version), withinLocks(link.permissions, params));
  }

  /** The live link behind `token`, if it serves chart `chartId` (NOT_FOUND otherwise). */
  #grantedChart(token: string, chartId: string) {
    const link = this.#share(token);
    const granted =
      link.resourceType === 'chart'
        ? link.resourceId === chartId
        : link.resourceType === 'dashboard' &&
          this.#dashboard(link.resourceId).tabs.some((t) => t.placements.some((p) => p.chartId === chartId));
    if (!granted) this.#notFound('Chart');
    return link;
  }

  async createChatSession(input: CreateChatSessionInput = {}) {
    await this.#call('createChatSession', [input]);
    const session: Session = {
      id: uuid(),
      title: input.title ?? 'New chat',
      contextType: input.contextType ?? null,
      contextId: input.contextId ?? null,
      createdAt: now(),
      updatedAt: now(),
      messages: [],
      listeners: new Set(),
    };
    this.#sessions.set(session.id, session);
    const { messages: _m, listeners: _l, ...view } = session;
    return clone(view);
  }

  #session(id: string): Session {
    return this.#sessions.get(id) ?? this.#notFound('Chat session');
  }

  async getChatSession(id: string) {
    await this.#call('getChatSession', [id]);
    const { listeners: _l, ...view } = this.#session(id);
    return clone(view);
  }

  async sendChat(input: SendChatInput): Promise<ChatMessageView> {
    await this.#call('sendChat', [input]);
    const session = this.#session(input.sessionId);
    const message: ChatMessageView = {
      id: uuid(),
      role: 'user',
      content: { text: input.content },
      agentId: null,
      llmModelId: null,
      createdItems: null,
      outputRouting: null,
      createdAt: now(),
    };
    session.messages.push(message);
    return this.#reply(session, input);
  }

  /**
   * Streams the offline agent's reply to the session's listeners and resolves with it, like the server: the same
   * grammar (`@ocp/offline-agent`), with tools over this provider's data.
   */
  async #reply(session: Session, input: SendChatInput): Promise<ChatMessageView> {
    const emit = (e: ChatStreamEvent) => {
      for (const fn of session.listeners) fn(clone(e));
    };
    const messageId = uuid();
    const createdItems: NonNullable<ChatMessageView['createdItems']> = [];
    const confirmations: ChatConfirmation[] = [];
    const drafts: ChatChange[] = [];
    const delay = this.#options.streamDelay ?? 15;
    await new Promise((r) => setTimeout(r, delay));
    const changed = new Set<string>();
    const host = {
      data: this.data,
      messageId,
      version: (chart: MemoryChart, summary: string) => {
        const versions = this.#chartVersions.get(chart.id) ?? [];
        versions.push(this.#chartVersion(chart, versions.length + 1, summary));
        this.#chartVersions.set(chart.id, versions);
      },
      changed: (dashboardId: string) => changed.add(dashboardId),
      created: (item: ChatCreatedItem) => {
        createdItems.push(item);
        emit({ type: 'created-item', messageId, item });
      },
      confirm: (confirmation: ChatConfirmation) => {
        confirmations.push(confirmation);
        emit({ type: 'confirmation', messageId, confirmation });
      },
    };
    const recentCharts = session.messages
      .flatMap((m) => m.createdItems ?? [])
      .filter((i) => i.type === 'chart')
      .reverse()
      .map((i) => ({ id: i.id, title: i.title ?? 'Chart', chartType: i.chartType ?? '' }));
    const text = await offlineReply(
      memoryWorld({
        data: this.data,
        text: input.content,
        session,
        recentCharts,
        dashboard: (id) => this.#detail(this.#dashboard(id)),
        tool: (name, args) => {
          emit({ type: 'tool-call', messageId, name, arguments: clone(args) });
          return runMemoryTool(host, name, args, (tool, a) => ({
            ...proposeChange(this.data, drafts, messageId, tool, a),
            proposed: true,
          }));
        },
      }),
    );
    for (const dashboardId of changed) this.#publish({ type: 'resync', dashboardId });
    const changeSet: ChatChangeSet | null = drafts.length ? { id: uuid(), status: 'pending', changes: drafts } : null;
    if (changeSet) emit({ type: 'change-set', messageId, changeSet });
    for (const word of text.split(/(?<= )/)) {
      emit({ type: 'delta', messageId, text: word });
      await new Promise((r) => setTimeout(r, delay));
    }
    const message: ChatMessageView = {
      id: messageId,
      role: 'assistant',
      content: { text, ...(confirmations.length ? { confirmations } : {}), ...(changeSet ? { changeSet } : {}) },
      agentId: input.agentId ?? null,
      llmModelId: input.modelId ?? null,
      createdItems: createdItems.length ? createdItems : null,
      outputRouting: createdItems.length ? { destination: 'workspace' } : null,
      createdAt: now(),
    };
    session.messages.push(message);
    session.updatedAt = now();
    emit({ type: 'done', message });
    return clone(message);
  }

  async confirmChat(input: ConfirmChatInput): Promise<ChatConfirmation> {
    await this.#call('confirmChat', [input]);
    const session = this.#session(input.sessionId);
    const confirmation =
      session.messages.flatMap((m) => m.content.confirmations ?? []).find((c) => c.id === input.confirmationId) ??
      this.#notFound('Confirmation');
    if (confirmation.status !== 'pending') throw new OcpProviderError('CONFLICT', 'This was already decided');
    if (input.decision === 'cancel') {
      confirmation.status = 'cancelled';
      return clone(confirmation);
    }
    confirmation.status = 'confirmed';
    const args = confirmation.arguments as { id?: string; resourceId?: string; isPublic?: boolean };
    if (confirmation.action === 'set_visibility') {
      const chart = this.#chart(args.id!);
      chart.isPublic = args.isPublic === true;
      confirmation.result = { chartId: chart.id, isPublic: chart.isPublic };
      return clone(confirmation);
    }
    const link = await this.createShare({ resourceType: 'chart', resourceId: args.resourceId! });
    confirmation.result = { shareId: link.id };
    return { ...clone(confirmation), result: { shareId: link.id, url: link.url } };
  }

  async *streamChat(input: StreamChatInput): AsyncIterable<ChatStreamEvent> {
    await this.#call('streamChat', [{ sessionId: input.sessionId }]);
    const session = this.#session(input.sessionId);
    const queue: ChatStreamEvent[] = [];
    let wake: (() => void) | undefined;
    const listener = (e: ChatStreamEvent) => {
      queue.push(e);
      wake?.();
    };
    const onAbort = () => wake?.();
    session.listeners.add(listener);
    input.signal?.addEventListener('abort', onAbort);
    try {
      while (!input.signal?.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = undefined;
      }
    } finally {
      session.listeners.delete(listener);
      input.signal?.removeEventListener('abort', onAbort);
    }
  }

  #changeSet(sessionId: string, changeSetId: string) {
    const session = this.#session(sessionId);
    const message =
      session.messages.find((m) => m.content.changeSet?.id === changeSetId) ?? this.#notFound('Change set');
    return { session, message, set: message.content.changeSet! };
  }

  /** Applies (all or nothing), discards or undoes a change set, like chat.changes.decide. */
  async decideChanges(input: DecideChangesInput): Promise<ChatChangeSet> {
    await this.#call('decideChanges', [input]);
    const { session, message, set } = this.#changeSet(input.sessionId, input.changeSetId);
    if (input.decision === 'undo') {
      if (set.status !== 'applied' || !set.applied)
        throw new OcpProviderError('CONFLICT', 'Only applied changes can be undone');
      for (const v of set.applied.dashboardVersions) await this.restoreDashboardVersion(v.dashboardId, v.versionNumber);
      for (const v of set.applied.chartVersions) {
        await this.restoreChartVersion(v.chartId, v.versionNumber);
        Object.assign(
          this.#chart(v.chartId),
          v.title !== undefined ? { title: v.title } : {},
          v.chartType !== undefined ? { chartType: v.chartType } : {},
        );
      }
      const made = new Set(set.applied.created.map((i) => i.id));
      this.data.charts = this.data.charts.filter((c) => !made.has(c.id));
      this.data.dashboards = this.data.dashboards.filter((d) => !made.has(d.id));
      this.data.templates = this.data.templates.filter((t) => !made.has(t.id));
      this.data.workspaceItems = this.data.workspaceItems.filter((i) => !i.referenceId || !made.has(i.referenceId));
      set.status = 'undone';
      return clone(set);
    }
    if (set.status !== 'pending') throw new OcpProviderError('CONFLICT', `These changes were already ${set.status}`);
    if (input.decision === 'discard') {
      set.status = 'discarded';
      return clone(set);
    }
    // All or nothing: the set must apply to a copy before it touches the data.
    replayChanges(scratchHost(clone(this.data), message.id), set.changes);
    const tabIds = new Set(
      set.changes.flatMap((c) => [c.arguments.tabId, c.tool === 'set_tab_template' ? c.arguments.id : null]),
    );
    const placementIds = new Set(
      set.changes.flatMap((c) => (c.tool === 'move_chart' || c.tool === 'remove_chart' ? [c.arguments.id] : [])),
    );
    const dashboardVersions = [];
    for (const d of this.data.dashboards) {
      const hit =
        set.changes.some((c) => c.tool === 'create_tab' && c.arguments.dashboardId === d.id) ||
        d.tabs.some((t) => tabIds.has(t.id) || t.placements.some((p) => placementIds.has(p.id)));
      if (hit) {
        const v = await this.createDashboardVersion(d.id, 'Before changes from chat');
        dashboardVersions.push({ dashboardId: d.id, versionNumber: v.versionNumber });
      }
    }
    const chartVersions = set.changes
      .filter((c) => c.tool === 'update_chart')
      .map((c) => {
        const chart = this.#chart(String(c.arguments.id));
        const versionNumber = this.#chartVersions.get(chart.id)?.length ?? 1;
        return { chartId: chart.id, versionNumber, title: chart.title, chartType: chart.chartType };
      });
    const created: ChatCreatedItem[] = [];
    const changed = new Set<string>();
    replayChanges(
      {
        data: this.data,
        messageId: message.id,
        version: (chart, summary) => {
          const versions = this.#chartVersions.get(chart.id) ?? [];
          versions.push(this.#chartVersion(chart, versions.length + 1, summary));
          this.#chartVersions.set(chart.id, versions);
        },
        changed: (id) => changed.add(id),
        created: (item) => created.push(item),
        confirm: () => {},
      },
      set.changes,
    );
    for (const dashboardId of changed) this.#publish({ type: 'resync', dashboardId });
    set.status = 'applied';
    set.applied = { dashboardVersions, chartVersions, created };
    message.createdItems = created.length ? created : null;
    session.updatedAt = now();
    return clone(set);
  }

  /** The dashboard as a pending change set would leave it: the set applied to a copy, read through a copy provider. */
  async previewChanges(input: { sessionId: string; changeSetId: string }): Promise<ChatChangePreview> {
    await this.#call('previewChanges', [input]);
    const { session, set } = this.#changeSet(input.sessionId, input.changeSetId);
    const copy = clone(this.data);
    const map = replayChanges(scratchHost(copy, 'preview'), set.changes);
    const shadow = new MemoryProvider(copy);
    const created = set.changes.find((c) => c.tool === 'create_dashboard');
    const dashboardId =
      session.contextType === 'dashboard' && session.contextId
        ? session.contextId
        : created
          ? (map.get(String(created.result.dashboardId)) ?? null)
          : null;
    const before =
      dashboardId && this.data.dashboards.some((d) => d.id === dashboardId)
        ? this.#detail(this.#dashboard(dashboardId))
        : null;
    const dashboard = dashboardId ? await shadow.getDashboard(dashboardId).catch(() => null) : null;
    const marks: ChatChangePreview['marks'] = [];
    const figures: ChatChangePreview['figures'] = {};
    for (const c of set.changes) {
      const r = remapIds(c.result, map);
      const mark = (tabId: unknown, slotKey: unknown, change: ChatChangePreview['marks'][number]['change']) =>
        marks.push({ tabId: String(tabId), slotKey: String(slotKey), change, summary: c.summary });
      if (c.tool === 'place_chart') mark(r.tabId, r.slotKey, 'added');
      if (c.tool === 'move_chart') mark(r.tabId, r.slotKey, 'moved');
      if (c.tool === 'remove_chart')
        for (const t of before?.tabs ?? [])
          for (const p of t.placements) if (p.id === c.arguments.id) mark(t.id, p.slotKey, 'removed');
      if (c.tool === 'update_chart')
        for (const t of dashboard?.tabs ?? [])
          for (const p of t.placements) if (p.chartId === c.arguments.id) mark(t.id, p.slotKey, 'changed');
      const chartId =
        c.tool === 'create_chart' ? String(r.chartId) : c.tool === 'update_chart' ? String(c.arguments.id) : null;
      if (chartId) {
        const chart = copy.charts.find((x) => x.id === chartId);
        const data = await shadow.getChartData(chartId).catch(() => null);
        figures[chartId] = {
          data: data?.traces ?? [],
          layout: (chart?.plotlyConfig.layout ?? {}) as Record<string, unknown>,
        };
      }
    }
    return { dashboard, marks, figures };
  }

  async listChatSessions(input: { contextType?: 'dashboard'; contextId?: string } = {}) {
    await this.#call('listChatSessions', [input]);
    return [...this.#sessions.values()]
      .filter(
        (s) =>
          (!input.contextType || s.contextType === input.contextType) &&
          (!input.contextId || s.contextId === input.contextId),
      )
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map(({ messages: _m, listeners: _l, ...view }) => clone(view));
  }

  async listAgents() {
    await this.#call('listAgents', []);
    return clone(this.data.agents);
  }

  async listModels() {
    await this.#call('listModels', []);
    return clone(this.data.models);
  }

  subscribeDashboard(dashboardId: string, onEvent: (event: DashboardEvent) => void): () => void {
    const set = this.#subscribers.get(dashboardId) ?? new Set();
    set.add(onEvent);
    this.#subscribers.set(dashboardId, set);
    return () => set.delete(onEvent);
  }

  /** Test/demo helper: changes a chart's Plotly template as `charts.update` would, and notifies subscribers. */
  updateChart(chartId: string, patch: Partial<Pick<MemoryChart, 'title' | 'plotlyConfig' | 'dataSourceConfig'>>): void {
    const chart = this.#chart(chartId);
    const dataChanged =
      patch.dataSourceConfig !== undefined ||
      (patch.plotlyConfig !== undefined &&
        JSON.stringify(patch.plotlyConfig.data) !== JSON.stringify(chart.plotlyConfig.data));
    Object.assign(chart, clone(patch), { updatedAt: now() });
    const placed = { ...this.#summary(chart), plotlyConfig: chart.plotlyConfig };
    const versions = this.#chartVersions.get(chartId) ?? [];
    versions.push(this.#chartVersion(chart, versions.length + 1, 'Updated'));
    for (const d of this.data.dashboards)
      if (d.tabs.some((t) => t.placements.some((p) => p.chartId === chartId)))
        this.#publish({ type: 'chart', dashboardId: d.id, chartId, action: 'updated', chart: placed, dataChanged });
  }
}
