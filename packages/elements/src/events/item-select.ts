import type { WorkspaceItemView } from '@ocp/contract';

export type OcpItemSelectDetail = { item: WorkspaceItemView };

/**
 * `ocp-item-select`: Fired by `<ocp-workspace>` when an item is activated (click, or Enter on a non-chart item).
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpItemSelectEvent extends CustomEvent<OcpItemSelectDetail> {
  static readonly eventName = 'ocp-item-select';
  constructor(detail: OcpItemSelectDetail) {
    super(OcpItemSelectEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-item-select': OcpItemSelectEvent;
  }
}
