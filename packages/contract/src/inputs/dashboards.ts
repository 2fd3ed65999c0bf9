import { z } from 'zod';
import {
  description,
  id,
  limit,
  owner,
  ownerXor,
  ownerXorMessage,
  searchText,
  settingsJson,
  timestamp,
  title,
} from './common.js';

export const listDashboardsInput = z
  .strictObject({
    teamId: id.optional(),
    search: searchText.optional(),
    includePublic: z.boolean().optional(),
    limit: limit.optional(),
  })
  .default({});

/** dashboards.create input (and the chat's create_dashboard tool's). */
export const createDashboardInput = z
  .strictObject({
    title,
    description: description.optional(),
    templateId: id,
    ...owner,
    isPublic: z.boolean().optional(),
    settings: settingsJson.optional(),
    tabTitle: title.optional(),
  })
  .refine(ownerXor, ownerXorMessage);

export const updateDashboardInput = z.strictObject({
  id,
  expectedUpdatedAt: timestamp,
  title: title.optional(),
  description: description.optional(),
  templateId: id.optional(),
  isPublic: z.boolean().optional(),
  settings: settingsJson.optional(),
});

/** A version by its id, or by dashboard and number (like charts.restoreVersion). */
export const dashboardVersionRefInput = z.union([
  z.strictObject({ id }),
  z.strictObject({ dashboardId: id, versionNumber: z.number().int().min(1).max(2_147_483_647) }),
]);
export const listDashboardVersionsInput = z.strictObject({ dashboardId: id, limit: limit.optional() });
export const createDashboardVersionInput = z.strictObject({
  dashboardId: id,
  changeSummary: z.string().max(500).nullable().optional(),
});

/** events.dashboard input; `lastEventId` (sent by tRPC's client when it reconnects) resumes after that event. */
export const dashboardEventsInput = z.strictObject({ dashboardId: id, lastEventId: z.string().max(100).nullish() });
