import { z } from 'zod';
import { description, email, httpsUrl, id, settingsJson, title } from './common.js';

export const teamRole = z.enum(['admin', 'editor', 'viewer']);

export const createTeamInput = z.strictObject({
  name: title,
  description: description.optional(),
  avatarUrl: httpsUrl.nullable().optional(),
});
export const updateTeamInput = z.strictObject({
  id,
  name: title.optional(),
  description: description.optional(),
  avatarUrl: httpsUrl.nullable().optional(),
  settings: settingsJson.optional(),
});
export const teamIdInput = z.strictObject({ teamId: id });
export const setMemberRoleInput = z.strictObject({ teamId: id, userId: id, role: teamRole });
export const removeMemberInput = z.strictObject({ teamId: id, userId: id });
export const createInvitationInput = z.strictObject({ teamId: id, email, role: teamRole.default('viewer') });
/** An invitation, named by id (addressed to the caller's email) or by the token its invitee received. */
export const invitationRefInput = z.union([
  z.strictObject({ id }),
  z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation token') }),
]);
