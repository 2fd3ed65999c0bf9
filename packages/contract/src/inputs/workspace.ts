import { z } from 'zod';
import { contentJson, folderPath, id, limit, tags, title } from './common.js';

export const itemType = z
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

export const listItemsInput = z
  .strictObject({
    folderPath: folderPath.nullable().optional(),
    itemType: itemType.optional(),
    favoritesOnly: z.boolean().optional(),
    tags: tags.optional(),
    limit: limit.optional(),
  })
  .default({});

/** workspace.items.search input (and the chat's search_workspace tool's). */
export const searchItemsInput = z.strictObject({
  q: z.string().trim().min(1).max(200),
  tags: tags.optional(),
  itemType: itemType.optional(),
  limit: limit.optional(),
});

export const createItemInput = z.strictObject({
  itemType,
  title,
  content: contentJson.default({}),
  referenceId: id.nullable().optional(),
  tags: tags.optional(),
  folderPath: folderPath.nullable().optional(),
  isFavorite: z.boolean().optional(),
});
export const updateItemInput = z.strictObject({
  id,
  title: title.optional(),
  content: contentJson.optional(),
  tags: tags.optional(),
  folderPath: folderPath.nullable().optional(),
  isFavorite: z.boolean().optional(),
});

export const createFolderInput = z.strictObject({ name: folderName, parentFolderId: id.nullable().optional() });
export const renameFolderInput = z.strictObject({ id, name: folderName });
export const moveFolderInput = z.strictObject({ id, parentFolderId: id.nullable() });
