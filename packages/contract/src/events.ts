/**
 * The live events: `events.dashboard` (what changed on a dashboard, with the change itself, as the subscriber may see
 * it) and `chat.stream` (a reply as it is written).
 */
import type {
  ChatChangeSet,
  ChatConfirmation,
  ChatCreatedItem,
  ChatMessageView,
  DashboardDetail,
  PlacedChart,
  PlacementView,
  TabView,
} from './responses.js';

/** What a `dashboard updated` event carries: the dashboard's own fields (its tabs come as tab events). */
export type DashboardChange = Pick<
  DashboardDetail,
  'id' | 'title' | 'description' | 'templateId' | 'ownerUserId' | 'ownerTeamId' | 'isPublic' | 'settings' | 'updatedAt'
>;

/**
 * events.dashboard: live changes to a dashboard, across server instances. Each event names what changed and carries
 * it as it stands when the event is delivered (read as the subscriber sees it, like dashboards.get), so a client
 * applies it to the one slot, tab or title it concerns instead of reloading the dashboard:
 * - `placement` placed/moved/updated: the placement (`placement.chart` null when the dashboard's owner may no longer
 *   read the chart); removed: its id.
 * - `chart` updated: the chart as placements show it (null: unavailable now), and `dataChanged` (its data source or
 *   trace templates changed: fetch its data again; otherwise only its title, layout or config did); deleted: its
 *   placements are gone.
 * - `tab` created/updated: the whole tab (template, slots, placements); reordered: every tab id in the new order.
 * - `dashboard` updated: its own fields; restored: reload it; deleted: the stream ends after this event.
 * - `resync`: events may have been missed (a resumption from an id the server no longer holds, or its database
 *   listener reconnected): reload the whole dashboard.
 */
export type DashboardEvent =
  | {
      type: 'placement';
      dashboardId: string;
      tabId: string;
      action: 'placed' | 'moved' | 'updated';
      placementId: string;
      placement: PlacementView;
    }
  | { type: 'placement'; dashboardId: string; tabId: string; action: 'removed'; placementId: string }
  | {
      type: 'chart';
      dashboardId: string;
      chartId: string;
      action: 'updated';
      chart: PlacedChart | null;
      dataChanged: boolean;
    }
  | { type: 'chart'; dashboardId: string; chartId: string; action: 'deleted' }
  | { type: 'tab'; dashboardId: string; tabId: string; action: 'created' | 'updated'; tab: TabView }
  | { type: 'tab'; dashboardId: string; tabId: string; action: 'deleted' }
  | { type: 'tab'; dashboardId: string; tabId: string; action: 'reordered'; tabIds: string[] }
  | { type: 'dashboard'; dashboardId: string; action: 'updated'; dashboard: DashboardChange }
  | { type: 'dashboard'; dashboardId: string; action: 'deleted' | 'restored' }
  | { type: 'resync'; dashboardId: string };

/** chat.stream events. */
export type ChatStreamEvent =
  | { type: 'delta'; messageId: string; text: string }
  | { type: 'tool-call'; messageId: string; name: string; arguments: Record<string, unknown> }
  | { type: 'created-item'; messageId: string; item: ChatCreatedItem }
  | { type: 'confirmation'; messageId: string; confirmation: ChatConfirmation }
  | { type: 'change-set'; messageId: string; changeSet: ChatChangeSet }
  | { type: 'done'; message: ChatMessageView }
  | { type: 'error'; message: string };
