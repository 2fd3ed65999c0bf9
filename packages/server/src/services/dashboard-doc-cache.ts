import { createHash } from 'node:crypto';
import type { Role } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import type { DashboardEventBus } from '../events/bus.js';
import { ownedRoleSql } from './access.js';
import { dashboardDocTextSql } from './dashboard-json.js';
import { rows } from './sql.js';

/** What a cached read answers: the bytes of tRPC's `{"result":{"data":DashboardDetail}}` and their entity tag. */
export interface CachedDashboard {
  body: Buffer;
  etag: string;
}

export interface DashboardDocCacheOptions {
  /** Most bytes of documents kept, least recently read dropped first (default 64 MiB). */
  maxBytes?: number;
}

interface Entry {
  dashboardId: string;
  /** VERSION when the document was read. */
  version: string;
  /** The document without `role` and without its closing brace, as PostgreSQL wrote it. */
  head: string;
  hash: string;
  /** Characters held: the head and every answer built from it. */
  size: number;
  /** The answer per role, built on first use (five roles at most). */
  bodies: Map<Role, CachedDashboard>;
}

interface Loading {
  version: string;
  promise: Promise<Entry | null>;
  /** Set when an event arrives while the document is read: the result answers who asked, but is not kept. */
  stale: boolean;
}

/**
 * The version a document is kept under: the newest `updated_at` of the dashboard and of the charts placed on it
 * (every write to them moves it, through triggers, even one made in SQL by an administrator without any event), by
 * two index lookups. Tabs, placements, templates and memberships change only through the services, which publish.
 */
const VERSION = sql.raw(`(extract(epoch FROM d.updated_at)::text || '/' || coalesce((
    SELECT extract(epoch FROM max(vc.updated_at))::text FROM dashboard_tabs vt
      JOIN chart_placements vp ON vp.dashboard_tab_id = vt.id JOIN charts vc ON vc.id = vp.chart_id
     WHERE vt.dashboard_id = d.id), ''))`);

const DD = { ownerUserId: sql`d.owner_user_id`, ownerTeamId: sql`d.owner_team_id`, isPublic: sql`d.is_public` };

/**
 * dashboards.get from memory: the document as PostgreSQL's own JSON text (never parsed, never re-serialised), per
 * dashboard and version (VERSION), dropped by every live event of that dashboard (events cross server processes through
 * LISTEN/NOTIFY; a lost listening connection drops everything). The document is the same for every caller but for
 * `role`, which is appended per request.
 *
 * Every read first checks access as it stands now, in one indexed statement (the caller's role and the version): the cache holds documents, never permissions. Until the server listens for events nothing is kept.
 */
export class DashboardDocCache {
  readonly #db: OcpDatabase;
  readonly #bus: DashboardEventBus;
  readonly #maxBytes: number;
  /** Map order is recency: a hit moves its entry to the end. */
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Loading>();
  #bytes = 0;
  #listening: Promise<boolean> | null = null;

  constructor(db: OcpDatabase, bus: DashboardEventBus, options: DashboardDocCacheOptions = {}) {
    this.#db = db;
    this.#bus = bus;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Documents held now (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The answer of dashboards.get for `userId`, or null when the dashboard does not exist or the caller may not see
   * it (the caller then goes the ordinary way, which answers NOT_FOUND).
   */
  async read(userId: string, dashboardId: string): Promise<CachedDashboard | null> {
    const [access] = await rows<{ role: Role | null; version: string }>(
      this.#db,
      sql`SELECT /* ocp dashboard access */ ${ownedRoleSql(DD, userId)} AS role, ${VERSION} AS version
            FROM dashboards d WHERE d.id = ${dashboardId}`,
    );
    if (!access?.role) return null;
    const entry = await this.#document(dashboardId, access.version);
    return entry ? this.#answer(entry, access.role) : null;
  }

  async #document(id: string, version: string): Promise<Entry | null> {
    const held = this.#entries.get(id);
    if (held?.version === version) {
      this.#entries.delete(id);
      this.#entries.set(id, held);
      return held;
    }
    const loading = this.#loading.get(id);
    if (loading?.version === version && !loading.stale) return loading.promise;
    const listening = await this.#listen();
    // Listening before reading, so an event committed while the statement runs marks this read stale.
    const load: Loading = { version, stale: !listening, promise: Promise.resolve(null) };
    load.promise = rows<{ doc: string }>(this.#db, dashboardDocTextSql(id)).then(([row]) => {
      if (this.#loading.get(id) === load) this.#loading.delete(id);
      if (!row) return null;
      const entry = makeEntry(id, row.doc, version);
      if (!load.stale) this.#keep(id, entry);
      return entry;
    });
    load.promise.catch(() => {
      if (this.#loading.get(id) === load) this.#loading.delete(id);
    });
    this.#loading.set(id, load);
    return load.promise;
  }

  #listen(): Promise<boolean> {
    this.#listening ??= this.#bus.start().then(
      () => {
        this.#bus.watch((id) => this.#invalidate(id));
        return true;
      },
      (error: unknown) => {
        console.error('[ocp] dashboard cache off: cannot listen for live events:', error);
        this.#listening = null;
        return false;
      },
    );
    return this.#listening;
  }

  /** Any event of the dashboard drops its document; null (events were lost) drops every document. */
  #invalidate(id: string | null): void {
    if (id === null) {
      for (const loading of this.#loading.values()) loading.stale = true;
      this.#entries.clear();
      this.#bytes = 0;
      return;
    }
    const loading = this.#loading.get(id);
    if (loading) loading.stale = true;
    this.#drop(id);
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
      cached = {
        body: Buffer.from(`{"result":{"data":${entry.head}, "role" : "${role}"}}}`),
        etag: `"${entry.hash}.${role}"`,
      };
      entry.bodies.set(role, cached);
      entry.size += cached.body.length;
      if (this.#entries.get(entry.dashboardId) === entry) this.#bytes += cached.body.length;
    }
    return cached;
  }
}

function makeEntry(dashboardId: string, doc: string, version: string): Entry {
  // json_build_object's text ends with its closing brace; the role goes in front of it.
  const head = doc.slice(0, doc.lastIndexOf('}'));
  const hash = createHash('sha256').update(doc).digest('base64url').slice(0, 27);
  return { dashboardId, version, head, hash, size: head.length, bodies: new Map() };
}
