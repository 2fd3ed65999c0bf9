import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Logger, sql as sqlTag } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { copyTemplate } from './pglite-template.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

const sqlSelect1 = sqlTag`select 1`;
/** The Drizzle database both drivers give us; services are written against this type only. */
export type OcpDatabase = PgDatabase<PgQueryResultHKT, Schema>;

export interface CreateDbOptions {
  /** PostgreSQL URL. Defaults to `DATABASE_URL`; when neither is set, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory. Defaults to `OCP_DATA_DIR`, then `.ocp-data/` where the command was started. */
  dataDir?: string;
  /** In-memory PGlite (tests, demos). Ignored when a database URL is given. */
  memory?: boolean;
  /** postgres.js pool size (default `OCP_PG_POOL_MAX`, then 10). */
  max?: number;
  /**
   * How long opening a PostgreSQL connection may take before the query fails as unavailable (default
   * `OCP_PG_CONNECT_TIMEOUT`, then 5 seconds; the driver's own default is 30). The API answers 503 within it.
   */
  connectTimeoutSeconds?: number;
  /**
   * Set false behind transaction poolers (PgBouncer, Supavisor) that cannot hold prepared statements
   * (default: false when `OCP_PG_PREPARE=0`, else true).
   */
  prepare?: boolean;
  /** Called with every SQL statement Drizzle sends (used to count round trips in tests). */
  onQuery?: (query: string, params: unknown[]) => void;
  /**
   * A new on-disk PGlite directory is copied from the cached demo template when there is one (the demo workspace
   * already loaded, its account waiting for a password: seed/demo-start.ts), else from the migrated template. Only
   * for a start that loads the demo anyway.
   */
  demoTemplate?: boolean;
}

export interface OcpDb {
  db: OcpDatabase;
  kind: 'pglite' | 'postgres';
  /** The underlying PGlite instance (embedded only). */
  pglite?: PGlite;
  /** The underlying postgres.js client (PostgreSQL only). */
  sql?: postgres.Sql;
  /** Where the data lives, for log lines: a directory, `memory`, or the URL without its password. */
  location: string;
  /**
   * PGlite only: how the data directory came to be. `initdb` (new, built from scratch), `template` (new, copied
   * from the cached migrated directory, see pglite-template.ts), `demo-template` (new, copied from the cached
   * directory that also holds the demo workspace) or `existing`.
   */
  origin?: 'initdb' | 'template' | 'demo-template' | 'existing';
  close(): Promise<void>;
}

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;

export function defaultDataDir(): string {
  return process.env.OCP_DATA_DIR ?? path.join(process.env.INIT_CWD ?? process.cwd(), '.ocp-data');
}

/**
 * Whether createDb with these options makes a new PGlite data directory, known before it runs: a start that will
 * need the demo account's password hashes it meanwhile.
 */
export function isNewPgliteDir(options: CreateDbOptions = {}): boolean {
  if (options.databaseUrl ?? process.env.DATABASE_URL) return false;
  const dataDir = options.memory ? undefined : (options.dataDir ?? defaultDataDir());
  return dataDir === undefined || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Opens the database: PostgreSQL when a URL is configured, otherwise embedded PGlite. */
export async function createDb(options: CreateDbOptions = {}): Promise<OcpDb> {
  const logger: Logger | undefined = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const sql = postgres(url, {
      max: options.max ?? (Number(process.env.OCP_PG_POOL_MAX) || 10),
      connect_timeout:
        options.connectTimeoutSeconds ??
        (Number(process.env.OCP_PG_CONNECT_TIMEOUT) || DEFAULT_CONNECT_TIMEOUT_SECONDS),
      prepare: options.prepare ?? process.env.OCP_PG_PREPARE !== '0',
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client: sql, schema, logger }) as unknown as OcpDatabase;
    return { db, kind: 'postgres', sql, location: redactUrl(url), close: () => sql.end({ timeout: 5 }) };
  }
  const dataDir = options.memory ? undefined : (options.dataDir ?? defaultDataDir());
  const onDisk = dataDir !== undefined && !dataDir.includes('://');
  if (onDisk) privateDirectory(dataDir);
  const isNew = !onDisk || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const template =
    onDisk && isNew ? copyTemplate(options.demoTemplate ? ['demo', 'migrated'] : ['migrated'], dataDir) : null;
  const pglite = await PGlite.create(dataDir, {
    parsers: { [BYTEA]: parseBytea },
    serializers: { [BYTEA]: serializeBytea },
  }).catch((error: Error) => {
    if (!template) throw error;
    throw new Error(`${error.message} (copied from the cached template: OCP_DB_TEMPLATE=0 skips it)`, {
      cause: error,
    });
  });
  const db = drizzlePglite({ client: pglite, schema, logger }) as unknown as OcpDatabase;
  const origin = template === 'demo' ? 'demo-template' : template ? 'template' : isNew ? 'initdb' : 'existing';
  return { db, kind: 'pglite', pglite, location: dataDir ?? 'memory', origin, close: () => pglite.close() };
}

/** PostgreSQL's type oid for bytea. */
const BYTEA = 17;

/*
 * bytea in and out of PGlite as hex (`\x…`), converted by Buffer (native code). PGlite's own converters handle a
 * byte at a time through JS strings and arrays: eight seconds for an 8 MB dataset column where this takes
 * milliseconds. postgres.js already converts with Buffer.
 */
function parseBytea(text: string): Uint8Array {
  return Buffer.from(text.slice(2), 'hex');
}

function serializeBytea(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new Error('bytea: expected a Uint8Array');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

/**
 * The PGlite directory holds every account's password hash, the JWT signing secret and all data: only the
 * process's own user may enter it (0700), whatever the umask, and a directory left open by an older version is
 * closed again.
 */
function privateDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dir).mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/**
 * Driver codes and SQLSTATEs meaning "the database cannot be reached or will not take a connection now", as
 * opposed to a problem with the query: refused, unknown host, connection lost or timed out, server shutting down
 * or starting up (class 57P), out of connections (53300), connection exceptions (class 08).
 */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether an error (or one of its causes) says the database is unreachable rather than the query wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 6 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export interface WaitForDatabaseOptions {
  /** Give up after this long (default `OCP_DB_WAIT_SECONDS`, then 60 s). */
  timeoutMs?: number;
  /** First pause between attempts (default 500 ms), doubled after each failure up to `maxDelayMs` (default 8 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * Start-up: waits until the database answers, retrying with exponential backoff while it is unreachable (a
 * database container that starts after the app, a failover), so the process does not exit on the first refused
 * connection. Other errors (bad password, missing database) are not retried. Rejects after `timeoutMs`.
 */
export async function waitForDatabase(handle: OcpDb, options: WaitForDatabaseOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? (Number(process.env.OCP_DB_WAIT_SECONDS) || 60) * 1000;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const deadline = Date.now() + timeoutMs;
  let delay = options.initialDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.db.execute(sqlSelect1);
      if (attempt > 1) options.log?.(`Database reachable after ${attempt} attempts`);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      if (Date.now() + delay > deadline) {
        throw new Error(
          `The database at ${handle.location} is unreachable (${code ?? 'unavailable'}); gave up after ${attempt} attempts in ${Math.round(timeoutMs / 1000)} s`,
          { cause: error },
        );
      }
      options.log?.(`Database at ${handle.location} unreachable (${code ?? 'unavailable'}); retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(maxDelayMs, delay * 2);
    }
  }
}
