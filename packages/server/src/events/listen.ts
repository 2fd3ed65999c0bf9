import type { OcpDatabase } from '@ocp/db';

/** A LISTEN on one channel of the database behind an `OcpDatabase`, whichever driver `createDb()` chose. */
export interface ChannelListener {
  /**
   * Starts listening. `onPayload` gets each notification's text; `onReconnect` is called when the listening
   * connection was lost and listens again (notifications sent meanwhile are gone). Resolves with the function that
   * stops listening and `listening()`, false from the moment the connection is known lost until it listens again.
   */
  listen(onPayload: (payload: string) => void, onReconnect: () => void): Promise<Listening>;
}

export interface Listening {
  stop(): Promise<void>;
  /** Synchronous and cheap: asked on every cached read. */
  listening(): boolean;
}

interface PostgresJsClient {
  (...args: never[]): unknown;
  listen: PostgresJsListen;
}

interface PostgresJsListen {
  /**
   * postgres.js 3.4's own bookkeeping (src/index.js, `listen`): one entry per channel, deleted synchronously when
   * the listening connection closes and replaced by a new one while it listens again. Not a documented API: the
   * PostgreSQL test of a lost listener (test/warm-reads.test.ts) fails if a new version changes it.
   */
  channels?: Record<string, unknown>;
  (channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<{ unlisten(): Promise<void> }>;
}

interface PgliteClient {
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  query(text: string): Promise<unknown>;
}

/**
 * Drizzle keeps the driver's client as `$client`: postgres.js (a function with `listen`, which opens one dedicated
 * connection outside the pool and re-listens by itself when that connection drops) or PGlite (`listen` in-process;
 * its notifications come from the same single connection that committed the transaction).
 */
export function channelListener(db: OcpDatabase, channel: string): ChannelListener {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (typeof client === 'function' && typeof (client as Partial<PostgresJsClient>).listen === 'function') {
    const sql = client as PostgresJsClient;
    return {
      async listen(onPayload, onReconnect) {
        let listened = false;
        // The channel entry our LISTEN stands on: when the connection closes, postgres.js drops it at once.
        let entry: unknown;
        const { unlisten } = await sql.listen(channel, onPayload, () => {
          // postgres.js calls this after the first LISTEN and again after each reconnection.
          entry = sql.listen.channels?.[channel];
          if (listened) onReconnect();
          listened = true;
        });
        return {
          stop: unlisten,
          listening: () => entry !== undefined && sql.listen.channels?.[channel] === entry,
        };
      },
    };
  }
  if (client && typeof client === 'object' && typeof (client as Partial<PgliteClient>).listen === 'function') {
    const pglite = client as PgliteClient;
    return {
      // In-process: the listening connection is the only connection, so it cannot be lost while the database is up.
      listen: async (onPayload) => ({ stop: await pglite.listen(channel, onPayload), listening: () => true }),
    };
  }
  throw new Error('Live events need a database opened by createDb() (postgres.js or PGlite)');
}
