export interface ResultCacheOptions {
  /** Most entries kept; the least recently used goes first (default 256). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  chartId: string;
  version: string;
  value: T;
  expires: number;
}

/**
 * Chart data results by key, with a bounded LRU, per-entry expiry, and one shared computation for concurrent
 * identical requests. Keys include the chart's version (its updatedAt): an update makes a new key, and storing a
 * result for a new version drops the chart's older entries, so an updated chart is never served stale.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Computations started (cache misses that were not joined to an in-flight one). */
  computations = 0;

  constructor(options: ResultCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 256;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, chartId: string, version: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) {
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      return hit.value;
    }
    if (hit) this.entries.delete(key);
    const running = this.inFlight.get(key);
    if (running) return running;
    this.computations++;
    const promise = compute().then(
      (value) => {
        this.inFlight.delete(key);
        this.store(key, { chartId, version, value, expires: this.now() + ttlMs });
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key); // failures are not cached: the next request tries again
        throw error;
      },
    );
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Drops every cached result of a chart (any version). */
  invalidateChart(chartId: string): void {
    for (const [key, entry] of this.entries) if (entry.chartId === chartId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private store(key: string, entry: Entry<T>): void {
    if (entry.expires <= this.now()) return;
    for (const [k, e] of this.entries)
      if (e.chartId === entry.chartId && e.version !== entry.version) this.entries.delete(k);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
