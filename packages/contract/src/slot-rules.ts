import type { SlotConstraints } from './json/layout.js';

/**
 * Whether a slot's constraints admit a chart type (no list means any type).
 * Kept free of zod so browser code (@ocp/elements) can share the server's rule without bundling schemas.
 */
export function slotAllowsChartType(constraints: SlotConstraints | null | undefined, chartType: string): boolean {
  const allowed = constraints?.allowedChartTypes;
  return !allowed || allowed.length === 0 || allowed.includes(chartType);
}
