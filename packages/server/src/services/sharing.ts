import { createHash, randomBytes } from 'node:crypto';
import {
  type ChartData,
  type ChartDataParams,
  FRAME_ORIGIN_HINT,
  isFrameOrigin,
  type SharedResource,
  type SharingLinkView,
  type SharingPermissions,
} from '@ocp/contract';
import { charts, claimsOf, dashboards, dashboardTemplates, type OcpDatabase, sharingLinks, withClaims } from '@ocp/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { type DataEngine, normalizeRange } from '../data/engine.js';
import {
  authorize,
  can,
  holdsRoleSql,
  ownedRoleSql,
  ownerReadsChartSql,
  type Role,
  templateRoleSql,
} from './access.js';
import { dataParamsOf, pinnedPlacementSql } from './chart-source.js';
import { dataOfChart } from './charts.js';
import { loadDashboardDetail } from './dashboard-detail.js';
import { PLACED_CHART_JSON, TEMPLATE_DETAIL_JSON } from './dashboard-json.js';
import { badRequest, forbidden, notFound } from './errors.js';
import { withinLocks } from './share-locks.js';
import { iso, isoOrNull, parseJson, qualified, rows } from './sql.js';

export type ResourceType = SharingLinkView['resourceType'];
const LINK = 'Sharing link';

/** 32 bytes from the CSPRNG (256 bits), base64url: 43 characters, safe in a URL path. */
export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored; a database leak gives no working links. */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const linkColumns = {
  id: sharingLinks.id,
  resourceType: sql<ResourceType>`${sharingLinks.resourceType}`,
  resourceId: sharingLinks.resourceId,
  permissions: sql<SharingPermissions>`coalesce(${sharingLinks.permissions}, '{"view": true}'::jsonb)`,
  expiresAt: isoOrNull(sharingLinks.expiresAt),
  createdBy: sharingLinks.createdBy,
  createdAt: iso(sharingLinks.createdAt),
  lastAccessedAt: isoOrNull(sharingLinks.lastAccessedAt),
};

const WHAT: Record<ResourceType, string> = { dashboard: 'Dashboard', chart: 'Chart', template: 'Template' };

/** The caller's role on the resource a link points at (null: not visible). */
async function resourceRole(db: OcpDatabase, userId: string, type: ResourceType, id: string): Promise<Role | null> {
  const query =
    type === 'dashboard'
      ? sql`SELECT ${ownedRoleSql(dashboards, userId)} AS role FROM ${dashboards} WHERE ${dashboards.id} = ${id}`
      : type === 'chart'
        ? sql`SELECT ${ownedRoleSql(charts, userId)} AS role FROM ${charts} WHERE ${charts.id} = ${id}`
        : sql`SELECT ${templateRoleSql(dashboardTemplates, userId)} AS role FROM ${dashboardTemplates} WHERE ${dashboardTemplates.id} = ${id}`;
  const [row] = await rows<{ role: Role | null }>(db, query);
  return row?.role ?? null;
}

/**
 * Creates a link (editor or above on the resource). The raw token is in this response only: the database keeps
 * its SHA-256. `expiresAt` must lie in the future.
 */
export async function createLink(
  db: OcpDatabase,
  user: OcpUser,
  input: {
    resourceType: ResourceType;
    resourceId: string;
    permissions?: SharingPermissions;
    expiresAt?: string | null;
  },
  shareUrl: (token: string) => string,
): Promise<{ id: string; token: string; url: string }> {
  const role = await resourceRole(db, user.id, input.resourceType, input.resourceId);
  authorize({ role }, 'write', WHAT[input.resourceType]);
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) throw badRequest('expiresAt must be in the future');
  const badOrigin = input.permissions?.allowedOrigins?.find((o) => !isFrameOrigin(o));
  if (badOrigin !== undefined) throw badRequest(`permissions.allowedOrigins: ${FRAME_ORIGIN_HINT}`);
  // A locked range that is not a time would lock every read out; refuse it when the link is made.
  if (input.permissions?.lockedRange) normalizeRange(input.permissions.lockedRange);
  const token = newShareToken();
  const [row] = await db
    .insert(sharingLinks)
    .values({
      resourceType: input.resourceType,
      resourceId: input.resourceId,
      token: hashShareToken(token),
      permissions: { ...(input.permissions ?? { view: true }) },
      expiresAt: input.expiresAt ?? null,
      createdBy: user.id,
    })
    .returning({ id: sharingLinks.id });
  return { id: row!.id, token, url: shareUrl(token) };
}

/**
 * With a resource: its links (editor or above). Without: the links the caller created. Tokens are never listed
 * (only their digests exist).
 */
export async function listLinks(
  db: OcpDatabase,
  user: OcpUser,
  input: { resourceType?: ResourceType; resourceId?: string },
): Promise<SharingLinkView[]> {
  if (input.resourceType && input.resourceId) {
    const role = await resourceRole(db, user.id, input.resourceType, input.resourceId);
    authorize({ role }, 'write', WHAT[input.resourceType]);
    return db
      .select(linkColumns)
      .from(sharingLinks)
      .where(and(eq(sharingLinks.resourceType, input.resourceType), eq(sharingLinks.resourceId, input.resourceId)))
      .orderBy(desc(sharingLinks.createdAt), sharingLinks.id);
  }
  if (input.resourceType || input.resourceId) throw badRequest('Give both resourceType and resourceId, or neither');
  return db
    .select(linkColumns)
    .from(sharingLinks)
    .where(eq(sharingLinks.createdBy, user.id))
    .orderBy(desc(sharingLinks.createdAt), sharingLinks.id);
}

/**
 * Revokes a link at once (the row is deleted, so the very next resolve fails). Its creator or an editor of the
 * resource may revoke; a viewer of the resource gets FORBIDDEN; anyone else NOT_FOUND.
 */
export async function revokeLink(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  const [link] = await db
    .select({
      resourceType: linkColumns.resourceType,
      resourceId: sharingLinks.resourceId,
      createdBy: sharingLinks.createdBy,
    })
    .from(sharingLinks)
    .where(eq(sharingLinks.id, id));
  if (!link) throw notFound(LINK);
  if (link.createdBy !== user.id) {
    const role = await resourceRole(db, user.id, link.resourceType, link.resourceId);
    if (!role) throw notFound(LINK);
    if (!can(role, 'write')) throw forbidden(`Your role (${role}) cannot revoke sharing links`);
  }
  await db.delete(sharingLinks).where(eq(sharingLinks.id, id));
  return { id };
}

/**
 * A link speaks for its creator: it serves a chart or a dashboard only while the creator still owns it or holds a
 * role in the team that owns it (leaving the team, or the resource moving to another team, ends the link).
 */
const CREATOR_HOLDS_ROLE = sql.raw(`CASE sharing_links.resource_type
    WHEN 'chart' THEN EXISTS (SELECT 1 FROM charts lc WHERE lc.id = sharing_links.resource_id
                                 AND ${holdsRoleSql('sharing_links.created_by', 'lc')})
    WHEN 'dashboard' THEN EXISTS (SELECT 1 FROM dashboards ld WHERE ld.id = sharing_links.resource_id
                                     AND ${holdsRoleSql('sharing_links.created_by', 'ld')})
    ELSE true END`);

/**
 * The link behind a raw token, if it is live by the DATABASE clock (expires_at > now(): at the instant of expiry
 * it is already dead) and its creator still holds a role on what it shares, touching last_accessed_at in the same
 * statement. A dead link is NOT_FOUND, whatever the reason.
 */
export async function liveLink(db: OcpDatabase, token: string) {
  const [link] = await db
    .update(sharingLinks)
    .set({ lastAccessedAt: sql`now()` })
    .where(
      and(
        eq(sharingLinks.token, hashShareToken(token)),
        sql`(${sharingLinks.expiresAt} IS NULL OR ${sharingLinks.expiresAt} > now())`,
        CREATOR_HOLDS_ROLE,
      ),
    )
    .returning({
      resourceType: linkColumns.resourceType,
      resourceId: sharingLinks.resourceId,
      permissions: linkColumns.permissions,
      createdBy: sharingLinks.createdBy,
    });
  if (!link) throw notFound(LINK);
  return link;
}

/**
 * What a link serves is read as its creator (row-level security with their claims, `rls` true), so access is
 * checked again as it stands now, by the database too. The token lookup before it is the owner's: the app role
 * cannot read tokens.
 */
export function asLinkCreator<T>(
  db: OcpDatabase,
  rls: boolean,
  creator: string,
  fn: (db: OcpDatabase) => Promise<T>,
): Promise<T> {
  return rls ? withClaims(db, claimsOf({ id: creator }), fn) : fn(db);
}

/**
 * Who owns or made what is internal to the workspace: an anonymous viewer gets no user or team ids. The types keep
 * the fields (they are nullable), set to null.
 */
function withoutOwners<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v) =>
    key === 'ownerUserId' || key === 'ownerTeamId' || key === 'createdBy' ? null : v,
  ) as T;
}

/** sharing.resolve: no sign-in; exactly what the link grants, read-only. */
export async function resolveLink(db: OcpDatabase, token: string, rls = true): Promise<SharedResource> {
  const link = await liveLink(db, token);
  return withoutOwners(await asLinkCreator(db, rls, link.createdBy, (tx) => resolveLinkContent(tx, link)));
}

async function resolveLinkContent(
  db: OcpDatabase,
  link: Awaited<ReturnType<typeof liveLink>>,
): Promise<SharedResource> {
  const permissions: SharingPermissions = { ...link.permissions, view: true };
  if (link.resourceType === 'dashboard') {
    const dashboard = await loadDashboardDetail(db, link.resourceId, { grant: 'public' });
    if (!dashboard) throw notFound(LINK);
    return { resourceType: 'dashboard', permissions, dashboard };
  }
  const [row] = await rows<{ doc: unknown }>(
    db,
    link.resourceType === 'chart'
      ? sql`SELECT ${sql.raw(PLACED_CHART_JSON)} AS doc FROM charts c WHERE c.id = ${link.resourceId}`
      : sql`SELECT ${sql.raw(TEMPLATE_DETAIL_JSON)} AS doc FROM dashboard_templates tpl WHERE tpl.id = ${link.resourceId}`,
  );
  if (!row) throw notFound(LINK);
  return link.resourceType === 'chart'
    ? { resourceType: 'chart', permissions, chart: parseJson(row.doc) }
    : { resourceType: 'template', permissions, template: parseJson(row.doc) };
}

/**
 * Which charts a link serves data for: the linked chart, or charts placed on the linked dashboard while the
 * dashboard's owner may read them (an unavailable placement serves nothing).
 */
export function linkServesChartSql(link: { resourceType: ResourceType; resourceId: string }) {
  return link.resourceType === 'chart'
    ? sql`${charts.id} = ${link.resourceId}`
    : link.resourceType === 'dashboard'
      ? sql`EXISTS (SELECT 1 FROM chart_placements p JOIN dashboard_tabs t ON t.id = p.dashboard_tab_id
                     JOIN dashboards d ON d.id = t.dashboard_id
                     WHERE p.chart_id = ${qualified(charts.id)} AND t.dashboard_id = ${link.resourceId}
                       AND ${sql.raw(ownerReadsChartSql('d', 'charts'))})`
      : sql`false`;
}

/** A version of a chart the link serves: only one a placement on the linked dashboard pins. */
export function linkServesVersionSql(link: { resourceType: ResourceType; resourceId: string }, version: number) {
  return link.resourceType === 'dashboard' ? pinnedPlacementSql(version, sql`pd.id = ${link.resourceId}`) : sql`false`;
}

/**
 * sharing.chartData: data only for charts the link serves, held to the link's locked range and filters
 * (share-locks.ts): a viewer narrows them, never widens them.
 */
export async function sharedChartData(
  db: OcpDatabase,
  input: { token: string; chartId: string; version?: number } & ChartDataParams,
  engine: DataEngine,
  rls = true,
): Promise<ChartData> {
  const link = await liveLink(db, input.token);
  const version =
    input.version === undefined
      ? undefined
      : { number: input.version, allowed: linkServesVersionSql(link, input.version) };
  const params = withinLocks(link.permissions, dataParamsOf(input));
  return asLinkCreator(db, rls, link.createdBy, (tx) =>
    dataOfChart(tx, engine, input.chartId, linkServesChartSql(link), params, version),
  );
}
