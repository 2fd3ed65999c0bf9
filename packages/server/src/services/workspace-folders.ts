import type { WorkspaceFolderNode } from '@ocp/contract';
import { escapeLike, type OcpDatabase, workspaceFolders, workspaceItems } from '@ocp/db';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { badRequest, conflict, notFound, uniqueOr } from './errors.js';

const FOLDER = 'Folder';

interface FolderRow {
  id: string;
  name: string;
  path: string;
  parentFolderId: string | null;
}

const folderColumns = {
  id: workspaceFolders.id,
  name: workspaceFolders.name,
  path: workspaceFolders.path,
  parentFolderId: workspaceFolders.parentFolderId,
};

/** The user's folders as a tree, siblings by name. */
export async function folderTree(db: OcpDatabase, user: OcpUser): Promise<WorkspaceFolderNode[]> {
  const all = await db
    .select(folderColumns)
    .from(workspaceFolders)
    .where(eq(workspaceFolders.userId, user.id))
    .orderBy(asc(workspaceFolders.path));
  const nodes = new Map<string, WorkspaceFolderNode>(all.map((f) => [f.id, { ...f, children: [] }]));
  const roots: WorkspaceFolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentFolderId ? nodes.get(node.parentFolderId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (list: WorkspaceFolderNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const n of list) byName(n.children);
  };
  byName(roots);
  return roots;
}

/**
 * Folder paths are derived data (`/parent/child`) that items point at by text, so every change to the tree takes a
 * per-user transaction lock: two renames racing cannot leave a subtree half renamed.
 */
async function lockTree(tx: OcpDatabase, user: OcpUser) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727274002, hashtext(${user.id}))`);
}

async function findFolder(tx: OcpDatabase, user: OcpUser, id: string): Promise<FolderRow> {
  const [row] = await tx
    .select(folderColumns)
    .from(workspaceFolders)
    .where(and(eq(workspaceFolders.id, id), eq(workspaceFolders.userId, user.id)));
  if (!row) throw notFound(FOLDER);
  return row;
}

const under = (column: typeof workspaceFolders.path | typeof workspaceItems.folderPath, path: string) =>
  or(eq(column, path), sql`${column} LIKE ${`${escapeLike(path)}/%`}`);

export async function createFolder(
  db: OcpDatabase,
  user: OcpUser,
  input: { name: string; parentFolderId?: string | null },
): Promise<WorkspaceFolderNode> {
  const row = await db.transaction(async (tx) => {
    await lockTree(tx, user);
    const parent = input.parentFolderId ? await findFolder(tx, user, input.parentFolderId) : null;
    const path = `${parent?.path ?? ''}/${input.name}`;
    const [created] = await uniqueOr(
      () =>
        tx
          .insert(workspaceFolders)
          .values({ userId: user.id, name: input.name, parentFolderId: parent?.id ?? null, path })
          .returning(folderColumns),
      `A folder "${path}" already exists`,
    );
    return created!;
  });
  return { ...row, children: [] };
}

/**
 * Re-roots the folder `id` at `newPath`: the folder, every descendant and every item inside move in one
 * transaction, so paths never disagree with the tree.
 */
async function rewritePaths(tx: OcpDatabase, user: OcpUser, folder: FolderRow, newPath: string) {
  const [clash] = await tx
    .select({ id: workspaceFolders.id })
    .from(workspaceFolders)
    .where(and(eq(workspaceFolders.userId, user.id), eq(workspaceFolders.path, newPath)));
  if (clash) throw conflict(`A folder "${newPath}" already exists`);
  const cut = folder.path.length + 1;
  await tx
    .update(workspaceFolders)
    .set({ path: sql`${newPath} || substr(${workspaceFolders.path}, ${cut}::int)` })
    .where(and(eq(workspaceFolders.userId, user.id), under(workspaceFolders.path, folder.path)));
  await tx
    .update(workspaceItems)
    .set({ folderPath: sql`${newPath} || substr(${workspaceItems.folderPath}, ${cut}::int)` })
    .where(and(eq(workspaceItems.userId, user.id), under(workspaceItems.folderPath, folder.path)));
}

async function finish(db: OcpDatabase, user: OcpUser, id: string): Promise<WorkspaceFolderNode> {
  const tree = await folderTree(db, user);
  const stack = [...tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.id === id) return node;
    stack.push(...node.children);
  }
  throw notFound(FOLDER);
}

export async function renameFolder(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string; name: string },
): Promise<WorkspaceFolderNode> {
  await db.transaction(async (tx) => {
    await lockTree(tx, user);
    const folder = await findFolder(tx, user, input.id);
    if (folder.name === input.name) return;
    const newPath = `${folder.path.slice(0, folder.path.length - folder.name.length)}${input.name}`;
    await rewritePaths(tx, user, folder, newPath);
    await tx.update(workspaceFolders).set({ name: input.name }).where(eq(workspaceFolders.id, folder.id));
  });
  return finish(db, user, input.id);
}

/** Moves a folder under another one (or to the root with null); never into itself or its own subtree. */
export async function moveFolder(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string; parentFolderId: string | null },
): Promise<WorkspaceFolderNode> {
  await db.transaction(async (tx) => {
    await lockTree(tx, user);
    const folder = await findFolder(tx, user, input.id);
    if (folder.parentFolderId === input.parentFolderId) return;
    const parent = input.parentFolderId ? await findFolder(tx, user, input.parentFolderId) : null;
    if (parent && (parent.id === folder.id || parent.path.startsWith(`${folder.path}/`))) {
      throw badRequest('A folder cannot move into itself or one of its subfolders');
    }
    await rewritePaths(tx, user, folder, `${parent?.path ?? ''}/${folder.name}`);
    await tx
      .update(workspaceFolders)
      .set({ parentFolderId: parent?.id ?? null })
      .where(eq(workspaceFolders.id, folder.id));
  });
  return finish(db, user, input.id);
}

/**
 * Deletes a folder and its subfolders. Items inside are kept and moved up to the deleted folder's parent
 * (the root when it had none): deleting a folder never deletes work.
 */
export async function deleteFolder(
  db: OcpDatabase,
  user: OcpUser,
  id: string,
): Promise<{ id: string; movedItemsTo: string | null }> {
  return db.transaction(async (tx) => {
    await lockTree(tx, user);
    const folder = await findFolder(tx, user, id);
    const parentPath = folder.path.slice(0, folder.path.length - folder.name.length - 1) || null;
    await tx
      .update(workspaceItems)
      .set({ folderPath: parentPath })
      .where(and(eq(workspaceItems.userId, user.id), under(workspaceItems.folderPath, folder.path)));
    // One statement removes the whole subtree, so the self-referencing foreign key is satisfied at its end.
    await tx
      .delete(workspaceFolders)
      .where(and(eq(workspaceFolders.userId, user.id), under(workspaceFolders.path, folder.path)));
    return { id, movedItemsTo: parentPath };
  });
}
