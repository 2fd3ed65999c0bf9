import { authUsers, type OcpDatabase, type TeamRole, teams, userProfiles, userTeamMemberships } from '@ocp/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { iso } from './sql.js';

export interface MeView {
  id: string;
  email: string | null;
  displayName: string;
  avatarUrl: string | null;
  timezone: string;
  preferences: Record<string, unknown>;
  workspaceSettings: Record<string, unknown>;
  createdAt: string | null;
  updatedAt: string | null;
  teams: Array<{ id: string; name: string; role: TeamRole }>;
}

/** The caller's profile (defaults when none was saved yet, e.g. a Supabase or host user) and their teams. */
export async function getMe(db: OcpDatabase, user: OcpUser): Promise<MeView> {
  const [profile] = await db
    .select({
      email: authUsers.email,
      displayName: userProfiles.displayName,
      avatarUrl: userProfiles.avatarUrl,
      timezone: userProfiles.timezone,
      preferences: userProfiles.preferences,
      workspaceSettings: userProfiles.workspaceSettings,
      createdAt: iso(userProfiles.createdAt),
      updatedAt: iso(userProfiles.updatedAt),
    })
    .from(authUsers)
    .leftJoin(userProfiles, eq(userProfiles.id, authUsers.id))
    .where(eq(authUsers.id, user.id));
  const memberships = await db
    .select({ id: teams.id, name: teams.name, role: userTeamMemberships.role })
    .from(userTeamMemberships)
    .innerJoin(teams, eq(teams.id, userTeamMemberships.teamId))
    .where(eq(userTeamMemberships.userId, user.id))
    .orderBy(asc(teams.name));
  const email = profile?.email ?? user.email;
  return {
    id: user.id,
    email,
    displayName: profile?.displayName ?? defaultDisplayName(email),
    avatarUrl: profile?.avatarUrl ?? null,
    timezone: profile?.timezone ?? 'UTC',
    preferences: (profile?.preferences as Record<string, unknown> | null) ?? {},
    workspaceSettings: (profile?.workspaceSettings as Record<string, unknown> | null) ?? {},
    createdAt: profile?.createdAt ?? null,
    updatedAt: profile?.updatedAt ?? null,
    teams: memberships,
  };
}

export function defaultDisplayName(email: string | null | undefined): string {
  return email?.split('@')[0] || 'User';
}

export interface MeUpdate {
  displayName?: string;
  avatarUrl?: string | null;
  timezone?: string;
  preferences?: Record<string, unknown>;
  workspaceSettings?: Record<string, unknown>;
}

/** Creates the profile on first save (INSERT … ON CONFLICT DO UPDATE), otherwise updates the given fields. */
export async function updateMe(db: OcpDatabase, user: OcpUser, input: MeUpdate): Promise<MeView> {
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as MeUpdate;
  await db
    .insert(userProfiles)
    .values({ id: user.id, displayName: input.displayName ?? defaultDisplayName(user.email), ...patch })
    .onConflictDoUpdate({
      target: userProfiles.id,
      set: Object.keys(patch).length ? patch : { displayName: sql`${userProfiles.displayName}` },
    });
  return getMe(db, user);
}
