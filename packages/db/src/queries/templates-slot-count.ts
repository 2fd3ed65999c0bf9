import { asc, eq, or, sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { dashboardTemplateSlots, dashboardTemplates } from '../schema/templates.js';

/** Seed example query 3: system templates plus the user's own, with their slot counts, by name. */
export function listTemplatesWithSlotCount(db: OcpDatabase, userId: string) {
  return db
    .select({
      id: dashboardTemplates.id,
      name: dashboardTemplates.name,
      description: dashboardTemplates.description,
      layoutConfig: dashboardTemplates.layoutConfig,
      slotCount: sql<number>`count(${dashboardTemplateSlots.id})::int`,
    })
    .from(dashboardTemplates)
    .leftJoin(dashboardTemplateSlots, eq(dashboardTemplates.id, dashboardTemplateSlots.templateId))
    .where(or(eq(dashboardTemplates.isSystemTemplate, true), eq(dashboardTemplates.createdBy, userId)))
    .groupBy(
      dashboardTemplates.id,
      dashboardTemplates.name,
      dashboardTemplates.description,
      dashboardTemplates.layoutConfig,
    )
    .orderBy(asc(dashboardTemplates.name));
}

export type TemplateSlotCountRow = Awaited<ReturnType<typeof listTemplatesWithSlotCount>>[number];
