import {
  byIdInput,
  chartDataInput,
  chartFilterValuesInput,
  chartPreviewInput,
  chartVersionsInput,
  createChartInput,
  datasetPreviewInput,
  listChartsInput,
  restoreChartVersionInput,
  updateChartInput,
} from '@ocp/contract';
import { chartFilterValues } from '../services/chart-interact.js';
import { previewChart, previewDataset, sourceOptions } from '../services/chart-sources.js';
import { chartUsage } from '../services/chart-usage.js';
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

export const chartsRouter = router({
  list: authedProcedure.input(listChartsInput).query(({ ctx, input }) => listCharts(ctx.db, ctx.user, input)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => getChart(ctx.db, ctx.user, input.id)),
  create: authedProcedure.input(createChartInput).mutation(({ ctx, input }) => createChart(ctx.db, ctx.user, input)),
  update: authedProcedure.input(updateChartInput).mutation(({ ctx, input }) => updateChart(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteChart(ctx.db, ctx.user, input.id)),
  versions: authedProcedure
    .input(chartVersionsInput)
    .query(({ ctx, input }) => listChartVersions(ctx.db, ctx.user, input)),
  restoreVersion: authedProcedure
    .input(restoreChartVersionInput)
    .mutation(({ ctx, input }) => restoreChartVersion(ctx.db, ctx.user, input)),
  data: authedProcedure.input(chartDataInput).query(({ ctx, input }) => chartData(ctx.db, ctx.user, input, ctx.engine)),
  usage: authedProcedure.input(byIdInput).query(({ ctx, input }) => chartUsage(ctx.db, ctx.user, input.id)),
  filterValues: authedProcedure
    .input(chartFilterValuesInput)
    .query(({ ctx, input }) => chartFilterValues(ctx.db, ctx.user, input, ctx.engine)),
  // A mutation only so that a draft's config travels in the body (a query's input goes in the URL); it writes nothing.
  preview: authedProcedure
    .input(chartPreviewInput)
    .mutation(({ ctx, input }) => previewChart(ctx.db, ctx.user, input, ctx.engine)),
  datasetPreview: authedProcedure
    .input(datasetPreviewInput)
    .query(({ ctx, input }) => previewDataset(ctx.db, ctx.user, input)),
  sourceOptions: authedProcedure.query(({ ctx }) => sourceOptions(ctx.db, ctx.user, ctx.engine)),
});
