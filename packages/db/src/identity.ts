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

const IDENTITY_SQL = `SELECT /* ocp identity */ set_config('request.jwt.claims', $1, true), set_config('role', '${APP_ROLE}', true)`;

/** The driver's own transaction handle under drizzle's (`tx.session.client`), when it has one of the known shapes. */
type RawTx =
  | { kind: 'pglite'; query(text: string, params: unknown[]): Promise<unknown> }
  | { kind: 'postgres'; unsafe(text: string, params: unknown[]): { execute(): Promise<unknown> } };

type Unsafe = Extract<RawTx, { kind: 'postgres' }>['unsafe'];

function rawTransaction(tx: OcpDatabase): RawTx | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as
    | (Record<string, unknown> & { unsafe?: unknown })
    | undefined;
  if (!client) return null;
  // PGlite's transaction object: query/exec/rollback and a `closed` flag.
  if (typeof client.query === 'function' && typeof client.rollback === 'function' && 'closed' in client)
    return { kind: 'pglite', query: (client.query as (t: string, p: unknown[]) => Promise<unknown>).bind(client) };
  // postgres.js's transaction `sql`: a function with `unsafe`; its queries are lazy until `execute()`.
  const unsafe = (client as { unsafe?: unknown }).unsafe;
  if (typeof client === 'function' && typeof unsafe === 'function')
    return { kind: 'postgres', unsafe: unsafe as Unsafe };
  return null;
}

/**
 * Runs `fn` in a transaction as APP_ROLE with these claims, both set LOCAL (`set_config(…, true)`): they end with
 * the transaction, so a pooled connection (or a transaction pooler's) never carries one caller's identity into
 * another's work. `fn`'s own db.transaction calls become savepoints.
 *
 * Why the driver's handle (issue 17, rls-overhead): through drizzle, the set_config statement cost as much as the
 * request's own query. On PGlite it goes straight to the transaction object, the claims still a bound parameter (no
 * drizzle mapping; a literal in the simple protocol measured a little cheaper, but we bind every value). On
 * PostgreSQL it is written to the connection before `fn` runs and not awaited first, so `fn`'s first statement
 * follows it in the same pipeline (one round trip less). postgres.js hands a query to its connection one
 * microtask after `execute()` (FIFO), and `fn` only starts after that call, so set_config is always written first;
 * PostgreSQL runs them in that order, and if set_config failed the transaction is aborted, so nothing after it runs
 * (as the owner or otherwise); postgres.js also rethrows that error for the transaction, and it is awaited here.
 * Transaction control and this statement are not reported to drizzle's query logger (`onQuery`), like BEGIN and
 * COMMIT.
 */
export function withClaims<T>(db: OcpDatabase, claims: DbClaims, fn: (tx: OcpDatabase) => Promise<T>): Promise<T> {
  const json = JSON.stringify(claims);
  return db.transaction(async (tx) => {
    const raw = rawTransaction(tx as unknown as OcpDatabase);
    if (raw?.kind === 'postgres') {
      const identity = raw.unsafe(IDENTITY_SQL, [json]).execute();
      const result = await fn(tx as unknown as OcpDatabase);
      await identity;
      return result;
    }
    if (raw?.kind === 'pglite') await raw.query(IDENTITY_SQL, [json]);
    else
      await tx.execute(
        sql`SELECT /* ocp identity */ set_config('request.jwt.claims', ${json}, true), set_config('role', ${APP_ROLE}, true)`,
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
