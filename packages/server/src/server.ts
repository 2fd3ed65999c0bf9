import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import type { AuthAdapter } from './auth/adapter.js';
import { authFromEnv } from './auth/from-env.js';
import type { ChatOptions } from './chat/config.js';
import { createContextInner, type OcpContext } from './context.js';
import { type DatasetQuota, DEFAULT_DATASET_QUOTA } from './data/import/quota.js';
import type { DataEngineOptions, SqlConnectionRegistration } from './data/index.js';
import { type CorsOrigins, validateCorsOrigins } from './http/cors.js';
import { type CachedGetDeps, DashboardUrls } from './http/dashboard-get.js';
import { DEFAULT_MAX_UPLOAD_BYTES, type UploadDeps } from './http/dataset-upload.js';
import { createFetchHandler } from './http/fetch.js';
import { DEFAULT_MAX_BODY_BYTES, type RequestInfo, withConnectionParams } from './http/headers.js';
import { createNodeHandler } from './http/node.js';
import type { BucketSpec, RateLimitName } from './http/rate-limit.js';
import { logNotification, type NotifyHook } from './notify.js';
import { appRouter } from './root.js';
import { createOcpRuntime, type OcpRuntime } from './runtime.js';

export interface OcpServerOptions {
  db: OcpDatabase;
  /**
   * Who is calling: `embeddedAuth` (accounts in auth.users, HS256 JWTs with a generated secret kept in the
   * database), `supabaseAuth`, `hostAuth(resolveUser)`, or any `{ resolveUser }`. Default: what the environment
   * says (`OCP_AUTH`, see authFromEnv), embedded auth when it says nothing.
   */
  auth?: AuthAdapter;
  /**
   * Row-level security (default true, `OCP_RLS=0` turns it off): each procedure runs in a transaction as the app
   * role `ocp_app` with the caller's claims, so the database refuses what the API would (docs/security.md).
   * `false` runs everything on the connecting role, as before migration 0014 (benchmarks compare the two).
   */
  rls?: boolean;
  /** Largest accepted request body (default 1 MB); larger requests get HTTP 413. */
  maxBodyBytes?: number;
  /** Where tRPC is mounted (default `/trpc`). */
  basePath?: string;
  /**
   * Where the host serves `/embed/<token>`, so `sharing.create` returns an absolute link: a URL such as
   * `https://dash.example.com`, or a function of the request that works it out (e.g. from its `Host` header;
   * undefined falls back). Default: a relative `/embed/<token>`.
   */
  publicUrl?: string | ((req: { headers: Headers }) => string | undefined);
  /** Token buckets per client address; see DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<Record<RateLimitName, BucketSpec>>;
  /** The rate limits' clock, in milliseconds (default `Date.now`); tests pass one they move by hand. */
  clock?: () => number;
  /**
   * The client address used by rate limits. Default: the socket address (Node handler) or the last
   * X-Forwarded-For hop (Fetch handler). Behind a proxy, return the address your proxy vouches for.
   */
  clientIp?: (req: { headers: Headers; remoteAddress: string | undefined }) => string;
  /** Most calls in one batched request (default 50). */
  maxBatchSize?: number;
  /**
   * Origins allowed to call the API from a browser on another origin (CORS), e.g. `['https://app.example.com']`,
   * or `'*'`. Default: none (same origin only). Credentials are never allowed; tokens go in the Authorization header.
   */
  corsOrigins?: CorsOrigins;
  /** Largest file accepted by `POST /datasets` (CSV/JSON import, streamed; default 64 MiB). */
  maxUploadBytes?: number;
  /**
   * What each user's datasets may hold in all (default 200 MiB of imported files and 100 datasets). An upload that
   * would pass it is refused with PAYLOAD_TOO_LARGE, before reading when its length is declared, else as it streams.
   */
  datasetQuota?: Partial<DatasetQuota>;
  /**
   * Live streams (events.dashboard, chat.stream) one user may hold open at once on this server process
   * (default 20); one more is refused with TOO_MANY_REQUESTS until another closes.
   */
  maxStreamsPerUser?: number;
  /**
   * Chat replies: an OpenAI-compatible endpoint (`provider`), time and size limits. Default: `OCP_LLM_BASE_URL`,
   * `OCP_LLM_API_KEY`, `OCP_LLM_MODEL` from the environment, else the built-in offline agent. See docs/chat.md.
   */
  chat?: ChatOptions;
  /**
   * Databases that `sql` chart sources may query: `{ name, url, role, allowedUsers?, allowedTeams? }`, each with a
   * pool of its own, every query as `role` in a read-only transaction, usable only by the users and teams named.
   * They belong to this server alone (another server in the same process does not see them). See
   * docs/data-sources.md.
   */
  sqlConnections?: SqlConnectionRegistration[];
  /**
   * The data engine: `http` (allowed origins, default `OCP_HTTP_SOURCE_ORIGINS`; limits), `cache` (size, TTL).
   * See docs/data-sources.md.
   */
  data?: DataEngineOptions;
  /**
   * Delivers messages to people: "you were invited to a team" (with the token that accepts it) and "someone tried
   * to sign up with your address". The server sends no email; default: one log line without the token. Called
   * without waiting, so its speed or failure never shows in an answer. See docs/api.md, "Notifications".
   */
  notify?: NotifyHook;
}

export interface OcpServer {
  router: typeof appRouter;
  /** Node `http` listener: /healthz, /readyz, tRPC and `POST /datasets`. Calls `next` (if given) for anything else. */
  handler: (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
  /** Fetch-API handler for Workers, Hono, Next route handlers, Deno, Bun. Returns 404 for other paths. */
  fetch: (req: Request) => Promise<Response>;
  /** Resolves true when the database answers. */
  health: () => Promise<boolean>;
  /** From now on /readyz answers 503 (draining: a shutdown is under way); /healthz still reflects the database. */
  markDraining: () => void;
  /** This server's state (data engine, live-event bus, chat runtime, rate limits, stream slots). */
  runtime: OcpRuntime;
  /** Stops listening for live events and closes the `sql` sources' pools; the database handle stays open. */
  close: () => Promise<void>;
}

export function createOcpServer(options: OcpServerOptions): OcpServer {
  const auth = options.auth ?? authFromEnv(options.db);
  const basePath = (options.basePath ?? '/trpc').replace(/\/$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const runtime = createOcpRuntime(options);
  const { publicUrl } = options;
  const shareUrlFor = (headers: Headers) => {
    const base = (typeof publicUrl === 'function' ? publicUrl({ headers }) : publicUrl) ?? '';
    return (token: string) => `${base.replace(/\/$/, '')}/embed/${token}`;
  };
  const notify = options.notify ?? logNotification;
  const rls = options.rls ?? process.env.OCP_RLS !== '0';
  const createContext: HandlerDeps['createContext'] = async (headers, remoteAddress, fallbackIp, info) =>
    createContextInner({
      db: options.db,
      rls,
      user: await auth.resolveUser({ headers: withConnectionParams(headers, info) }),
      ip: options.clientIp?.({ headers, remoteAddress }) ?? fallbackIp,
      auth,
      runtime,
      shareUrl: shareUrlFor(headers),
      notify,
    });
  const health = async () => {
    try {
      await options.db.execute(sql`select 1`);
      return true;
    } catch {
      return false;
    }
  };
  let draining = false;
  const shared: HandlerDeps = {
    router: appRouter,
    basePath,
    maxBodyBytes,
    maxBatchSize: options.maxBatchSize ?? 50,
    corsOrigins: validateCorsOrigins(options.corsOrigins),
    upload: {
      db: options.db,
      auth,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      quota: { ...DEFAULT_DATASET_QUOTA, ...options.datasetQuota },
      uploading: new Set(),
    },
    createContext,
    cachedGet: {
      basePath,
      dashboards: runtime.dashboards,
      // Embedded auth decides from the token and rows whose changes migration 0017 announces; other adapters
      // (Supabase, a host's own) may rest on anything, so they are asked on every read.
      tokens: 'kind' in auth && auth.kind === 'embedded' ? runtime.tokens : null,
      resolveUser: (headers) => auth.resolveUser({ headers }),
      urls: new DashboardUrls(basePath),
    },
    health,
    draining: () => draining,
  };
  return {
    router: appRouter,
    handler: createNodeHandler(shared),
    fetch: createFetchHandler(shared),
    health,
    markDraining: () => {
      draining = true;
    },
    runtime,
    close: () => runtime.close(),
  };
}

export interface HandlerDeps {
  router: typeof appRouter;
  basePath: string;
  maxBodyBytes: number;
  maxBatchSize: number;
  corsOrigins: CorsOrigins | undefined;
  upload: UploadDeps;
  /**
   * `fallbackIp`: the adapter's own idea of the client address, used unless `clientIp` is configured.
   * `info`: the procedure type and tRPC's `?connectionParams=` (read for subscriptions over SSE only, whose
   * EventSource sends no headers).
   */
  createContext: (
    headers: Headers,
    remoteAddress: string | undefined,
    fallbackIp: string,
    info?: RequestInfo,
  ) => Promise<OcpContext>;
  /** dashboards.get from the dashboard cache (see http/dashboard-get.ts). */
  cachedGet: CachedGetDeps;
  health: () => Promise<boolean>;
  /** Whether the server is shutting down (/readyz answers 503). */
  draining: () => boolean;
}
