import { signInInput, signUpInput } from '@ocp/contract';
import { limitPasswordFailures, normalizeEmail, signIn, signOut, signOutEverywhere, signUp } from '../services/auth.js';
import { authedOwnerProcedure, ownerProcedure, rateLimited, router } from '../trpc.js';

export const authRouter = router({
  signUp: ownerProcedure
    .use(rateLimited('signUp'))
    .input(signUpInput)
    .mutation(({ ctx, input }) => signUp(ctx.db, ctx.auth, ctx.notify, input)),
  signIn: ownerProcedure
    .input(signInInput)
    .mutation(({ ctx, input }) =>
      limitPasswordFailures(ctx.limits, ctx.ip, normalizeEmail(input.email), () => signIn(ctx.db, ctx.auth, input)),
    ),
  /** Ends this token only. */
  signOut: authedOwnerProcedure.mutation(({ ctx }) => signOut(ctx.auth, ctx.user)),
  /** Ends every token of the caller, on every device, this one included. */
  signOutEverywhere: authedOwnerProcedure.mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.auth, ctx.user)),
});
