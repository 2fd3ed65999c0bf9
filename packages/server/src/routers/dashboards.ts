import { z } from 'zod';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  updateDashboard,
} from '../services/dashboards.js';
import { authedProcedure, router } from '../trpc.js';
import {
  description,
  id,
  limit,
  owner,
  ownerXor,
  ownerXorMessage,
  searchText,
  settingsJson,
  timestamp,
  title,
} from './inputs.js';

/** dashboards.create input (and the chat's create_dashboard tool's). */
export const createDashboardInput = z
  .strictObject({
    title,
    description: description.optional(),
    templateId: id,
    ...owner,
    isPublic: z.boolean().optional(),
    settings: settingsJson.optional(),
    tabTitle: title.optional(),
  })
  .refine(ownerXor, ownerXorMessage);

export const dashboardsRouter = router({
  list: authedProcedure
    .input(
      z
        .strictObject({
          teamId: id.optional(),
          search: searchText.optional(),
          includePublic: z.boolean().optional(),
          limit: limit.optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listDashboards(ctx.db, ctx.user, input)),
  get: authedProcedure
    .input(z.strictObject({ id }))
    .query(({ ctx, input }) => getDashboard(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(createDashboardInput)
    .mutation(({ ctx, input }) => createDashboard(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(
      z.strictObject({
        id,
        expectedUpdatedAt: timestamp,
        title: title.optional(),
        description: description.optional(),
        templateId: id.optional(),
        isPublic: z.boolean().optional(),
        settings: settingsJson.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateDashboard(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteDashboard(ctx.db, ctx.user, input.id)),
});
