import {
  byIdInput,
  createShareInput,
  listSharesInput,
  resolveShareInput,
  sharedChartDataInput,
  sharedFilterValuesInput,
} from '@ocp/contract';
import { sharedFilterValues } from '../services/chart-interact.js';
import { createLink, listLinks, resolveLink, revokeLink, sharedChartData } from '../services/sharing.js';
import { authedProcedure, ownerProcedure, rateLimited, router } from '../trpc.js';

export const sharingRouter = router({
  create: authedProcedure
    .input(createShareInput)
    .mutation(({ ctx, input }) => createLink(ctx.db, ctx.user, input, ctx.shareUrl)),
  list: authedProcedure.input(listSharesInput).query(({ ctx, input }) => listLinks(ctx.db, ctx.user, input)),
  revoke: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => revokeLink(ctx.db, ctx.user, input.id)),
  resolve: ownerProcedure
    .use(rateLimited('shareToken', { refundOnSuccess: true }))
    .input(resolveShareInput)
    .query(({ ctx, input }) => resolveLink(ctx.db, input.token, ctx.rls)),
  chartData: ownerProcedure
    .use(rateLimited('shareToken', { refundOnSuccess: true }))
    .input(sharedChartDataInput)
    .query(({ ctx, input }) => sharedChartData(ctx.db, input, ctx.engine, ctx.rls)),
  filterValues: ownerProcedure
    .use(rateLimited('shareToken', { refundOnSuccess: true }))
    .input(sharedFilterValuesInput)
    .query(({ ctx, input }) => sharedFilterValues(ctx.db, input, ctx.engine, ctx.rls)),
});
