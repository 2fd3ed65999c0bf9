import { relations } from 'drizzle-orm';
import { chartPlacements, charts, chartVersions } from './charts.js';
import { chatMessages, chatSessions } from './chat.js';
import { dashboards, dashboardTabs, dashboardVersions } from './dashboards.js';
import { dashboardTemplateSlots, dashboardTemplates } from './templates.js';
import { teams, userTeamMemberships } from './users-teams.js';

export const teamsRelations = relations(teams, ({ many }) => ({ memberships: many(userTeamMemberships) }));
export const membershipsRelations = relations(userTeamMemberships, ({ one }) => ({
  team: one(teams, { fields: [userTeamMemberships.teamId], references: [teams.id] }),
}));

export const templatesRelations = relations(dashboardTemplates, ({ many }) => ({
  slots: many(dashboardTemplateSlots),
}));
export const slotsRelations = relations(dashboardTemplateSlots, ({ one }) => ({
  template: one(dashboardTemplates, {
    fields: [dashboardTemplateSlots.templateId],
    references: [dashboardTemplates.id],
  }),
}));

export const dashboardsRelations = relations(dashboards, ({ one, many }) => ({
  template: one(dashboardTemplates, { fields: [dashboards.templateId], references: [dashboardTemplates.id] }),
  tabs: many(dashboardTabs),
  versions: many(dashboardVersions),
}));
export const tabsRelations = relations(dashboardTabs, ({ one, many }) => ({
  dashboard: one(dashboards, { fields: [dashboardTabs.dashboardId], references: [dashboards.id] }),
  template: one(dashboardTemplates, { fields: [dashboardTabs.templateId], references: [dashboardTemplates.id] }),
  placements: many(chartPlacements),
}));
export const dashboardVersionsRelations = relations(dashboardVersions, ({ one }) => ({
  dashboard: one(dashboards, { fields: [dashboardVersions.dashboardId], references: [dashboards.id] }),
}));

export const chartsRelations = relations(charts, ({ many }) => ({
  placements: many(chartPlacements),
  versions: many(chartVersions),
}));
export const placementsRelations = relations(chartPlacements, ({ one }) => ({
  tab: one(dashboardTabs, { fields: [chartPlacements.dashboardTabId], references: [dashboardTabs.id] }),
  chart: one(charts, { fields: [chartPlacements.chartId], references: [charts.id] }),
  slot: one(dashboardTemplateSlots, {
    fields: [chartPlacements.templateSlotId],
    references: [dashboardTemplateSlots.id],
  }),
}));
export const chartVersionsRelations = relations(chartVersions, ({ one }) => ({
  chart: one(charts, { fields: [chartVersions.chartId], references: [charts.id] }),
}));

export const chatSessionsRelations = relations(chatSessions, ({ many }) => ({ messages: many(chatMessages) }));
export const chatMessagesRelations = relations(chatMessages, ({ one }) => ({
  session: one(chatSessions, { fields: [chatMessages.chatSessionId], references: [chatSessions.id] }),
}));
