import { randomUUID } from 'node:crypto';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { type CacheNotice, cacheNoticeOf } from './cache-notices.js';
import { channelListener, type Listening } from './listen.js';
import { DASHBOARD_EVENTS_CHANNEL, type EventEnvelope } from './publish.js';

export interface DashboardEventBusOptions {
  /** Events kept per dashboard for resumption (default 64). */
  replayPerDashboard?: number;
  /** Dashboards whose recent events are kept, least recently active dropped first (default 1000). */
  replayDashboards?: number;
  /** Undelivered events per subscriber before it is told to resync instead (a stalled client; default 256). */
  queuePerSubscriber?: number;
}

type Subscriber = (envelope: EventEnvelope) => void;

/** Queued in place of an event: the stream re-checks its caller's access before anything queued after it. */
const RECHECK = Symbol('recheck');
type Queued = EventEnvelope | typeof RECHECK;

/** `{ access: { userId } }` on the channel: that user's memberships changed (see publishAccessChange). */
const accessChangeOf = (v: unknown): string | null => {
  const userId = (v as { access?: { userId?: unknown } } | null)?.access?.userId;
  return typeof userId === 'string' ? userId : null;
};

const isEnvelope = (v: unknown): v is EventEnvelope => {
  const e = v as Partial<EventEnvelope> | null;
  return (
    typeof e?.id === 'string' &&
    typeof e.event === 'object' &&
    e.event !== null &&
    typeof e.event.type === 'string' &&
    typeof e.event.dashboardId === 'string'
  );
};

/**
 * One server's end of the `ocp_dashboard_events` channel: a single LISTEN (started by the first subscriber and kept
 * until the server closes), fanned out in memory to the subscribers of each dashboard, with a
 * small replay buffer per dashboard so a reconnecting client can resume from the last event id it saw.
 */
export class DashboardEventBus {
  readonly #db: OcpDatabase;
  readonly #replayPerDashboard: number;
  readonly #replayDashboards: number;
  readonly #queuePerSubscriber: number;
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  /** By user: what to call when that user's access may have changed (streams opened with `userId`). */
  readonly #rechecks = new Map<string, Set<() => void>>();
  /** Recent events by dashboard; Map order is activity order (a delivery moves its dashboard to the end). */
  readonly #recent = new Map<string, EventEnvelope[]>();
  /** Told of every dashboard that had an event (null: events may have been lost, assume every one changed). */
  readonly #watchers = new Set<(dashboardId: string | null) => void>();
  /** Told of every cache notice (migration 0017), and of `all` when notifications may have been lost. */
  readonly #cacheWatchers = new Set<(notice: CacheNotice) => void>();
  /** settle() calls waiting for their own notification to come back. */
  readonly #barriers = new Map<string, () => void>();
  #started: Promise<Listening> | null = null;
  /** Set once listening; null before and after close. */
  #listening: Listening | null = null;

  constructor(db: OcpDatabase, options: DashboardEventBusOptions = {}) {
    // The LISTEN is set up by the first subscriber, not here: a server that never streams needs no listener.
    this.#db = db;
    this.#replayPerDashboard = options.replayPerDashboard ?? 64;
    this.#replayDashboards = options.replayDashboards ?? 1000;
    this.#queuePerSubscriber = options.queuePerSubscriber ?? 256;
  }

  /** LISTENs once; a failed attempt is retried by the next caller. */
  async start(): Promise<void> {
    this.#started ??= Promise.resolve()
      .then(() => channelListener(this.#db, DASHBOARD_EVENTS_CHANNEL))
      .then((listener) =>
        listener.listen(
          (payload) => this.#receive(payload),
          () => this.#resyncAll(),
        ),
      )
      .then((listening) => {
        this.#listening = listening;
        return listening;
      })
      .catch((error: unknown) => {
        this.#started = null;
        throw error;
      });
    await this.#started;
  }

  /** Stops listening (the server closes): open streams get nothing more. */
  async close(): Promise<void> {
    const started = this.#started;
    this.#started = null;
    this.#listening = null;
    for (const fn of this.#cacheWatchers) fn('all');
    const listening = await started?.catch(() => null);
    await listening?.stop();
  }

  /**
   * Whether this process hears every notification now: listening, and the listening connection not known lost.
   * Caches of what notifications invalidate serve only while this holds (synchronous: asked on every warm read).
   */
  listening(): boolean {
    return this.#listening?.listening() ?? false;
  }

  /**
   * Calls `fn` with every cache notice from now on (migration 0017's triggers), and with `all` when the listening
   * connection was lost or the bus closes. Not counted as a subscriber.
   */
  watchCache(fn: (notice: CacheNotice) => void): () => void {
    this.#cacheWatchers.add(fn);
    return () => this.#cacheWatchers.delete(fn);
  }

  /**
   * Resolves once this process has received every notification committed before the call: it sends one of its own
   * and waits for it (PostgreSQL delivers notifications in commit order). Mutations call it before answering, so a
   * change made through this process holds for the very next read here (docs/scaling.md). Without a listener
   * (nothing is cached then) it resolves at once; after `timeoutMs` it gives up and forgets every cached thing.
   */
  async settle(timeoutMs = 2000): Promise<void> {
    if (!this.listening()) return;
    const nonce = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.#barriers.set(nonce, () => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      await this.#db.execute(
        sql`SELECT pg_notify(${DASHBOARD_EVENTS_CHANNEL}, json_build_object('barrier', ${nonce}::text)::text)`,
      );
      if (!(await arrived)) for (const fn of this.#cacheWatchers) fn('all');
    } catch {
      for (const fn of this.#cacheWatchers) fn('all');
    } finally {
      clearTimeout(timer);
      this.#barriers.delete(nonce);
    }
  }

  /** Open subscriptions across all dashboards (0 once every client has gone). */
  get subscriberCount(): number {
    let n = 0;
    for (const set of this.#subscribers.values()) n += set.size;
    return n;
  }

  /**
   * Calls `fn` with the dashboard of every event from now on, and with null when the listening connection was lost
   * (what was sent meanwhile is unknown). For caches of what events describe; not counted as a subscriber.
   */
  watch(fn: (dashboardId: string | null) => void): () => void {
    this.#watchers.add(fn);
    return () => this.#watchers.delete(fn);
  }

  /** Calls `fn` with each event of `dashboardId` from now on; returns the unsubscribe function. */
  subscribe(dashboardId: string, fn: Subscriber): () => void {
    const set = this.#subscribers.get(dashboardId) ?? new Set<Subscriber>();
    this.#subscribers.set(dashboardId, set);
    set.add(fn);
    // Idempotent: a stream unsubscribes on abort and again when its generator finishes.
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.#subscribers.get(dashboardId) === set) this.#subscribers.delete(dashboardId);
    };
  }

  /**
   * Subscribes to one dashboard and resolves once subscribed (so nothing committed afterwards is missed) with its
   * events as they arrive, until `signal` aborts or the dashboard is deleted (that event is the last). With
   * `lastEventId`, first the buffered events after it; when that id is no longer buffered (too old, or from before
   * this process listened), one `resync` event instead: the client reloads and carries on from there.
   */
  async open(
    dashboardId: string,
    options: {
      lastEventId?: string | null;
      signal?: AbortSignal;
      /**
       * The subscriber, and whether they may still read the dashboard. Asked again whenever access may have changed
       * (a membership change of this user, an update of the dashboard such as its visibility, a lost LISTEN
       * connection) before anything that came after the change is delivered; false ends the stream.
       */
      access?: { userId: string; check: () => Promise<boolean> };
    } = {},
  ): Promise<AsyncGenerator<EventEnvelope>> {
    const { signal, access } = options;
    await this.start();
    const queue: Queued[] = [];
    let wake: (() => void) | undefined;
    const recheck = () => {
      if (access && queue.at(-1) !== RECHECK) queue.push(RECHECK);
      wake?.();
    };
    const unsubscribe = this.subscribe(dashboardId, (envelope) => {
      const { event } = envelope;
      if (event.type === 'resync' || (event.type === 'dashboard' && event.action === 'updated')) recheck();
      if (queue.length >= this.#queuePerSubscriber) queue.splice(0, queue.length, RECHECK, this.#resync(dashboardId));
      else queue.push(envelope);
      wake?.();
    });
    const unwatch = access ? this.#watchAccess(access.userId, recheck) : () => {};
    // Same tick as subscribe: nothing can arrive in between, so the backlog and the live events neither overlap nor
    // leave a gap.
    if (options.lastEventId) queue.push(...this.#since(dashboardId, options.lastEventId));
    // The abort also covers a stream that is never read (the client left before the first event): a generator that
    // never started never runs its `finally`.
    const onAbort = () => {
      unsubscribe();
      unwatch();
      wake?.();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    return (async function* drain() {
      try {
        while (!signal?.aborted) {
          const next = queue.shift();
          if (!next) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
            continue;
          }
          if (next === RECHECK) {
            if (access && !(await access.check())) return;
            continue;
          }
          yield next;
          if (next.event.type === 'dashboard' && next.event.action === 'deleted') return;
        }
      } finally {
        unsubscribe();
        unwatch();
        signal?.removeEventListener('abort', onAbort);
      }
    })();
  }

  #watchAccess(userId: string, fn: () => void): () => void {
    const set = this.#rechecks.get(userId) ?? new Set<() => void>();
    this.#rechecks.set(userId, set);
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.#rechecks.get(userId) === set) this.#rechecks.delete(userId);
    };
  }

  #since(dashboardId: string, lastEventId: string): EventEnvelope[] {
    const recent = this.#recent.get(dashboardId) ?? [];
    const at = recent.findIndex((e) => e.id === lastEventId);
    return at >= 0 ? recent.slice(at + 1) : [this.#resync(dashboardId)];
  }

  /** A resync carries the newest buffered id, so resuming from it later replays only what came after. */
  #resync(dashboardId: string): EventEnvelope {
    const newest = this.#recent.get(dashboardId)?.at(-1)?.id ?? randomUUID();
    return { id: newest, event: { type: 'resync', dashboardId } };
  }

  #receive(payload: string): void {
    let envelope: unknown;
    try {
      envelope = JSON.parse(payload);
    } catch {
      envelope = null;
    }
    const notice = cacheNoticeOf(envelope);
    if (notice !== null) {
      for (const fn of this.#cacheWatchers) fn(notice);
      return;
    }
    const barrier = (envelope as { barrier?: unknown } | null)?.barrier;
    if (typeof barrier === 'string') {
      // Another process's barrier is nothing to this one.
      this.#barriers.get(barrier)?.();
      return;
    }
    const accessOf = accessChangeOf(envelope);
    if (accessOf !== null) {
      for (const fn of this.#rechecks.get(accessOf) ?? []) fn();
      return;
    }
    if (!isEnvelope(envelope)) {
      console.error('[ocp] ignoring a malformed notification on', DASHBOARD_EVENTS_CHANNEL);
      return;
    }
    this.#deliver(envelope);
  }

  #deliver(envelope: EventEnvelope): void {
    const { dashboardId } = envelope.event;
    const recent = this.#recent.get(dashboardId) ?? [];
    this.#recent.delete(dashboardId);
    recent.push(envelope);
    if (recent.length > this.#replayPerDashboard) recent.shift();
    this.#recent.set(dashboardId, recent);
    if (this.#recent.size > this.#replayDashboards) this.#recent.delete(this.#recent.keys().next().value!);
    for (const fn of this.#watchers) fn(dashboardId);
    for (const fn of this.#subscribers.get(dashboardId) ?? []) fn(envelope);
  }

  /** The listening connection dropped: whatever was sent meanwhile is lost, so nothing buffered can be trusted. */
  #resyncAll(): void {
    this.#recent.clear();
    for (const fn of this.#cacheWatchers) fn('all');
    for (const fn of this.#watchers) fn(null);
    for (const [dashboardId, set] of this.#subscribers) {
      const envelope = this.#resync(dashboardId);
      for (const fn of set) fn(envelope);
    }
  }
}
