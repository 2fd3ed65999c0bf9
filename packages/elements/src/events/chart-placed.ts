import type { PlacementView } from '@ocp/contract';

export type OcpChartPlacedDetail = { tabId: string; slotKey: string; chartId: string; placement: PlacementView };

/**
 * `ocp-chart-placed`: Fired by `<ocp-dashboard>` after the provider placed a chart in a slot.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpChartPlacedEvent extends CustomEvent<OcpChartPlacedDetail> {
  static readonly eventName = 'ocp-chart-placed';
  constructor(detail: OcpChartPlacedDetail) {
    super(OcpChartPlacedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chart-placed': OcpChartPlacedEvent;
  }
}
