import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './_columns.js';
import { authUsers } from './auth.js';

/** A user's library: charts, templates, datasets and notes, organised by folder path and tags. */
export const workspaceItems = pgTable(
  'workspace_items',
  {
    id: id(),
    userId: uuid('user_id'),
    itemType: text('item_type').notNull(),
    title: text('title').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    referenceId: uuid('reference_id'),
    tags: text('tags').array(),
    folderPath: text('folder_path'),
    isFavorite: boolean('is_favorite').default(false),
    createdFromMessageId: uuid('created_from_message_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: 'workspace_items_user_id_fkey', columns: [t.userId], foreignColumns: [authUsers.id] }).onDelete(
      'cascade',
    ),
    index('idx_workspace_items_user_type').on(t.userId, t.itemType),
    index('idx_workspace_items_reference').on(t.referenceId).where(sql`${t.referenceId} IS NOT NULL`),
    index('idx_workspace_items_folder_path').on(t.userId, t.folderPath),
    index('idx_workspace_items_tags').using('gin', t.tags),
  ],
);

/**
 * The cells of an imported dataset, a slice of rows per chunk (migration 0009): an upload is written as it streams,
 * chunk by chunk, instead of as one document, so neither the server nor the database ever holds the whole file.
 * `columns` is `{ name: cells[] }` for rows `chunk_no × n …`, `types` the type each column's cells were stored as.
 */
export const datasetChunks = pgTable(
  'dataset_chunks',
  {
    itemId: uuid('item_id').notNull(),
    chunkNo: integer('chunk_no').notNull(),
    rowCount: integer('row_count').notNull(),
    columns: jsonb('columns').$type<Record<string, unknown[]>>().notNull(),
    types: jsonb('types').$type<Record<string, string>>().notNull(),
  },
  (t) => [
    primaryKey({ name: 'dataset_chunks_pkey', columns: [t.itemId, t.chunkNo] }),
    foreignKey({
      name: 'dataset_chunks_item_id_fkey',
      columns: [t.itemId],
      foreignColumns: [workspaceItems.id],
    }).onDelete('cascade'),
  ],
);

export const workspaceFolders = pgTable(
  'workspace_folders',
  {
    id: id(),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    parentFolderId: uuid('parent_folder_id'),
    path: text('path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'workspace_folders_user_id_fkey',
      columns: [t.userId],
      foreignColumns: [authUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'workspace_folders_parent_folder_id_fkey',
      columns: [t.parentFolderId],
      foreignColumns: [t.id],
    }),
    unique('workspace_folders_user_id_path_key').on(t.userId, t.path),
    index('idx_workspace_folders_parent').on(t.parentFolderId).where(sql`${t.parentFolderId} IS NOT NULL`),
  ],
);

export type WorkspaceItem = typeof workspaceItems.$inferSelect;
export type NewWorkspaceItem = typeof workspaceItems.$inferInsert;
export type WorkspaceFolder = typeof workspaceFolders.$inferSelect;
export type DatasetChunk = typeof datasetChunks.$inferSelect;
