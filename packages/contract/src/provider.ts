/**
 * The one seam between the elements and their data. Every method maps 1:1 onto a server procedure
 * (SPEC §4), named in each method's doc. `@ocp/client` implements it over tRPC; `MemoryProvider`
 * (`@ocp/elements/memory`) implements it in memory for stories, tests and offline demos.
 *
 * Rules every implementation follows:
 * - Promises reject with `OcpProviderError` (`@ocp/contract/errors`) (its `code` is the tRPC error code), never with raw transport errors.
 * - Values are plain JSON (ids are strings, timestamps ISO-8601 strings); the elements never mutate them.
 * - Methods marked optional may be absent; elements hide the features that need them.
 */

import type { z } from 'zod';
import type { ChatStreamEvent, DashboardEvent } from './events.js';
import type {
  confirmChatInput,
  createChatSessionInput,
  createShareInput,
  decideChangesInput,
  listItemsInput,
  placeInput,
  searchItemsInput,
  sendChatInput,
  updateItemInput,
} from './inputs/index.js';
import type {
  AgentView,
  ChartData,
  ChartDataParams,
  ChartSummary,
  ChartVersionView,
  ChatChangePreview,
  ChatChangeSet,
  ChatConfirmation,
  ChatMessageView,
  ChatSessionView,
  DashboardDetail,
  DashboardVersionView,
  FilterValues,
  ModelView,
  PlacementView,
  SharedResource,
  SharingLinkView,
  TemplateDetail,
  TemplateSummary,
  WorkspaceFolderNode,
  WorkspaceItemView,
} from './responses.js';

/** The input of a procedure as a caller writes it (defaults may be left out). */
type In<T extends z.ZodType> = NonNullable<z.input<T>>;

/**
 * placements.place input: the slot by key on a tab, and the chart to put there; `replace` swaps out the chart
 * already in the slot in the same call.
 */
export type PlaceChartInput = Omit<In<typeof placeInput>, 'slotId' | 'slotKey'> & { slotKey: string };

/** workspace.items.list filters. */
export type WorkspaceListInput = Omit<In<typeof listItemsInput>, 'limit'>;

/** workspace.items.search input (seed query 4). */
export type WorkspaceSearchInput = Omit<In<typeof searchItemsInput>, 'limit'>;

/** workspace.items.update input (only what the elements change). */
export type WorkspaceItemPatch = Omit<In<typeof updateItemInput>, 'id' | 'content'>;

/** sharing.create input. */
export type CreateShareInput = In<typeof createShareInput>;

/** sharing.create output: the raw token is returned this once only. */
export interface CreatedShare {
  id: string;
  token: string;
  url: string;
}

/** charts.filterValues (or sharing.filterValues with `shareToken`): a dashboard filter's options. */
export interface FilterValuesInput {
  chartId: string;
  column: string;
  search?: string;
  limit?: number;
  shareToken?: string;
}

/** `GET charts.exportCsv` (with `shareToken`: through a link that allows export). */
export interface ExportCsvInput extends Omit<ChartDataParams, 'width'> {
  chartId: string;
  shareToken?: string;
}

/** chat.sessions.create input: what the session is about (`dashboard` and `dataset` take a `contextId`). */
export type CreateChatSessionInput = Omit<In<typeof createChatSessionInput>, 'settings'>;

/** chat.send input. */
export type SendChatInput = In<typeof sendChatInput>;

/** chat.confirm input: the user's decision on an action a reply asked for (default `confirm`). */
export type ConfirmChatInput = In<typeof confirmChatInput>;

/** chat.changes.decide input. */
export type DecideChangesInput = In<typeof decideChangesInput>;

/** chat.stream input: the session's events from now on, until `signal` aborts. */
export interface StreamChatInput {
  sessionId: string;
  signal?: AbortSignal;
}

export interface OcpDataProvider {
  /** dashboards.get — the whole dashboard: tabs, each tab's template and slots, placements with their charts. */
  getDashboard(id: string): Promise<DashboardDetail>;

  /** templates.list — system, own and own teams' templates, with `slotCount`. */
  listTemplates(): Promise<TemplateSummary[]>;
  /** templates.get — one template with its slots. */
  getTemplate(id: string): Promise<TemplateDetail>;

  /** placements.place — CONFLICT when the slot is occupied, BAD_REQUEST when its constraints refuse the chart type. */
  placeChart(input: PlaceChartInput): Promise<PlacementView>;
  /** placements.remove */
  removePlacement(placementId: string): Promise<void>;

  /** charts.data — traces resolved from the chart's data source, downsampled to about two points per pixel of `width`. */
  getChartData(chartId: string, params?: ChartDataParams): Promise<ChartData>;
  /** charts.versions — newest first. */
  chartVersions(chartId: string): Promise<ChartVersionView[]>;
  /** charts.restoreVersion — writes a new version equal to the old one and returns the chart. */
  restoreChartVersion(chartId: string, versionNumber: number): Promise<ChartSummary>;

  /** dashboardVersions.list — newest first. */
  dashboardVersions(dashboardId: string): Promise<DashboardVersionView[]>;
  /** dashboardVersions.create — snapshots the dashboard's current state. */
  createDashboardVersion(dashboardId: string, changeSummary?: string): Promise<DashboardVersionView>;
  /** dashboardVersions.restore — returns the dashboard as restored. */
  restoreDashboardVersion(dashboardId: string, versionNumber: number): Promise<DashboardDetail>;

  /** workspace.items.list */
  listWorkspace(input?: WorkspaceListInput): Promise<WorkspaceItemView[]>;
  /** workspace.items.search (seed query 4) */
  searchWorkspace(input: WorkspaceSearchInput): Promise<WorkspaceItemView[]>;
  /** workspace.items.update (favorites, tags, folder) */
  updateWorkspaceItem(id: string, patch: WorkspaceItemPatch): Promise<WorkspaceItemView>;
  /** workspace.folders.tree — root folders with nested children. */
  folderTree(): Promise<WorkspaceFolderNode[]>;

  /** sharing.create */
  createShare(input: CreateShareInput): Promise<CreatedShare>;
  /** sharing.list — links of one resource. */
  listShares(input: { resourceType: SharingLinkView['resourceType']; resourceId: string }): Promise<SharingLinkView[]>;
  /** sharing.revoke */
  revokeShare(id: string): Promise<void>;
  /** sharing.resolve — no auth; only what the link grants. NOT_FOUND for unknown, revoked or expired tokens. */
  resolveShare(token: string): Promise<SharedResource>;
  /** sharing.chartData — chart data through a sharing link. */
  shareChartData(token: string, chartId: string, params?: ChartDataParams): Promise<ChartData>;

  /** charts.filterValues / sharing.filterValues — distinct values of a column, most frequent first. Optional. */
  filterValues?(input: FilterValuesInput): Promise<FilterValues>;
  /** The chart's rows as CSV at full resolution (server-side, streamed). Optional: without it no CSV export. */
  exportChartCsv?(input: ExportCsvInput): Promise<Blob>;

  /** chat.sessions.create */
  createChatSession(input?: CreateChatSessionInput): Promise<ChatSessionView>;
  /** chat.sessions.get — with the messages so far, oldest first. */
  getChatSession(id: string): Promise<ChatSessionView & { messages: ChatMessageView[] }>;
  /**
   * chat.send — stores the user's message, runs the agent and resolves with its reply (the assistant's message) once
   * complete. Meanwhile the reply streams on {@link streamChat}: deltas, tool calls, created items, then `done`.
   */
  sendChat(input: SendChatInput): Promise<ChatMessageView>;
  /** chat.stream — deltas, tool calls, created items and `done` for every reply in the session, until aborted. */
  streamChat(input: StreamChatInput): AsyncIterable<ChatStreamEvent>;
  /**
   * chat.confirm — runs (or cancels) an action a reply only asked for: making something public, creating a sharing
   * link. Resolves with the decided confirmation (a confirmed link's `result.url` is shown this once); CONFLICT
   * when it was already decided.
   */
  confirmChat(input: ConfirmChatInput): Promise<ChatConfirmation>;
  /**
   * chat.changes.decide — applies or discards the changes a reply proposed, or undoes applied ones (in one step).
   * Resolves with the change set as decided; CONFLICT when it was already decided (or is not applied, for undo).
   */
  decideChanges(input: DecideChangesInput): Promise<ChatChangeSet>;
  /** chat.changes.preview — the dashboard as the proposed changes would leave it, changed slots marked. */
  previewChanges(input: { sessionId: string; changeSetId: string }): Promise<ChatChangePreview>;
  /** chat.sessions.list — the caller's chats about one dashboard (or all), most recent first. Optional. */
  listChatSessions?(input?: { contextType?: 'dashboard'; contextId?: string }): Promise<ChatSessionView[]>;
  /** agents.list */
  listAgents(): Promise<AgentView[]>;
  /** models.list */
  listModels(): Promise<ModelView[]>;

  /** events.dashboard — live changes; returns an unsubscribe function. Optional: without it dashboards do not live-update. */
  subscribeDashboard?(dashboardId: string, onEvent: (event: DashboardEvent) => void): () => void;
}
