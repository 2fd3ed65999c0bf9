import { z } from 'zod';
import { TOOL_NAMES } from './chat.js';
import { description, id, limit, owner, ownerXor, ownerXorMessage, settingsJson, title } from './common.js';

const instructions = z.string().trim().min(1).max(20_000);
/** Free-form, bounded; `tools` (when given) limits the agent to those tools. */
const capabilities = settingsJson.pipe(
  z.looseObject({ tools: z.array(z.enum(TOOL_NAMES)).max(TOOL_NAMES.length).optional() }),
);

export const listAgentsInput = z
  .strictObject({ ownerTeamId: id.optional(), includePublic: z.boolean().optional(), limit: limit.optional() })
  .default({});
export const createAgentInput = z
  .strictObject({
    name: title,
    description: description.optional(),
    instructions,
    capabilities: capabilities.optional(),
    ...owner,
    isPublic: z.boolean().optional(),
  })
  .refine(ownerXor, ownerXorMessage);
export const updateAgentInput = z.strictObject({
  id,
  name: title.optional(),
  description: description.optional(),
  instructions: instructions.optional(),
  capabilities: capabilities.optional(),
  isPublic: z.boolean().optional(),
});
