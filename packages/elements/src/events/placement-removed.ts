import type { PlacementView } from '@ocp/contract';

export type OcpPlacementRemovedDetail = { tabId: string; slotKey: string; chartId: string; placement: PlacementView };

/**
 * `ocp-placement-removed`: Fired by `<ocp-dashboard>` after the provider took a chart off a slot (from the slot's
 * toolbar). The detail has what it takes to put it back (a host's "Undo": place `chartId` in `slotKey` again).
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpPlacementRemovedEvent extends CustomEvent<OcpPlacementRemovedDetail> {
  static readonly eventName = 'ocp-placement-removed';
  constructor(detail: OcpPlacementRemovedDetail) {
    super(OcpPlacementRemovedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-placement-removed': OcpPlacementRemovedEvent;
  }
}
