import { changePasswordInput, updateMeInput } from '@ocp/contract';
import { changePassword, limitPasswordFailures } from '../services/auth.js';
import { getMe, updateMe } from '../services/me.js';
import { authedOwnerProcedure, authedProcedure, router } from '../trpc.js';

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.user)),
  update: authedProcedure.input(updateMeInput).mutation(({ ctx, input }) => updateMe(ctx.db, ctx.user, input)),
  /** Ends every other session (token generation bumped) and returns a fresh token for this one. */
  changePassword: authedOwnerProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) =>
      limitPasswordFailures(ctx.limits, ctx.ip, ctx.user.id, () => changePassword(ctx.db, ctx.auth, ctx.user, input)),
    ),
});
