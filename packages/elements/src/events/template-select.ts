import type { TemplateSummary } from '@ocp/contract';

export type OcpTemplateSelectDetail = { template: TemplateSummary };

/**
 * `ocp-template-select`: Fired by `<ocp-template-picker>` when a template is chosen.
 * Bubbles and crosses shadow roots (composed), cancelable.
 */
export class OcpTemplateSelectEvent extends CustomEvent<OcpTemplateSelectDetail> {
  static readonly eventName = 'ocp-template-select';
  constructor(detail: OcpTemplateSelectDetail) {
    super(OcpTemplateSelectEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-template-select': OcpTemplateSelectEvent;
  }
}
