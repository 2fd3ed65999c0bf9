export type OcpShareRevokeDetail = { id: string };

/**
 * `ocp-share-revoke`: Fired by `<ocp-share-dialog>` after a sharing link was revoked.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpShareRevokeEvent extends CustomEvent<OcpShareRevokeDetail> {
  static readonly eventName = 'ocp-share-revoke';
  constructor(detail: OcpShareRevokeDetail) {
    super(OcpShareRevokeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-share-revoke': OcpShareRevokeEvent;
  }
}
