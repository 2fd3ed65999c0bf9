/** A token bucket: `capacity` calls at once, refilled continuously at `perMinute`. */
export interface BucketSpec {
  capacity: number;
  perMinute: number;
}

export type RateLimitName = 'signIn' | 'signInAccount' | 'signUp' | 'shareToken' | 'chat';

/**
 * Defaults, per client address:
 * - signIn: 20 failed sign-ins (any email), then 10 a minute; signInAccount: 10 failed sign-ins on one email from one
 *   address, then 3 a minute. Only failures count (a success gives its tokens back), and no bucket is per email
 *   alone: an attacker's failures never lock the owner out when they sign in from another address.
 *   me.changePassword's wrong current passwords count in the same buckets;
 * - signUp: 10 accounts, then 10 an hour;
 * - shareToken: 30 unknown or expired sharing tokens (sharing.resolve, sharing.chartData), then 30 a minute;
 *   valid tokens are refunded, so a viewer loading a dashboard of many charts is never limited;
 * - chat: 20 chat messages per user, then 10 a minute (each may cost a model call).
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, BucketSpec> = {
  signIn: { capacity: 20, perMinute: 10 },
  signInAccount: { capacity: 10, perMinute: 3 },
  signUp: { capacity: 10, perMinute: 10 / 60 },
  shareToken: { capacity: 30, perMinute: 30 },
  chat: { capacity: 20, perMinute: 10 },
};

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 50_000;

/**
 * In-process token buckets. Good enough for one process, or several behind sticky load balancing; a shared store
 * (Redis, PostgreSQL) can implement the same two methods.
 */
export class RateLimits {
  readonly #specs: Record<RateLimitName, BucketSpec>;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(specs: Partial<Record<RateLimitName, BucketSpec>> = {}, now: () => number = Date.now) {
    this.#specs = { ...DEFAULT_RATE_LIMITS, ...specs };
    this.#now = now;
  }

  /** Spends one token; false when the bucket is empty. */
  take(name: RateLimitName, key: string): boolean {
    const bucket = this.#fill(name, key);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Gives back a token spent by a call that turned out to be legitimate. */
  refund(name: RateLimitName, key: string): void {
    const bucket = this.#fill(name, key);
    bucket.tokens = Math.min(this.#specs[name].capacity, bucket.tokens + 1);
  }

  #fill(name: RateLimitName, key: string): Bucket {
    const spec = this.#specs[name];
    const now = this.#now();
    const id = `${name}\u0000${key}`;
    let bucket = this.#buckets.get(id);
    if (!bucket) {
      if (this.#buckets.size >= MAX_KEYS) this.#sweep(now);
      bucket = { tokens: spec.capacity, at: now };
      this.#buckets.set(id, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + ((now - bucket.at) / 60_000) * spec.perMinute);
    bucket.at = now;
    return bucket;
  }

  /** Forgets buckets that would be full again by now (they carry no information), oldest first otherwise. */
  #sweep(now: number) {
    for (const [id, bucket] of this.#buckets) {
      const spec = this.#specs[id.slice(0, id.indexOf('\u0000')) as RateLimitName];
      if (bucket.tokens + ((now - bucket.at) / 60_000) * spec.perMinute >= spec.capacity) this.#buckets.delete(id);
    }
    // Still full of active clients: drop the oldest entries (Map keeps insertion order).
    for (const id of this.#buckets.keys()) {
      if (this.#buckets.size < MAX_KEYS * 0.9) break;
      this.#buckets.delete(id);
    }
  }
}
