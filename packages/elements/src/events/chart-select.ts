import type { Cell } from '@ocp/contract';

export type OcpChartSelectDetail = {
  /** The chart clicked. */
  chartId: string;
  /** The data column the value belongs to (the x axis for bars and slices, the series for lines). */
  column: string;
  value: Cell;
  /** The x value of the point (for a drill-down into a finer time bucket). */
  x?: Cell;
};

/**
 * `ocp-chart-select`: Fired by `<ocp-chart>` when the user clicks a bar, pie slice or point (or picks a value from
 * the chart's "Filter others" menu, the keyboard equivalent). `<ocp-dashboard>` turns it into a cross-filter or a
 * drill-down; cancel it to do neither. Bubbles and crosses shadow roots (composed).
 */
export class OcpChartSelectEvent extends CustomEvent<OcpChartSelectDetail> {
  static readonly eventName = 'ocp-chart-select';
  constructor(detail: OcpChartSelectDetail) {
    super(OcpChartSelectEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chart-select': OcpChartSelectEvent;
  }
}
