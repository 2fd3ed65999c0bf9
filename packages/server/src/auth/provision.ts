import { type OcpDatabase, userProfiles } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { rows } from '../services/sql.js';

/** Users known to have their rows, per database handle (bounded: a long-running process sees many users). */
const known = new WeakMap<OcpDatabase, Set<string>>();
const MAX_KNOWN = 100_000;
/** Whether auth.users is Supabase's own (then a valid token means the row exists and is not ours to write). */
const supabaseAuthSchema = new WeakMap<OcpDatabase, Promise<boolean>>();

function isSupabase(db: OcpDatabase): Promise<boolean> {
  let found = supabaseAuthSchema.get(db);
  if (!found) {
    // Supabase's auth schema has auth.identities; our stand-in (migration 0000) has only auth.users.
    found = rows<{ found: boolean }>(db, sql`SELECT to_regclass('auth.identities') IS NOT NULL AS found`).then(
      ([row]) => row?.found === true,
    );
    found.catch(() => supabaseAuthSchema.delete(db));
    supabaseAuthSchema.set(db, found);
  }
  return found;
}

/**
 * An externally authenticated user (Supabase) gets what a signed-up one has: the auth.users row our foreign keys
 * point at (only on a database without Supabase's auth schema: plain PostgreSQL or PGlite standing in) and a
 * user_profiles row. Idempotent (ON CONFLICT DO NOTHING), and once per user per process. Runs on the owner
 * connection, before the request's own transaction: the app role may not create accounts.
 */
export async function ensureAccount(
  db: OcpDatabase,
  user: { id: string; email: string | null },
  displayName: string,
): Promise<void> {
  let ids = known.get(db);
  if (!ids) {
    ids = new Set();
    known.set(db, ids);
  }
  if (ids.has(user.id)) return;
  if (!(await isSupabase(db))) {
    await db.execute(
      sql`INSERT INTO auth.users (id, email) VALUES (${user.id}, ${user.email?.toLowerCase() ?? null}) ON CONFLICT DO NOTHING`,
    );
  }
  await db.insert(userProfiles).values({ id: user.id, displayName }).onConflictDoNothing();
  if (ids.size >= MAX_KNOWN) ids.clear();
  ids.add(user.id);
}
