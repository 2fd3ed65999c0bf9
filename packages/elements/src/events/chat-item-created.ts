import type { ChatCreatedItem } from '@ocp/contract';

export type OcpChatItemCreatedDetail = { item: ChatCreatedItem };

/**
 * `ocp-chat-item-created`: Fired by `<ocp-chat-panel>` when a reply created an item (a chart, a template, a dashboard). It lands in the workspace; "Place" on a chart fires `ocp-chart-pick`.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpChatItemCreatedEvent extends CustomEvent<OcpChatItemCreatedDetail> {
  static readonly eventName = 'ocp-chat-item-created';
  constructor(detail: OcpChatItemCreatedDetail) {
    super(OcpChatItemCreatedEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chat-item-created': OcpChatItemCreatedEvent;
  }
}
