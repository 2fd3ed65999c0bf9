import { byIdInput, createAgentInput, listAgentsInput, updateAgentInput } from '@ocp/contract';
import { createAgent, deleteAgent, getAgent, listAgents, updateAgent } from '../services/agents.js';
import { authedProcedure, router } from '../trpc.js';

export const agentsRouter = router({
  list: authedProcedure.input(listAgentsInput).query(({ ctx, input }) => listAgents(ctx.db, ctx.user, input)),
  get: authedProcedure.input(byIdInput).query(({ ctx, input }) => getAgent(ctx.db, ctx.user, input.id)),
  create: authedProcedure.input(createAgentInput).mutation(({ ctx, input }) => createAgent(ctx.db, ctx.user, input)),
  update: authedProcedure.input(updateAgentInput).mutation(({ ctx, input }) => updateAgent(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteAgent(ctx.db, ctx.user, input.id)),
});
