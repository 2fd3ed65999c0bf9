import type { Cell, Columns, DataSourceConfig, PlotlyConfig, SlotConstraints, ToolName } from '@ocp/contract';

/**
 * What the offline agent sees and how it acts: the same interface over the server (services, as the user) and over
 * the in-memory provider. The grammar reads through it and changes things only through `tool`, with the arguments
 * of the API procedure the tool stands for, so both providers validate and authorize the same way.
 */

export type ColumnType = 'number' | 'string' | 'datetime' | 'boolean' | 'empty';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  sample: Cell[];
}

/** Something chartable: a workspace dataset, a chart's inline data, or the energy tables. */
export interface DataSummary {
  source: 'dataset' | 'chart' | 'energy';
  id: string;
  title: string;
  rowCount: number;
  columns: ColumnInfo[];
}

/** A slot of a tab as the agent knows it: its real key, a label for people, its rules and what fills it. */
export interface AgentSlot {
  slotKey: string;
  label: string;
  constraints: SlotConstraints;
  placement: { id: string; chartId: string; title: string | null; chartType: string | null } | null;
}

export interface AgentTab {
  id: string;
  title: string;
  templateId: string;
  templateName: string;
  slots: AgentSlot[];
}

/** The dashboard a chat belongs to, every tab included. */
export interface AgentDashboard {
  id: string;
  title: string;
  /** `owner`, `admin`, `editor` or `viewer`: a viewer's requests to change it are answered, not tried. */
  role: string;
  tabs: AgentTab[];
}

/** A chart the chat made (or proposed), newest first. */
export interface ChartRef {
  id: string;
  title: string;
  chartType: string;
}

export interface ChartConfig extends ChartRef {
  plotlyConfig: PlotlyConfig;
  dataSourceConfig: DataSourceConfig | null;
}

export interface TemplateRef {
  id: string;
  name: string;
  slotKeys: string[];
}

export interface FoundItem {
  id: string;
  itemType: string;
  title: string;
  referenceId: string | null;
}

export type ToolOutcome = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export interface AgentWorld {
  /** The request, as typed (data pasted below its first line is part of it). */
  text: string;
  /** The chat's dashboard; null when the chat is not about one. */
  dashboard(): Promise<AgentDashboard | null>;
  /** Charts made in this chat, newest first ("it" is the first). */
  recentCharts: ChartRef[];
  /** The chat is about one dataset (its id), or null. */
  datasetId: string | null;
  listData(): Promise<DataSummary[]>;
  /** The values of some columns of a source from `listData`. */
  readColumns(source: DataSummary, names: string[]): Promise<Columns>;
  /** A chart's configuration (null when the user may not read it). */
  chart(id: string): Promise<ChartConfig | null>;
  templates(): Promise<TemplateRef[]>;
  search(q: string): Promise<FoundItem[]>;
  /** Parses pasted CSV or JSON (the server's parser; a small one in memory); null when it is not data. */
  parse(body: string): Promise<{ columns: Columns; schema: Array<{ name: string; type: ColumnType }> } | null>;
  tool(name: ToolName, args: Record<string, unknown>): Promise<ToolOutcome>;
}
