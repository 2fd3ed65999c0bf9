import { type OcpDatabase, type TeamRole, teamInvitations, teams, userProfiles, userTeamMemberships } from '@ocp/db';
import { and, asc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { dispatch, type NotifyHook } from '../notify.js';
import { authorize, teamRoleSql } from './access.js';
import { normalizeEmail, storedEmail } from './auth.js';
import { conflict, notFound } from './errors.js';
import { hashShareToken as hashToken, newShareToken as newToken } from './sharing.js';
import { iso, qualified, rows } from './sql.js';
import { getTeam, readTeam, type TeamView } from './teams.js';

const INVITATION = 'Invitation';
/** How long an invitation can be accepted. */
export const INVITATION_TTL_DAYS = 7;

/** A pending invitation as the team's admins see it. */
export interface InvitationView {
  id: string;
  teamId: string;
  email: string;
  role: TeamRole;
  invitedBy: string | null;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
  /** Past its expiry: it can no longer be accepted; invite again to renew it. */
  expired: boolean;
}

/** A pending invitation as the invitee sees it. */
export interface MyInvitationView {
  id: string;
  team: { id: string; name: string };
  role: TeamRole;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
}

const inviterName = sql<
  string | null
>`(SELECT p.display_name FROM user_profiles p WHERE p.id = ${qualified(teamInvitations.invitedBy)})`;

const adminColumns = {
  id: teamInvitations.id,
  teamId: teamInvitations.teamId,
  email: teamInvitations.email,
  role: teamInvitations.role,
  invitedBy: teamInvitations.invitedBy,
  invitedByName: inviterName,
  createdAt: iso(teamInvitations.createdAt),
  expiresAt: iso(teamInvitations.expiresAt),
  expired: sql<boolean>`(${teamInvitations.expiresAt} <= now())`,
};

const pending = isNull(teamInvitations.acceptedAt);
const live = and(pending, gt(teamInvitations.expiresAt, sql`now()`));

/**
 * Invites an email to a team (admins). The answer is the same whether or not the address has an account: nothing
 * here looks accounts up. Inviting an address again renews its pending invitation (new token, role, expiry). The
 * token goes to the invitee through the notify hook only, never to the inviter. An address that already belongs to
 * a member is CONFLICT (admins see their members' emails anyway).
 */
export async function createInvitation(
  db: OcpDatabase,
  user: OcpUser,
  notify: NotifyHook,
  input: { teamId: string; email: string; role: TeamRole },
): Promise<InvitationView> {
  const email = normalizeEmail(input.email);
  const token = newToken();
  const { view, team } = await db.transaction(async (tx) => {
    const team = await readTeam(tx, user, input.teamId, 'manage', true);
    const [member] = await rows<{ found: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM user_team_memberships m JOIN auth.users u ON u.id = m.user_id
                          WHERE m.team_id = ${input.teamId} AND lower(u.email) = ${email}) AS found`,
    );
    if (member?.found) throw conflict('That address already belongs to a member of the team');
    const values = {
      role: input.role,
      invitedBy: user.id,
      tokenHash: hashToken(token),
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
      createdAt: sql`now()`,
    };
    const [row] = await tx
      .insert(teamInvitations)
      .values({ teamId: input.teamId, email, ...values })
      .onConflictDoUpdate({
        target: [teamInvitations.teamId, teamInvitations.email],
        targetWhere: sql`accepted_at IS NULL`,
        set: values,
      })
      .returning({ id: teamInvitations.id });
    const [view] = await tx.select(adminColumns).from(teamInvitations).where(eq(teamInvitations.id, row!.id));
    return { view: view!, team };
  });
  const [inviter] = await db
    .select({ name: userProfiles.displayName })
    .from(userProfiles)
    .where(eq(userProfiles.id, user.id));
  dispatch(notify, {
    type: 'team-invitation',
    email,
    team: { id: team.id, name: team.name },
    invitedBy: { id: user.id, displayName: inviter?.name ?? user.email ?? 'A team admin' },
    role: view.role,
    token,
    expiresAt: view.expiresAt,
  });
  return view;
}

/** The team's pending invitations, expired ones included (admins). */
export async function listInvitations(db: OcpDatabase, user: OcpUser, teamId: string): Promise<InvitationView[]> {
  await readTeam(db, user, teamId, 'manage');
  return db
    .select(adminColumns)
    .from(teamInvitations)
    .where(and(eq(teamInvitations.teamId, teamId), pending))
    .orderBy(asc(teamInvitations.email));
}

/**
 * Withdraws a pending invitation (admins of its team). An invitation of a team the caller is not in is NOT_FOUND,
 * word for word the answer for a random id.
 */
export async function revokeInvitation(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  const [row] = await db
    .select({ role: teamRoleSql(teamInvitations.teamId, user.id) })
    .from(teamInvitations)
    .where(and(eq(teamInvitations.id, id), pending));
  authorize(row, 'manage', INVITATION);
  await db.delete(teamInvitations).where(and(eq(teamInvitations.id, id), pending));
  return { id };
}

/** Invitations waiting for the caller: pending, unexpired, addressed to the caller's email. */
export async function myInvitations(db: OcpDatabase, user: OcpUser): Promise<MyInvitationView[]> {
  const email = await storedEmail(db, user);
  if (!email) return [];
  return db
    .select({
      id: teamInvitations.id,
      team: sql<{ id: string; name: string }>`json_build_object('id', ${teams.id}, 'name', ${teams.name})`,
      role: teamInvitations.role,
      invitedByName: inviterName,
      createdAt: iso(teamInvitations.createdAt),
      expiresAt: iso(teamInvitations.expiresAt),
    })
    .from(teamInvitations)
    .innerJoin(teams, eq(teams.id, teamInvitations.teamId))
    .where(and(eq(teamInvitations.email, email), live))
    .orderBy(asc(teams.name));
}

export type InvitationRef = { id: string } | { token: string };

/**
 * Which invitation the caller may answer: by id when it is addressed to the caller's email, or by its token
 * (which proves the invitee received it, whatever address they signed in with).
 */
async function answerable(db: OcpDatabase, user: OcpUser, ref: InvitationRef): Promise<SQL | null> {
  if ('token' in ref) return eq(teamInvitations.tokenHash, hashToken(ref.token));
  const email = await storedEmail(db, user);
  return email ? and(eq(teamInvitations.id, ref.id), eq(teamInvitations.email, email))! : null;
}

/** Joins the team with the invited role (a member already keeps their role); the invitation is kept as accepted. */
export async function acceptInvitation(db: OcpDatabase, user: OcpUser, ref: InvitationRef): Promise<TeamView> {
  const match = await answerable(db, user, ref);
  if (!match) throw notFound(INVITATION);
  const teamId = await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ id: teamInvitations.id, teamId: teamInvitations.teamId, role: teamInvitations.role })
      .from(teamInvitations)
      .where(and(match, live))
      .for('update');
    if (!invitation) throw notFound(INVITATION);
    await tx
      .insert(userTeamMemberships)
      .values({ teamId: invitation.teamId, userId: user.id, role: invitation.role })
      .onConflictDoNothing({ target: [userTeamMemberships.userId, userTeamMemberships.teamId] });
    await tx.update(teamInvitations).set({ acceptedAt: sql`now()` }).where(eq(teamInvitations.id, invitation.id));
    return invitation.teamId!;
  });
  return getTeam(db, user, teamId);
}

/** Declines (deletes) a pending invitation, expired or not. */
export async function declineInvitation(db: OcpDatabase, user: OcpUser, ref: InvitationRef): Promise<{ id: string }> {
  const match = await answerable(db, user, ref);
  const deleted = match
    ? await db.delete(teamInvitations).where(and(match, pending)).returning({ id: teamInvitations.id })
    : [];
  if (!deleted[0]) throw notFound(INVITATION);
  return { id: deleted[0].id };
}
