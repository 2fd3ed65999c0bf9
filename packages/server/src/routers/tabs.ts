import { byIdInput, createTabInput, reorderTabsInput, updateTabInput } from '@ocp/contract';
import { createTab, deleteTab, reorderTabs, updateTab } from '../services/tabs.js';
import { authedProcedure, router } from '../trpc.js';

export const tabsRouter = router({
  create: authedProcedure.input(createTabInput).mutation(({ ctx, input }) => createTab(ctx.db, ctx.user, input)),
  update: authedProcedure.input(updateTabInput).mutation(({ ctx, input }) => updateTab(ctx.db, ctx.user, input)),
  reorder: authedProcedure.input(reorderTabsInput).mutation(({ ctx, input }) => reorderTabs(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteTab(ctx.db, ctx.user, input.id)),
});
