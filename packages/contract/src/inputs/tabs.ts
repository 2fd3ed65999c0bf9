import { z } from 'zod';
import { description, id, settingsJson, title } from './common.js';

export const createTabInput = z.strictObject({
  dashboardId: id,
  title,
  description: description.optional(),
  templateId: id.optional(),
  settings: settingsJson.optional(),
});
export const updateTabInput = z.strictObject({
  id,
  title: title.optional(),
  description: description.optional(),
  templateId: id.optional(),
  settings: settingsJson.optional(),
});
export const reorderTabsInput = z.strictObject({ dashboardId: id, tabIds: z.array(id).min(1).max(100) });
