import { randomUUID } from 'node:crypto';
import type { ChatConfirmation, ChatCreatedItem, ChatMessageView, ChatSessionView } from '@ocp/contract';
import { chatMessages, chatSessions, type OcpDatabase, workspaceItems } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { runTurn } from '../chat/agent.js';
import { runConfirmed } from '../chat/confirmations.js';
import { type HubEvent, ReplyEvents } from '../chat/hub.js';
import type { ChatRuntime } from '../chat/runtime.js';
import type { OcpUser } from '../context.js';
import { agentTools, getAgent } from './agents.js';
import { authorizeDashboard } from './dashboards.js';
import { conflict, notFound } from './errors.js';
import { resolveModel } from './models.js';
import { iso, rows } from './sql.js';

const SESSION = 'Chat session';
const DEFAULT_TITLE = 'New chat';

const sessionColumns = {
  id: chatSessions.id,
  title: chatSessions.title,
  contextType: chatSessions.contextType,
  contextId: chatSessions.contextId,
  createdAt: iso(chatSessions.createdAt),
  updatedAt: iso(chatSessions.updatedAt),
};

const messageColumns = {
  id: chatMessages.id,
  role: sql<ChatMessageView['role']>`${chatMessages.role}`,
  content: sql<ChatMessageView['content']>`${chatMessages.content}`,
  agentId: chatMessages.agentId,
  llmModelId: chatMessages.llmModelId,
  createdItems: sql<ChatCreatedItem[] | null>`${chatMessages.createdItems}`,
  outputRouting: sql<Record<string, unknown> | null>`${chatMessages.outputRouting}`,
  createdAt: iso(chatMessages.createdAt),
};

/** A session is its user's alone: anyone else's id is NOT_FOUND, exactly like a random one. */
async function ownSession(db: OcpDatabase, user: OcpUser, id: string) {
  const [row] = await db
    .select(sessionColumns)
    .from(chatSessions)
    .where(and(eq(chatSessions.id, id), eq(chatSessions.userId, user.id)));
  if (!row) throw notFound(SESSION);
  return row;
}

export type ContextType = 'dashboard' | 'dataset' | 'workspace' | 'global';

/** What a session is about must be visible to its user: a dashboard they can read, or one of their datasets. */
async function checkContext(db: OcpDatabase, user: OcpUser, type: ContextType | undefined, id: string | undefined) {
  if (type === 'dashboard') await authorizeDashboard(db, user.id, id!, 'read');
  if (type === 'dataset') {
    const [item] = await db
      .select({ id: workspaceItems.id })
      .from(workspaceItems)
      .where(
        and(eq(workspaceItems.id, id!), eq(workspaceItems.userId, user.id), eq(workspaceItems.itemType, 'dataset')),
      );
    if (!item) throw notFound('Dataset');
  }
}

export async function createSession(
  db: OcpDatabase,
  user: OcpUser,
  input: { title?: string; contextType?: ContextType; contextId?: string; settings?: Record<string, unknown> },
): Promise<ChatSessionView> {
  await checkContext(db, user, input.contextType, input.contextId);
  const [row] = await db
    .insert(chatSessions)
    .values({
      userId: user.id,
      title: input.title ?? DEFAULT_TITLE,
      contextType: input.contextType ?? null,
      contextId: input.contextId ?? null,
      settings: input.settings ?? {},
    })
    .returning({ id: chatSessions.id });
  return ownSession(db, user, row!.id);
}

/** The caller's sessions, most recently active first; optionally those about one dashboard or dataset. */
export async function listSessions(
  db: OcpDatabase,
  user: OcpUser,
  input: { contextType?: ContextType; contextId?: string; limit?: number },
): Promise<ChatSessionView[]> {
  return db
    .select(sessionColumns)
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.userId, user.id),
        input.contextType ? eq(chatSessions.contextType, input.contextType) : undefined,
        input.contextId ? eq(chatSessions.contextId, input.contextId) : undefined,
      ),
    )
    .orderBy(desc(chatSessions.updatedAt), desc(chatSessions.id))
    .limit(input.limit ?? 100);
}

/** The last `limit` messages of a session, oldest first. */
async function lastMessages(db: OcpDatabase, sessionId: string, limit: number): Promise<ChatMessageView[]> {
  const found = await db
    .select(messageColumns)
    .from(chatMessages)
    .where(eq(chatMessages.chatSessionId, sessionId))
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .limit(limit);
  return found.reverse();
}

export async function getSession(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string; limit?: number },
): Promise<ChatSessionView & { messages: ChatMessageView[] }> {
  const session = await ownSession(db, user, input.id);
  return { ...session, messages: await lastMessages(db, session.id, input.limit ?? 200) };
}

export async function deleteSession(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  const deleted = await db
    .delete(chatSessions)
    .where(and(eq(chatSessions.id, id), eq(chatSessions.userId, user.id)))
    .returning({ id: chatSessions.id });
  if (deleted.length === 0) throw notFound(SESSION);
  return { id };
}

/**
 * chat.send: stores the user's message, runs the agent (its events stream to the session's `chat.stream`
 * subscribers as they happen), stores the reply and returns it. Tools act as the caller. One reply at a time per
 * session. When the model provider fails, the partial reply is stored with `content.error`, an `error` event goes
 * out, and the call fails with the provider's code (GATEWAY_TIMEOUT, BAD_GATEWAY, TOO_MANY_REQUESTS) and a message
 * meant for the user.
 */
export async function sendMessage(
  db: OcpDatabase,
  runtime: ChatRuntime,
  user: OcpUser,
  input: { sessionId: string; content: string; agentId?: string; modelId?: string },
  signal?: AbortSignal,
): Promise<ChatMessageView> {
  const session = await ownSession(db, user, input.sessionId);
  const agent = input.agentId ? await getAgent(db, user, input.agentId) : null;
  // The chat's pick, else the model the agent names (its capabilities.modelId), else the default.
  const agentModel = typeof agent?.capabilities.modelId === 'string' ? agent.capabilities.modelId : undefined;
  const model = await resolveModel(db, runtime, input.modelId ?? agentModel);
  if (runtime.busy.has(session.id)) throw conflict('The previous reply in this chat is still being written');
  runtime.busy.add(session.id);
  try {
    const history = await lastMessages(db, session.id, runtime.options.historyMessages * 2);
    // clock_timestamp, not now(): the request is one transaction, where now() would give the question and its
    // reply the same instant and leave their order to the ids.
    await db.insert(chatMessages).values({
      chatSessionId: session.id,
      role: 'user',
      content: { text: input.content },
      createdAt: sql`clock_timestamp()`,
    });
    const messageId = randomUUID();
    const events = new ReplyEvents(runtime.hub, session.id, messageId);
    const started = performance.now();
    const turn = await runTurn({
      db,
      user,
      options: runtime.options,
      route: model.route,
      session,
      agent,
      tools: agentTools(agent),
      history,
      content: input.content,
      events,
      signal,
    });
    const placed = turn.routes.some((r) => r.to === 'slot');
    await db.insert(chatMessages).values({
      id: messageId,
      chatSessionId: session.id,
      role: 'assistant',
      createdAt: sql`clock_timestamp()`,
      content: {
        text: turn.text,
        ...(turn.confirmations.length ? { confirmations: turn.confirmations } : {}),
        ...(turn.changeSet ? { changeSet: turn.changeSet } : {}),
        ...(turn.error ? { error: turn.error.message } : {}),
      },
      agentId: agent?.id ?? null,
      llmModelId: model.id,
      createdItems: turn.created.length ? turn.created : null,
      outputRouting: turn.routes.length ? { destination: placed ? 'slot' : 'workspace', routes: turn.routes } : null,
      metadata: {
        model: { provider: model.provider, modelId: model.modelId },
        rounds: turn.rounds,
        toolCalls: turn.toolCalls,
        durationMs: Math.round(performance.now() - started),
      },
    });
    const firstLine = input.content.split('\n')[0]!.trim().slice(0, 60);
    await db
      .update(chatSessions)
      .set(session.title === DEFAULT_TITLE && firstLine ? { title: firstLine } : { updatedAt: sql`now()` })
      .where(eq(chatSessions.id, session.id));
    const [message] = await db.select(messageColumns).from(chatMessages).where(eq(chatMessages.id, messageId));
    if (turn.error) {
      if (turn.text || turn.created.length || turn.confirmations.length || turn.changeSet)
        events.emit({ type: 'done', message: message! });
      events.emit({ type: 'error', message: turn.error.message });
      throw new TRPCError({ code: turn.error.code, message: turn.error.message });
    }
    events.emit({ type: 'done', message: message! });
    return message!;
  } finally {
    runtime.busy.delete(session.id);
  }
}

const CONFIRMATION = 'Confirmation';

/**
 * chat.confirm: the user's decision on an action a reply asked for (making something public, a sharing link).
 * Only the session's user decides, once: the first decision wins (a conditional UPDATE), a later one is CONFLICT.
 * "confirm" runs the action as the user through the API's services, so access is checked as it stands now; when
 * it fails, the confirmation is marked `failed` and the call fails with the service's code. The answer to a
 * confirmed sharing link carries its URL (with the token) this once; the stored confirmation keeps only its id.
 */
export async function decideConfirmation(
  db: OcpDatabase,
  user: OcpUser,
  input: { sessionId: string; confirmationId: string; decision: 'confirm' | 'cancel' },
  shareUrl: (token: string) => string,
): Promise<ChatConfirmation> {
  const session = await ownSession(db, user, input.sessionId);
  const [found] = await rows<{ message_id: string; position: number; confirmation: unknown }>(
    db,
    sql`SELECT m.id AS message_id, (c.ordinality - 1)::int AS position, c.value AS confirmation
          FROM chat_messages m
         CROSS JOIN LATERAL jsonb_array_elements(
                CASE WHEN jsonb_typeof(m.content->'confirmations') = 'array' THEN m.content->'confirmations' ELSE '[]'::jsonb END
              ) WITH ORDINALITY c
         WHERE m.chat_session_id = ${session.id} AND m.role = 'assistant' AND c.value->>'id' = ${input.confirmationId}
         LIMIT 1`,
  );
  if (!found) throw notFound(CONFIRMATION);
  const position = String(found.position);
  const set = (path: string, value: unknown) =>
    sql`jsonb_set(content, ARRAY['confirmations', ${position}::text, ${path}::text], ${JSON.stringify(value)}::jsonb)`;
  const status = input.decision === 'confirm' ? 'confirmed' : 'cancelled';
  const claimed = await db
    .update(chatMessages)
    .set({ content: set('status', status) })
    .where(
      and(
        eq(chatMessages.id, found.message_id),
        sql`${chatMessages.content}->'confirmations'->${found.position}::int->>'id' = ${input.confirmationId}`,
        sql`${chatMessages.content}->'confirmations'->${found.position}::int->>'status' = 'pending'`,
      ),
    )
    .returning({ id: chatMessages.id });
  const confirmation = (
    typeof found.confirmation === 'string' ? JSON.parse(found.confirmation) : found.confirmation
  ) as ChatConfirmation;
  if (claimed.length === 0) throw conflict('This was already decided');
  if (status === 'cancelled') return { ...confirmation, status };
  try {
    const { stored, shown } = await runConfirmed(db, user, confirmation, shareUrl);
    await db
      .update(chatMessages)
      .set({ content: set('result', stored) })
      .where(eq(chatMessages.id, found.message_id));
    return { ...confirmation, status, result: shown };
  } catch (error) {
    const message = error instanceof TRPCError ? error.message : 'The action failed';
    await db
      .update(chatMessages)
      .set({
        content: sql`jsonb_set(${set('status', 'failed')}, ARRAY['confirmations', ${position}::text, 'error'], ${JSON.stringify(message)}::jsonb)`,
      })
      .where(eq(chatMessages.id, found.message_id));
    throw error;
  }
}

const EVENT_ID = /^([0-9a-f-]{36})\.(?:\d+|done)$/i;

/** Replies stored after the message of `lastEventId`: what a client missed while no process held its events. */
async function repliesAfter(db: OcpDatabase, sessionId: string, lastEventId: string): Promise<ChatMessageView[]> {
  const messageId = EVENT_ID.exec(lastEventId)?.[1];
  if (!messageId) return [];
  return db
    .select(messageColumns)
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.chatSessionId, sessionId),
        eq(chatMessages.role, 'assistant'),
        sql`${chatMessages.createdAt} > (SELECT m.created_at FROM chat_messages m WHERE m.id = ${messageId}::uuid AND m.chat_session_id = ${sessionId}::uuid)`,
      ),
    )
    .orderBy(chatMessages.createdAt, chatMessages.id)
    .limit(50);
}

/** Undelivered events per subscriber before deltas are dropped (a stalled client; `done` still carries the text). */
const MAX_QUEUE = 10_000;

/**
 * chat.stream: the session's events from now on (or after `lastEventId`), until the client goes away. Authorized
 * once, like a get: another user's session is NOT_FOUND.
 */
export async function* streamSession(
  db: OcpDatabase,
  runtime: ChatRuntime,
  user: OcpUser,
  input: { sessionId: string; lastEventId?: string | null },
  signal?: AbortSignal,
): AsyncGenerator<HubEvent> {
  await ownSession(db, user, input.sessionId);
  const queue: HubEvent[] = [];
  let wake: (() => void) | null = null;
  const { backlog, detach } = runtime.hub.attach(input.sessionId, input.lastEventId, (e) => {
    if (queue.length >= MAX_QUEUE && e.event.type === 'delta') return;
    queue.push(e);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    const replayed = new Set<string>();
    if (backlog) queue.unshift(...backlog);
    else {
      for (const message of await repliesAfter(db, input.sessionId, input.lastEventId!)) {
        replayed.add(message.id);
        yield { id: `${message.id}.done`, event: { type: 'done', message } };
      }
    }
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        if (next.event.type !== 'done' || !replayed.has(next.event.message.id)) yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    detach();
    signal?.removeEventListener('abort', onAbort);
  }
}
