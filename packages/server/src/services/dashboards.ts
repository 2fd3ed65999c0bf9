import type { DashboardDetail, DashboardSummary } from '@ocp/contract';
import { dashboards, dashboardTabs, escapeLike, type OcpDatabase, sharingLinks } from '@ocp/db';
import { and, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { publishDashboardEvents } from '../events/publish.js';
import { authorize, myTeamIdsSql, type Need, ownedRoleSql, type Role, teamRoleSql } from './access.js';
import { loadDashboardDetail } from './dashboard-detail.js';
import { badRequest, conflict, notFound } from './errors.js';
import { iso, rows } from './sql.js';
import { findTemplate } from './templates.js';

const DASHBOARD = 'Dashboard';
export const dashboardRole = (userId: string | null) => ownedRoleSql(dashboards, userId);

const summaryColumns = {
  id: dashboards.id,
  title: dashboards.title,
  description: dashboards.description,
  templateId: dashboards.templateId,
  ownerUserId: dashboards.ownerUserId,
  ownerTeamId: dashboards.ownerTeamId,
  isPublic: sql<boolean>`coalesce(${dashboards.isPublic}, false)`,
  updatedAt: iso(dashboards.updatedAt),
};

/**
 * Dashboards the caller owns or whose team they belong to, newest first; with `includePublic`, also other
 * people's public ones. `teamId` narrows to one team, `search` matches the title.
 */
export async function listDashboards(
  db: OcpDatabase,
  user: OcpUser,
  input: { teamId?: string; search?: string; includePublic?: boolean; limit?: number },
): Promise<DashboardSummary[]> {
  const visible: SQL[] = [eq(dashboards.ownerUserId, user.id), inArray(dashboards.ownerTeamId, myTeamIdsSql(user.id))];
  if (input.includePublic) visible.push(eq(dashboards.isPublic, true));
  return db
    .select(summaryColumns)
    .from(dashboards)
    .where(
      and(
        or(...visible),
        input.teamId ? eq(dashboards.ownerTeamId, input.teamId) : undefined,
        input.search ? ilike(dashboards.title, `%${escapeLike(input.search)}%`) : undefined,
      ),
    )
    .orderBy(desc(dashboards.updatedAt), dashboards.id)
    .limit(input.limit ?? 200);
}

/** One statement, authorization included (see dashboard-detail.ts). */
export async function getDashboard(db: OcpDatabase, user: OcpUser, id: string): Promise<DashboardDetail> {
  const detail = await loadDashboardDetail(db, id, { userId: user.id });
  if (!detail) throw notFound(DASHBOARD);
  return detail;
}

/** Reads the caller's role on a dashboard (locking the row when asked) and enforces `need`. */
export async function authorizeDashboard(db: OcpDatabase, userId: string, id: string, need: Need, lock = false) {
  const query = db
    .select({ id: dashboards.id, updatedAt: iso(dashboards.updatedAt), role: dashboardRole(userId) })
    .from(dashboards)
    .where(eq(dashboards.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return authorize(row, need, DASHBOARD);
}

/**
 * Who owns a new dashboard or chart: the caller, or a team in which the caller may write.
 * `ownerUserId` and `ownerTeamId` together break the seed's owner XOR: BAD_REQUEST. Publishing (`isPublic`) is a
 * manage right, as in updates: a team editor may create for the team, but not publicly.
 */
export async function resolveOwner(
  db: OcpDatabase,
  user: OcpUser,
  input: { ownerUserId?: string | null; ownerTeamId?: string | null; isPublic?: boolean },
): Promise<{ ownerUserId: string | null; ownerTeamId: string | null }> {
  if (input.ownerUserId && input.ownerTeamId) throw badRequest('Give ownerUserId or ownerTeamId, not both');
  if (input.ownerUserId && input.ownerUserId !== user.id) throw badRequest('ownerUserId can only be yourself');
  if (!input.ownerTeamId) return { ownerUserId: user.id, ownerTeamId: null };
  const [membership] = await rows<{ role: Role | null }>(
    db,
    sql`SELECT ${teamRoleSql(sql`${input.ownerTeamId}::uuid`, user.id)} AS role`,
  );
  authorize({ role: membership?.role ?? null }, input.isPublic ? 'manage' : 'write', 'Team');
  return { ownerUserId: null, ownerTeamId: input.ownerTeamId };
}

export interface DashboardInput {
  title: string;
  description?: string | null;
  templateId: string;
  ownerUserId?: string | null;
  ownerTeamId?: string | null;
  isPublic?: boolean;
  settings?: Record<string, unknown>;
  /** Title of the first tab (default "Overview"). */
  tabTitle?: string;
}

/** Creates the dashboard and its first tab (on the same template) in one transaction. */
export async function createDashboard(db: OcpDatabase, user: OcpUser, input: DashboardInput): Promise<DashboardDetail> {
  if (!(await findTemplate(db, user.id, input.templateId))) throw notFound('Template');
  const id = await db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, user, input);
    const [dash] = await tx
      .insert(dashboards)
      .values({
        title: input.title,
        description: input.description ?? null,
        templateId: input.templateId,
        ...owner,
        isPublic: input.isPublic ?? false,
        settings: input.settings ?? {},
      })
      .returning({ id: dashboards.id });
    await tx.insert(dashboardTabs).values({
      dashboardId: dash!.id,
      title: input.tabTitle ?? 'Overview',
      templateId: input.templateId,
      position: 0,
    });
    return dash!.id;
  });
  return getDashboard(db, user, id);
}

export interface DashboardUpdate {
  id: string;
  expectedUpdatedAt: string;
  title?: string;
  description?: string | null;
  templateId?: string;
  isPublic?: boolean;
  settings?: Record<string, unknown>;
}

/**
 * Optimistic concurrency: the UPDATE only matches while updated_at still equals `expectedUpdatedAt` (both exact to
 * the microsecond; the trigger moves updated_at forward on every write). Two saves from the same base: the
 * second one blocks on the row lock, re-reads the row, no longer matches, and gets CONFLICT.
 * Making a dashboard public is owner/admin only; other fields need editor.
 */
export async function updateDashboard(
  db: OcpDatabase,
  user: OcpUser,
  input: DashboardUpdate,
): Promise<DashboardDetail> {
  const current = await authorizeDashboard(db, user.id, input.id, input.isPublic !== undefined ? 'manage' : 'write');
  if (input.templateId && !(await findTemplate(db, user.id, input.templateId))) throw notFound('Template');
  const patch = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.templateId !== undefined ? { templateId: input.templateId } : {}),
    ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
    ...(input.settings !== undefined ? { settings: input.settings } : {}),
  };
  const updated = await db.transaction(async (tx) => {
    const rows = await tx
      .update(dashboards)
      // Always write a column so the trigger bumps updated_at even for an empty patch (a "touch").
      .set({ title: sql`${dashboards.title}`, ...patch })
      .where(and(eq(dashboards.id, current.id), sql`${dashboards.updatedAt} = ${input.expectedUpdatedAt}::timestamptz`))
      .returning({ id: dashboards.id });
    if (rows.length)
      await publishDashboardEvents(tx, [{ type: 'dashboard', dashboardId: current.id, action: 'updated' }]);
    return rows;
  });
  if (updated.length === 0) {
    throw conflict('The dashboard was changed by someone else since you loaded it; reload and try again');
  }
  return getDashboard(db, user, input.id);
}

/** Deletes a dashboard (owner or team admin): tabs, placements and versions cascade; its sharing links go too. */
export async function deleteDashboard(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    await authorizeDashboard(tx, user.id, id, 'manage', true);
    await tx
      .delete(sharingLinks)
      .where(and(eq(sharingLinks.resourceType, 'dashboard'), eq(sharingLinks.resourceId, id)));
    await tx.delete(dashboards).where(eq(dashboards.id, id));
    await publishDashboardEvents(tx, [{ type: 'dashboard', dashboardId: id, action: 'deleted' }]);
  });
  return { id };
}
