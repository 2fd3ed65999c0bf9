import { z } from 'zod';
import {
  createDashboardVersion,
  getDashboardVersion,
  listDashboardVersions,
  restoreDashboardVersion,
} from '../services/dashboard-versions.js';
import { authedProcedure, router } from '../trpc.js';
import { id, limit } from './inputs.js';

export const dashboardVersionsRouter = router({
  list: authedProcedure
    .input(z.strictObject({ dashboardId: id, limit: limit.optional() }))
    .query(({ ctx, input }) => listDashboardVersions(ctx.db, ctx.user, input)),
  get: authedProcedure
    .input(z.strictObject({ id }))
    .query(({ ctx, input }) => getDashboardVersion(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(z.strictObject({ dashboardId: id, changeSummary: z.string().max(500).nullable().optional() }))
    .mutation(({ ctx, input }) => createDashboardVersion(ctx.db, ctx.user, input)),
  restore: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => restoreDashboardVersion(ctx.db, ctx.user, input.id)),
});
