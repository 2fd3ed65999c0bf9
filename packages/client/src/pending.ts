/**
 * Procedures of SPEC §4 the server does not expose yet (chat, agents, models). The provider calls them
 * by their contract names with the contract's types, through this view of the client; until the server has them
 * the calls reject with NOT_FOUND (tRPC's answer for an unknown procedure) and subscriptions end with an error.
 * When a router lands, its procedures leave this file and the provider uses the inferred types.
 */
import type { AgentView, ChatMessageView, ChatSessionView, ChatStreamEvent, ModelView } from '@ocp/db/json';
import type { OcpClient } from './client.js';

type Query<I, O> = { query: (input: I) => Promise<O> };
type Mutation<I, O> = { mutate: (input: I) => Promise<O> };
type Subscription<I, O> = {
  subscribe: (
    input: I,
    handlers: { onData: (value: O) => void; onError?: (e: unknown) => void; onComplete?: () => void },
  ) => { unsubscribe: () => void };
};

export interface PendingProcedures {
  chat: {
    sessions: {
      create: Mutation<{ title?: string; contextType?: string; contextId?: string }, ChatSessionView>;
      get: Query<{ id: string }, ChatSessionView & { messages: ChatMessageView[] }>;
    };
    send: Mutation<{ sessionId: string; content: string; agentId?: string; modelId?: string }, ChatMessageView>;
    stream: Subscription<{ sessionId: string }, ChatStreamEvent | { id: string; data: ChatStreamEvent }>;
  };
  agents: { list: Query<void, AgentView[]> };
  models: { list: Query<void, ModelView[]> };
}

/** The client seen through the procedures it does not type yet. */
export function pending(client: OcpClient): PendingProcedures {
  return client as unknown as PendingProcedures;
}
