import { sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';

type Tx = Parameters<Parameters<OcpDatabase['transaction']>[0]>[0];

/** Both drivers' `execute` results: postgres.js returns the rows, PGlite `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Bulk loading into an empty table: drops its primary key and foreign keys, and returns what adds them back (the
 * same definitions, read from the catalog). Building an index once over sorted input and checking a foreign key
 * with one join is much cheaper than maintaining both row by row: on the demo's year of readings this halves the
 * load. Runs inside the caller's transaction, so nobody ever sees the table without its keys, and a table that
 * already has rows is left alone (rebuilding their index would cost more than it saves).
 */
export async function dropKeysWhileEmpty(tx: Tx, table: string): Promise<() => Promise<void>> {
  const [state] = rowsOf<{ empty: boolean }>(
    await tx.execute(sql`SELECT NOT EXISTS (SELECT 1 FROM ${sql.identifier(table)}) AS empty`),
  );
  if (!state?.empty) return async () => {};
  const keys = rowsOf<{ name: string; def: string }>(
    await tx.execute(sql`
      SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = ${table}::regclass AND contype IN ('p', 'f')
      ORDER BY contype DESC, conname`),
  );
  for (const k of keys) {
    await tx.execute(sql`ALTER TABLE ${sql.identifier(table)} DROP CONSTRAINT ${sql.identifier(k.name)}`);
  }
  return async () => {
    // The primary key first ('p' sorts after 'f', hence DESC above), then the foreign keys.
    for (const k of keys) {
      await tx.execute(
        sql`ALTER TABLE ${sql.identifier(table)} ADD CONSTRAINT ${sql.identifier(k.name)} ${sql.raw(k.def)}`,
      );
    }
  };
}
