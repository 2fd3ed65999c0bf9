export type OcpTabChangeDetail = { tabId: string; index: number };

/**
 * `ocp-tab-change`: Fired by `<ocp-tabs>` when the user picks a tab. Cancel it to keep the current tab.
 * Bubbles and crosses shadow roots (composed), cancelable.
 */
export class OcpTabChangeEvent extends CustomEvent<OcpTabChangeDetail> {
  static readonly eventName = 'ocp-tab-change';
  constructor(detail: OcpTabChangeDetail) {
    super(OcpTabChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-tab-change': OcpTabChangeEvent;
  }
}
