import net from 'node:net';

export type DatabaseKind = 'pglite' | 'postgres';

export const postgresUrl = () => process.env.OCP_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export function postgresReachable(url = postgresUrl()): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

/**
 * Runs a database benchmark on embedded PGlite, then on PostgreSQL when the server at OCP_TEST_PG_URL answers
 * (@ocp/db/testing's createTestDb() picks the target from OCP_TEST_TARGET; each run gets its own throwaway
 * database). `only` limits the targets (quick runs use PGlite alone).
 */
export async function onEachDatabase<T>(
  fn: (kind: DatabaseKind) => Promise<T>,
  { only }: { only?: DatabaseKind[] } = {},
): Promise<Partial<Record<DatabaseKind, T>>> {
  const previous = process.env.OCP_TEST_TARGET;
  const results: Partial<Record<DatabaseKind, T>> = {};
  try {
    for (const kind of only ?? (['pglite', 'postgres'] as const)) {
      if (kind === 'postgres' && !(await postgresReachable())) {
        console.log(`  postgres: ${postgresUrl()} not reachable, skipped`);
        continue;
      }
      process.env.OCP_TEST_TARGET = kind;
      results[kind] = await fn(kind);
    }
  } finally {
    if (previous === undefined) delete process.env.OCP_TEST_TARGET;
    else process.env.OCP_TEST_TARGET = previous;
  }
  return results;
}

export const databaseName = (kind: DatabaseKind) => (kind === 'pglite' ? 'PGlite' : 'PostgreSQL');
