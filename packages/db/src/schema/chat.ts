import { sql } from 'drizzle-orm';
import { boolean, foreignKey, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, emptyJson, id, ownerXor, updatedAt } from './_columns.js';
import { authUsers } from './auth.js';
import { teams } from './users-teams.js';

export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: id(),
    userId: uuid('user_id'),
    title: text('title').notNull(),
    contextType: text('context_type'),
    contextId: uuid('context_id'),
    settings: emptyJson('settings'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: 'chat_sessions_user_id_fkey', columns: [t.userId], foreignColumns: [authUsers.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const llmModels = pgTable(
  'llm_models',
  {
    id: id(),
    provider: text('provider').notNull(),
    modelId: text('model_id').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description'),
    isActive: boolean('is_active').default(true),
    capabilities: emptyJson('capabilities'),
    createdAt: createdAt(),
  },
  (t) => [unique('llm_models_provider_model_id_key').on(t.provider, t.modelId)],
);

export const agents = pgTable(
  'agents',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    instructions: text('instructions').notNull(),
    capabilities: emptyJson('capabilities'),
    ownerUserId: uuid('owner_user_id'),
    ownerTeamId: uuid('owner_team_id'),
    isPublic: boolean('is_public').default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: 'agents_owner_user_id_fkey', columns: [t.ownerUserId], foreignColumns: [authUsers.id] }),
    foreignKey({ name: 'agents_owner_team_id_fkey', columns: [t.ownerTeamId], foreignColumns: [teams.id] }),
    ownerXor('agent_owner_check', t),
  ],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: id(),
    chatSessionId: uuid('chat_session_id'),
    role: text('role').notNull(),
    content: jsonb('content').notNull(),
    agentId: uuid('agent_id'),
    llmModelId: uuid('llm_model_id'),
    outputRouting: jsonb('output_routing'),
    createdItems: jsonb('created_items'),
    metadata: jsonb('metadata').default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'chat_messages_chat_session_id_fkey',
      columns: [t.chatSessionId],
      foreignColumns: [chatSessions.id],
    }).onDelete('cascade'),
    foreignKey({ name: 'chat_messages_agent_id_fkey', columns: [t.agentId], foreignColumns: [agents.id] }),
    foreignKey({ name: 'chat_messages_llm_model_id_fkey', columns: [t.llmModelId], foreignColumns: [llmModels.id] }),
  ],
);

export type ChatSession = typeof chatSessions.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
export type LlmModel = typeof llmModels.$inferSelect;
export type Agent = typeof agents.$inferSelect;
