import { z } from 'zod';
import { getMe, updateMe } from '../services/me.js';
import { authedProcedure, router } from '../trpc.js';
import { httpsUrl, settingsJson, title } from './inputs.js';

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
});
