import { dashboardTemplateSlots, dashboardTemplates, type OcpDatabase, userTeamMemberships } from '@ocp/db';
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';

/**
 * Templates the caller can use: system templates, their own, and those created by members of their teams
 * (seed query 3 extended to teams), with slot counts. Anonymous callers see system templates only.
 */
export async function listTemplates(db: OcpDatabase, user: OcpUser | null) {
  const teammates = user
    ? db
        .select({ id: userTeamMemberships.userId })
        .from(userTeamMemberships)
        .where(
          inArray(
            userTeamMemberships.teamId,
            db
              .select({ id: userTeamMemberships.teamId })
              .from(userTeamMemberships)
              .where(eq(userTeamMemberships.userId, user.id)),
          ),
        )
    : null;
  const visible = user
    ? or(
        eq(dashboardTemplates.isSystemTemplate, true),
        eq(dashboardTemplates.createdBy, user.id),
        inArray(dashboardTemplates.createdBy, teammates!),
      )
    : eq(dashboardTemplates.isSystemTemplate, true);
  return db
    .select({
      id: dashboardTemplates.id,
      name: dashboardTemplates.name,
      description: dashboardTemplates.description,
      layoutConfig: dashboardTemplates.layoutConfig,
      previewImageUrl: dashboardTemplates.previewImageUrl,
      isSystemTemplate: dashboardTemplates.isSystemTemplate,
      createdBy: dashboardTemplates.createdBy,
      slotCount: sql<number>`count(${dashboardTemplateSlots.id})::int`,
    })
    .from(dashboardTemplates)
    .leftJoin(dashboardTemplateSlots, eq(dashboardTemplates.id, dashboardTemplateSlots.templateId))
    .where(visible)
    .groupBy(dashboardTemplates.id)
    .orderBy(asc(dashboardTemplates.name), asc(dashboardTemplates.id));
}
