import type { CreatedShare } from '@ocp/contract';

export type OcpShareCreateDetail = { share: CreatedShare };

/**
 * `ocp-share-create`: Fired by `<ocp-share-dialog>` after a sharing link was created (the raw token is only available now).
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpShareCreateEvent extends CustomEvent<OcpShareCreateDetail> {
  static readonly eventName = 'ocp-share-create';
  constructor(detail: OcpShareCreateDetail) {
    super(OcpShareCreateEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-share-create': OcpShareCreateEvent;
  }
}
