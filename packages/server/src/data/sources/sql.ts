import type { Cell, Columns, OcpDb } from '@ocp/db';
import postgres from 'postgres';
import { dataError } from '../errors.js';

/** A host-registered connection: a PostgreSQL URL (a pool is opened), or an already open @ocp/db handle. */
export type SqlConnectionConfig = { url: string; max?: number } | { db: OcpDb };

export interface SqlConnectionOptions {
  /** `SET LOCAL statement_timeout` for every query (default 5,000 ms). Not enforced by PGlite (see docs). */
  statementTimeoutMs?: number;
  /** Most rows a query may return (default 100,000); more is an error, never a silent cut. */
  maxRows?: number;
}

interface Field {
  name: string;
  type: number;
}
type Runner = (text: string, params: unknown[], timeoutMs: number) => Promise<{ fields: Field[]; rows: unknown[][] }>;

interface Registered {
  run: Runner;
  options: Required<SqlConnectionOptions>;
  close?: () => Promise<void>;
}

function postgresRunner(sql: postgres.Sql): Runner {
  return async (text, params, timeoutMs) =>
    (await sql.begin('read only', async (tx) => {
      await tx.unsafe(`SET LOCAL statement_timeout = ${timeoutMs}`);
      // simple: false forces the extended protocol, which runs exactly one statement. postgres.js would otherwise
      // send a parameterless query as a simple-protocol string, where `…; COMMIT; DROP …` runs three statements.
      const result = await tx
        .unsafe(
          text,
          params as postgres.ParameterOrJSON<never>[],
          {
            simple: false,
          } as postgres.UnsafeQueryOptions,
        )
        .values();
      return { fields: result.columns.map((c) => ({ name: c.name, type: c.type })), rows: [...result] as unknown[][] };
    })) as { fields: Field[]; rows: unknown[][] };
}

function pgliteRunner(pglite: NonNullable<OcpDb['pglite']>): Runner {
  return (text, params, timeoutMs) =>
    pglite.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION READ ONLY');
      await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
      const result = await tx.query<unknown[]>(text, params, { rowMode: 'array' });
      return { fields: result.fields.map((f) => ({ name: f.name, type: f.dataTypeID })), rows: result.rows };
    });
}

// int8, numeric: drivers hand them over as text to keep precision; a chart wants numbers.
const NUMERIC_TEXT = new Set([20, 1700]);
// date, timestamp, timestamptz: text when the driver leaves them unparsed (Drizzle's postgres-js setup does).
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** '2026-01-01 00:00:00+00' (PostgreSQL's text form) → '2026-01-01T00:00:00.000Z'. */
function pgTimeText(value: string, type: number): string {
  let iso = value.replace(' ', 'T');
  if (type === DATE) iso += 'T00:00:00Z';
  else if (type === TIMESTAMP) iso += 'Z';
  else iso = iso.replace(/([+-]\d\d)$/, '$1:00');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function toCell(value: unknown, type: number): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string') {
    if (NUMERIC_TEXT.has(type) && value.trim() !== '') return Number(value);
    return type === DATE || type === TIMESTAMP || type === TIMESTAMPTZ ? pgTimeText(value, type) : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value);
}

/** What PostgreSQL said, as a code the caller understands; the text of syntax/data errors helps the query's author. */
function sqlError(error: unknown, name: string): unknown {
  const code = (error as { code?: unknown })?.code;
  const message = (error as { message?: unknown })?.message;
  if (code === '25006') return dataError('FORBIDDEN', `sql source "${name}": the connection is read-only`, error);
  if (code === '57014') return dataError('TIMEOUT', `sql source "${name}": the statement timed out`, error);
  if (typeof code === 'string' && /^(42|22|0A)/.test(code)) {
    return dataError('BAD_REQUEST', `sql source "${name}": ${String(message)}`, error);
  }
  return dataError('BAD_GATEWAY', `sql source "${name}": the query failed`, error);
}

/**
 * Named read-only connections registered by the host. A query runs inside `BEGIN READ ONLY` with
 * `SET LOCAL statement_timeout`, with bound parameters only, wrapped as `SELECT * FROM (<query>) LIMIT n + 1` —
 * which also means it must be a single query (no DDL, no second statement, no data-modifying WITH).
 */
export class SqlConnections {
  private readonly connections = new Map<string, Registered>();

  register(name: string, config: SqlConnectionConfig, options: SqlConnectionOptions = {}): void {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new Error(`invalid sql connection name "${name}"`);
    const resolved = { statementTimeoutMs: options.statementTimeoutMs ?? 5_000, maxRows: options.maxRows ?? 100_000 };
    if (!Number.isInteger(resolved.statementTimeoutMs) || resolved.statementTimeoutMs < 1) {
      throw new Error('statementTimeoutMs must be a positive integer');
    }
    void this.unregister(name);
    if ('url' in config) {
      const sql = postgres(config.url, { max: config.max ?? 4, onnotice: () => {} });
      this.connections.set(name, { run: postgresRunner(sql), options: resolved, close: () => sql.end({ timeout: 5 }) });
    } else if (config.db.kind === 'postgres') {
      this.connections.set(name, { run: postgresRunner(config.db.sql!), options: resolved });
    } else {
      this.connections.set(name, { run: pgliteRunner(config.db.pglite!), options: resolved });
    }
  }

  async unregister(name: string): Promise<void> {
    const existing = this.connections.get(name);
    this.connections.delete(name);
    await existing?.close?.();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((n) => this.unregister(n)));
  }

  async query(name: string, query: string, params: Cell[]): Promise<Columns> {
    const connection = this.connections.get(name);
    if (!connection) throw dataError('BAD_REQUEST', `dataSourceConfig.connection: no sql connection named "${name}"`);
    const { maxRows, statementTimeoutMs } = connection.options;
    const body = query.replace(/[\s;]+$/, '');
    // The newline ends a trailing line comment in the author's query.
    const text = `SELECT * FROM (\n${body}\n) AS ocp_source LIMIT ${maxRows + 1}`;
    let result: Awaited<ReturnType<Runner>>;
    try {
      result = await connection.run(text, params, statementTimeoutMs);
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
