import { z } from 'zod';
import { id, limit, settingsJson, timestamp, title } from './common.js';

/** The agent's tools, by name: what an agent's `capabilities.tools` may list. */
export const TOOL_NAMES = [
  'create_chart',
  'update_chart',
  'place_chart',
  'move_chart',
  'remove_chart',
  'create_tab',
  'set_tab_template',
  'create_template',
  'create_dashboard',
  'search_workspace',
  'describe_data',
  'get_context',
  'set_visibility',
  'create_share_link',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** What a session is about; `dashboard` and `dataset` need a `contextId` the caller can see. */
export const chatContextType = z.enum(['dashboard', 'dataset', 'workspace', 'global']);
/** One message: long enough for a request with pasted CSV, short enough to bound a model call. */
const content = z.string().trim().min(1).max(8000);

export const createChatSessionInput = z
  .strictObject({
    title: title.optional(),
    contextType: chatContextType.optional(),
    contextId: id.optional(),
    settings: settingsJson.optional(),
  })
  .refine((v) => (v.contextType === 'dashboard' || v.contextType === 'dataset') === (v.contextId !== undefined), {
    message: 'contextId goes with contextType "dashboard" or "dataset" (and only with them)',
    path: ['contextId'],
  })
  .default({});
export const listChatSessionsInput = z
  .strictObject({ contextType: chatContextType.optional(), contextId: id.optional(), limit: limit.optional() })
  .default({});
export const getChatSessionInput = z.strictObject({ id, limit: limit.optional() });
export const sendChatInput = z.strictObject({ sessionId: id, content, agentId: id.optional(), modelId: id.optional() });
export const confirmChatInput = z.strictObject({
  sessionId: id,
  confirmationId: id,
  decision: z.enum(['confirm', 'cancel']).default('confirm'),
});
/** chat.changes.decide: apply or discard a proposed change set, or undo an applied one. */
export const decideChangesInput = z.strictObject({
  sessionId: id,
  changeSetId: id,
  decision: z.enum(['apply', 'discard', 'undo']),
});
/** chat.changes.preview: the dashboard as a proposed change set would leave it. */
export const previewChangesInput = z.strictObject({ sessionId: id, changeSetId: id });
export const streamChatInput = z.strictObject({ sessionId: id, lastEventId: z.string().max(100).nullish() });

/** set_visibility: what an agent may only ask for, and `chat.confirm` runs. */
export const setVisibilityInput = z.strictObject({
  resourceType: z.enum(['chart', 'dashboard']),
  id,
  isPublic: z.boolean(),
});
/** create_share_link: likewise. */
export const createShareLinkInput = z.strictObject({
  resourceType: z.enum(['dashboard', 'chart', 'template']),
  resourceId: id,
  /** Viewers of the link may hover, zoom and switch tabs (default: view only). */
  interact: z.boolean().optional(),
  expiresAt: timestamp.nullable().optional(),
});
