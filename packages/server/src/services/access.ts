import type { Role } from '@ocp/contract';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { forbidden, notFound } from './errors.js';
import { qualified as q, uid } from './sql.js';

export type { Role };

/**
 * What an action needs (SPEC §4): any role reads (is_public gives the read-only role `public`); owner, team admin
 * and editor write; owner and team admin delete and manage. Version history and sharing links need `write`.
 */
export type Need = 'read' | 'write' | 'manage';

const ALLOWED: Record<Need, ReadonlySet<Role>> = {
  read: new Set<Role>(['owner', 'admin', 'editor', 'viewer', 'public']),
  write: new Set<Role>(['owner', 'admin', 'editor']),
  manage: new Set<Role>(['owner', 'admin']),
};

export function can(role: Role | null | undefined, need: Need): boolean {
  return !!role && ALLOWED[need].has(role);
}

/**
 * The one authorization decision: no role means not visible, which is NOT_FOUND exactly like a missing row;
 * a visible row with too low a role is FORBIDDEN.
 */
export function authorize<T extends { role: Role | null }>(
  row: T | undefined,
  need: Need,
  what: string,
): T & { role: Role } {
  if (!row?.role) throw notFound(what);
  if (!ALLOWED[need].has(row.role)) throw forbidden(`Your role (${row.role}) cannot do this to the ${what}`);
  return row as T & { role: Role };
}

type Expr = AnyColumn | SQL;

/** The caller's role in a team, or NULL. */
export function teamRoleSql(teamId: Expr, userId: string | null): SQL<Role | null> {
  return sql<Role | null>`(SELECT m.role::text FROM user_team_memberships m WHERE m.team_id = ${q(teamId)} AND m.user_id = ${uid(userId)})`;
}

/**
 * The caller's role on a row owned by a user or a team (dashboards, charts): `owner`, the team role, `public`
 * when is_public, else NULL (not visible).
 */
export function ownedRoleSql(
  row: { ownerUserId: Expr; ownerTeamId: Expr; isPublic: Expr },
  userId: string | null,
): SQL<Role | null> {
  return sql<Role | null>`(CASE WHEN ${q(row.ownerUserId)} = ${uid(userId)} THEN 'owner' ELSE coalesce(${teamRoleSql(row.ownerTeamId, userId)}, CASE WHEN ${q(row.isPublic)} THEN 'public' END) END)`;
}

/**
 * Templates have a creator and may be shared with one team (migration 0019): the creator owns it, system templates
 * are public, a team template is used (read) by that team's members, and a personal one by the creator's teammates.
 */
export function templateRoleSql(
  row: { createdBy: Expr; isSystemTemplate: Expr; ownerTeamId: Expr },
  userId: string | null,
): SQL<Role | null> {
  return sql<Role | null>`(CASE WHEN ${q(row.createdBy)} = ${uid(userId)} THEN 'owner'
    WHEN ${q(row.isSystemTemplate)} THEN 'public'
    WHEN ${q(row.ownerTeamId)} IS NOT NULL THEN
      CASE WHEN EXISTS (SELECT 1 FROM user_team_memberships tm WHERE tm.team_id = ${q(row.ownerTeamId)} AND tm.user_id = ${uid(userId)})
        THEN 'viewer' END
    WHEN EXISTS (SELECT 1 FROM user_team_memberships mine JOIN user_team_memberships theirs ON theirs.team_id = mine.team_id
                  WHERE mine.user_id = ${uid(userId)} AND theirs.user_id = ${q(row.createdBy)}) THEN 'viewer' END)`;
}

/** Teams whose rows the caller sees: the ones they belong to. */
export function myTeamIdsSql(userId: string | null): SQL {
  return sql`(SELECT m.team_id FROM user_team_memberships m WHERE m.user_id = ${uid(userId)})`;
}

/**
 * Whether the owner of dashboard alias `d` (a user, or a team) may read chart alias `c` now. A user reads what
 * they own, their teams' charts and public charts; a team reads its own charts, public charts, and the personal
 * charts of its current members (only their owners can have placed those there). A placement shows its chart, and
 * serves its data through the dashboard and the dashboard's links, only while this holds: access gained by
 * placing a chart never outlives the access it came from. Aliases are fixed strings of our own SQL.
 */
export function ownerReadsChartSql(d: string, c: string): string {
  // The SQL function (migration 0014) reads the owner's memberships, which row-level security hides from callers
  // outside the owner's teams (a public dashboard's reader).
  return `ocp_private.owner_reads_chart(${d}.owner_user_id, ${d}.owner_team_id, ${c}.owner_user_id, ${c}.owner_team_id, ${c}.is_public)`;
}

/**
 * Whether user `creator` (an SQL expression) still holds a role on the chart or dashboard alias `o`: owns it, or
 * belongs to its team. A sharing link serves its resource only while this holds for the link's creator.
 */
export function holdsRoleSql(creator: string, o: string): string {
  return `coalesce(${o}.owner_user_id = ${creator}
    OR EXISTS (SELECT 1 FROM user_team_memberships hrm WHERE hrm.team_id = ${o}.owner_team_id AND hrm.user_id = ${creator}), false)`;
}

/**
 * Whether a chart is placed on some dashboard the caller can read and whose owner may read the chart (then its
 * data is readable through that dashboard).
 */
export function placedOnVisibleDashboardSql(chartId: Expr, userId: string | null): SQL<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM chart_placements vp
      JOIN dashboard_tabs vt ON vt.id = vp.dashboard_tab_id
      JOIN dashboards vd ON vd.id = vt.dashboard_id
      JOIN charts vc ON vc.id = vp.chart_id
     WHERE vp.chart_id = ${q(chartId)}
       AND ${ownedRoleSql({ ownerUserId: sql`vd.owner_user_id`, ownerTeamId: sql`vd.owner_team_id`, isPublic: sql`vd.is_public` }, userId)} IS NOT NULL
       AND ${sql.raw(ownerReadsChartSql('vd', 'vc'))})`;
}
