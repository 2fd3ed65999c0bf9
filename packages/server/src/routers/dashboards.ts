import { byIdInput, createDashboardInput, listDashboardsInput, updateDashboardInput } from '@ocp/contract';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  updateDashboard,
} from '../services/dashboards.js';
import { authedProcedure, router } from '../trpc.js';

export const dashboardsRouter = router({
  list: authedProcedure.input(listDashboardsInput).query(({ ctx, input }) => listDashboards(ctx.db, ctx.user, input)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => getDashboard(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(createDashboardInput)
    .mutation(({ ctx, input }) => createDashboard(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(updateDashboardInput)
    .mutation(({ ctx, input }) => updateDashboard(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteDashboard(ctx.db, ctx.user, input.id)),
});
