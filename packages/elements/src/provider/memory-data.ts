import type {
  AgentView,
  ChartDetail,
  DashboardSummary,
  DataSourceConfig,
  ModelView,
  TemplateDetail,
  WorkspaceFolderNode,
  WorkspaceItemView,
} from '@ocp/contract';

/** A chart as stored: always with its data source (the server hides it from non-editors; this store is the owner's). */
export type MemoryChart = Omit<ChartDetail, 'dataSourceConfig' | 'dataSourceSecrets'> & {
  dataSourceConfig: DataSourceConfig;
};

/** A placement as stored: the chart by id (the provider joins the chart in). */
export interface MemoryPlacement {
  id: string;
  slotKey: string;
  chartId: string;
  customizations: Record<string, unknown>;
}

export interface MemoryTab {
  id: string;
  title: string;
  description: string | null;
  position: number;
  settings: Record<string, unknown>;
  templateId: string;
  placements: MemoryPlacement[];
}

export interface MemoryDashboard extends Omit<DashboardSummary, 'templateId'> {
  settings: Record<string, unknown>;
  createdAt: string;
  tabs: MemoryTab[];
}

/** Everything `MemoryProvider` starts from: plain JSON, e.g. the generated demo workspace (`@ocp/elements/demo`). */
export interface MemoryData {
  user: { id: string; displayName: string };
  templates: TemplateDetail[];
  charts: MemoryChart[];
  dashboards: MemoryDashboard[];
  folders: Omit<WorkspaceFolderNode, 'children'>[];
  workspaceItems: WorkspaceItemView[];
  agents: AgentView[];
  models: ModelView[];
}
