/**
 * What travels with a dragged (or keyboard-picked) chart. The JSON goes under {@link CHART_MIME}; the chart type is
 * also encoded in a second MIME type because `dataTransfer.getData()` is unreadable during `dragover`, and a slot
 * must show "allowed / not allowed" before the drop.
 */
export interface OcpDraggedChart {
  chartId: string;
  chartType: string;
  title: string;
}

export const CHART_MIME = 'application/x-ocp-chart';
const TYPE_MIME_PREFIX = 'application/x-ocp-chart-type.';

export function writeDragData(dt: DataTransfer, chart: OcpDraggedChart): void {
  dt.setData(CHART_MIME, JSON.stringify(chart));
  dt.setData(TYPE_MIME_PREFIX + encodeURIComponent(chart.chartType.toLowerCase()), chart.chartType);
  dt.setData('text/plain', chart.title);
  dt.effectAllowed = 'copy';
}

/** The chart type of an OCP chart drag, readable during dragenter/dragover; null when the drag is not a chart. */
export function peekDragChartType(dt: DataTransfer | null): string | null {
  if (!dt) return null;
  const types = Array.from(dt.types);
  if (!types.includes(CHART_MIME)) return null;
  const typed = types.find((t) => t.startsWith(TYPE_MIME_PREFIX));
  return typed ? decodeURIComponent(typed.slice(TYPE_MIME_PREFIX.length)) : '';
}

/** The dragged chart on drop; null for foreign or malformed drags. */
export function readDragData(dt: DataTransfer | null): OcpDraggedChart | null {
  const raw = dt?.getData(CHART_MIME);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<OcpDraggedChart>;
    if (typeof value.chartId !== 'string' || typeof value.chartType !== 'string') return null;
    return { chartId: value.chartId, chartType: value.chartType, title: String(value.title ?? '') };
  } catch {
    return null;
  }
}
