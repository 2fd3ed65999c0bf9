import { z } from 'zod';
import {
  addMember,
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
    add: authedProcedure
      .input(z.strictObject({ teamId: id, email, role: role.default('viewer') }))
      .mutation(({ ctx, input }) => addMember(ctx.db, ctx.user, input)),
    setRole: authedProcedure
      .input(z.strictObject({ teamId: id, userId: id, role }))
      .mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.user, input)),
    remove: authedProcedure
      .input(z.strictObject({ teamId: id, userId: id }))
      .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.user, input)),
  }),
});
