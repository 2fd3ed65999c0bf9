import type { ChatChangeSet } from '@ocp/contract';

export type OcpChatChangesDetail = { changeSet: ChatChangeSet; decision: 'apply' | 'discard' | 'undo' };

/**
 * `ocp-chat-changes`: Fired by `<ocp-chat-panel>` after the user applied, discarded or undid the changes a reply
 * proposed, once the server decided it. A host reloads what `changeSet` touched (its dashboard) on `apply` and
 * `undo`. Bubbles and crosses shadow roots (composed).
 */
export class OcpChatChangesEvent extends CustomEvent<OcpChatChangesDetail> {
  static readonly eventName = 'ocp-chat-changes';
  constructor(detail: OcpChatChangesDetail) {
    super(OcpChatChangesEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chat-changes': OcpChatChangesEvent;
  }
}
