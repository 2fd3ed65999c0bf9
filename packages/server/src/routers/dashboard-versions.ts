import { createDashboardVersionInput, dashboardVersionRefInput, listDashboardVersionsInput } from '@ocp/contract';
import {
  createDashboardVersion,
  getDashboardVersion,
  listDashboardVersions,
  restoreDashboardVersion,
} from '../services/dashboard-versions.js';
import { authedProcedure, router } from '../trpc.js';

export const dashboardVersionsRouter = router({
  list: authedProcedure
    .input(listDashboardVersionsInput)
    .query(({ ctx, input }) => listDashboardVersions(ctx.db, ctx.user, input)),
  get: authedProcedure
    .input(dashboardVersionRefInput)
    .query(({ ctx, input }) => getDashboardVersion(ctx.db, ctx.user, input)),
  create: authedProcedure
    .input(createDashboardVersionInput)
    .mutation(({ ctx, input }) => createDashboardVersion(ctx.db, ctx.user, input)),
  restore: authedProcedure
    .input(dashboardVersionRefInput)
    .mutation(({ ctx, input }) => restoreDashboardVersion(ctx.db, ctx.user, input)),
});
