import type { SlotConstraints } from '@ocp/contract';

/**
 * Whether a slot admits a chart type: the same rule the server applies in placements.place
 * (`slotAllowsChartType` in @ocp/contract). Imported from a zod-free module so no schema code reaches the bundle.
 */
export { slotAllowsChartType } from '@ocp/contract/slot-rules';

/** Human text for a refusal, e.g. "Line charts can't go here (allowed: metric, indicator)". */
export function refusalReason(constraints: SlotConstraints | null | undefined, chartType: string): string {
  const allowed = constraints?.allowedChartTypes ?? [];
  return `${capitalize(chartType || 'This')} charts can't go here (allowed: ${allowed.join(', ')})`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
