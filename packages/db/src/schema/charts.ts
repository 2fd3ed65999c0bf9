import type { DataSourceConfig, PlotlyConfig } from '@ocp/contract';
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, emptyJson, id, ownerXor, updatedAt } from './_columns.js';
import { authUsers } from './auth.js';
import { dashboardTabs } from './dashboards.js';
import { dashboardTemplateSlots } from './templates.js';
import { teams } from './users-teams.js';

/** Reusable charts: Plotly configuration and how to get the data, kept apart from the data itself. */
export const charts = pgTable(
  'charts',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description'),
    chartType: text('chart_type').notNull(),
    plotlyConfig: jsonb('plotly_config').$type<PlotlyConfig>().notNull(),
    dataSourceConfig: jsonb('data_source_config').$type<DataSourceConfig>().notNull(),
    ownerUserId: uuid('owner_user_id'),
    ownerTeamId: uuid('owner_team_id'),
    isPublic: boolean('is_public').default(false),
    tags: text('tags').array(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: 'charts_owner_user_id_fkey', columns: [t.ownerUserId], foreignColumns: [authUsers.id] }),
    foreignKey({ name: 'charts_owner_team_id_fkey', columns: [t.ownerTeamId], foreignColumns: [teams.id] }),
    ownerXor('chart_owner_check', t),
    index('idx_charts_owner_user_id').on(t.ownerUserId).where(sql`${t.ownerUserId} IS NOT NULL`),
    index('idx_charts_public').on(t.isPublic).where(sql`${t.isPublic} = TRUE`),
    index('idx_charts_tags').using('gin', t.tags),
    index('idx_charts_type').on(t.chartType),
    index('idx_charts_plotly_config').using('gin', t.plotlyConfig),
    index('idx_charts_data_source_config').using('gin', t.dataSourceConfig),
  ],
);

/** A chart put into one slot of one tab; the same chart may be placed on many dashboards. */
export const chartPlacements = pgTable(
  'chart_placements',
  {
    id: id(),
    dashboardTabId: uuid('dashboard_tab_id'),
    chartId: uuid('chart_id'),
    templateSlotId: uuid('template_slot_id').notNull(),
    customizations: emptyJson('customizations').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'chart_placements_dashboard_tab_id_fkey',
      columns: [t.dashboardTabId],
      foreignColumns: [dashboardTabs.id],
    }).onDelete('cascade'),
    foreignKey({ name: 'chart_placements_chart_id_fkey', columns: [t.chartId], foreignColumns: [charts.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'chart_placements_template_slot_id_fkey',
      columns: [t.templateSlotId],
      foreignColumns: [dashboardTemplateSlots.id],
    }),
    unique('chart_placements_dashboard_tab_id_template_slot_id_key').on(t.dashboardTabId, t.templateSlotId),
    index('idx_chart_placements_tab_id').on(t.dashboardTabId),
    index('idx_chart_placements_chart_id').on(t.chartId),
    index('idx_chart_placements_slot_id').on(t.templateSlotId),
  ],
);

/** Chart history; version_number is assigned by a race-free trigger (migration 0003). */
export const chartVersions = pgTable(
  'chart_versions',
  {
    id: id(),
    chartId: uuid('chart_id'),
    // Assigned by the trigger; the JS-side placeholder only lets callers omit it (no DDL default).
    versionNumber: integer('version_number')
      .notNull()
      .$defaultFn(() => 0),
    // The chart's type and title at this version (migration 0010): restoring must bring them back with the configs.
    // Null on versions written before they were kept; a restore then infers the type from the trace templates.
    chartType: text('chart_type'),
    title: text('title'),
    plotlyConfig: jsonb('plotly_config').$type<PlotlyConfig>().notNull(),
    dataSourceConfig: jsonb('data_source_config').$type<DataSourceConfig>().notNull(),
    changeSummary: text('change_summary'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'chart_versions_chart_id_fkey', columns: [t.chartId], foreignColumns: [charts.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ name: 'chart_versions_created_by_fkey', columns: [t.createdBy], foreignColumns: [authUsers.id] }),
    unique('chart_versions_chart_id_version_number_key').on(t.chartId, t.versionNumber),
    // DESC alone means NULLS FIRST in PostgreSQL; Drizzle's bare .desc() would emit NULLS LAST.
    index('idx_chart_versions_chart_created').on(t.chartId, t.createdAt.desc().nullsFirst()),
  ],
);

/** Race-free version counters (one row per chart), see migration 0003. Not in the seed. */
export const chartVersionCounters = pgTable(
  'chart_version_counters',
  {
    chartId: uuid('chart_id').primaryKey(),
    lastVersion: integer('last_version').notNull(),
  },
  (t) => [
    foreignKey({
      name: 'chart_version_counters_chart_id_fkey',
      columns: [t.chartId],
      foreignColumns: [charts.id],
    }).onDelete('cascade'),
  ],
);

export type Chart = typeof charts.$inferSelect;
export type NewChart = typeof charts.$inferInsert;
export type ChartPlacement = typeof chartPlacements.$inferSelect;
export type NewChartPlacement = typeof chartPlacements.$inferInsert;
export type ChartVersion = typeof chartVersions.$inferSelect;
