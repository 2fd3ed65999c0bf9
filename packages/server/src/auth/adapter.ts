import type { OcpDatabase } from '@ocp/db';
import type { OcpUser } from '../context.js';

/** Turns request headers into the caller. Implementations: embedded JWT, Supabase JWT, host-supplied. */
export interface AuthAdapter {
  resolveUser(req: { headers: Headers }): Promise<OcpUser | null>;
  /** Only adapters that own the accounts (embedded auth) sign tokens; auth.signUp/signIn need this. */
  issueToken?(user: OcpUser): Promise<string>;
  /** Ends the one token this caller came with (auth.signOut); `user.token` names it. */
  revokeToken?(user: OcpUser): Promise<void>;
  /**
   * Ends every token of the user signed so far (auth.signOutEverywhere, me.changePassword). `db` may be a
   * transaction, so a password change and the revocation commit together.
   */
  revokeAllTokens?(userId: string, db?: OcpDatabase): Promise<void>;
}

/** Everyone is anonymous: for read-only mounts that serve sharing links only. */
export const anonymousAuth: AuthAdapter = { resolveUser: async () => null };

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get('authorization');
  const match = value?.match(/^Bearer\s+(\S{1,8192})$/i);
  return match ? match[1]! : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** User ids are UUIDs (they are foreign keys to auth.users); anything else is not a caller. */
export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
