import { authUsers, type OcpDatabase, type TeamRole, teams, userProfiles, userTeamMemberships } from '@ocp/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { publishAccessChange, publishMembershipEvents } from '../events/publish.js';
import { authorize, type Need, teamRoleSql } from './access.js';
import { conflict, forbidden, notFound } from './errors.js';
import { iso, qualified, rows } from './sql.js';
import { teamHoldings } from './team-holdings.js';

const TEAM = 'Team';

export interface TeamView {
  id: string;
  name: string;
  description: string | null;
  avatarUrl: string | null;
  settings: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The caller's role in the team. */
  role: TeamRole;
  memberCount: number;
}

export interface MemberView {
  userId: string;
  email: string | null;
  displayName: string | null;
  role: TeamRole;
  joinedAt: string;
}

const teamColumns = (userId: string) => ({
  id: teams.id,
  name: teams.name,
  description: teams.description,
  avatarUrl: teams.avatarUrl,
  settings: sql<Record<string, unknown>>`coalesce(${teams.settings}, '{}'::jsonb)`,
  createdBy: teams.createdBy,
  createdAt: iso(teams.createdAt),
  updatedAt: iso(teams.updatedAt),
  role: sql<TeamRole>`${teamRoleSql(teams.id, userId)}`,
  memberCount: sql<number>`(SELECT count(*) FROM user_team_memberships mc WHERE mc.team_id = ${qualified(teams.id)})::int`,
});

/** Team roles work like resource roles: members read, admins manage. Non-members see nothing (NOT_FOUND). */
export async function readTeam(
  db: OcpDatabase,
  user: OcpUser,
  id: string,
  need: Need,
  lock = false,
): Promise<TeamView> {
  const query = db.select(teamColumns(user.id)).from(teams).where(eq(teams.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return authorize(row, need, TEAM) as TeamView;
}

export async function listTeams(db: OcpDatabase, user: OcpUser): Promise<TeamView[]> {
  return (await db
    .select(teamColumns(user.id))
    .from(teams)
    .innerJoin(
      userTeamMemberships,
      and(eq(userTeamMemberships.teamId, teams.id), eq(userTeamMemberships.userId, user.id)),
    )
    .orderBy(asc(teams.name), teams.id)) as TeamView[];
}

export const getTeam = (db: OcpDatabase, user: OcpUser, id: string) => readTeam(db, user, id, 'read');

/** Creates a team with the caller as its first admin. */
export async function createTeam(
  db: OcpDatabase,
  user: OcpUser,
  input: { name: string; description?: string | null; avatarUrl?: string | null },
): Promise<TeamView> {
  const id = await db.transaction(async (tx) => {
    const [team] = await tx
      .insert(teams)
      .values({
        name: input.name,
        description: input.description ?? null,
        avatarUrl: input.avatarUrl ?? null,
        createdBy: user.id,
      })
      .returning({ id: teams.id });
    await tx.insert(userTeamMemberships).values({ teamId: team!.id, userId: user.id, role: 'admin' });
    return team!.id;
  });
  return getTeam(db, user, id);
}

export async function updateTeam(
  db: OcpDatabase,
  user: OcpUser,
  input: {
    id: string;
    name?: string;
    description?: string | null;
    avatarUrl?: string | null;
    settings?: Record<string, unknown>;
  },
): Promise<TeamView> {
  await readTeam(db, user, input.id, 'manage');
  await db
    .update(teams)
    .set({
      name: input.name ?? sql`${teams.name}`,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}),
      ...(input.settings !== undefined ? { settings: input.settings } : {}),
    })
    .where(eq(teams.id, input.id));
  return getTeam(db, user, input.id);
}

/**
 * Deletes a team (admins; members get FORBIDDEN, outsiders NOT_FOUND); its memberships and pending invitations go
 * with it. CONFLICT while it still owns dashboards, charts, agents or energy sites, naming them: move or delete
 * them first. The app offers undo by waiting out its undo window before calling this.
 */
export async function deleteTeam(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    const team = await readTeam(tx, user, id, 'manage', true);
    const holdings = await teamHoldings(tx, id);
    if (holdings) throw conflict(`${team.name} still owns ${holdings}: move or delete them first`);
    await tx.delete(teams).where(eq(teams.id, id));
  });
  return { id };
}

/** What stands in the way of deleting a team, for its admins to see before they try (null: nothing). */
export async function teamDeleteBlockers(db: OcpDatabase, user: OcpUser, id: string): Promise<{ owns: string | null }> {
  await readTeam(db, user, id, 'manage');
  return { owns: await teamHoldings(db, id) };
}

const memberColumns = {
  userId: sql<string>`${userTeamMemberships.userId}`,
  email: authUsers.email,
  displayName: userProfiles.displayName,
  role: userTeamMemberships.role,
  joinedAt: iso(userTeamMemberships.joinedAt),
};

export async function listMembers(db: OcpDatabase, user: OcpUser, teamId: string): Promise<MemberView[]> {
  await readTeam(db, user, teamId, 'read');
  return db
    .select(memberColumns)
    .from(userTeamMemberships)
    .innerJoin(authUsers, eq(authUsers.id, userTeamMemberships.userId))
    .leftJoin(userProfiles, eq(userProfiles.id, userTeamMemberships.userId))
    .where(eq(userTeamMemberships.teamId, teamId))
    .orderBy(asc(authUsers.email));
}

async function member(db: OcpDatabase, teamId: string, userId: string): Promise<MemberView> {
  const [row] = await db
    .select(memberColumns)
    .from(userTeamMemberships)
    .innerJoin(authUsers, eq(authUsers.id, userTeamMemberships.userId))
    .leftJoin(userProfiles, eq(userProfiles.id, userTeamMemberships.userId))
    .where(and(eq(userTeamMemberships.teamId, teamId), eq(userTeamMemberships.userId, userId)));
  if (!row) throw notFound('Member');
  return row;
}

/**
 * Membership changes lock the team row, so two admins demoting each other at the same moment cannot leave the
 * team without an admin: the second one sees the first one's change and gets CONFLICT.
 */
async function assertAdminRemains(tx: OcpDatabase, teamId: string, leaving: string) {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM user_team_memberships WHERE team_id = ${teamId} AND role = 'admin' AND user_id <> ${leaving}`,
  );
  if (!row || row.n === 0) throw conflict('A team needs at least one admin; make someone else admin first');
}

export async function setMemberRole(
  db: OcpDatabase,
  user: OcpUser,
  input: { teamId: string; userId: string; role: TeamRole },
): Promise<MemberView> {
  await db.transaction(async (tx) => {
    await readTeam(tx, user, input.teamId, 'manage', true);
    const current = await member(tx, input.teamId, input.userId);
    if (current.role === 'admin' && input.role !== 'admin') await assertAdminRemains(tx, input.teamId, input.userId);
    await tx
      .update(userTeamMemberships)
      .set({ role: input.role })
      .where(and(eq(userTeamMemberships.teamId, input.teamId), eq(userTeamMemberships.userId, input.userId)));
    await publishAccessChange(tx, input.userId);
  });
  return member(db, input.teamId, input.userId);
}

/** Admins remove anyone; any member may remove themselves (leave). The last admin cannot leave. */
export async function removeMember(
  db: OcpDatabase,
  user: OcpUser,
  input: { teamId: string; userId: string },
): Promise<{ teamId: string; userId: string }> {
  await db.transaction(async (tx) => {
    const team = await readTeam(tx, user, input.teamId, 'read', true);
    if (input.userId !== user.id && team.role !== 'admin') throw forbidden('Only team admins can remove other members');
    const current = await member(tx, input.teamId, input.userId);
    if (current.role === 'admin') await assertAdminRemains(tx, input.teamId, input.userId);
    await publishMembershipEvents(tx, input.teamId, input.userId);
    await tx
      .delete(userTeamMemberships)
      .where(and(eq(userTeamMemberships.teamId, input.teamId), eq(userTeamMemberships.userId, input.userId)));
    // Their open dashboard streams re-check access and end where it is gone.
    await publishAccessChange(tx, input.userId);
  });
  return input;
}
