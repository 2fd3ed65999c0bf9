import { z } from 'zod';
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
  updateTeam,
} from '../services/teams.js';
import { authedProcedure, router } from '../trpc.js';
import { description, email, httpsUrl, id, settingsJson, title } from './inputs.js';

const role = z.enum(['admin', 'editor', 'viewer']);
/** An invitation, named by id (addressed to the caller's email) or by the token its invitee received. */
const invitationRef = z.union([
  z.strictObject({ id }),
  z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation token') }),
]);

export const teamsRouter = router({
  list: authedProcedure.query(({ ctx }) => listTeams(ctx.db, ctx.user)),
  get: authedProcedure.input(z.strictObject({ id })).query(({ ctx, input }) => getTeam(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(
      z.strictObject({ name: title, description: description.optional(), avatarUrl: httpsUrl.nullable().optional() }),
    )
    .mutation(({ ctx, input }) => createTeam(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(
      z.strictObject({
        id,
        name: title.optional(),
        description: description.optional(),
        avatarUrl: httpsUrl.nullable().optional(),
        settings: settingsJson.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateTeam(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteTeam(ctx.db, ctx.user, input.id)),
  members: router({
    list: authedProcedure
      .input(z.strictObject({ teamId: id }))
      .query(({ ctx, input }) => listMembers(ctx.db, ctx.user, input.teamId)),
    setRole: authedProcedure
      .input(z.strictObject({ teamId: id, userId: id, role }))
      .mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.user, input)),
    remove: authedProcedure
      .input(z.strictObject({ teamId: id, userId: id }))
      .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.user, input)),
  }),
  /** Membership by consent: admins invite an email, the invitee accepts or declines. */
  invitations: router({
    create: authedProcedure
      .input(z.strictObject({ teamId: id, email, role: role.default('viewer') }))
      .mutation(({ ctx, input }) => createInvitation(ctx.db, ctx.user, ctx.notify, input)),
    list: authedProcedure
      .input(z.strictObject({ teamId: id }))
      .query(({ ctx, input }) => listInvitations(ctx.db, ctx.user, input.teamId)),
    revoke: authedProcedure
      .input(z.strictObject({ id }))
      .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.user, input.id)),
    mine: authedProcedure.query(({ ctx }) => myInvitations(ctx.db, ctx.user)),
    accept: authedProcedure
      .input(invitationRef)
      .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.user, input)),
    decline: authedProcedure
      .input(invitationRef)
      .mutation(({ ctx, input }) => declineInvitation(ctx.db, ctx.user, input)),
  }),
});
