import { z } from 'zod';
import { layoutConfigSchema, positionConfigSchema, slotConstraintsSchema } from '../json/layout.js';
import { description, httpsUrl, id, title } from './common.js';

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
  /** Share with this team (the caller edits in it); null or absent: the caller's own. */
  ownerTeamId: id.nullable().optional(),
};

/** templates.create input (and the chat's create_template tool's). */
export const createTemplateInput = z.strictObject(fields);
export const updateTemplateInput = z.strictObject({ id, ...z.strictObject(fields).partial().shape });
