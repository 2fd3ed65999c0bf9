import type { OcpDb } from '@ocp/db';
import { ASSUME_ROLE, roleFailed, type SqlResult, type SqlRunner } from './sql-runner.js';

type Pglite = NonNullable<OcpDb['pglite']>;
type PgliteTx = Parameters<Parameters<Pglite['transaction']>[0]>[0];

/**
 * The PGlite transaction a request is running in on this very instance, if any: with row-level security each
 * request is one transaction (PGlite serializes them), and a second `transaction()` on the instance would wait for
 * that one to end, forever. Drizzle's transaction keeps PGlite's in `session.client`.
 */
function requestTransaction(pglite: Pglite, within: unknown): PgliteTx | null {
  const client = (within as { session?: { client?: unknown } } | undefined)?.session?.client as PgliteTx | undefined;
  if (!client || (client as unknown) === pglite || typeof client.query !== 'function') return null;
  return pglite.isInTransaction() ? client : null;
}

async function runQuery(
  tx: PgliteTx,
  name: string,
  role: string,
  text: string,
  params: unknown[],
  timeoutMs: number,
): Promise<SqlResult> {
  await tx.exec('SET TRANSACTION READ ONLY');
  await tx.query(ASSUME_ROLE, [role, String(timeoutMs)]).catch((error: unknown) => {
    throw roleFailed(name, role, error);
  });
  await tx.exec('SAVEPOINT ocp_source');
  try {
    const result = await tx.query<unknown[]>(text, params, { rowMode: 'array' });
    return { fields: result.fields.map((f) => ({ name: f.name, type: f.dataTypeID })), rows: result.rows };
  } finally {
    await tx.exec('ROLLBACK TO SAVEPOINT ocp_source');
    await tx.query('SELECT pg_advisory_unlock_all()');
  }
}

/**
 * Queries on a PGlite instance, which is one session shared with whoever else uses it (usually the app itself), so
 * nothing may outlive the query: it runs in a savepoint of a READ ONLY transaction as `role`; afterwards the
 * savepoint and then the transaction are rolled back (undoing `set_config(…, false)`, large objects, everything
 * transactional) and session advisory locks, which survive a rollback, are released.
 */
export function pgliteRunner(name: string, pglite: Pglite, role: string): SqlRunner {
  return {
    async run(text, params, timeoutMs, within) {
      const current = requestTransaction(pglite, within);
      if (current) {
        // Inside the request's transaction: a savepoint around it all undoes READ ONLY, the role and the timeout
        // (each set transaction-locally) together with whatever the query did.
        await current.exec('SAVEPOINT ocp_source_outer');
        try {
          return await runQuery(current, name, role, text, params, timeoutMs);
        } finally {
          await current.exec('ROLLBACK TO SAVEPOINT ocp_source_outer; RELEASE SAVEPOINT ocp_source_outer');
        }
      }
      return pglite.transaction(async (tx) => {
        try {
          return await runQuery(tx, name, role, text, params, timeoutMs);
        } finally {
          await tx.rollback();
        }
      });
    },
    // The instance belongs to whoever registered it.
    close: async () => {},
  };
}
