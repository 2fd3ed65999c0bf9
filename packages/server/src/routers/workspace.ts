import { z } from 'zod';
import { createFolder, deleteFolder, folderTree, moveFolder, renameFolder } from '../services/workspace-folders.js';
import { createItem, deleteItem, getItem, listItems, searchItems, updateItem } from '../services/workspace-items.js';
import { authedProcedure, router } from '../trpc.js';
import { contentJson, folderPath, id, limit, tags, title } from './inputs.js';

const itemType = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, "-" and "_"');
const folderName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^/\p{Cc}]+$/u, 'no "/" in folder names')
  .refine((n) => n !== '.' && n !== '..', 'not "." or ".."');

/** workspace.items.search input (and the chat's search_workspace tool's). */
export const searchItemsInput = z.strictObject({
  q: z.string().trim().min(1).max(200),
  tags: tags.optional(),
  type: itemType.optional(),
  limit: limit.optional(),
});

const items = router({
  list: authedProcedure
    .input(
      z
        .strictObject({
          folderPath: folderPath.nullable().optional(),
          itemType: itemType.optional(),
          favoritesOnly: z.boolean().optional(),
          tags: tags.optional(),
          limit: limit.optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listItems(ctx.db, ctx.user, input)),
  get: authedProcedure.input(z.strictObject({ id })).query(({ ctx, input }) => getItem(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(
      z.strictObject({
        itemType,
        title,
        content: contentJson.default({}),
        referenceId: id.nullable().optional(),
        tags: tags.optional(),
        folderPath: folderPath.nullable().optional(),
        isFavorite: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createItem(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(
      z.strictObject({
        id,
        title: title.optional(),
        content: contentJson.optional(),
        tags: tags.optional(),
        folderPath: folderPath.nullable().optional(),
        isFavorite: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateItem(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteItem(ctx.db, ctx.user, input.id)),
  search: authedProcedure.input(searchItemsInput).query(({ ctx, input }) => searchItems(ctx.db, ctx.user, input)),
});

const folders = router({
  tree: authedProcedure.query(({ ctx }) => folderTree(ctx.db, ctx.user)),
  create: authedProcedure
    .input(z.strictObject({ name: folderName, parentFolderId: id.nullable().optional() }))
    .mutation(({ ctx, input }) => createFolder(ctx.db, ctx.user, input)),
  rename: authedProcedure
    .input(z.strictObject({ id, name: folderName }))
    .mutation(({ ctx, input }) => renameFolder(ctx.db, ctx.user, input)),
  move: authedProcedure
    .input(z.strictObject({ id, parentFolderId: id.nullable() }))
    .mutation(({ ctx, input }) => moveFolder(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteFolder(ctx.db, ctx.user, input.id)),
});

export const workspaceRouter = router({ items, folders });
