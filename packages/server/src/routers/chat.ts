import { TRPCError, tracked } from '@trpc/server';
import { z } from 'zod';
import {
  createSession,
  decideConfirmation,
  deleteSession,
  getSession,
  listSessions,
  sendMessage,
  streamSession,
} from '../services/chat.js';
import { authedProcedure, middleware, router, streamSlot } from '../trpc.js';
import { id, limit, settingsJson, title } from './inputs.js';

/** Model calls cost money and time: a token bucket per user (`chat` in the server's rate limits). */
const chatLimited = middleware(async function chatLimited({ ctx, next }) {
  if (!ctx.limits.take('chat', ctx.user?.id ?? ctx.ip)) {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many chat messages; wait a moment' });
  }
  return next();
});

/** What a session is about; `dashboard` and `dataset` need a `contextId` the caller can see. */
const contextType = z.enum(['dashboard', 'dataset', 'workspace', 'global']);
/** One message: long enough for a request with pasted CSV, short enough to bound a model call. */
const content = z.string().trim().min(1).max(8000);

const sessions = router({
  create: authedProcedure
    .input(
      z
        .strictObject({
          title: title.optional(),
          contextType: contextType.optional(),
          contextId: id.optional(),
          settings: settingsJson.optional(),
        })
        .refine((v) => (v.contextType === 'dashboard' || v.contextType === 'dataset') === (v.contextId !== undefined), {
          message: 'contextId goes with contextType "dashboard" or "dataset" (and only with them)',
          path: ['contextId'],
        })
        .default({}),
    )
    .mutation(({ ctx, input }) => createSession(ctx.db, ctx.user, input)),
  list: authedProcedure
    .input(
      z
        .strictObject({ contextType: contextType.optional(), contextId: id.optional(), limit: limit.optional() })
        .default({}),
    )
    .query(({ ctx, input }) => listSessions(ctx.db, ctx.user, input)),
  get: authedProcedure
    .input(z.strictObject({ id, limit: limit.optional() }))
    .query(({ ctx, input }) => getSession(ctx.db, ctx.user, input)),
  delete: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => deleteSession(ctx.db, ctx.user, input.id)),
});

export const chatRouter = router({
  sessions,
  /** Stores the message, runs the agent, stores and returns the reply (which also streams on chat.stream). */
  send: authedProcedure
    .use(chatLimited)
    .input(z.strictObject({ sessionId: id, content, agentId: id.optional(), modelId: id.optional() }))
    .mutation(({ ctx, input, signal }) => sendMessage(ctx.db, ctx.user, input, signal)),
  /**
   * The user's decision on an action a reply asked for (making something public, creating a sharing link): only
   * this call runs it, as the caller. NOT_FOUND for another user's session or an unknown id; CONFLICT once decided.
   */
  confirm: authedProcedure
    .input(
      z.strictObject({
        sessionId: id,
        confirmationId: id,
        decision: z.enum(['confirm', 'cancel']).default('confirm'),
      }),
    )
    .mutation(({ ctx, input }) => decideConfirmation(ctx.db, ctx.user, input, ctx.shareUrl)),
  /**
   * The session's reply events over SSE, `tracked()` with ids `<messageId>.<n>`: deltas, tool calls, created items,
   * `done` with the stored reply, `error`. `lastEventId` (sent by tRPC's client when it reconnects) resumes.
   */
  stream: authedProcedure
    .use(streamSlot)
    .input(z.strictObject({ sessionId: id, lastEventId: z.string().max(100).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const e of streamSession(ctx.db, ctx.user, input, signal)) yield tracked(e.id, e.event);
    }),
});
