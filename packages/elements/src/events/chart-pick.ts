import type { OcpDraggedChart } from '../internal/drag-data.js';

export type OcpChartPickDetail = { chart: OcpDraggedChart };

/**
 * `ocp-chart-pick`: Fired when the user picks a chart with the keyboard (Enter on a workspace item, or "Place" on a chart the chat created). An `<ocp-dashboard>` in edit mode on the same page starts keyboard placement.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpChartPickEvent extends CustomEvent<OcpChartPickDetail> {
  static readonly eventName = 'ocp-chart-pick';
  constructor(detail: OcpChartPickDetail) {
    super(OcpChartPickEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chart-pick': OcpChartPickEvent;
  }
}
