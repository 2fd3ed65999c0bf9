import { authUsers, type OcpDatabase } from '@ocp/db';
import type { OcpUser } from '../context.js';
import { type AuthAdapter, isUserId } from './adapter.js';

export interface HostAuthOptions {
  /**
   * When given, each new user id is recorded in auth.users (once per process), because dashboards, charts and
   * memberships reference it. Leave it out when the host's users already live there (Supabase).
   */
  db?: OcpDatabase;
}

/**
 * The host decides who is calling (its own session cookie, an API key, a gateway header...). `resolveUser`
 * returns the caller or null; ids must be UUIDs.
 */
export function hostAuth(
  resolveUser: (req: { headers: Headers }) => Promise<OcpUser | null> | OcpUser | null,
  options: HostAuthOptions = {},
): AuthAdapter {
  const known = new Set<string>();
  return {
    async resolveUser(req) {
      const user = await resolveUser(req);
      if (!user || !isUserId(user.id)) return null;
      if (options.db && !known.has(user.id)) {
        await options.db
          .insert(authUsers)
          .values({ id: user.id, email: user.email?.toLowerCase() ?? null })
          .onConflictDoNothing();
        if (known.size > 100_000) known.clear();
        known.add(user.id);
      }
      return { id: user.id, email: user.email ?? null };
    },
  };
}
