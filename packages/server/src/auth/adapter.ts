import type { OcpUser } from '../context.js';

/** Turns request headers into the caller. Implementations: embedded JWT, Supabase JWT, host-supplied. */
export interface AuthAdapter {
  resolveUser(req: { headers: Headers }): Promise<OcpUser | null>;
}

/** The default until an adapter is configured: everyone is anonymous. */
export const anonymousAuth: AuthAdapter = { resolveUser: async () => null };
