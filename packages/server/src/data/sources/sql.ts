import type { Cell, Columns } from '@ocp/contract';
import type { OcpDatabase, OcpDb } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { dataError } from '../errors.js';
import { type ChartOwner, memberOfAnyTeam } from './db-sources.js';
import { toCell } from './sql-cells.js';
import { pgliteRunner } from './sql-pglite.js';
import { postgresRunner } from './sql-postgres.js';
import type { SqlResult, SqlRunner } from './sql-runner.js';

/**
 * A connection the host registers for `{ kind: 'sql', connection: name }` sources (see docs/data-sources.md).
 * Exactly one of `url` and `pglite`.
 */
export interface SqlConnectionRegistration {
  /** What `dataSourceConfig.connection` names: letters, digits, `_ . -`, at most 64. */
  name: string;
  /**
   * A PostgreSQL URL whose login can do nothing but become `role` (or is `role`); the connection opens a pool of its
   * own. A superuser login, or one that owns tables, is refused when the first query arrives.
   */
  url?: string;
  /**
   * A PGlite instance. Refused unless `allowPglite`: PGlite cannot interrupt a running query (no statement
   * timeout; a slow query blocks the whole server) and its session is a superuser, which a query can return to.
   */
  pglite?: NonNullable<OcpDb['pglite']>;
  /** Set true to accept `pglite` anyway, when every chart author is trusted (demos, a single user). */
  allowPglite?: boolean;
  /** The read-only role every query runs as (`SET LOCAL ROLE`); see "Least-privilege role" in the docs. */
  role: string;
  /** Users whose charts may use the connection (by owner: a user's own charts). */
  allowedUsers?: string[];
  /** Teams whose charts may use the connection, and their members' own charts. */
  allowedTeams?: string[];
  /** `statement_timeout` of every query (default 5,000 ms). */
  statementTimeoutMs?: number;
  /** Most rows a query may return (default 100,000); more is an error, never a silent cut. */
  maxRows?: number;
  /** Pool size of a `url` connection (default 4). */
  max?: number;
}

interface Registered {
  runner: SqlRunner;
  statementTimeoutMs: number;
  maxRows: number;
  users: ReadonlySet<string>;
  teams: string[];
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const ROLE = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ids(name: string, field: string, list: string[] | undefined): string[] {
  for (const id of list ?? []) {
    if (typeof id !== 'string' || !UUID.test(id)) throw new Error(`sql connection "${name}": ${field}: not a UUID`);
  }
  return (list ?? []).map((id) => id.toLowerCase());
}

function positiveInteger(name: string, field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`sql connection "${name}": ${field}: a positive integer`);
  return value;
}

/** Missing and not allowed answer alike, so a connection's existence is no secret either. */
const notFound = (name: string) =>
  dataError('NOT_FOUND', `dataSourceConfig.connection: no sql connection named "${name}"`);

/** What PostgreSQL said, as a code the caller understands; the text of syntax/data errors helps the query's author. */
function sqlError(error: unknown, name: string): unknown {
  if (error instanceof TRPCError) return error;
  const code = (error as { code?: unknown })?.code;
  const message = (error as { message?: unknown })?.message;
  if (code === '25006') return dataError('FORBIDDEN', `sql source "${name}": the connection is read-only`, error);
  if (code === '42501') return dataError('FORBIDDEN', `sql source "${name}": ${String(message)}`, error);
  if (code === '57014') return dataError('TIMEOUT', `sql source "${name}": the statement timed out`, error);
  if (typeof code === 'string' && /^(42|22|0A)/.test(code)) {
    return dataError('BAD_REQUEST', `sql source "${name}": ${String(message)}`, error);
  }
  return dataError('BAD_GATEWAY', `sql source "${name}": the query failed`, error);
}

/**
 * Named read-only connections registered by the host, each usable only by the users and teams it names. A query
 * runs in a READ ONLY transaction as the connection's role with a statement timeout, with bound parameters only,
 * wrapped as `SELECT * FROM (<query>) LIMIT n + 1` — a single query (no DDL, no second statement, no data-modifying
 * WITH). The transaction is always rolled back and the session reset, so nothing a query does outlives it.
 */
export class SqlConnections {
  private readonly connections = new Map<string, Registered>();

  /** Registers (or replaces) a connection; a configuration mistake throws here, before any chart can use it. */
  register(registration: SqlConnectionRegistration): void {
    const { name, url, pglite, role } = registration;
    if (typeof name !== 'string' || !NAME.test(name)) throw new Error(`invalid sql connection name "${name}"`);
    if (typeof role !== 'string' || !ROLE.test(role) || role.toLowerCase() === 'none') {
      throw new Error(`sql connection "${name}": role: the read-only role queries run as (see docs/data-sources.md)`);
    }
    if (registration.allowedUsers === undefined && registration.allowedTeams === undefined) {
      throw new Error(`sql connection "${name}": name who may use it (allowedUsers and/or allowedTeams)`);
    }
    if ((url === undefined) === (pglite === undefined)) {
      throw new Error(`sql connection "${name}": give exactly one of url and pglite`);
    }
    if (pglite && registration.allowPglite !== true) {
      throw new Error(
        `sql connection "${name}": refused on PGlite, which cannot stop a running query (a slow one blocks the ` +
          'server) and runs as a superuser; set allowPglite: true only if every chart author is trusted',
      );
    }
    const users = new Set(ids(name, 'allowedUsers', registration.allowedUsers));
    const teams = ids(name, 'allowedTeams', registration.allowedTeams);
    const statementTimeoutMs = positiveInteger(name, 'statementTimeoutMs', registration.statementTimeoutMs ?? 5_000);
    const maxRows = positiveInteger(name, 'maxRows', registration.maxRows ?? 100_000);
    const max = positiveInteger(name, 'max', registration.max ?? 4);
    void this.unregister(name);
    const runner = pglite ? pgliteRunner(name, pglite, role) : postgresRunner(name, url!, role, max);
    this.connections.set(name, { runner, statementTimeoutMs, maxRows, users, teams });
  }

  /** The registered connections' names. */
  names(): string[] {
    return [...this.connections.keys()].sort();
  }

  async unregister(name: string): Promise<void> {
    const existing = this.connections.get(name);
    this.connections.delete(name);
    await existing?.runner.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((n) => this.unregister(n)));
  }

  /**
   * NOT_FOUND unless the chart's owner may use `name`: an allowed user, a member of an allowed team, or an allowed
   * team. Checked on every read (before the cache), against memberships as they stand now.
   */
  async authorize(db: OcpDatabase, name: string, owner: ChartOwner): Promise<void> {
    const connection = this.connections.get(name);
    if (!connection) throw notFound(name);
    const { ownerUserId: user, ownerTeamId: team } = owner;
    if (user !== null && connection.users.has(user)) return;
    if (team !== null && connection.teams.includes(team)) return;
    if (user !== null && connection.teams.length > 0 && (await memberOfAnyTeam(db, user, connection.teams))) return;
    throw notFound(name);
  }

  async query(name: string, query: string, params: Cell[], within?: OcpDatabase): Promise<Columns> {
    const connection = this.connections.get(name);
    if (!connection) throw notFound(name);
    const { maxRows, statementTimeoutMs } = connection;
    const body = query.replace(/[\s;]+$/, '');
    // The newline ends a trailing line comment in the author's query.
    const text = `SELECT * FROM (\n${body}\n) AS ocp_source LIMIT ${maxRows + 1}`;
    let result: SqlResult;
    try {
      result = await connection.runner.run(text, params, statementTimeoutMs, within);
    } catch (error) {
      throw sqlError(error, name);
    }
    if (result.rows.length > maxRows) {
      throw dataError('PAYLOAD_TOO_LARGE', `sql source "${name}": more than ${maxRows} rows; aggregate in SQL`);
    }
    const columns: Columns = {};
    result.fields.forEach((field, c) => {
      let key = field.name;
      for (let k = 2; key in columns; k++) key = `${field.name}_${k}`;
      columns[key] = result.rows.map((row) => toCell(row[c], field.type));
    });
    return columns;
  }
}
