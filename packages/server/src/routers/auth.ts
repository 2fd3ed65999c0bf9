import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { signIn, signUp } from '../services/auth.js';
import { publicProcedure, rateLimited, router } from '../trpc.js';
import { email, title } from './inputs.js';

// scrypt's cost grows with the input: a bound keeps a megabyte "password" from being a denial of service.
const password = z.string().min(8).max(256);

export const authRouter = router({
  signUp: publicProcedure
    .use(rateLimited('signUp'))
    .input(z.strictObject({ email, password, displayName: title }))
    .mutation(({ ctx, input }) => signUp(ctx.db, ctx.auth, input)),
  signIn: publicProcedure
    .use(rateLimited('signIn'))
    .input(z.strictObject({ email, password: z.string().min(1).max(256) }))
    .mutation(({ ctx, input }) => {
      if (!ctx.limits.take('signInAccount', input.email.trim().toLowerCase())) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'Too many attempts for this account, wait a minute',
        });
      }
      return signIn(ctx.db, ctx.auth, input);
    }),
});
