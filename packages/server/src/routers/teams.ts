import {
  byIdInput,
  createInvitationInput,
  createTeamInput,
  invitationRefInput,
  removeMemberInput,
  setMemberRoleInput,
  teamIdInput,
  updateTeamInput,
} from '@ocp/contract';
import {
  acceptInvitation,
  createInvitation,
  declineInvitation,
  listInvitations,
  myInvitations,
  revokeInvitation,
} from '../services/invitations.js';
import {
  createTeam,
  deleteTeam,
  getTeam,
  listMembers,
  listTeams,
  removeMember,
  setMemberRole,
  teamDeleteBlockers,
  updateTeam,
} from '../services/teams.js';
import { authedOwnerProcedure, authedProcedure, router } from '../trpc.js';

export const teamsRouter = router({
  list: authedProcedure.query(({ ctx }) => listTeams(ctx.db, ctx.user)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => getTeam(ctx.db, ctx.user, input.id)),
  create: authedProcedure.input(createTeamInput).mutation(({ ctx, input }) => createTeam(ctx.db, ctx.user, input)),
  update: authedProcedure.input(updateTeamInput).mutation(({ ctx, input }) => updateTeam(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteTeam(ctx.db, ctx.user, input.id)),
  /** What the team still owns (admins), so the app can say so before offering to delete it. */
  deleteBlockers: authedProcedure
    .input(byIdInput)
    .query(({ ctx, input }) => teamDeleteBlockers(ctx.db, ctx.user, input.id)),
  members: router({
    list: authedProcedure.input(teamIdInput).query(({ ctx, input }) => listMembers(ctx.db, ctx.user, input.teamId)),
    setRole: authedProcedure
      .input(setMemberRoleInput)
      .mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.user, input)),
    remove: authedProcedure
      .input(removeMemberInput)
      .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.user, input)),
  }),
  /** Membership by consent: admins invite an email, the invitee accepts or declines. */
  invitations: router({
    create: authedProcedure
      .input(createInvitationInput)
      .mutation(({ ctx, input }) => createInvitation(ctx.db, ctx.user, ctx.notify, input)),
    list: authedProcedure.input(teamIdInput).query(({ ctx, input }) => listInvitations(ctx.db, ctx.user, input.teamId)),
    revoke: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.user, input.id)),
    mine: authedProcedure.query(({ ctx }) => myInvitations(ctx.db, ctx.user)),
    accept: authedOwnerProcedure
      .input(invitationRefInput)
      .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.user, input)),
    decline: authedOwnerProcedure
      .input(invitationRefInput)
      .mutation(({ ctx, input }) => declineInvitation(ctx.db, ctx.user, input)),
  }),
});
