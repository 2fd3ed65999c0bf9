import { z } from 'zod';
import { TOOL_NAMES } from '../chat/tools.js';
import { createAgent, deleteAgent, getAgent, listAgents, updateAgent } from '../services/agents.js';
import { authedProcedure, router } from '../trpc.js';
import { description, id, limit, owner, ownerXor, ownerXorMessage, settingsJson, title } from './inputs.js';

const instructions = z.string().trim().min(1).max(20_000);
/** Free-form, bounded; `tools` (when given) limits the agent to those tools. */
const capabilities = settingsJson.pipe(
  z.looseObject({ tools: z.array(z.enum(TOOL_NAMES)).max(TOOL_NAMES.length).optional() }),
);

export const agentsRouter = router({
  list: authedProcedure
    .input(
      z
        .strictObject({ ownerTeamId: id.optional(), includePublic: z.boolean().optional(), limit: limit.optional() })
        .default({}),
    )
    .query(({ ctx, input }) => listAgents(ctx.db, ctx.user, input)),
  get: authedProcedure.input(z.strictObject({ id })).query(({ ctx, input }) => getAgent(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(
      z
        .strictObject({
          name: title,
          description: description.optional(),
          instructions,
          capabilities: capabilities.optional(),
          ...owner,
          isPublic: z.boolean().optional(),
        })
        .refine(ownerXor, ownerXorMessage),
    )
    .mutation(({ ctx, input }) => createAgent(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(
      z.strictObject({
        id,
        name: title.optional(),
        description: description.optional(),
        instructions: instructions.optional(),
        capabilities: capabilities.optional(),
        isPublic: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateAgent(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteAgent(ctx.db, ctx.user, input.id)),
});
