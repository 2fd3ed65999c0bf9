import { signInInput, signUpInput } from '@ocp/contract';
import { limitPasswordFailures, normalizeEmail, signIn, signOut, signOutEverywhere, signUp } from '../services/auth.js';
import { authedProcedure, publicProcedure, rateLimited, router } from '../trpc.js';

export const authRouter = router({
  signUp: publicProcedure
    .use(rateLimited('signUp'))
    .input(signUpInput)
    .mutation(({ ctx, input }) => signUp(ctx.db, ctx.auth, ctx.notify, input)),
  signIn: publicProcedure
    .input(signInInput)
    .mutation(({ ctx, input }) =>
      limitPasswordFailures(ctx.limits, ctx.ip, normalizeEmail(input.email), () => signIn(ctx.db, ctx.auth, input)),
    ),
  /** Ends this token only. */
  signOut: authedProcedure.mutation(({ ctx }) => signOut(ctx.auth, ctx.user)),
  /** Ends every token of the caller, on every device, this one included. */
  signOutEverywhere: authedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.auth, ctx.user)),
});
