import { type OcpDatabase, withOwnerRights } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { ownerReadsChartSql } from '../services/access.js';
import { rows } from '../services/sql.js';

/**
 * The one NOTIFY channel of live dashboard events. Every server process on the database LISTENs to it, so an edit
 * made through one process reaches subscribers on all of them.
 */
export const DASHBOARD_EVENTS_CHANNEL = 'ocp_dashboard_events';

/**
 * What travels through NOTIFY: ids only (about 200 bytes, far below NOTIFY's 8000-byte limit, and nothing that
 * depends on who listens). Each server's `events.dashboard` stream reads the thing named, as its subscriber may see
 * it, and delivers that as the contract's `DashboardEvent` (see events/deliver.ts). A chart update says whether its
 * data changed, which only the writer knows.
 */
export type DashboardNotice =
  | {
      type: 'placement';
      dashboardId: string;
      tabId: string;
      action: 'placed' | 'moved' | 'updated' | 'removed';
      placementId: string;
    }
  | { type: 'chart'; dashboardId: string; chartId: string; action: 'updated' | 'deleted'; dataChanged?: boolean }
  | { type: 'tab'; dashboardId: string; tabId: string; action: 'created' | 'updated' | 'deleted' | 'reordered' }
  | { type: 'dashboard'; dashboardId: string; action: 'updated' | 'deleted' | 'restored' }
  | { type: 'resync'; dashboardId: string };

/**
 * `{ id, event }` as it travels. The id is made by whoever publishes, so every process buffers the same event under
 * the same id and a client may resume from it on any of them.
 */
export interface EventEnvelope {
  id: string;
  event: DashboardNotice;
}

/*
 * Publishing happens inside the service's transaction, with pg_notify: PostgreSQL delivers a notification only when
 * its transaction commits (and never when it rolls back), in commit order, so a subscriber never hears of a change
 * it cannot read yet, nor of one that did not happen, and no event is lost between a commit and a publish call.
 * The price is that committing transactions which notified are serialized on the notification queue, which a
 * dashboard editor's write rate does not notice. PGlite behaves the same within its one process.
 */

/** Publishes events about one dashboard each (a tab, a placement, the dashboard itself). */
export async function publishDashboardEvents(tx: OcpDatabase, events: DashboardNotice[]): Promise<void> {
  if (events.length === 0) return;
  const notifies = events.map(
    (event) =>
      sql`pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('id', gen_random_uuid(), 'event', ${JSON.stringify(event)}::json)::text)`,
  );
  await tx.execute(sql`SELECT ${sql.join(notifies, sql`, `)}`);
}

/** Every placement `p` with its dashboard `d` and chart `c`: where chart events go. */
const PLACED = sql.raw(`chart_placements p JOIN dashboard_tabs t ON t.id = p.dashboard_tab_id
  JOIN dashboards d ON d.id = t.dashboard_id JOIN charts c ON c.id = p.chart_id`);

/** Whether chart `c` shows on dashboard `d` (see ownerReadsChartSql). */
const SHOWS = sql.raw(ownerReadsChartSql('d', 'c'));

/** The NOTIFY of `chart <action>` for each row of `x (dashboard_id, chart_id)`. */
const notifyChart = (action: 'updated' | 'deleted', dataChanged = false) =>
  sql`pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('id', gen_random_uuid(), 'event', json_build_object(
    'type', 'chart', 'dashboardId', x.dashboard_id, 'chartId', x.chart_id, 'action', ${action}::text,
    'dataChanged', ${dataChanged}::boolean))::text)`;

/*
 * Every query below sees every placement, whoever makes the change (withOwnerRights): row-level security would
 * hide the dashboards of others that show a chart, and their subscribers would never hear of the change. What
 * leaves is ids, and each subscriber's process reads what an event names as that subscriber (events/deliver.ts).
 */

/** The dashboards a chart shows on now: placed there, and their owner may read it. */
export async function dashboardsShowingChart(tx: OcpDatabase, chartId: string): Promise<string[]> {
  const found = await withOwnerRights(tx, () =>
    rows<{ id: string }>(tx, sql`SELECT DISTINCT d.id FROM ${PLACED} WHERE p.chart_id = ${chartId}::uuid AND ${SHOWS}`),
  );
  return found.map((r) => r.id);
}

/**
 * `chart updated|deleted` for every dashboard the chart is placed on, in one statement. Call it before deleting the
 * chart (its placements go with it); the notifications still wait for the commit. An update is told only where
 * the chart shows (see ownerReadsChartSql), plus `showedOn`, the dashboards it showed on before a change of its
 * access: a dashboard where it stays unavailable learns nothing about it.
 */
export async function publishChartEvents(
  tx: OcpDatabase,
  chartId: string,
  action: 'updated' | 'deleted',
  options: { showedOn?: string[]; dataChanged?: boolean } = {},
): Promise<void> {
  const showedOn = options.showedOn ?? [];
  const where =
    action === 'deleted'
      ? sql`true`
      : sql`(${SHOWS} OR d.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(showedOn)}::jsonb)::uuid))`;
  await withOwnerRights(tx, () =>
    tx.execute(sql`SELECT ${notifyChart(action, options.dataChanged)}
      FROM (SELECT DISTINCT d.id AS dashboard_id, c.id AS chart_id FROM ${PLACED}
             WHERE p.chart_id = ${chartId}::uuid AND ${where}) x`),
  );
}

/**
 * A member is leaving a team: the team's charts stop showing on the member's own dashboards, and the member's own
 * charts on the team's dashboards (public ones stay). `chart updated` for each such dashboard, computed before the
 * membership goes, in the same transaction.
 */
export async function publishMembershipEvents(tx: OcpDatabase, teamId: string, userId: string): Promise<void> {
  await withOwnerRights(tx, () =>
    tx.execute(sql`SELECT ${notifyChart('updated')}
      FROM (SELECT DISTINCT d.id AS dashboard_id, c.id AS chart_id FROM ${PLACED}
             WHERE NOT coalesce(c.is_public, false)
               AND ((d.owner_user_id = ${userId}::uuid AND c.owner_team_id = ${teamId}::uuid)
                 OR (d.owner_team_id = ${teamId}::uuid AND c.owner_user_id = ${userId}::uuid))) x`),
  );
}

/** `tab updated` for every tab drawn on a template whose layout or slots changed. */
export async function publishTemplateEvents(tx: OcpDatabase, templateId: string): Promise<void> {
  await withOwnerRights(tx, () =>
    tx.execute(sql`
    SELECT pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('id', gen_random_uuid(), 'event', json_build_object(
             'type', 'tab', 'dashboardId', t.dashboard_id, 'tabId', t.id, 'action', 'updated'))::text)
      FROM dashboard_tabs t WHERE t.template_id = ${templateId}::uuid`),
  );
}

/**
 * Tells every server process that a user's team memberships changed (removed, role changed): their open dashboard
 * streams re-check access before delivering anything committed after this, and end if the dashboard is no longer
 * visible to them. Inside the changing transaction, like every publish.
 */
export async function publishAccessChange(tx: OcpDatabase, userId: string): Promise<void> {
  await tx.execute(
    sql`SELECT pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('access', json_build_object('userId', ${userId}::text))::text)`,
  );
}
