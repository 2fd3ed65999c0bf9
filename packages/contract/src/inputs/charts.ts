import { z } from 'zod';
import { dataSourceConfigSchema } from '../json/data-source.js';
import { plotlyConfigSchema } from '../json/plotly.js';
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
} from './common.js';

const changeSummary = z.string().max(500).nullable().optional();

export const listChartsInput = z
  .strictObject({
    ownerTeamId: id.optional(),
    search: searchText.optional(),
    tags: tags.optional(),
    chartType: chartType.optional(),
    includePublic: z.boolean().optional(),
    limit: limit.optional(),
  })
  .default({});

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

/** A chart version (also a pinned placement's `customizations.pinnedVersion`). */
export const versionNumber = z.number().int().min(1).max(2_147_483_647);

export const chartVersionsInput = z.strictObject({
  chartId: id,
  includeConfig: z.boolean().optional(),
  limit: limit.optional(),
});
export const restoreChartVersionInput = z.strictObject({
  chartId: id,
  versionNumber,
});
export const chartDataInput = z.strictObject({ chartId: id, ...dataParams, version: versionNumber.optional() });
/** charts.filterValues: the distinct values of one column of the chart's data, for a dashboard filter's options. */
export const filterValuesParams = {
  column: z.string().min(1).max(128),
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
};
export const chartFilterValuesInput = z.strictObject({ chartId: id, ...filterValuesParams });

/**
 * charts.preview: the data of a chart not saved yet (the editor's live preview), resolved as charts.data would
 * resolve it once saved. With `chartId` (which the caller must be able to edit) it reads as that chart's owner,
 * with its stored secrets; without, as the caller's own new chart.
 */
export const chartPreviewInput = z.strictObject({
  chartId: id.optional(),
  plotlyConfig: plotlyConfigSchema,
  dataSourceConfig: dataSourceConfigSchema,
  width: dataParams.width,
});

/** charts.datasetPreview: the first rows of one of the caller's datasets, columns in the file's order. */
export const datasetPreviewInput = z.strictObject({
  datasetId: id,
  rows: z.number().int().min(1).max(100).optional(),
});
