import type { ChatMessageView } from '@ocp/contract';

export type OcpChatMessageDetail = { message: ChatMessageView };

/**
 * `ocp-chat-message`: Fired by `<ocp-chat-panel>` when an assistant reply is complete.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpChatMessageEvent extends CustomEvent<OcpChatMessageDetail> {
  static readonly eventName = 'ocp-chat-message';
  constructor(detail: OcpChatMessageDetail) {
    super(OcpChatMessageEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chat-message': OcpChatMessageEvent;
  }
}
