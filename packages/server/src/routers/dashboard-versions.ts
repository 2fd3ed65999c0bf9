import { z } from 'zod';
import {
  createDashboardVersion,
  getDashboardVersion,
  listDashboardVersions,
  restoreDashboardVersion,
} from '../services/dashboard-versions.js';
import { authedProcedure, router } from '../trpc.js';
import { id, limit } from './inputs.js';

/** A version by its id, or by dashboard and number (like charts.restoreVersion). */
const versionRef = z.union([
  z.strictObject({ id }),
  z.strictObject({ dashboardId: id, versionNumber: z.number().int().min(1).max(2_147_483_647) }),
]);

export const dashboardVersionsRouter = router({
  list: authedProcedure
    .input(z.strictObject({ dashboardId: id, limit: limit.optional() }))
    .query(({ ctx, input }) => listDashboardVersions(ctx.db, ctx.user, input)),
  get: authedProcedure.input(versionRef).query(({ ctx, input }) => getDashboardVersion(ctx.db, ctx.user, input)),
  create: authedProcedure
    .input(z.strictObject({ dashboardId: id, changeSummary: z.string().max(500).nullable().optional() }))
    .mutation(({ ctx, input }) => createDashboardVersion(ctx.db, ctx.user, input)),
  restore: authedProcedure
    .input(versionRef)
    .mutation(({ ctx, input }) => restoreDashboardVersion(ctx.db, ctx.user, input)),
});
