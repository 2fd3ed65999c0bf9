/** Open live streams (SSE subscriptions) per user, by default at most this many on one server process. */
export const DEFAULT_MAX_STREAMS_PER_USER = 20;

/**
 * Counts the live streams each user holds open. A stream holds a connection, a bus subscription and a queue for as
 * long as the client keeps it, so one account opening hundreds would cost everyone; past the cap a new one is
 * refused (TOO_MANY_REQUESTS) until an older one closes. Per process: behind several server processes each counts
 * its own.
 */
export class StreamSlots {
  readonly #open = new Map<string, number>();
  readonly max: number;

  constructor(max = DEFAULT_MAX_STREAMS_PER_USER) {
    this.max = max;
  }

  /** Streams `key` holds now. */
  count(key: string): number {
    return this.#open.get(key) ?? 0;
  }

  /** Takes a slot for `key`: the release function (idempotent), or null when `key` already holds `max`. */
  acquire(key: string): (() => void) | null {
    const n = this.count(key);
    if (n >= this.max) return null;
    this.#open.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.count(key) - 1;
      if (left > 0) this.#open.set(key, left);
      else this.#open.delete(key);
    };
  }
}
