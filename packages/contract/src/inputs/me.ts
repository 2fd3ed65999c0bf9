import { z } from 'zod';
import { httpsUrl, password, settingsJson, title } from './common.js';

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

export const updateMeInput = z.strictObject({
  displayName: title.optional(),
  avatarUrl: httpsUrl.nullable().optional(),
  timezone: timezone.optional(),
  preferences: settingsJson.optional(),
  workspaceSettings: settingsJson.optional(),
});

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});
