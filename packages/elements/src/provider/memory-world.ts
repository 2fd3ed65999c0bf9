import type { Cell, Columns, DashboardDetail, ToolName } from '@ocp/contract';
import {
  type AgentWorld,
  type ChartRef,
  type ColumnInfo,
  type ColumnType,
  columnType,
  type DataSummary,
  energySummary,
  type ToolOutcome,
  toAgentDashboard,
} from '@ocp/offline-agent';
import type { MemoryData } from './memory-data.js';

/**
 * The in-memory provider's world for the shared offline agent (`@ocp/offline-agent`): the same grammar as the
 * server's, over `MemoryData`. Data is summarized as the server's data catalog does it (datasets, charts with
 * inline data, the energy readings).
 */

const columnsOf = (columns: Columns): ColumnInfo[] =>
  Object.entries(columns).map(([name, values]) => ({ name, type: columnType(values), sample: values.slice(0, 3) }));

const rowsOf = (columns: Columns) => Math.max(0, ...Object.values(columns).map((c) => c.length));

/** Datasets (newest first), charts with inline data, and the energy readings when the workspace has energy charts. */
export function summarize(data: MemoryData): DataSummary[] {
  const datasets = data.workspaceItems
    .filter((i) => i.itemType === 'dataset' && i.content.columns && typeof i.content.columns === 'object')
    .map((i): DataSummary => {
      const columns = i.content.columns as Columns;
      return { source: 'dataset', id: i.id, title: i.title, rowCount: rowsOf(columns), columns: columnsOf(columns) };
    });
  const charts = [...data.charts]
    // Energy charts are snapshots of the energy tables here (inline), an energy source on the server.
    .filter((c) => c.dataSourceConfig?.kind === 'inline' && c.chartType !== 'energy')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
    .map((c): DataSummary => {
      const { columns, mapping } = c.dataSourceConfig as { columns: Columns; mapping: { x: string; y: string[] } };
      // The chart's own order (x, then its series), as the server reports it.
      const first = [mapping.x, ...mapping.y].filter((n) => n in columns);
      const ordered = Object.fromEntries(
        [...new Set([...first, ...Object.keys(columns)])].map((n) => [n, columns[n]!]),
      );
      return { source: 'chart', id: c.id, title: c.title, rowCount: rowsOf(ordered), columns: columnsOf(ordered) };
    });
  const energy = data.charts.some((c) => c.chartType === 'energy') ? [energySummary()] : [];
  return [...datasets, ...charts, ...energy];
}

function valuesOf(data: MemoryData, source: DataSummary): Columns {
  if (source.source === 'dataset') {
    return (data.workspaceItems.find((i) => i.id === source.id)?.content.columns as Columns | undefined) ?? {};
  }
  const chart = data.charts.find((c) => c.id === source.id);
  return chart?.dataSourceConfig.kind === 'inline' ? chart.dataSourceConfig.columns : {};
}

/** CSV (header first, comma-separated, numbers as numbers) or JSON records/columns: enough for pasted examples. */
export function parsePasted(
  body: string,
): { columns: Columns; schema: Array<{ name: string; type: ColumnType }> } | null {
  let columns: Columns = {};
  try {
    if (/^[[{]/.test(body)) {
      const parsed = JSON.parse(body) as unknown;
      if (Array.isArray(parsed)) {
        for (const row of parsed as Array<Record<string, Cell>>)
          for (const [k, v] of Object.entries(row)) {
            columns[k] ??= [];
            columns[k].push(v);
          }
      } else columns = parsed as Columns;
    } else {
      const [header, ...lines] = body.split(/\r?\n/).filter((l) => l.trim());
      const names = header!.split(',').map((h) => h.trim());
      for (const name of names) columns[name] = [];
      for (const line of lines) {
        const cells = line.split(',');
        names.forEach((n, i) => {
          const raw = (cells[i] ?? '').trim();
          columns[n]!.push(raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw);
        });
      }
    }
  } catch {
    return null;
  }
  return { columns, schema: columnsOf(columns).map((c) => ({ name: c.name, type: c.type })) };
}

export interface MemoryWorldInput {
  data: MemoryData;
  text: string;
  session: { contextType: string | null; contextId: string | null };
  recentCharts: ChartRef[];
  dashboard: (id: string) => DashboardDetail;
  tool: (name: ToolName, args: Record<string, unknown>) => ToolOutcome;
}

export function memoryWorld(input: MemoryWorldInput): AgentWorld {
  const { data } = input;
  return {
    text: input.text,
    recentCharts: input.recentCharts,
    datasetId: input.session.contextType === 'dataset' ? input.session.contextId : null,
    async dashboard() {
      if (input.session.contextType !== 'dashboard' || !input.session.contextId) return null;
      try {
        return toAgentDashboard(input.dashboard(input.session.contextId));
      } catch {
        return null;
      }
    },
    async listData() {
      return summarize(data);
    },
    async readColumns(source, names) {
      const all = valuesOf(data, source);
      return Object.fromEntries(names.filter((n) => Array.isArray(all[n])).map((n) => [n, all[n]!]));
    },
    async chart(id) {
      const c = data.charts.find((x) => x.id === id);
      return c
        ? structuredClone({
            id: c.id,
            title: c.title,
            chartType: c.chartType,
            plotlyConfig: c.plotlyConfig,
            dataSourceConfig: c.dataSourceConfig,
          })
        : null;
    },
    async templates() {
      return data.templates.map((t) => ({ id: t.id, name: t.name, slotKeys: t.slots.map((s) => s.slotKey) }));
    },
    async search(q) {
      const query = q.toLowerCase();
      return data.workspaceItems
        .filter((i) => i.title.toLowerCase().includes(query) || i.tags.some((t) => t.toLowerCase().includes(query)))
        .map((i) => ({ id: i.id, itemType: i.itemType, title: i.title, referenceId: i.referenceId }));
    },
    async parse(body) {
      return parsePasted(body);
    },
    async tool(name, args) {
      return input.tool(name, args);
    },
  };
}
