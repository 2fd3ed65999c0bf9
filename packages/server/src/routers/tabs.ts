import { z } from 'zod';
import { createTab, deleteTab, reorderTabs, updateTab } from '../services/tabs.js';
import { authedProcedure, router } from '../trpc.js';
import { description, id, settingsJson, title } from './inputs.js';

export const tabsRouter = router({
  create: authedProcedure
    .input(
      z.strictObject({
        dashboardId: id,
        title,
        description: description.optional(),
        templateId: id.optional(),
        settings: settingsJson.optional(),
      }),
    )
    .mutation(({ ctx, input }) => createTab(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(
      z.strictObject({
        id,
        title: title.optional(),
        description: description.optional(),
        templateId: id.optional(),
        settings: settingsJson.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateTab(ctx.db, ctx.user, input)),
  reorder: authedProcedure
    .input(z.strictObject({ dashboardId: id, tabIds: z.array(id).min(1).max(100) }))
    .mutation(({ ctx, input }) => reorderTabs(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteTab(ctx.db, ctx.user, input.id)),
});
