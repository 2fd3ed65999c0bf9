import { z } from 'zod';
import { changePassword, limitPasswordFailures } from '../services/auth.js';
import { getMe, updateMe } from '../services/me.js';
import { authedProcedure, router } from '../trpc.js';
import { httpsUrl, password, settingsJson, title } from './inputs.js';

const timezone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone');

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.user)),
  update: authedProcedure
    .input(
      z.strictObject({
        displayName: title.optional(),
        avatarUrl: httpsUrl.nullable().optional(),
        timezone: timezone.optional(),
        preferences: settingsJson.optional(),
        workspaceSettings: settingsJson.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateMe(ctx.db, ctx.user, input)),
  /** Ends every other session (token generation bumped) and returns a fresh token for this one. */
  changePassword: authedProcedure
    .input(z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: password }))
    .mutation(({ ctx, input }) =>
      limitPasswordFailures(ctx.limits, ctx.ip, ctx.user.id, () => changePassword(ctx.db, ctx.auth, ctx.user, input)),
    ),
});
