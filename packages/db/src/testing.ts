import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type CreateDbOptions, createDb, type OcpDb } from './client.js';
import { migrate, migrationsFolder } from './migrate.js';

/**
 * Test databases, one per test file (lobe-chat's getTestDB pattern):
 * - `OCP_TEST_TARGET=pglite` (default): in-memory PGlite.
 * - `OCP_TEST_TARGET=postgres`: a throwaway database on the server at `OCP_TEST_PG_URL`
 *   (default postgres://root@127.0.0.1:5432/postgres), created with a random name and dropped on close.
 */
export type TestTarget = 'pglite' | 'postgres';

export function testTarget(): TestTarget {
  return process.env.OCP_TEST_TARGET === 'postgres' ? 'postgres' : 'pglite';
}

export function adminUrl(): string {
  return process.env.OCP_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
}

export interface TestDb extends OcpDb {
  /** For PostgreSQL targets: the URL of the throwaway database (open more connections to it). */
  url?: string;
}

/** An empty database (no migrations) on the current target. */
export async function createScratchDb(options: Omit<CreateDbOptions, 'databaseUrl' | 'memory'> = {}): Promise<TestDb> {
  if (testTarget() === 'pglite') return createDb({ ...options, memory: true, databaseUrl: '' });
  const name = `ocp_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const handle = await createDb({ ...options, databaseUrl: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const drop = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      try {
        await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await drop.end();
      }
    },
  };
}

/** A migrated database on the current target. */
export async function createTestDb(options: Omit<CreateDbOptions, 'databaseUrl' | 'memory'> = {}): Promise<TestDb> {
  const handle = await createScratchDb(options);
  try {
    await migrate(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * A database migrated up to, but not including, the migration whose tag starts with `tag` (e.g. '0016'):
 * a migration test inserts rows of the old shape into it, then calls `migrate(handle)` to reach the latest.
 */
export async function createDbBeforeMigration(tag: string): Promise<TestDb> {
  const handle = await createScratchDb();
  try {
    await migrateBefore(handle, tag);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Applies the migrations before `tag` only, from a copy of the folder (outside the repository). */
async function migrateBefore(handle: TestDb, tag: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-migrations-'));
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < tag);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries as { tag: string }[]) {
      fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    }
    if (handle.kind === 'pglite')
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: dir });
    else await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A loopback port nothing listens on (taken, then released): a database that refuses connections. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Runs literal SQL with bound parameters on either driver and returns plain rows. */
export async function rawQuery<T = Record<string, unknown>>(
  handle: OcpDb,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (handle.kind === 'pglite') return (await handle.pglite!.query<T>(text, params)).rows;
  return (await handle.sql!.unsafe(text, params as never[])) as unknown as T[];
}

/** Runs several statements in one simple-protocol call (DDL scripts, function bodies with semicolons). */
export async function rawExec(handle: OcpDb, script: string): Promise<void> {
  if (handle.kind === 'pglite') await handle.pglite!.exec(script);
  else await handle.sql!.unsafe(script).simple();
}

export { pgErrorCode } from './errors.js';
