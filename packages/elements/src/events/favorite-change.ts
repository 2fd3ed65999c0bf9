import type { WorkspaceItemView } from '@ocp/contract';

export type OcpFavoriteChangeDetail = { item: WorkspaceItemView; isFavorite: boolean };

/**
 * `ocp-favorite-change`: Fired by `<ocp-workspace>` after an item's favorite flag was saved.
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpFavoriteChangeEvent extends CustomEvent<OcpFavoriteChangeDetail> {
  static readonly eventName = 'ocp-favorite-change';
  constructor(detail: OcpFavoriteChangeDetail) {
    super(OcpFavoriteChangeEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-favorite-change': OcpFavoriteChangeEvent;
  }
}
