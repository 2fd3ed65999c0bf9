import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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

/**
 * Team invitations (migration 0007): membership needs the invitee's consent. An invitation names an email (trimmed,
 * lower-cased), whether or not it has an account; `token_hash` is the SHA-256 (hex) of a random token handed to the
 * invitee only (never to the inviter). Accepted rows stay as a record; declined and revoked ones are deleted. At most
 * one pending invitation per team and email.
 */
export const teamInvitations = pgTable(
  'team_invitations',
  {
    id: id(),
    teamId: uuid('team_id').notNull(),
    email: text('email').notNull(),
    role: teamRole('role').notNull().default('viewer'),
    invitedBy: uuid('invited_by'),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'team_invitations_team_id_fkey', columns: [t.teamId], foreignColumns: [teams.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'team_invitations_invited_by_fkey',
      columns: [t.invitedBy],
      foreignColumns: [authUsers.id],
    }).onDelete('set null'),
    unique('team_invitations_token_hash_key').on(t.tokenHash),
    uniqueIndex('team_invitations_pending_key').on(t.teamId, t.email).where(sql`accepted_at IS NULL`),
    index('idx_team_invitations_pending_email').on(t.email).where(sql`accepted_at IS NULL`),
    check('team_invitations_email_normalised', sql`email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 320`),
  ],
);

/**
 * Per-user token generation (migration 0007). Embedded auth writes the generation into every JWT it signs and
 * refuses a token whose generation is not the current one: "sign out everywhere" and a password change bump it.
 * Its own table rather than a user_profiles column: host and Supabase users may have no profile row, and
 * user_profiles keeps the seed's exact columns.
 */
export const userTokenGenerations = pgTable(
  'user_token_generations',
  {
    userId: uuid('user_id').primaryKey(),
    generation: integer('generation').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'user_token_generations_user_id_fkey',
      columns: [t.userId],
      foreignColumns: [authUsers.id],
    }).onDelete('cascade'),
  ],
);

/** Single tokens signed out before they expire (auth.signOut), by JWT id; rows are useless after `expires_at`. */
export const revokedTokens = pgTable(
  'revoked_tokens',
  {
    jti: text('jti').primaryKey(),
    userId: uuid('user_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    foreignKey({ name: 'revoked_tokens_user_id_fkey', columns: [t.userId], foreignColumns: [authUsers.id] }).onDelete(
      'cascade',
    ),
    index('idx_revoked_tokens_expires_at').on(t.expiresAt),
  ],
);

export type UserProfile = typeof userProfiles.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type NewTeam = typeof teams.$inferInsert;
export type UserTeamMembership = typeof userTeamMemberships.$inferSelect;
export type TeamInvitation = typeof teamInvitations.$inferSelect;
export type NewTeamInvitation = typeof teamInvitations.$inferInsert;
