import { claimsOf, type OcpDatabase, withClaims } from '@ocp/db';
import type { AuthAdapter } from './auth/adapter.js';
import { embeddedAuth } from './auth/embedded.js';
import type { ChatRuntime } from './chat/runtime.js';
import type { DataEngine } from './data/engine.js';
import type { DashboardEventBus } from './events/bus.js';
import type { StreamSlots } from './events/stream-slots.js';
import type { RateLimits } from './http/rate-limit.js';
import { logNotification, type NotifyHook } from './notify.js';
import { createOcpRuntime, type OcpRuntime } from './runtime.js';

/** The authenticated caller, whatever adapter (embedded, Supabase, host) produced it. */
export interface OcpUser {
  id: string;
  email: string | null;
  /** The token this request came with, when the adapter can revoke it (embedded auth): its JWT id and expiry. */
  token?: { id: string; expiresAt: number };
}

/** Everything a procedure may use. Built per request by the HTTP adapters, or directly in tests. */
export interface OcpContext {
  /**
   * The database as this procedure may use it: inside a transaction as the app role with the caller's claims (row
   * level security applies) for every procedure except the few that need the owner (see `rootDb`).
   */
  db: OcpDatabase;
  /**
   * The owner connection, which row-level security does not restrict: only for what no caller identity can do
   * (sign-up and sign-in, sharing-token lookups, invitation tokens, token revocation); see docs/security.md.
   */
  rootDb: OcpDatabase;
  /** Whether procedures run as the app role with the caller's claims (default true; `rls: false` to compare). */
  rls: boolean;
  /**
   * Runs `fn` in a short transaction of its own as the caller (or on the owner connection when `rls` is false):
   * for live streams, which must not hold one transaction open for hours, so each read they make gets one.
   */
  asCaller<T>(fn: (db: OcpDatabase) => Promise<T>): Promise<T>;
  user: OcpUser | null;
  /** Client address, for rate limits. */
  ip: string;
  /** The server's auth adapter: auth.signUp/signIn need one that can issue tokens (embedded auth). */
  auth: AuthAdapter;
  /** Rate-limit buckets, shared by every request of one server. */
  limits: RateLimits;
  /** Open live streams per user, shared by every request of one server. */
  streams: StreamSlots;
  /** The server's data engine (charts.data, sharing.chartData). */
  engine: DataEngine;
  /** The server's live-event bus (events.dashboard). */
  events: DashboardEventBus;
  /** The server's chat runtime (chat.*, models.list). */
  chat: ChatRuntime;
  /** The viewer URL of a sharing token (`/embed/<token>` under the host's public URL). */
  shareUrl: (token: string) => string;
  /** Out-of-band messages to people (invitations, sign-up attempts on their address); see notify.ts. */
  notify: NotifyHook;
}

export interface ContextOptions {
  /** The owner connection; procedures get it wrapped as the caller unless `rls` is false. */
  db: OcpDatabase;
  /** Row-level security as the caller (default true). */
  rls?: boolean;
  user?: OcpUser | null;
  ip?: string;
  auth?: AuthAdapter;
  /** The server's state (createOcpRuntime); each piece may also be given alone. */
  runtime?: Partial<Omit<OcpRuntime, 'close'>>;
  limits?: RateLimits;
  streams?: StreamSlots;
  shareUrl?: (token: string) => string;
  notify?: NotifyHook;
}

/**
 * The adapter-free context factory: services and routers are tested through createCaller with this. Pass one
 * `runtime` (createOcpRuntime) to every context that should share state (live events, chat streams, the data cache);
 * whatever is left out is made fresh for this context. Without `limits`, each context gets fresh buckets, i.e.
 * server-side calls are not rate-limited. A host exposing a procedure
 * through its own public route (e.g. sharing.resolve behind /embed/<token>) should pass one shared `RateLimits` and
 * the client's address as `ip`; a shared bucket under a constant `ip` would let one client lock everyone out.
 */
export function createContextInner(opts: ContextOptions): OcpContext {
  const given = opts.runtime ?? {};
  const complete = given.engine && given.events && given.chat && given.limits && given.streams;
  // Fresh buckets in memory: a context made alone (server-side calls, tests) is not limited by anyone else's.
  const fresh = complete ? undefined : createOcpRuntime({ db: opts.db, rateLimitStore: 'memory' });
  const rls = opts.rls ?? process.env.OCP_RLS !== '0';
  const user = opts.user ?? null;
  return {
    db: opts.db,
    rootDb: opts.db,
    rls,
    asCaller: (fn) => (rls ? withClaims(opts.db, claimsOf(user), fn) : fn(opts.db)),
    user,
    ip: opts.ip ?? 'local',
    auth: opts.auth ?? embeddedAuth({ db: opts.db }),
    limits: opts.limits ?? given.limits ?? fresh!.limits,
    streams: opts.streams ?? given.streams ?? fresh!.streams,
    engine: given.engine ?? fresh!.engine,
    events: given.events ?? fresh!.events,
    chat: given.chat ?? fresh!.chat,
    shareUrl: opts.shareUrl ?? ((token) => `/embed/${token}`),
    notify: opts.notify ?? logNotification,
  };
}
