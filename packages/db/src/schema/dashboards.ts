import { boolean, foreignKey, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, emptyJson, id, ownerXor, updatedAt } from './_columns.js';
import { authUsers } from './auth.js';
import { dashboardTemplates } from './templates.js';
import { teams } from './users-teams.js';

export const dashboards = pgTable(
  'dashboards',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description'),
    templateId: uuid('template_id').notNull(),
    ownerUserId: uuid('owner_user_id'),
    ownerTeamId: uuid('owner_team_id'),
    isPublic: boolean('is_public').default(false),
    settings: emptyJson('settings'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'dashboards_template_id_fkey',
      columns: [t.templateId],
      foreignColumns: [dashboardTemplates.id],
    }),
    foreignKey({ name: 'dashboards_owner_user_id_fkey', columns: [t.ownerUserId], foreignColumns: [authUsers.id] }),
    foreignKey({ name: 'dashboards_owner_team_id_fkey', columns: [t.ownerTeamId], foreignColumns: [teams.id] }),
    ownerXor('dashboard_owner_check', t),
    index('idx_dashboards_template_id').on(t.templateId),
  ],
);

/** Tabs of a dashboard; each tab may use its own template. */
export const dashboardTabs = pgTable(
  'dashboard_tabs',
  {
    id: id(),
    dashboardId: uuid('dashboard_id'),
    title: text('title').notNull(),
    description: text('description'),
    templateId: uuid('template_id').notNull(),
    position: integer('position').notNull(),
    settings: emptyJson('settings'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'dashboard_tabs_dashboard_id_fkey',
      columns: [t.dashboardId],
      foreignColumns: [dashboards.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'dashboard_tabs_template_id_fkey',
      columns: [t.templateId],
      foreignColumns: [dashboardTemplates.id],
    }),
    unique('dashboard_tabs_dashboard_id_position_key').on(t.dashboardId, t.position),
    index('idx_dashboard_tabs_template_id').on(t.templateId),
    index('idx_dashboard_tabs_dashboard_position').on(t.dashboardId, t.position),
  ],
);

/** Full snapshots of a dashboard; version_number is assigned by a trigger (migration 0003). */
export const dashboardVersions = pgTable(
  'dashboard_versions',
  {
    id: id(),
    dashboardId: uuid('dashboard_id'),
    // Assigned by the trigger; the JS-side placeholder only lets callers omit it (no DDL default).
    versionNumber: integer('version_number')
      .notNull()
      .$defaultFn(() => 0),
    snapshot: jsonb('snapshot').notNull(),
    changeSummary: text('change_summary'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'dashboard_versions_dashboard_id_fkey',
      columns: [t.dashboardId],
      foreignColumns: [dashboards.id],
    }).onDelete('cascade'),
    foreignKey({ name: 'dashboard_versions_created_by_fkey', columns: [t.createdBy], foreignColumns: [authUsers.id] }),
    unique('dashboard_versions_dashboard_id_version_number_key').on(t.dashboardId, t.versionNumber),
  ],
);

/** Race-free version counters (one row per dashboard), see migration 0003. Not in the seed. */
export const dashboardVersionCounters = pgTable(
  'dashboard_version_counters',
  {
    dashboardId: uuid('dashboard_id').primaryKey(),
    lastVersion: integer('last_version').notNull(),
  },
  (t) => [
    foreignKey({
      name: 'dashboard_version_counters_dashboard_id_fkey',
      columns: [t.dashboardId],
      foreignColumns: [dashboards.id],
    }).onDelete('cascade'),
  ],
);

export type Dashboard = typeof dashboards.$inferSelect;
export type NewDashboard = typeof dashboards.$inferInsert;
export type DashboardTab = typeof dashboardTabs.$inferSelect;
export type NewDashboardTab = typeof dashboardTabs.$inferInsert;
export type DashboardVersion = typeof dashboardVersions.$inferSelect;
