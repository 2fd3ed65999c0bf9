import {
  byIdInput,
  createFolderInput,
  createItemInput,
  listItemsInput,
  moveFolderInput,
  renameFolderInput,
  searchItemsInput,
  updateItemInput,
} from '@ocp/contract';
import { createFolder, deleteFolder, folderTree, moveFolder, renameFolder } from '../services/workspace-folders.js';
import { createItem, deleteItem, getItem, listItems, searchItems, updateItem } from '../services/workspace-items.js';
import { authedProcedure, router } from '../trpc.js';

const items = router({
  list: authedProcedure.input(listItemsInput).query(({ ctx, input }) => listItems(ctx.db, ctx.user, input)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => getItem(ctx.db, ctx.user, input.id)),
  create: authedProcedure.input(createItemInput).mutation(({ ctx, input }) => createItem(ctx.db, ctx.user, input)),
  update: authedProcedure.input(updateItemInput).mutation(({ ctx, input }) => updateItem(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteItem(ctx.db, ctx.user, input.id)),
  search: authedProcedure.input(searchItemsInput).query(({ ctx, input }) => searchItems(ctx.db, ctx.user, input)),
});

const folders = router({
  tree: authedProcedure.query(({ ctx }) => folderTree(ctx.db, ctx.user)),
  create: authedProcedure.input(createFolderInput).mutation(({ ctx, input }) => createFolder(ctx.db, ctx.user, input)),
  rename: authedProcedure.input(renameFolderInput).mutation(({ ctx, input }) => renameFolder(ctx.db, ctx.user, input)),
  move: authedProcedure.input(moveFolderInput).mutation(({ ctx, input }) => moveFolder(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteFolder(ctx.db, ctx.user, input.id)),
});

export const workspaceRouter = router({ items, folders });
