import type { LayoutConfig, PositionConfig, SlotConstraints } from '@ocp/contract';
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, emptyJson, id, updatedAt } from './_columns.js';
import { authUsers } from './auth.js';
import { teams } from './users-teams.js';

/** Layout grids ("frames") that dashboards and tabs are built on. */
export const dashboardTemplates = pgTable(
  'dashboard_templates',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    layoutConfig: jsonb('layout_config').$type<LayoutConfig>().notNull(),
    previewImageUrl: text('preview_image_url'),
    isSystemTemplate: boolean('is_system_template').default(false),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Shared with this team (migration 0019); null: the creator's, used by their teammates. */
    ownerTeamId: uuid('owner_team_id'),
  },
  (t) => [
    foreignKey({ name: 'dashboard_templates_created_by_fkey', columns: [t.createdBy], foreignColumns: [authUsers.id] }),
    foreignKey({
      name: 'dashboard_templates_owner_team_id_fkey',
      columns: [t.ownerTeamId],
      foreignColumns: [teams.id],
    }),
    index('idx_dashboard_templates_owner_team').on(t.ownerTeamId).where(sql`${t.ownerTeamId} IS NOT NULL`),
    index('idx_dashboard_templates_system').on(t.isSystemTemplate).where(sql`${t.isSystemTemplate} = TRUE`),
  ],
);

/** Named places in a template where one chart (or text/metric) can be put. */
export const dashboardTemplateSlots = pgTable(
  'dashboard_template_slots',
  {
    id: id(),
    templateId: uuid('template_id'),
    slotKey: text('slot_key').notNull(),
    positionConfig: jsonb('position_config').$type<PositionConfig>().notNull(),
    slotType: text('slot_type').default(sql`'chart'::text`),
    constraints: emptyJson('constraints').$type<SlotConstraints>(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'dashboard_template_slots_template_id_fkey',
      columns: [t.templateId],
      foreignColumns: [dashboardTemplates.id],
    }).onDelete('cascade'),
    unique('dashboard_template_slots_template_id_slot_key_key').on(t.templateId, t.slotKey),
    index('idx_template_slots_template_id').on(t.templateId),
    index('idx_template_slots_type').on(t.templateId, t.slotType),
  ],
);

export type DashboardTemplate = typeof dashboardTemplates.$inferSelect;
export type NewDashboardTemplate = typeof dashboardTemplates.$inferInsert;
export type DashboardTemplateSlot = typeof dashboardTemplateSlots.$inferSelect;
export type NewDashboardTemplateSlot = typeof dashboardTemplateSlots.$inferInsert;
