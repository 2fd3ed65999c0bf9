import { and, eq } from 'drizzle-orm';
import type { OcpDatabase, OcpDb } from '../client.js';
import { hasTemplate, saveTemplate } from '../pglite-template.js';
import { authUsers } from '../schema/auth.js';
import { type DemoIds, hasAnyUser, seedDemoData } from './demo.js';

// The demo as `pnpm start` loads it, in two steps: load the workspace with an account that has no password yet,
// then give that account the password the start prints. Between the two, a new PGlite directory is saved as the
// demo template (pglite-template.ts), so the next new directory on this machine is a file copy with the demo
// already in it and only the second step left: no template ever holds anyone's password.

/**
 * The demo account's stored password until a start sets one. Not a password hash (those read `scrypt$…`), so no
 * password matches it: nobody signs in to an unclaimed demo.
 */
export const UNCLAIMED_DEMO_PASSWORD = 'unclaimed-demo';

/**
 * Loads the demo workspace when nobody has signed up yet, its account without a password (claimDemo gives it one).
 * A new on-disk PGlite directory is then saved as the demo template, once per machine. Null when nothing was loaded.
 */
export async function loadDemo(
  handle: OcpDb,
  options: { email: string; log?: (line: string) => void },
): Promise<DemoIds | null> {
  if (await hasAnyUser(handle.db)) return null;
  // A couple of seconds (unless copied from the demo template, where someone exists already), so say so.
  options.log?.('Loading the demo workspace (a year of 15-minute energy readings for three sites)…');
  const ids = await seedDemoData(handle.db, { email: options.email, passwordHash: UNCLAIMED_DEMO_PASSWORD });
  const isNew = handle.origin === 'initdb' || handle.origin === 'template';
  if (handle.pglite && isNew && handle.location !== 'memory' && !hasTemplate('demo')) {
    await saveTemplate(handle.pglite, handle.location, 'demo', options.log);
  }
  return ids;
}

/**
 * Gives the demo account a password when it has none yet (just loaded, copied from the demo template, or left so
 * by a start that stopped in between); true when it did. `passwordHash` is called only then.
 */
export async function claimDemo(db: OcpDatabase, email: string, passwordHash: () => Promise<string>): Promise<boolean> {
  const unclaimed = and(eq(authUsers.email, email), eq(authUsers.encryptedPassword, UNCLAIMED_DEMO_PASSWORD));
  const [row] = await db.select({ id: authUsers.id }).from(authUsers).where(unclaimed);
  if (!row) return false;
  const claimed = await db
    .update(authUsers)
    .set({ encryptedPassword: await passwordHash() })
    .where(and(eq(authUsers.id, row.id), unclaimed))
    .returning({ id: authUsers.id });
  return claimed.length > 0;
}
