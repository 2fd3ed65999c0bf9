/**
 * The shapes the API returns and the elements consume: one definition for @ocp/server, @ocp/client and
 * @ocp/elements (type-only imports, so nothing of the server reaches the browser). Plain JSON: ids are
 * UUID strings, timestamps ISO-8601 strings, keys camelCase.
 */
import type { ChartSummary, DashboardDetail, PlacedChart, TemplateDetail } from './dashboard.js';
import type { DataFilter } from './filters.js';
import type { DataSourceConfig } from './json/data-source.js';
import type { PlotlyConfig, PlotlyTrace } from './json/plotly.js';
import type { TimeRangeSpec } from './time-range.js';
import type { Cell } from './traces.js';

export interface ChartDetail extends ChartSummary {
  plotlyConfig: PlotlyConfig;
  /**
   * How the data is fetched: only for those who may edit the chart (null for viewers and public readers). It never
   * holds secrets: an http source's headers and credential-like query parameters are stored apart.
   */
  dataSourceConfig: DataSourceConfig | null;
  /** Names (never values) of the data-source secrets stored apart; null when there are none or the caller may not edit. */
  dataSourceSecrets?: DataSourceSecretNames | null;
  createdAt: string;
}

/** Which secrets an http source has stored apart from its config (names only: values never leave the server). */
export interface DataSourceSecretNames {
  /** Header names, e.g. `Authorization`. */
  headers: string[];
  /** Query parameter names moved out of the URL, e.g. `api_key`. */
  query: string[];
}

/** charts.list rows (seed query 2). */
export interface ChartListItem extends ChartSummary {
  placementCount: number;
  usedInDashboards: string[];
}

export interface ChartDataParams {
  /** Keep rows whose time (the x column, when it holds times) lies in the range; ends may be relative (`now-7d`). */
  range?: TimeRangeSpec;
  /** Pixel width of the plot; drives downsampling to about two points per pixel. */
  width?: number;
  /** Keep rows whose column holds one of the values; filters on columns the chart's data lacks do not apply. */
  filters?: DataFilter[];
  /** Draw this version of the chart (a placement pinned with `customizations.pinnedVersion`). */
  version?: number;
}

export interface ChartData {
  traces: PlotlyTrace[];
  meta: {
    sourcePoints: number;
    returnedPoints: number;
    downsampled: boolean;
    /** Columns of the chart's source data that filters can apply to (at most 256). */
    columns?: string[];
    /** Whether the range applied: the x axis holds times (time-based charts follow the dashboard's range). */
    timeBased?: boolean;
    /** The filters' columns that applied to this chart. */
    filtered?: string[];
    /** The column on the x axis (a click on a bar or slice cross-filters by it), and the series column if any. */
    x?: string;
    series?: string;
  };
}

/** charts.datasetPreview: a dataset's columns (file order, with inferred types) and its first rows. */
export interface DatasetPreview {
  id: string;
  title: string;
  rowCount: number;
  schema: Array<{ name: string; type: string }>;
  /** The first rows, one array per column of `schema`, in its order. */
  rows: Cell[][];
}

/** charts.sourceOptions: what the caller's charts can read besides inline data and their own datasets. */
export interface SourceOptions {
  /** Energy sites the caller can see (their own and their teams'). */
  energySites: Array<{ id: string; name: string }>;
  /** Named sql connections the host registered that the caller may use. */
  sqlConnections: string[];
}

/**
 * charts.usage: where a chart is placed, before an edit changes them. Floating placements (no pinnedVersion) will
 * show the edit; pinned ones keep their version. Dashboards the caller cannot edit are only counted.
 */
export interface ChartUsage {
  chartId: string;
  /** The chart's latest version number (what a pin made now would keep). */
  currentVersion: number;
  dashboards: Array<{
    id: string;
    title: string;
    placements: Array<{
      id: string;
      tabTitle: string;
      customizations: Record<string, unknown>;
      pinnedVersion: number | null;
    }>;
  }>;
  /** Placements on dashboards the caller cannot edit (not named). */
  hiddenPlacements: number;
}

/** charts.filterValues / sharing.filterValues: distinct values of a column, most frequent first. */
export interface FilterValues {
  values: Cell[];
  /** More values exist than were returned (`limit`). */
  truncated: boolean;
}

export interface WorkspaceItemView {
  id: string;
  itemType: 'chart' | 'template' | 'dataset' | 'note' | string;
  title: string;
  content: Record<string, unknown>;
  referenceId: string | null;
  tags: string[];
  folderPath: string | null;
  isFavorite: boolean;
  createdFromMessageId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkspaceFolderNode {
  id: string;
  name: string;
  path: string;
  parentFolderId: string | null;
  children: WorkspaceFolderNode[];
}

export interface ChartVersionView {
  id: string;
  chartId: string;
  versionNumber: number;
  /** The chart's type and title at this version; null on versions written before they were kept. */
  chartType: string | null;
  title: string | null;
  changeSummary: string | null;
  createdBy: string;
  createdAt: string;
  plotlyConfig?: PlotlyConfig;
  dataSourceConfig?: DataSourceConfig;
}

export interface DashboardVersionView {
  id: string;
  dashboardId: string;
  versionNumber: number;
  changeSummary: string | null;
  createdBy: string;
  createdAt: string;
  snapshot?: Record<string, unknown>;
}

export interface SharingPermissions {
  view: boolean;
  /** Viewers may hover, zoom, switch tabs (never write). */
  interact?: boolean;
  /** Origins allowed to frame /embed/<token> (CSP frame-ancestors); none means not embeddable. */
  allowedOrigins?: string[];
  /** Viewers may download data (CSV) and images; without it the server refuses the CSV export. */
  allowExport?: boolean;
  /** The range the link holds every chart to (a viewer may narrow it, never widen it). */
  lockedRange?: TimeRangeSpec;
  /** Filters always applied to the link's charts (a viewer may narrow their values, never widen them). */
  lockedFilters?: DataFilter[];
}

export interface SharingLinkView {
  id: string;
  resourceType: 'dashboard' | 'chart' | 'template';
  resourceId: string;
  permissions: SharingPermissions;
  expiresAt: string | null;
  createdBy: string;
  createdAt: string;
  lastAccessedAt: string | null;
}

/** sharing.resolve: only what the link grants. */
export type SharedResource =
  | { resourceType: 'dashboard'; permissions: SharingPermissions; dashboard: DashboardDetail }
  | { resourceType: 'chart'; permissions: SharingPermissions; chart: PlacedChart }
  | { resourceType: 'template'; permissions: SharingPermissions; template: TemplateDetail };

export interface ChatSessionView {
  id: string;
  title: string;
  contextType: string | null;
  contextId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An item a chat reply created. `chartType` (for charts) lets a UI check slot constraints before placing it. */
export interface ChatCreatedItem {
  type: string;
  id: string;
  title?: string;
  chartType?: string;
}

/**
 * An action an agent asked for that changes who can see the user's work (making something public, creating a
 * sharing link). It is never run on the model's word: it waits in the reply until the user confirms it
 * (`chat.confirm`) or cancels it. `summary` is written by the server from the arguments, not by the model.
 */
export interface ChatConfirmation {
  id: string;
  action: 'set_visibility' | 'create_share_link';
  arguments: Record<string, unknown>;
  summary: string;
  status: 'pending' | 'confirmed' | 'cancelled' | 'failed';
  /** What the confirmed action produced (for a sharing link, `shareId`; the answer to `chat.confirm` adds `url`). */
  result?: Record<string, unknown>;
  /** Why the confirmed action failed. */
  error?: string;
}

/** One change an agent proposed: the tool, its arguments, and what it does in words the server wrote. */
export interface ChatChange {
  tool: string;
  arguments: Record<string, unknown>;
  /** e.g. “adds chart “Monthly generation” to slot bottom-left on tab “Patterns”” */
  summary: string;
  /** What the tool answered in its trial run (the ids there are the draft's own). */
  result: Record<string, unknown>;
}

/**
 * What an agent's reply would change (charts, placements, tabs, templates, dashboards), proposed and not written:
 * every tool call ran on a copy that was thrown away. The user applies it (`chat.changes.decide`, then it is
 * written, as them, with their rights as they stand) or discards it; an applied change set is undone in one step
 * (dashboard and chart versions restored, what it created deleted). Visibility and sharing are never part of it.
 */
export interface ChatChangeSet {
  id: string;
  status: 'pending' | 'applied' | 'discarded' | 'undone' | 'failed';
  changes: ChatChange[];
  /** Why applying failed (nothing was written). */
  error?: string;
  /** What undo needs, once applied. */
  applied?: {
    dashboardVersions: Array<{ dashboardId: string; versionNumber: number }>;
    /** Versions keep a chart's config and data; its title and type before are kept here. */
    chartVersions: Array<{ chartId: string; versionNumber: number; title?: string; chartType?: string }>;
    created: ChatCreatedItem[];
  };
}

/** A change set shown on the dashboard: the dashboard as it would be, the slots that change, the new charts drawn. */
export interface ChatChangePreview {
  dashboard: DashboardDetail | null;
  marks: Array<{ tabId: string; slotKey: string; change: 'added' | 'changed' | 'moved' | 'removed'; summary: string }>;
  /** Figures of the charts the change set makes or changes, by chart id as `dashboard` holds it. */
  figures: Record<string, { data: PlotlyTrace[]; layout: Record<string, unknown> }>;
}

export interface ChatMessageView {
  id: string;
  role: 'user' | 'assistant' | 'system' | 'tool';
  /**
   * `confirmations`: actions of this reply that wait for (or got) the user's decision; `changeSet`: the changes it
   * proposed, until applied or discarded.
   */
  content: { text: string; confirmations?: ChatConfirmation[]; changeSet?: ChatChangeSet } & Record<string, unknown>;
  agentId: string | null;
  llmModelId: string | null;
  createdItems: ChatCreatedItem[] | null;
  outputRouting: Record<string, unknown> | null;
  createdAt: string;
}

export interface AgentView {
  id: string;
  name: string;
  description: string | null;
  instructions: string;
  capabilities: Record<string, unknown>;
  ownerUserId: string | null;
  ownerTeamId: string | null;
  isPublic: boolean;
}

export interface ModelView {
  id: string;
  provider: string;
  modelId: string;
  displayName: string;
  description: string | null;
  isActive: boolean;
  capabilities: Record<string, unknown>;
}

export type {
  ChartSummary,
  DashboardDetail,
  DashboardSummary,
  PlacedChart,
  PlacementView,
  Role,
  TabView,
  TemplateDetail,
  TemplateSlotView,
  TemplateSummary,
} from './dashboard.js';
