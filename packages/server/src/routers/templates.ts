import { layoutConfigSchema, positionConfigSchema, slotConstraintsSchema } from '@ocp/db';
import { z } from 'zod';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from '../services/templates.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';
import { description, httpsUrl, id, title } from './inputs.js';

const slot = z.strictObject({
  slotKey: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_"'),
  slotType: z.enum(['chart', 'metric', 'text']).default('chart'),
  positionConfig: positionConfigSchema,
  constraints: slotConstraintsSchema.default({}),
});
const fields = {
  name: title,
  description: description.optional(),
  layoutConfig: layoutConfigSchema,
  previewImageUrl: httpsUrl.nullable().optional(),
  slots: z.array(slot).min(1).max(64),
};

/** templates.create input (and the chat's create_template tool's). */
export const createTemplateInput = z.strictObject(fields);

export const templatesRouter = router({
  list: publicProcedure.query(({ ctx }) => listTemplates(ctx.db, ctx.user)),
  get: publicProcedure.input(z.strictObject({ id })).query(({ ctx, input }) => getTemplate(ctx.db, ctx.user, input.id)),
  create: authedProcedure
    .input(createTemplateInput)
    .mutation(({ ctx, input }) => createTemplate(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(z.strictObject({ id, ...z.strictObject(fields).partial().shape }))
    .mutation(({ ctx, input }) => updateTemplate(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteTemplate(ctx.db, ctx.user, input.id)),
});
