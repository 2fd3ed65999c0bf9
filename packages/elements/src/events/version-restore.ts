export type OcpVersionRestoreDetail = { kind: 'chart' | 'dashboard'; id: string; versionNumber: number };

/**
 * `ocp-version-restore`: Fired by `<ocp-version-history>` after a version was restored.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpVersionRestoreEvent extends CustomEvent<OcpVersionRestoreDetail> {
  static readonly eventName = 'ocp-version-restore';
  constructor(detail: OcpVersionRestoreDetail) {
    super(OcpVersionRestoreEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-version-restore': OcpVersionRestoreEvent;
  }
}
