import {
  byIdInput,
  confirmChatInput,
  createChatSessionInput,
  decideChangesInput,
  getChatSessionInput,
  listChatSessionsInput,
  previewChangesInput,
  sendChatInput,
  streamChatInput,
} from '@ocp/contract';
import { TRPCError, tracked } from '@trpc/server';
import {
  createSession,
  decideConfirmation,
  deleteSession,
  getSession,
  listSessions,
  sendMessage,
  streamSession,
} from '../services/chat.js';
import { decideChanges, previewChanges } from '../services/chat-changes.js';
import { authedProcedure, middleware, router, streamSlot } from '../trpc.js';

/** Model calls cost money and time: a token bucket per user (`chat` in the server's rate limits). */
const chatLimited = middleware(async function chatLimited({ ctx, next }) {
  if (!(await ctx.limits.take('chat', ctx.user?.id ?? ctx.ip, ctx.db))) {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many chat messages; wait a moment' });
  }
  return next();
});

const sessions = router({
  create: authedProcedure
    .input(createChatSessionInput)
    .mutation(({ ctx, input }) => createSession(ctx.db, ctx.user, input)),
  list: authedProcedure.input(listChatSessionsInput).query(({ ctx, input }) => listSessions(ctx.db, ctx.user, input)),
  get: authedProcedure.input(getChatSessionInput).query(({ ctx, input }) => getSession(ctx.db, ctx.user, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => deleteSession(ctx.db, ctx.user, input.id)),
});

/**
 * What a reply proposed (a change set): nothing of it is written until the user applies it here, as them. Undo
 * puts back what an applied set changed, in one step. NOT_FOUND for another user's session; CONFLICT once decided.
 */
const changes = router({
  decide: authedProcedure
    .input(decideChangesInput)
    .mutation(({ ctx, input }) => decideChanges(ctx.db, ctx.user, input)),
  preview: authedProcedure
    .input(previewChangesInput)
    .query(({ ctx, input }) => previewChanges(ctx.db, ctx.user, ctx.engine, input)),
});

export const chatRouter = router({
  sessions,
  changes,
  /** Stores the message, runs the agent, stores and returns the reply (which also streams on chat.stream). */
  send: authedProcedure
    .use(chatLimited)
    .input(sendChatInput)
    .mutation(({ ctx, input, signal }) => sendMessage(ctx.db, ctx.chat, ctx.user, input, signal)),
  /**
   * The user's decision on an action a reply asked for (making something public, creating a sharing link): only
   * this call runs it, as the caller. NOT_FOUND for another user's session or an unknown id; CONFLICT once decided.
   */
  confirm: authedProcedure
    .input(confirmChatInput)
    .mutation(({ ctx, input }) => decideConfirmation(ctx.db, ctx.user, input, ctx.shareUrl)),
  /**
   * The session's reply events over SSE, `tracked()` with ids `<messageId>.<n>`: deltas, tool calls, created items,
   * `done` with the stored reply, `error`. `lastEventId` (sent by tRPC's client when it reconnects) resumes.
   */
  stream: authedProcedure
    .use(streamSlot)
    .input(streamChatInput)
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const e of streamSession(ctx.db, ctx.chat, ctx.user, input, signal)) yield tracked(e.id, e.event);
    }),
});
