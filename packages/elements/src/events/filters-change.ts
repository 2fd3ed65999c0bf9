import type { DataFilter } from '@ocp/contract';

export type OcpFiltersChangeDetail = { filters: DataFilter[] };

/**
 * `ocp-filters-change`: Fired by `<ocp-filter-bar>` when the user changes a dashboard filter, and by
 * `<ocp-dashboard>` when its filters (dashboard filters and the cross-filter) change. Bubbles, composed.
 */
export class OcpFiltersChangeEvent extends CustomEvent<OcpFiltersChangeDetail> {
  static readonly eventName = 'ocp-filters-change';
  constructor(detail: OcpFiltersChangeDetail) {
    super(OcpFiltersChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-filters-change': OcpFiltersChangeEvent;
  }
}
