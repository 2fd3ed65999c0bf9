import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { OcpContext } from './context.js';

/**
 * The only initTRPC. No transformer: plain JSON on the wire (timestamps as ISO strings) so hosts in any
 * language can call us. Errors never carry stacks, and unexpected errors never carry their message
 * (a driver error can quote SQL): the client sees a generic text and the server logs the cause.
 */
const t = initTRPC.context<OcpContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    if (internal) console.error('[ocp] internal error:', error.cause ?? error);
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      message: internal ? 'Internal server error' : shape.message,
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

export const publicProcedure = t.procedure;

/** Requires a signed-in caller; narrows ctx.user to non-null. */
export const isAuthed = t.middleware(function isAuthed({ ctx, next }) {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const authedProcedure = t.procedure.use(isAuthed);
