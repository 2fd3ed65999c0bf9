import type { DashboardDetail } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { ownedRoleSql } from './access.js';
import { dashboardDetailSql } from './dashboard-json.js';
import { parseJson, rows } from './sql.js';

const DD = { ownerUserId: sql`dd.owner_user_id`, ownerTeamId: sql`dd.owner_team_id`, isPublic: sql`dd.is_public` };

/**
 * dashboards.get: tabs → template + slots → placements → charts, with the caller's role, in ONE round trip
 * (seed query 1 generalized, JSON-aggregated by PostgreSQL). Null when missing or not visible.
 */
export async function loadDashboardDetail(
  db: OcpDatabase,
  dashboardId: string,
  access: { userId: string | null } | { grant: 'public' },
): Promise<DashboardDetail | null> {
  const role = 'grant' in access ? sql`'public'::text` : ownedRoleSql(DD, access.userId);
  const [row] = await rows<{ doc: unknown }>(db, dashboardDetailSql(dashboardId, role));
  return row ? parseJson<DashboardDetail>(row.doc) : null;
}
