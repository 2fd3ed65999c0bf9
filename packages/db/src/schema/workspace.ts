import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
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

/** bytea as a Uint8Array (drizzle-orm has no bytea column of its own). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The cells of an imported dataset, one row per column per chunk of rows (migrations 0009, 0016): an upload is
 * written as it streams, chunk by chunk, so neither the server nor the database ever holds the whole file, and a
 * chart reads only the columns it draws. `data` holds the chunk's `row_count` cells of column `name`, stored as
 * `type` in a binary form read straight into typed arrays (dataset-codec.ts).
 */
export const datasetChunks = pgTable(
  'dataset_chunks',
  {
    itemId: uuid('item_id').notNull(),
    name: text('name').notNull(),
    chunkNo: integer('chunk_no').notNull(),
    type: text('type').notNull(),
    rowCount: integer('row_count').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ name: 'dataset_chunks_pkey', columns: [t.itemId, t.name, t.chunkNo] }),
    foreignKey({
      name: 'dataset_chunks_item_id_fkey',
      columns: [t.itemId],
      foreignColumns: [workspaceItems.id],
    }).onDelete('cascade'),
    check('dataset_chunks_type_check', sql`${t.type} IN ('number', 'boolean', 'datetime', 'string', 'empty')`),
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
