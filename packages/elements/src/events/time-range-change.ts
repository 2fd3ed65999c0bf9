import type { TimeRangeSpec } from '@ocp/contract';

export type OcpTimeRangeChangeDetail = { range: TimeRangeSpec | undefined };

/**
 * `ocp-time-range-change`: Fired by `<ocp-time-range>` when the user picks a preset or applies a custom range
 * (`undefined`: all time), and by `<ocp-dashboard>` when its range changes. Bubbles and crosses shadow roots.
 */
export class OcpTimeRangeChangeEvent extends CustomEvent<OcpTimeRangeChangeDetail> {
  static readonly eventName = 'ocp-time-range-change';
  constructor(detail: OcpTimeRangeChangeDetail) {
    super(OcpTimeRangeChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-time-range-change': OcpTimeRangeChangeEvent;
  }
}
