import type { ChatConfirmation } from '@ocp/contract';

export type OcpChatConfirmDetail = { confirmation: ChatConfirmation };

/**
 * `ocp-chat-confirm`: Fired by `<ocp-chat-panel>` when the user confirmed or cancelled an action a reply asked for
 * (making something public, creating a sharing link), after the server decided it. A confirmed link's
 * `confirmation.result.url` is in this event only. Bubbles and crosses shadow roots (composed).
 */
export class OcpChatConfirmEvent extends CustomEvent<OcpChatConfirmDetail> {
  static readonly eventName = 'ocp-chat-confirm';
  constructor(detail: OcpChatConfirmDetail) {
    super(OcpChatConfirmEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chat-confirm': OcpChatConfirmEvent;
  }
}
