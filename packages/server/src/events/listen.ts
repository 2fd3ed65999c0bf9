import type { OcpDatabase } from '@ocp/db';

/** A LISTEN on one channel of the database behind an `OcpDatabase`, whichever driver `createDb()` chose. */
export interface ChannelListener {
  /**
   * Starts listening. `onPayload` gets each notification's text; `onReconnect` is called when the listening
   * connection was lost and listens again (notifications sent meanwhile are gone). Resolves with the function that
   * stops listening.
   */
  listen(onPayload: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
}

interface PostgresJsClient {
  (...args: never[]): unknown;
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<{ unlisten(): Promise<void> }>;
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
        const { unlisten } = await sql.listen(channel, onPayload, () => {
          // postgres.js calls this after the first LISTEN and again after each reconnection.
          if (listened) onReconnect();
          listened = true;
        });
        return unlisten;
      },
    };
  }
  if (client && typeof client === 'object' && typeof (client as Partial<PgliteClient>).listen === 'function') {
    const pglite = client as PgliteClient;
    return {
      listen: (onPayload) => pglite.listen(channel, onPayload),
    };
  }
  throw new Error('Live events need a database opened by createDb() (postgres.js or PGlite)');
}
