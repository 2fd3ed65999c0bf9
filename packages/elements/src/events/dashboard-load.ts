import type { DashboardDetail } from '@ocp/contract';

export type OcpDashboardLoadDetail = { dashboard: DashboardDetail };

/**
 * `ocp-dashboard-load`: Fired by `<ocp-dashboard>` when a dashboard (or a shared one) has loaded.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpDashboardLoadEvent extends CustomEvent<OcpDashboardLoadDetail> {
  static readonly eventName = 'ocp-dashboard-load';
  constructor(detail: OcpDashboardLoadDetail) {
    super(OcpDashboardLoadEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-dashboard-load': OcpDashboardLoadEvent;
  }
}
