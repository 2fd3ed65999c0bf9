import { createHash } from 'node:crypto';
import type { Role } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { TaggedCache } from '../caches/tagged-cache.js';
import type { DashboardEventBus } from '../events/bus.js';
import type { CacheNotice } from '../events/cache-notices.js';
import { API_HEADERS } from '../http/headers.js';
import { ownedRoleSql } from './access.js';
import { dashboardDocTextSql } from './dashboard-json.js';
import { rows } from './sql.js';

/** What a cached read answers: the bytes of tRPC's `{"result":{"data":DashboardDetail}}` and their entity tag. */
export interface CachedDashboard {
  body: Buffer;
  etag: string;
  /** Every header of the answer, security headers included, as `writeHead` takes them (name, value, name, …). */
  head200: string[];
  head304: string[];
}

export interface DashboardDocCacheOptions {
  /** Most bytes of documents kept, least recently read dropped first (default 64 MiB). */
  maxBytes?: number;
  /** Most (user, dashboard) roles kept (default 100,000). */
  maxRoles?: number;
}

interface Entry {
  dashboardId: string;
  ownerUserId: string | null;
  ownerTeamId: string | null;
  /** The document without `role` and without its closing brace, as PostgreSQL wrote it. */
  head: string;
  hash: string;
  /** Characters held: the head and every answer built from it. */
  size: number;
  /** The answer per role, built on first use (five roles at most). */
  bodies: Map<Role, CachedDashboard>;
}

interface Loading {
  promise: Promise<Entry | null>;
  /** Set when a notice arrives while the document is read: the result answers who asked, but is not kept. */
  stale: boolean;
}

const DD = { ownerUserId: sql`d.owner_user_id`, ownerTeamId: sql`d.owner_team_id`, isPublic: sql`d.is_public` };

/**
 * dashboards.get from memory: the caller's role per (user, dashboard) and the document per dashboard as
 * PostgreSQL's own JSON text (never parsed, never re-serialised), both kept only while this process listens for
 * the notifications of migration 0017's triggers, and dropped by them: a row that decides a role or a document
 * changed, whoever changed it (the services, the chat, an administrator in psql), in any server process on the
 * database. A lost listening connection drops everything and keeps nothing until it listens again; until then every
 * read asks the database, as it does for whatever is not held. The document is the same for every caller but for
 * `role`, which is appended per request.
 */
export class DashboardDocCache {
  readonly #db: OcpDatabase;
  readonly #bus: DashboardEventBus;
  readonly #maxBytes: number;
  /** `<user> <dashboard>` → role (only roles that see the dashboard are kept). */
  readonly #roles: TaggedCache<Role>;
  /** Map order is recency: a hit moves its entry to the end. */
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Loading>();
  #bytes = 0;
  #starting: Promise<void> | null = null;

  constructor(db: OcpDatabase, bus: DashboardEventBus, options: DashboardDocCacheOptions = {}) {
    this.#db = db;
    this.#bus = bus;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#roles = new TaggedCache(options.maxRoles ?? 100_000);
    bus.watchCache((notice) => this.#invalidate(notice));
  }

  /** Documents held now (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether warm reads may be answered from memory now; the first call starts listening. */
  listening(): boolean {
    if (this.#bus.listening()) return true;
    // Not hearing notifications: what is held may be stale already (the bus also says `all` once it listens again).
    if (this.#entries.size || this.#roles.size) this.#invalidate('all');
    void this.ready();
    return false;
  }

  /** Starts listening (once at a time); resolves with whether the bus listens now. */
  ready(): Promise<boolean> {
    if (this.#bus.listening()) return Promise.resolve(true);
    this.#starting ??= this.#bus.start().then(
      () => {
        this.#starting = null;
      },
      (error: unknown) => {
        console.error('[ocp] dashboard cache off: cannot listen for notifications:', error);
        this.#starting = null;
      },
    );
    return this.#starting.then(() => this.#bus.listening());
  }

  /** The answer from memory alone (no database), or undefined when something is not held or not listening. */
  warm(userId: string, dashboardId: string, now: number): CachedDashboard | undefined {
    if (!this.listening()) return undefined;
    const role = this.#roles.get(`${userId} ${dashboardId}`, now);
    const entry = role && this.#entries.get(dashboardId);
    if (!entry) return undefined;
    this.#entries.delete(dashboardId);
    this.#entries.set(dashboardId, entry);
    return this.#answer(entry, role);
  }

  /**
   * The answer of dashboards.get for `userId`, or null when the dashboard does not exist or the caller may not see
   * it (the caller then goes the ordinary way, which answers NOT_FOUND). What is not held is read from the database,
   * and kept while listening.
   */
  async read(userId: string, dashboardId: string): Promise<CachedDashboard | null> {
    // Listening before reading: a change committed before the LISTEN would be heard by no one.
    const listening = this.listening() || (await this.ready());
    const key = `${userId} ${dashboardId}`;
    let role = listening ? this.#roles.get(key, Date.now()) : undefined;
    if (!role) {
      const epoch = this.#roles.epoch;
      const [access] = await rows<{ role: Role | null }>(
        this.#db,
        sql`SELECT /* ocp dashboard access */ ${ownedRoleSql(DD, userId)} AS role FROM dashboards d
             WHERE d.id = ${dashboardId}`,
      );
      if (!access?.role) return null;
      role = access.role;
      if (listening && this.#bus.listening())
        this.#roles.set(key, role, [`u:${userId}`, `d:${dashboardId}`], Infinity, epoch);
    }
    const entry = await this.#document(dashboardId);
    return entry ? this.#answer(entry, role) : null;
  }

  #document(id: string): Promise<Entry | null> | Entry {
    const held = this.#bus.listening() ? this.#entries.get(id) : undefined;
    if (held) return held;
    const loading = this.#loading.get(id);
    if (loading && !loading.stale) return loading.promise;
    // Listening before reading, so a notice committed while the statement runs marks this read stale.
    const load: Loading = { stale: !this.#bus.listening(), promise: Promise.resolve(null) };
    load.promise = rows<{ doc: string; ownerUserId: string | null; ownerTeamId: string | null }>(
      this.#db,
      dashboardDocTextSql(id),
    ).then(([row]) => {
      if (this.#loading.get(id) === load) this.#loading.delete(id);
      if (!row) return null;
      const entry = makeEntry(id, row);
      if (!load.stale && this.#bus.listening()) this.#keep(id, entry);
      return entry;
    });
    load.promise.catch(() => {
      if (this.#loading.get(id) === load) this.#loading.delete(id);
    });
    this.#loading.set(id, load);
    return load.promise;
  }

  /**
   * `d`: that dashboard's document and roles. `u`: the user's roles, and the documents of dashboards they own (their
   * memberships decide which team charts show there). `t`: the documents of the team's dashboards (they show their
   * members' own charts). `all`: everything.
   */
  #invalidate(notice: CacheNotice): void {
    if (notice === 'all') {
      for (const loading of this.#loading.values()) loading.stale = true;
      this.#roles.clear();
      this.#entries.clear();
      this.#bytes = 0;
      return;
    }
    if ('d' in notice) {
      this.#roles.drop(`d:${notice.d}`);
      const loading = this.#loading.get(notice.d);
      if (loading) loading.stale = true;
      this.#drop(notice.d);
      return;
    }
    if ('u' in notice) this.#roles.drop(`u:${notice.u}`);
    // Rare (membership changes): a loading document's owner is not known yet, so every load is stale.
    for (const loading of this.#loading.values()) loading.stale = true;
    for (const entry of [...this.#entries.values()]) {
      if ('u' in notice ? entry.ownerUserId === notice.u : entry.ownerTeamId === notice.t)
        this.#drop(entry.dashboardId);
    }
  }

  #keep(id: string, entry: Entry): void {
    this.#drop(id);
    this.#entries.set(id, entry);
    this.#bytes += entry.size;
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.#maxBytes || oldest === id) break;
      this.#drop(oldest);
    }
  }

  #drop(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    this.#bytes -= entry.size;
  }

  #answer(entry: Entry, role: Role): CachedDashboard {
    let cached = entry.bodies.get(role);
    if (!cached) {
      const body = Buffer.from(`{"result":{"data":${entry.head}, "role" : "${role}"}}}`);
      const etag = `"${entry.hash}.${role}"`;
      const common = {
        ...API_HEADERS,
        'content-type': 'application/json',
        etag,
        // Kept by the browser, but asked about every time (a 304 costs the access check and no document).
        'cache-control': 'private, no-cache',
        vary: 'authorization',
      };
      cached = {
        body,
        etag,
        head200: Object.entries({ ...common, 'content-length': String(body.length) }).flat(),
        head304: Object.entries(common).flat(),
      };
      entry.bodies.set(role, cached);
      entry.size += body.length;
      if (this.#entries.get(entry.dashboardId) === entry) this.#bytes += body.length;
    }
    return cached;
  }
}

function makeEntry(
  dashboardId: string,
  row: { doc: string; ownerUserId: string | null; ownerTeamId: string | null },
): Entry {
  // json_build_object's text ends with its closing brace; the role goes in front of it.
  const head = row.doc.slice(0, row.doc.lastIndexOf('}'));
  const hash = createHash('sha256').update(row.doc).digest('base64url').slice(0, 27);
  return {
    dashboardId,
    ownerUserId: row.ownerUserId,
    ownerTeamId: row.ownerTeamId,
    head,
    hash,
    size: head.length,
    bodies: new Map(),
  };
}
