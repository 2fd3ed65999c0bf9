import { dataError } from '../errors.js';

export interface SqlField {
  name: string;
  type: number;
}

export interface SqlResult {
  fields: SqlField[];
  rows: unknown[][];
}

/** Runs one author's query on a registered connection, and leaves nothing of it behind. */
export interface SqlRunner {
  /** `within`: the request's database handle (a PGlite runner on the app's own instance must run inside it). */
  run(text: string, params: unknown[], timeoutMs: number, within?: unknown): Promise<SqlResult>;
  close(): Promise<void>;
}

/**
 * `SET LOCAL ROLE $1` and `SET LOCAL statement_timeout = $2`, as bound parameters (SET takes none). Both end with
 * the transaction, which the runners always roll back.
 */
export const ASSUME_ROLE = "SELECT set_config('role', $1, true), set_config('statement_timeout', $2, true)";

/** The connection's role could not be assumed (missing, or not granted to the login): the operator must act. */
export function roleFailed(name: string, role: string, cause: unknown): Error {
  return dataError('INTERNAL_SERVER_ERROR', `sql connection "${name}": cannot SET ROLE "${role}"`, cause);
}
