import type { OcpDb } from '@ocp/db';
import { ASSUME_ROLE, roleFailed, type SqlRunner } from './sql-runner.js';

/**
 * Queries on a PGlite instance, which is one session shared with whoever else uses it (usually the app itself), so
 * nothing may outlive the query: it runs in a savepoint of a READ ONLY transaction as `role`; afterwards the
 * savepoint and then the transaction are rolled back (undoing `set_config(…, false)`, large objects, everything
 * transactional) and session advisory locks, which survive a rollback, are released.
 */
export function pgliteRunner(name: string, pglite: NonNullable<OcpDb['pglite']>, role: string): SqlRunner {
  return {
    run: (text, params, timeoutMs) =>
      pglite.transaction(async (tx) => {
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
          await tx.rollback();
        }
      }),
    // The instance belongs to whoever registered it.
    close: async () => {},
  };
}
