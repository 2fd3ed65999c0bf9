import type { OcpDraggedChart } from '../internal/drag-data.js';

export type OcpPlaceRequestDetail = {
  slotKey: string;
  slotId: string;
  chart: OcpDraggedChart;
  via: 'drag' | 'keyboard';
};

/**
 * `ocp-place-request`: Fired by `<ocp-slot>` and `<ocp-template-grid>` when a chart is dropped on (or placed with the keyboard into) a slot that accepts it. `<ocp-dashboard>` handles it by calling `provider.placeChart`; cancel it to handle placement yourself.
 * Bubbles and crosses shadow roots (composed), cancelable.
 */
export class OcpPlaceRequestEvent extends CustomEvent<OcpPlaceRequestDetail> {
  static readonly eventName = 'ocp-place-request';
  constructor(detail: OcpPlaceRequestDetail) {
    super(OcpPlaceRequestEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-place-request': OcpPlaceRequestEvent;
  }
}
