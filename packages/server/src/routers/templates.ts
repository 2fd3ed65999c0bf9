import { byIdInput, createTemplateInput, updateTemplateInput } from '@ocp/contract';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from '../services/templates.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';

export const templatesRouter = router({
  list: publicProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.user)),
  get: publicProcedure.input(byIdInput).query(({ ctx, input }) => getTemplate(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(createTemplateInput)
    .mutation(({ ctx, input }) => createTemplate(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(updateTemplateInput)
    .mutation(({ ctx, input }) => updateTemplate(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteTemplate(ctx.db, ctx.user, input.id)),
});
