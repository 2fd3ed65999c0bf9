import type { OcpProviderError } from '@ocp/contract';

export type OcpErrorDetail = { error: OcpProviderError; operation: string };

/**
 * `ocp-error`: Fired when a provider call fails. `operation` names the provider method; `error.code` is the tRPC code.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpErrorEvent extends CustomEvent<OcpErrorDetail> {
  static readonly eventName = 'ocp-error';
  constructor(detail: OcpErrorDetail) {
    super(OcpErrorEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-error': OcpErrorEvent;
  }
}
