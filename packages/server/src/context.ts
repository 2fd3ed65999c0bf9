import type { OcpDatabase } from '@ocp/db';

/** The authenticated caller, whatever adapter (embedded, Supabase, host) produced it. */
export interface OcpUser {
  id: string;
  email: string | null;
}

/** Everything a procedure may use. Built per request by the HTTP adapters, or directly in tests. */
export interface OcpContext {
  db: OcpDatabase;
  user: OcpUser | null;
  /** Client address, for rate limits. */
  ip: string;
}

/** The adapter-free context factory: services and routers are tested through createCaller with this. */
export function createContextInner(opts: { db: OcpDatabase; user?: OcpUser | null; ip?: string }): OcpContext {
  return { db: opts.db, user: opts.user ?? null, ip: opts.ip ?? 'local' };
}
