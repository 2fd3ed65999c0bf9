import { createHash } from 'node:crypto';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { rows } from '../services/sql.js';

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

/** Rows idle this long are deleted now and then (every bucket refills within a day with the defaults). */
const IDLE_MS = 24 * 60 * 60_000;

/**
 * Token buckets. With a database (`store`, what createOcpServer gives), they live in `ocp_private.rate_limits` and
 * hold across every server process sharing it: each take is one atomic upsert. Without one, in this process only
 * (a host's own mount, tests). `db` on a call runs it on that handle (the request's transaction: on PGlite the
 * owner connection would wait for it); by default on the store.
 */
export class RateLimits {
  readonly #specs: Record<RateLimitName, BucketSpec>;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  readonly #store: OcpDatabase | undefined;
  #calls = 0;

  constructor(
    specs: Partial<Record<RateLimitName, BucketSpec>> = {},
    now: () => number = Date.now,
    store?: OcpDatabase,
  ) {
    this.#specs = { ...DEFAULT_RATE_LIMITS, ...specs };
    this.#now = now;
    this.#store = store;
  }

  /** Whether the buckets are shared through the database. */
  get shared(): boolean {
    return this.#store !== undefined;
  }

  /** Spends one token; false when the bucket is empty. */
  async take(name: RateLimitName, key: string, db?: OcpDatabase): Promise<boolean> {
    if (!this.#store) {
      const bucket = this.#fill(name, key);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    }
    const { capacity, perMinute } = this.#specs[name];
    const now = this.#now();
    const handle = db ?? this.#store;
    if (++this.#calls % 1000 === 0)
      await handle.execute(sql`DELETE FROM ocp_private.rate_limits WHERE at_ms < ${now - IDLE_MS}`);
    // The refilled level, computed in the statement from the stored one: concurrent takes on any process serialize
    // on the row, and a take that would go below zero changes nothing and returns no row.
    const level = sql`least(${capacity}::float8, r.tokens + greatest(0, ${now}::bigint - r.at_ms) / 60000.0 * ${perMinute}::float8)`;
    const taken = await rows<{ one: number }>(
      handle,
      sql`INSERT INTO ocp_private.rate_limits AS r (name, key_hash, tokens, at_ms)
          VALUES (${name}, ${digest(key)}, ${capacity - 1}::float8, ${now}::bigint)
          ON CONFLICT (name, key_hash) DO UPDATE SET tokens = ${level} - 1, at_ms = greatest(r.at_ms, ${now}::bigint)
          WHERE ${level} >= 1
          RETURNING 1 AS one`,
    );
    return taken.length > 0;
  }

  /** Gives back a token spent by a call that turned out to be legitimate. */
  async refund(name: RateLimitName, key: string, db?: OcpDatabase): Promise<void> {
    if (!this.#store) {
      const bucket = this.#fill(name, key);
      bucket.tokens = Math.min(this.#specs[name].capacity, bucket.tokens + 1);
      return;
    }
    const { capacity, perMinute } = this.#specs[name];
    const now = this.#now();
    await (db ?? this.#store).execute(
      sql`UPDATE ocp_private.rate_limits r
             SET tokens = least(${capacity}::float8, r.tokens + greatest(0, ${now}::bigint - r.at_ms) / 60000.0 * ${perMinute}::float8 + 1),
                 at_ms = greatest(r.at_ms, ${now}::bigint)
           WHERE r.name = ${name} AND r.key_hash = ${digest(key)}`,
    );
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

/** Bucket keys hold addresses and emails: only their digest is stored. */
function digest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
