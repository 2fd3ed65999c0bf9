import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
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
   * Set false behind transaction poolers (PgBouncer, Supavisor) that cannot hold prepared statements
   * (default: false when `OCP_PG_PREPARE=0`, else true).
   */
  prepare?: boolean;
  /** Called with every SQL statement Drizzle sends (used to count round trips in tests). */
  onQuery?: (query: string, params: unknown[]) => void;
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
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  return process.env.OCP_DATA_DIR ?? path.join(process.env.INIT_CWD ?? process.cwd(), '.ocp-data');
}

/** Opens the database: PostgreSQL when a URL is configured, otherwise embedded PGlite. */
export async function createDb(options: CreateDbOptions = {}): Promise<OcpDb> {
  const logger: Logger | undefined = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const sql = postgres(url, {
      max: options.max ?? (Number(process.env.OCP_PG_POOL_MAX) || 10),
      prepare: options.prepare ?? process.env.OCP_PG_PREPARE !== '0',
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client: sql, schema, logger }) as unknown as OcpDatabase;
    return { db, kind: 'postgres', sql, location: redactUrl(url), close: () => sql.end({ timeout: 5 }) };
  }
  const dataDir = options.memory ? undefined : (options.dataDir ?? defaultDataDir());
  const pglite = await PGlite.create(dataDir);
  const db = drizzlePglite({ client: pglite, schema, logger }) as unknown as OcpDatabase;
  return { db, kind: 'pglite', pglite, location: dataDir ?? 'memory', close: () => pglite.close() };
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
