import { z } from 'zod';
import { httpsUrl, password, settingsJson, timezone, title } from './common.js';

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
