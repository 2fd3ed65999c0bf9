import { dataSourceConfigSchema, plotlyConfigSchema } from '@ocp/db';
import { z } from 'zod';
import {
  chartData,
  createChart,
  deleteChart,
  getChart,
  listCharts,
  listChartVersions,
  restoreChartVersion,
  updateChart,
} from '../services/charts.js';
import { authedProcedure, router } from '../trpc.js';
import {
  chartType,
  dataParams,
  description,
  id,
  limit,
  owner,
  ownerXor,
  ownerXorMessage,
  searchText,
  tags,
  timestamp,
  title,
} from './inputs.js';

const changeSummary = z.string().max(500).nullable().optional();

/** charts.create input; the chat's create_chart tool validates a model's arguments with it too. */
export const createChartInput = z
  .strictObject({
    title,
    description: description.optional(),
    chartType,
    plotlyConfig: plotlyConfigSchema,
    dataSourceConfig: dataSourceConfigSchema,
    ...owner,
    isPublic: z.boolean().optional(),
    tags: tags.optional(),
    changeSummary,
  })
  .refine(ownerXor, ownerXorMessage);

/** charts.update input (and the update_chart tool's). */
export const updateChartInput = z.strictObject({
  id,
  expectedUpdatedAt: timestamp.optional(),
  title: title.optional(),
  description: description.optional(),
  chartType: chartType.optional(),
  plotlyConfig: plotlyConfigSchema.optional(),
  dataSourceConfig: dataSourceConfigSchema.optional(),
  isPublic: z.boolean().optional(),
  tags: tags.optional(),
  changeSummary,
});

export const chartsRouter = router({
  list: authedProcedure
    .input(
      z
        .strictObject({
          ownerTeamId: id.optional(),
          search: searchText.optional(),
          tags: tags.optional(),
          chartType: chartType.optional(),
          includePublic: z.boolean().optional(),
          limit: limit.optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listCharts(ctx.db, ctx.user, input)),
  get: authedProcedure.input(z.strictObject({ id })).query(({ ctx, input }) => getChart(ctx.db, ctx.user, input.id)),
  create: authedProcedure.input(createChartInput).mutation(({ ctx, input }) => createChart(ctx.db, ctx.user, input)),
  update: authedProcedure.input(updateChartInput).mutation(({ ctx, input }) => updateChart(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteChart(ctx.db, ctx.user, input.id)),
  versions: authedProcedure
    .input(z.strictObject({ chartId: id, includeConfig: z.boolean().optional(), limit: limit.optional() }))
    .query(({ ctx, input }) => listChartVersions(ctx.db, ctx.user, input)),
  restoreVersion: authedProcedure
    .input(z.strictObject({ chartId: id, versionNumber: z.number().int().min(1).max(2_147_483_647) }))
    .mutation(({ ctx, input }) => restoreChartVersion(ctx.db, ctx.user, input)),
  data: authedProcedure
    .input(z.strictObject({ chartId: id, ...dataParams }))
    .query(({ ctx, input }) => chartData(ctx.db, ctx.user, input)),
});
