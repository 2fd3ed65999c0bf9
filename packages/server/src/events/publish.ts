import type { DashboardEvent, OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';

/**
 * The one NOTIFY channel of live dashboard events. Every server process on the database LISTENs to it, so an edit
 * made through one process reaches subscribers on all of them.
 */
export const DASHBOARD_EVENTS_CHANNEL = 'ocp_dashboard_events';

/**
 * What travels through NOTIFY: `{ id, event }`. Ids only (about 200 bytes, far below NOTIFY's 8000-byte limit);
 * subscribers reload what changed through the authorized procedures. The id is made by whoever publishes, so every
 * process buffers the same event under the same id and a client may resume from it on any of them.
 */
export interface EventEnvelope {
  id: string;
  event: DashboardEvent;
}

/*
 * Publishing happens inside the service's transaction, with pg_notify: PostgreSQL delivers a notification only when
 * its transaction commits (and never when it rolls back), in commit order, so a subscriber never hears of a change
 * it cannot read yet, nor of one that did not happen, and no event is lost between a commit and a publish call.
 * The price is that committing transactions which notified are serialized on the notification queue, which a
 * dashboard editor's write rate does not notice. PGlite behaves the same within its one process.
 */

/** Publishes events about one dashboard each (a tab, a placement, the dashboard itself). */
export async function publishDashboardEvents(tx: OcpDatabase, events: DashboardEvent[]): Promise<void> {
  if (events.length === 0) return;
  const notifies = events.map(
    (event) =>
      sql`pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('id', gen_random_uuid(), 'event', ${JSON.stringify(event)}::json)::text)`,
  );
  await tx.execute(sql`SELECT ${sql.join(notifies, sql`, `)}`);
}

/**
 * `chart updated|deleted` for every dashboard the chart is placed on, in one statement. Call it before deleting the
 * chart (its placements go with it); the notifications still wait for the commit.
 */
export async function publishChartEvents(
  tx: OcpDatabase,
  chartId: string,
  action: 'updated' | 'deleted',
): Promise<void> {
  await tx.execute(sql`
    SELECT pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('id', gen_random_uuid(), 'event', json_build_object(
             'type', 'chart', 'dashboardId', d.dashboard_id, 'chartId', ${chartId}::uuid, 'action', ${action}::text))::text)
      FROM (SELECT DISTINCT t.dashboard_id FROM chart_placements p JOIN dashboard_tabs t ON t.id = p.dashboard_tab_id
             WHERE p.chart_id = ${chartId}::uuid) d`);
}

/** `tab updated` for every tab drawn on a template whose layout or slots changed. */
export async function publishTemplateEvents(tx: OcpDatabase, templateId: string): Promise<void> {
  await tx.execute(sql`
    SELECT pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('id', gen_random_uuid(), 'event', json_build_object(
             'type', 'tab', 'dashboardId', t.dashboard_id, 'tabId', t.id, 'action', 'updated'))::text)
      FROM dashboard_tabs t WHERE t.template_id = ${templateId}::uuid`);
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
