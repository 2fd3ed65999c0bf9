import type { OcpDatabase } from '@ocp/db';
import { TokenCache } from './caches/token-cache.js';
import type { ChatOptions } from './chat/config.js';
import { type ChatRuntime, createChatRuntime } from './chat/runtime.js';
import { DataEngine, type DataEngineOptions, httpSourceOriginsFromEnv } from './data/index.js';
import type { SqlConnectionRegistration } from './data/sources/sql.js';
import { DashboardEventBus } from './events/bus.js';
import { DEFAULT_MAX_STREAMS_PER_USER, StreamSlots } from './events/stream-slots.js';
import { type BucketSpec, type RateLimitName, RateLimits } from './http/rate-limit.js';
import { DashboardDocCache } from './services/dashboard-doc-cache.js';

/**
 * The state one server keeps between requests, made once by createOcpServer and handed to every procedure through
 * the context. Nothing of it lives at module level, so two servers in one process (tests, multi-tenant hosts) share
 * nothing: not the data cache, not the SQL connections, not the live-event fan-out, not the chat configuration.
 */
export interface OcpRuntime {
  /** Resolves chart data: its cache, its http policy and the `sql` connections registered on this server. */
  engine: DataEngine;
  /** This server's LISTEN on the live-event channel, fanned out to its `events.dashboard` streams. */
  events: DashboardEventBus;
  /**
   * dashboards.get's roles and documents in memory, dropped by the database's notifications (see
   * services/dashboard-doc-cache.ts).
   */
  dashboards: DashboardDocCache;
  /** Callers by token for embedded auth, dropped by the same notifications (see caches/token-cache.ts). */
  tokens: TokenCache;
  /** Chat configuration, the `chat.stream` fan-out and the replies in progress. */
  chat: ChatRuntime;
  /** Rate-limit buckets, shared by every request of this server. */
  limits: RateLimits;
  /** Open live streams per user, shared by every request of this server. */
  streams: StreamSlots;
  /** Stops listening and closes the `sql` sources' pools (the database handle is the host's to close). */
  close(): Promise<void>;
}

export interface OcpRuntimeOptions {
  db: OcpDatabase;
  /** Data engine options (http policy, cache); `http.allowedOrigins` defaults to `OCP_HTTP_SOURCE_ORIGINS`. */
  data?: DataEngineOptions;
  /** Databases `sql` chart sources may query (see OcpServerOptions.sqlConnections). */
  sqlConnections?: SqlConnectionRegistration[];
  chat?: ChatOptions;
  rateLimits?: Partial<Record<RateLimitName, BucketSpec>>;
  /** The clock of the rate limits (milliseconds; default `Date.now`): tests pass their own. */
  clock?: () => number;
  /**
   * Where rate-limit buckets live: `database` (default: ocp_private.rate_limits, shared by every process on the
   * database) or `memory` (this runtime only).
   */
  rateLimitStore?: 'database' | 'memory';
  maxStreamsPerUser?: number;
}

export function createOcpRuntime(options: OcpRuntimeOptions): OcpRuntime {
  const engine = new DataEngine({
    ...options.data,
    http: { allowedOrigins: httpSourceOriginsFromEnv(), ...options.data?.http },
  });
  for (const connection of options.sqlConnections ?? []) engine.registerSqlConnection(connection);
  const events = new DashboardEventBus(options.db);
  return {
    engine,
    events,
    dashboards: new DashboardDocCache(options.db, events),
    tokens: new TokenCache(events),
    chat: createChatRuntime(options.chat),
    limits: new RateLimits(
      options.rateLimits,
      options.clock,
      options.rateLimitStore === 'memory' ? undefined : options.db,
    ),
    streams: new StreamSlots(options.maxStreamsPerUser ?? DEFAULT_MAX_STREAMS_PER_USER),
    async close() {
      await Promise.all([events.close(), engine.close()]);
    },
  };
}
