interface Entry<V> {
  value: V;
  tags: readonly string[];
  /** Milliseconds since the epoch after which the entry is gone (a token's expiry), or Infinity. */
  expiresAt: number;
}

/**
 * A bounded map (least recently used dropped first) whose entries carry tags (`u:<user>`, `d:<dashboard>`) and are
 * dropped by tag when a notification says what they rest on changed. `epoch` moves with every drop: a value read
 * from the database is kept only if no drop happened while it was being read (it might predate the change).
 */
export class TaggedCache<V> {
  readonly #max: number;
  readonly #entries = new Map<string, Entry<V>>();
  readonly #byTag = new Map<string, Set<string>>();
  #epoch = 0;

  constructor(maxEntries: number) {
    this.#max = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Take it before reading what will be kept; pass it to `set`. */
  get epoch(): number {
    return this.#epoch;
  }

  get(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#delete(key, entry);
      return undefined;
    }
    // Recency: re-inserting moves the key to the end of the Map's order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` unless something was dropped since `epoch` was taken; says whether it was kept. */
  set(key: string, value: V, tags: readonly string[], expiresAt: number, epoch: number): boolean {
    if (epoch !== this.#epoch) return false;
    const old = this.#entries.get(key);
    if (old) this.#delete(key, old);
    this.#entries.set(key, { value, tags, expiresAt });
    for (const tag of tags) {
      const keys = this.#byTag.get(tag) ?? new Set<string>();
      this.#byTag.set(tag, keys);
      keys.add(key);
    }
    if (this.#entries.size > this.#max) {
      const [oldest, entry] = this.#entries.entries().next().value!;
      this.#delete(oldest, entry);
    }
    return true;
  }

  /** Drops every entry carrying `tag`. */
  drop(tag: string): void {
    this.#epoch++;
    const keys = this.#byTag.get(tag);
    if (!keys) return;
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (entry) this.#delete(key, entry);
    }
  }

  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#byTag.clear();
  }

  #delete(key: string, entry: Entry<V>): void {
    this.#entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }
}
