import type { DashboardDetail } from '@ocp/contract';

export type OcpDashboardChangeDetail = { dashboard: DashboardDetail };

/**
 * `ocp-dashboard-change`: Fired by `<ocp-dashboard>` when its dashboard changed in place — a live event applied to
 * one placement, tab or title, or a chart it placed or removed itself — without a reload. `dashboard` is the new
 * state. Bubbles and crosses shadow roots (composed).
 */
export class OcpDashboardChangeEvent extends CustomEvent<OcpDashboardChangeDetail> {
  static readonly eventName = 'ocp-dashboard-change';
  constructor(detail: OcpDashboardChangeDetail) {
    super(OcpDashboardChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-dashboard-change': OcpDashboardChangeEvent;
  }
}
