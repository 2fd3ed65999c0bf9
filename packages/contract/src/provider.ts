/**
 * The one seam between the elements and their data. Every method maps 1:1 onto a server procedure
 * (SPEC §4), named in each method's doc. `@ocp/client` implements it over tRPC; `MemoryProvider`
 * (`@ocp/elements/memory`) implements it in memory for stories, tests and offline demos.
 *
 * Rules every implementation follows:
 * - Promises reject with {@link OcpProviderError} (its `code` is the tRPC error code), never with raw transport errors.
 * - Values are plain JSON (ids are strings, timestamps ISO-8601 strings); the elements never mutate them.
 * - Methods marked optional may be absent; elements hide the features that need them.
 */
import type {
  AgentView,
  ChartData,
  ChartDataParams,
  ChartSummary,
  ChartVersionView,
  ChatConfirmation,
  ChatMessageView,
  ChatSessionView,
  ChatStreamEvent,
  DashboardDetail,
  DashboardEvent,
  DashboardVersionView,
  ModelView,
  PlacementView,
  SharedResource,
  SharingLinkView,
  SharingPermissions,
  TemplateDetail,
  TemplateSummary,
  WorkspaceFolderNode,
  WorkspaceItemView,
} from '@ocp/db/json';

/** The tRPC error codes a provider reports (SPEC §4). */
export type OcpErrorCode =
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

/** The only error type a provider rejects with. `code` drives what the elements show (e.g. NOT_FOUND → "not found"). */
export class OcpProviderError extends Error {
  override name = 'OcpProviderError';
  constructor(
    readonly code: OcpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** placements.place input: the slot by key (or id) on a tab, and the chart to put there. */
export interface PlaceChartInput {
  tabId: string;
  slotKey: string;
  chartId: string;
  customizations?: Record<string, unknown>;
}

/** workspace.items.list filters. */
export interface WorkspaceListInput {
  folderPath?: string;
  tags?: string[];
  type?: string;
  favoritesOnly?: boolean;
}

/** workspace.items.search input (seed query 4). */
export interface WorkspaceSearchInput {
  q: string;
  tags?: string[];
  type?: string;
}

/** workspace.items.update input (only what the elements change). */
export interface WorkspaceItemPatch {
  title?: string;
  tags?: string[];
  folderPath?: string | null;
  isFavorite?: boolean;
}

/** sharing.create input. */
export interface CreateShareInput {
  resourceType: SharingLinkView['resourceType'];
  resourceId: string;
  permissions?: SharingPermissions;
  expiresAt?: string | null;
}

/** sharing.create output: the raw token is returned this once only. */
export interface CreatedShare {
  id: string;
  token: string;
  url: string;
}

/** chat.sessions.create input: what the session is about (`dashboard` and `dataset` take a `contextId`). */
export interface CreateChatSessionInput {
  title?: string;
  contextType?: 'dashboard' | 'dataset' | 'workspace' | 'global';
  contextId?: string;
}

/** chat.send input. */
export interface SendChatInput {
  sessionId: string;
  content: string;
  agentId?: string;
  modelId?: string;
}

/** chat.confirm input: the user's decision on an action a reply asked for (default `confirm`). */
export interface ConfirmChatInput {
  sessionId: string;
  confirmationId: string;
  decision?: 'confirm' | 'cancel';
}

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
  /** agents.list */
  listAgents(): Promise<AgentView[]>;
  /** models.list */
  listModels(): Promise<ModelView[]>;

  /** events.dashboard — live changes; returns an unsubscribe function. Optional: without it dashboards do not live-update. */
  subscribeDashboard?(dashboardId: string, onEvent: (event: DashboardEvent) => void): () => void;
}

const CODES: ReadonlySet<string> = new Set<OcpErrorCode>([
  'UNAUTHORIZED',
  'NOT_FOUND',
  'FORBIDDEN',
  'BAD_REQUEST',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'INTERNAL_SERVER_ERROR',
]);

/**
 * Whether a value is a provider error. Checked by shape, not `instanceof`: a provider built into another bundle
 * (e.g. `@ocp/client`, or the standalone memory bundle) carries its own copy of the class.
 */
export function isProviderError(error: unknown): error is OcpProviderError {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && CODES.has(code);
}

/** Wraps anything thrown into an {@link OcpProviderError} so elements can rely on `code`. */
export function toProviderError(error: unknown): OcpProviderError {
  if (isProviderError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OcpProviderError('INTERNAL_SERVER_ERROR', message, { cause: error });
}
