import { DEFAULT_JSON_LIMITS, findJsonProblem } from '@ocp/contract';
import { claimsOf, isDatabaseUnavailable, pgErrorCode, withClaims } from '@ocp/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { OcpContext } from './context.js';
import type { RateLimitName } from './http/rate-limit.js';

/** Heartbeat interval of SSE streams (events.dashboard). */
export const SSE_PING_MS = 10_000;

/**
 * The only initTRPC. No transformer: plain JSON on the wire (timestamps as ISO strings) so hosts in any
 * language can call us. Errors never carry stacks, and unexpected errors never carry their message
 * (a driver error can quote SQL): the client sees a generic text and the server logs the cause.
 */
const t = initTRPC.context<OcpContext>().create({
  isDev: false,
  // Subscriptions over SSE: a ping every 10 s keeps idle streams alive through proxies (which commonly cut a
  // silent connection after 30–60 s), and tells the client to reconnect when 25 s pass without a byte.
  sse: { ping: { enabled: true, intervalMs: SSE_PING_MS }, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    if (internal) console.error('[ocp] internal error:', error.cause ?? error);
    const zod = error.cause instanceof ZodError ? error.cause : null;
    // zod's own message is its issue list as JSON (regexes included); a readable one-liner serves callers better.
    const message = internal
      ? 'Internal server error'
      : zod
        ? `Invalid input: ${zod.issues
            .slice(0, 5)
            .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
            .join('; ')}`
        : shape.message;
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        // Field-level validation problems: [{ path: 'layoutConfig.columns', message: '…' }]
        issues: zod?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * The raw input, before zod sees it: JSON.parse turns `"__proto__"` into an own key, and a schema that copies
 * objects (records, loose objects) would silently turn it back into a prototype. So prototype keys, absurd
 * nesting and oversized documents are refused here, iteratively and before any parsing cost. Per-field limits
 * (JSON configs depth 32, arrays `.max()`) are the schemas' job; this is the floor under all of them.
 */
const RAW_INPUT_LIMITS = { ...DEFAULT_JSON_LIMITS, maxDepth: 40, maxNodes: 600_000, maxStringLength: 1_000_000 };
export const guardInput = t.middleware(async function guardInput({ getRawInput, next }) {
  const problem = findJsonProblem(await getRawInput(), RAW_INPUT_LIMITS);
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid input: ${problem}` });
  return next();
});

/** The driver's code and message for the log (never for the client). */
function describeUnavailable(error: unknown): string {
  let e: unknown = error;
  while (e && typeof e === 'object' && (e as { cause?: unknown }).cause && !(e as { code?: unknown }).code)
    e = (e as { cause?: unknown }).cause;
  const { code, message } = (e ?? {}) as { code?: string; message?: string };
  return `${code ?? 'unknown'} ${message ?? ''}`.trim();
}

/** SQLSTATEs a procedure can reasonably hit, and the precise code each one means for the caller. */
const DB_ERRORS: Record<string, { code: TRPCError['code']; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'Conflicts with an existing record' },
  '23503': { code: 'CONFLICT', message: 'Conflicts with related records' },
  '23514': { code: 'BAD_REQUEST', message: 'Violates a data rule' },
  '23502': { code: 'BAD_REQUEST', message: 'A required value is missing' },
  '22P02': { code: 'BAD_REQUEST', message: 'Invalid value' },
  '22007': { code: 'BAD_REQUEST', message: 'Invalid date or time' },
  '22008': { code: 'BAD_REQUEST', message: 'Date or time out of range' },
  '22003': { code: 'BAD_REQUEST', message: 'Number out of range' },
  // A NUL character (or another one the database's encoding cannot hold) that got past the input guard.
  '22021': { code: 'BAD_REQUEST', message: 'Text contains a character the database cannot store' },
  '22P05': { code: 'BAD_REQUEST', message: 'Text contains a character the database cannot store' },
  '40001': { code: 'CONFLICT', message: 'Concurrent update, please retry' },
  '40P01': { code: 'CONFLICT', message: 'Concurrent update, please retry' },
  '57014': { code: 'TIMEOUT', message: 'The database took too long' },
  // Row-level security refused a row the service let through: a service bug the database caught (logged below).
  '42501': { code: 'FORBIDDEN', message: 'Not allowed' },
};

/**
 * Turns database errors the services did not anticipate into precise tRPC codes with fixed messages
 * (the driver's message can quote SQL or values, so it never reaches the client).
 */
export const mapDatabaseErrors = t.middleware(async function mapDatabaseErrors({ next }) {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(result.error.cause)) {
    console.error('[ocp] database unavailable:', describeUnavailable(result.error.cause));
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable; retry shortly',
      cause: result.error.cause,
    });
  }
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const sqlState = pgErrorCode(result.error.cause);
    if (sqlState === '42501')
      console.error('[ocp] row-level security refused a statement:', describeUnavailable(result.error.cause));
    const mapped = DB_ERRORS[sqlState ?? ''];
    if (mapped) throw new TRPCError({ ...mapped, cause: result.error.cause });
  }
  return result;
});

/**
 * A mutation answers once this process has heard every notification its writes sent (migration 0017's triggers):
 * the caller's very next read here, which may be answered from memory, sees the change (events/bus.ts, settle).
 * Outermost, so it runs after the procedure's transaction committed.
 */
const settleCaches = t.middleware(async function settleCaches({ ctx, next, type }) {
  const result = await next();
  if (type === 'mutation') await ctx.events.settle();
  return result;
});

const base = t.procedure.use(settleCaches).use(mapDatabaseErrors).use(guardInput);

/** Thrown inside the transaction to roll it back; never leaves asCaller. */
const ROLLBACK = Symbol('rollback');

/**
 * Runs the procedure in one transaction as the app role with the caller's claims (row-level security, migration
 * 0014), handing it that transaction as `ctx.db`. An expected error (NOT_FOUND, FORBIDDEN, CONFLICT…) commits what
 * ran before it, as autocommit did before (a refused chat action records its failure); a database error or an
 * unexpected one rolls back. Subscriptions are left alone: a stream lives for hours, a transaction must not.
 */
export const asCaller = t.middleware(async function asCaller({ ctx, next, type }) {
  if (!ctx.rls || type === 'subscription') return next();
  let result: Awaited<ReturnType<typeof next>> | undefined;
  try {
    await withClaims(ctx.rootDb, claimsOf(ctx.user), async (db) => {
      result = await next({ ctx: { ...ctx, db } });
      if (!result.ok && (result.error.code === 'INTERNAL_SERVER_ERROR' || pgErrorCode(result.error.cause)))
        throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return result!;
});

/**
 * The owner connection, no caller identity: sign-up and sign-in (auth.users), sharing tokens (the service looks the
 * link up, then reads as the link's creator). Each use is listed in docs/security.md.
 */
export const ownerProcedure = base;

/** Anyone, signed in or not; as the caller (anonymous claims without a user). */
export const publicProcedure = base.use(asCaller);

/** Requires a signed-in caller; narrows ctx.user to non-null. */
export const isAuthed = t.middleware(function isAuthed({ ctx, next }) {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Signed in, on the owner connection: password changes and token revocation (auth tables are the owner's). */
export const authedOwnerProcedure = base.use(isAuthed);

export const authedProcedure = base.use(isAuthed).use(asCaller);

/**
 * Per-client token buckets (see http/rate-limit.ts). With `refundOnSuccess`, only failed calls spend a token:
 * sharing links are limited by how many wrong tokens a client tries, not by how many charts a viewer loads.
 */
export function rateLimited(name: RateLimitName, options: { refundOnSuccess?: boolean } = {}) {
  return t.middleware(async function rateLimit({ ctx, next }) {
    const key = ctx.ip;
    if (!(await ctx.limits.take(name, key, ctx.db))) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests, slow down' });
    }
    const result = await next();
    if (result.ok && options.refundOnSuccess) await ctx.limits.refund(name, key, ctx.db);
    return result;
  });
}

/**
 * Live streams (subscriptions) hold a slot of the caller's per-user allowance from the moment they are accepted
 * until they end, however they end: the client leaves (abort), the stream finishes, or the resolver fails.
 */
export const streamSlot = t.middleware(async function streamSlot({ ctx, next, signal }) {
  const release = ctx.streams.acquire(ctx.user?.id ?? `ip:${ctx.ip}`);
  if (!release) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `Too many live streams open (at most ${ctx.streams.max} per user); close other tabs or windows and retry`,
    });
  }
  signal?.addEventListener('abort', release, { once: true });
  const result = await next();
  const source = result.ok ? (result.data as AsyncIterable<unknown> | null) : null;
  if (!source || typeof source[Symbol.asyncIterator] !== 'function') {
    release();
    return result;
  }
  return {
    ...result,
    data: (async function* () {
      try {
        yield* source;
      } finally {
        release();
        signal?.removeEventListener('abort', release);
      }
    })(),
  };
});
