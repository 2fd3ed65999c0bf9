import type { OcpDraggedChart } from '../internal/drag-data.js';

export type OcpPlaceRejectedDetail = { slotKey: string; chart: OcpDraggedChart; reason: string };

/**
 * `ocp-place-rejected`: Fired when a slot refuses a chart (its constraints do not allow the chart type, or the provider refused). The slot shows the reason too.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpPlaceRejectedEvent extends CustomEvent<OcpPlaceRejectedDetail> {
  static readonly eventName = 'ocp-place-rejected';
  constructor(detail: OcpPlaceRejectedDetail) {
    super(OcpPlaceRejectedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-place-rejected': OcpPlaceRejectedEvent;
  }
}
