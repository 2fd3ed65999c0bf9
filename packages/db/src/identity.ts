import { sql } from 'drizzle-orm';
import type { OcpDatabase } from './client.js';

/**
 * The role requests run as (migration 0014): it cannot log in, owns nothing and has no BYPASSRLS, so the row-level
 * security policies decide what it sees. The connecting role is a member and switches to it per transaction.
 */
export const APP_ROLE = 'ocp_app';

/**
 * What `auth.uid()` and `auth.jwt()` read, in Supabase's shape: `sub` is the user's id (absent for an anonymous
 * caller, so auth.uid() is NULL and only public rows show), `role` is Supabase's role name.
 */
export interface DbClaims {
  sub?: string;
  email?: string | null;
  role: 'authenticated' | 'anon';
}

export function claimsOf(user: { id: string; email?: string | null } | null): DbClaims {
  return user ? { sub: user.id, email: user.email ?? null, role: 'authenticated' } : { role: 'anon' };
}

/**
 * Runs `fn` in a transaction as APP_ROLE with these claims, both set LOCAL (`set_config(…, true)`): they end with
 * the transaction, so a pooled connection (or a transaction pooler's) never carries one caller's identity into
 * another's work. One round trip besides BEGIN and COMMIT. `fn`'s own db.transaction calls become savepoints.
 */
export function withClaims<T>(db: OcpDatabase, claims: DbClaims, fn: (tx: OcpDatabase) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT /* ocp identity */ set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${APP_ROLE}, true)`,
    );
    return fn(tx as unknown as OcpDatabase);
  });
}

/**
 * Runs `fn` with the connecting role's rights inside a caller's transaction, then gives the caller's role back.
 * Only for statements that must see past the caller and hand out nothing but ids: live-event publishing tells
 * every dashboard a chart shows on (each subscriber's own process then reads what the event names as that
 * subscriber). Outside withClaims (row-level security off) it changes nothing.
 */
export async function withOwnerRights<T>(tx: OcpDatabase, fn: () => Promise<T>): Promise<T> {
  await tx.execute(
    sql`SELECT set_config('ocp.caller_role', current_setting('role'), true), set_config('role', 'none', true)`,
  );
  try {
    return await fn();
  } finally {
    await tx.execute(sql`SELECT set_config('role', current_setting('ocp.caller_role'), true)`);
  }
}
