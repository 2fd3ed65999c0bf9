import type { WorkspaceItemView } from '@ocp/contract';
import {
  charts,
  dashboards,
  dashboardTemplates,
  escapeLike,
  type OcpDatabase,
  workspaceFolders,
  workspaceItems,
} from '@ocp/db';
import { and, arrayContains, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { ownedRoleSql, templateRoleSql } from './access.js';
import { badRequest, notFound } from './errors.js';
import { iso, rows } from './sql.js';

const ITEM = 'Workspace item';

const itemColumns = {
  id: workspaceItems.id,
  itemType: workspaceItems.itemType,
  title: workspaceItems.title,
  content: workspaceItems.content,
  referenceId: workspaceItems.referenceId,
  tags: sql<string[]>`coalesce(${workspaceItems.tags}, '{}'::text[])`,
  folderPath: workspaceItems.folderPath,
  isFavorite: sql<boolean>`coalesce(${workspaceItems.isFavorite}, false)`,
  createdFromMessageId: workspaceItems.createdFromMessageId,
  createdAt: iso(workspaceItems.createdAt),
  updatedAt: iso(workspaceItems.updatedAt),
};

/** Workspace items are private to their user: anyone else's id is NOT_FOUND. */
const mine = (user: OcpUser, id: string) => and(eq(workspaceItems.id, id), eq(workspaceItems.userId, user.id));

export async function listItems(
  db: OcpDatabase,
  user: OcpUser,
  input: { folderPath?: string | null; itemType?: string; favoritesOnly?: boolean; tags?: string[]; limit?: number },
): Promise<WorkspaceItemView[]> {
  return db
    .select(itemColumns)
    .from(workspaceItems)
    .where(
      and(
        eq(workspaceItems.userId, user.id),
        input.folderPath === null ? isNull(workspaceItems.folderPath) : undefined,
        input.folderPath ? eq(workspaceItems.folderPath, input.folderPath) : undefined,
        input.itemType ? eq(workspaceItems.itemType, input.itemType) : undefined,
        input.favoritesOnly ? eq(workspaceItems.isFavorite, true) : undefined,
        input.tags?.length ? arrayContains(workspaceItems.tags, input.tags) : undefined,
      ),
    )
    .orderBy(desc(workspaceItems.updatedAt), workspaceItems.id)
    .limit(input.limit ?? 500);
}

export async function getItem(db: OcpDatabase, user: OcpUser, id: string): Promise<WorkspaceItemView> {
  const [row] = await db.select(itemColumns).from(workspaceItems).where(mine(user, id));
  if (!row) throw notFound(ITEM);
  return row;
}

/** Item references must point at something the user can see: a workspace entry must never reveal anything else. */
async function checkReference(
  db: OcpDatabase,
  user: OcpUser,
  itemType: string,
  referenceId: string | null | undefined,
) {
  if (!referenceId) return;
  let visible: SQL | null = null;
  if (itemType === 'chart') {
    visible = sql`EXISTS (SELECT 1 FROM ${charts} WHERE ${charts.id} = ${referenceId} AND ${ownedRoleSql(charts, user.id)} IS NOT NULL)`;
  } else if (itemType === 'dashboard') {
    visible = sql`EXISTS (SELECT 1 FROM ${dashboards} WHERE ${dashboards.id} = ${referenceId} AND ${ownedRoleSql(dashboards, user.id)} IS NOT NULL)`;
  } else if (itemType === 'template') {
    visible = sql`EXISTS (SELECT 1 FROM ${dashboardTemplates} WHERE ${dashboardTemplates.id} = ${referenceId} AND ${templateRoleSql(dashboardTemplates, user.id)} IS NOT NULL)`;
  } else {
    throw badRequest('referenceId is only for chart, dashboard and template items');
  }
  const [row] = await rows<{ ok: boolean }>(db, sql`SELECT ${visible} AS ok`);
  if (!row?.ok) throw notFound(itemType === 'chart' ? 'Chart' : itemType === 'dashboard' ? 'Dashboard' : 'Template');
}

/** An item's folder must exist (paths stay consistent with the folder tree); null is the root. */
async function checkFolder(db: OcpDatabase, user: OcpUser, folderPath: string | null | undefined) {
  if (!folderPath) return;
  const [folder] = await db
    .select({ id: workspaceFolders.id })
    .from(workspaceFolders)
    .where(and(eq(workspaceFolders.userId, user.id), eq(workspaceFolders.path, folderPath)));
  if (!folder) throw badRequest(`There is no folder "${folderPath}"`);
}

export interface ItemInput {
  itemType: string;
  title: string;
  content: Record<string, unknown>;
  referenceId?: string | null;
  tags?: string[];
  folderPath?: string | null;
  isFavorite?: boolean;
  /** The chat message whose reply created the item (set by the chat's tools; not an API input). */
  createdFromMessageId?: string | null;
}

export async function createItem(db: OcpDatabase, user: OcpUser, input: ItemInput): Promise<WorkspaceItemView> {
  await checkReference(db, user, input.itemType, input.referenceId);
  await checkFolder(db, user, input.folderPath);
  const [row] = await db
    .insert(workspaceItems)
    .values({
      userId: user.id,
      itemType: input.itemType,
      title: input.title,
      content: input.content,
      referenceId: input.referenceId ?? null,
      tags: input.tags ?? [],
      folderPath: input.folderPath ?? null,
      isFavorite: input.isFavorite ?? false,
      createdFromMessageId: input.createdFromMessageId ?? null,
    })
    .returning({ id: workspaceItems.id });
  return getItem(db, user, row!.id);
}

/** Title, content, tags, folder (moving the item) and the favorite flag. */
export async function updateItem(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string } & Partial<Omit<ItemInput, 'itemType' | 'referenceId'>>,
): Promise<WorkspaceItemView> {
  await getItem(db, user, input.id);
  await checkFolder(db, user, input.folderPath);
  await db
    .update(workspaceItems)
    .set({
      title: input.title ?? sql`${workspaceItems.title}`,
      ...(input.content !== undefined ? { content: input.content } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(input.folderPath !== undefined ? { folderPath: input.folderPath } : {}),
      ...(input.isFavorite !== undefined ? { isFavorite: input.isFavorite } : {}),
    })
    .where(mine(user, input.id));
  return getItem(db, user, input.id);
}

export async function deleteItem(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  const deleted = await db.delete(workspaceItems).where(mine(user, id)).returning({ id: workspaceItems.id });
  if (deleted.length === 0) throw notFound(ITEM);
  return { id };
}

export type SearchResult = WorkspaceItemView & { chartType: string | null; chartConfigTitle: string | null };

/**
 * Seed query 4, generalized: the user's items whose title contains `q` (case-insensitive, wildcards literal) or
 * that carry `q` as a tag, newest first. Chart items come with the chart's type and Plotly title, and only while
 * the chart exists and is visible to the user (the seed's inner join). `itemType` and `tags` narrow further.
 */
export async function searchItems(
  db: OcpDatabase,
  user: OcpUser,
  input: { q: string; tags?: string[]; itemType?: string; limit?: number },
): Promise<SearchResult[]> {
  const title = sql`${charts.plotlyConfig}->'layout'->'title'`;
  return db
    .select({
      ...itemColumns,
      chartType: sql<string | null>`${charts.chartType}`,
      chartConfigTitle: sql<
        string | null
      >`CASE jsonb_typeof(${title}) WHEN 'string' THEN ${charts.plotlyConfig}->'layout'->>'title'
        WHEN 'object' THEN ${title}->>'text' ELSE ${charts.plotlyConfig}->>'title' END`,
    })
    .from(workspaceItems)
    .leftJoin(
      charts,
      and(
        eq(workspaceItems.itemType, 'chart'),
        eq(charts.id, workspaceItems.referenceId),
        sql`${ownedRoleSql(charts, user.id)} IS NOT NULL`,
      ),
    )
    .where(
      and(
        eq(workspaceItems.userId, user.id),
        or(ilike(workspaceItems.title, `%${escapeLike(input.q)}%`), sql`${input.q} = ANY(${workspaceItems.tags})`),
        input.itemType ? eq(workspaceItems.itemType, input.itemType) : undefined,
        input.tags?.length ? arrayContains(workspaceItems.tags, input.tags) : undefined,
        sql`(${workspaceItems.itemType} <> 'chart' OR ${charts.id} IS NOT NULL)`,
      ),
    )
    .orderBy(desc(workspaceItems.updatedAt), workspaceItems.id)
    .limit(input.limit ?? 200);
}
