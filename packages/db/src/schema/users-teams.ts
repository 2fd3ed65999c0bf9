import { sql } from 'drizzle-orm';
import { foreignKey, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, emptyJson, id, updatedAt } from './_columns.js';
import { authUsers } from './auth.js';

export const teamRole = pgEnum('team_role', ['admin', 'editor', 'viewer']);
export type TeamRole = (typeof teamRole.enumValues)[number];

export const userProfiles = pgTable(
  'user_profiles',
  {
    id: uuid('id').primaryKey(),
    displayName: text('display_name').notNull(),
    avatarUrl: text('avatar_url'),
    timezone: text('timezone').default(sql`'UTC'::text`),
    preferences: emptyJson('preferences'),
    workspaceSettings: emptyJson('workspace_settings'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: 'user_profiles_id_fkey', columns: [t.id], foreignColumns: [authUsers.id] }).onDelete('cascade'),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    avatarUrl: text('avatar_url'),
    settings: emptyJson('settings'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [foreignKey({ name: 'teams_created_by_fkey', columns: [t.createdBy], foreignColumns: [authUsers.id] })],
);

export const userTeamMemberships = pgTable(
  'user_team_memberships',
  {
    id: id(),
    userId: uuid('user_id'),
    teamId: uuid('team_id'),
    role: teamRole('role').notNull().default('viewer'),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'string' }).defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'user_team_memberships_user_id_fkey',
      columns: [t.userId],
      foreignColumns: [authUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'user_team_memberships_team_id_fkey',
      columns: [t.teamId],
      foreignColumns: [teams.id],
    }).onDelete('cascade'),
    unique('user_team_memberships_user_id_team_id_key').on(t.userId, t.teamId),
  ],
);

export type UserProfile = typeof userProfiles.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type NewTeam = typeof teams.$inferInsert;
export type UserTeamMembership = typeof userTeamMemberships.$inferSelect;
