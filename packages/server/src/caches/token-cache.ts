import type { OcpUser } from '../context.js';
import type { DashboardEventBus } from '../events/bus.js';
import { TaggedCache } from './tagged-cache.js';

/**
 * The caller of an `Authorization` header, kept by the header's exact text until the token expires, for auth
 * adapters whose answer rests only on the token and on rows whose changes migration 0017 announces (embedded auth:
 * the signature, the account, the user's token generation, signed-out tokens). Kept only while the bus listens;
 * any notice about the user (sign out, sign out everywhere, a password change, the account deleted or edited in SQL)
 * drops every token of theirs; a lost listening connection drops them all.
 */
export class TokenCache {
  readonly #bus: DashboardEventBus;
  readonly #users: TaggedCache<OcpUser>;

  constructor(bus: DashboardEventBus, maxTokens = 10_000) {
    this.#bus = bus;
    this.#users = new TaggedCache(maxTokens);
    bus.watchCache((notice) => {
      if (notice === 'all') this.#users.clear();
      else if ('u' in notice) this.#users.drop(`u:${notice.u}`);
    });
  }

  /** Tokens held now (for tests and metrics). */
  get size(): number {
    return this.#users.size;
  }

  /** The caller from memory, or undefined (not held, expired, or not listening). */
  get(authorization: string, now: number): OcpUser | undefined {
    if (this.#bus.listening()) return this.#users.get(authorization, now);
    // Not hearing notifications: what is held may be stale already.
    if (this.#users.size) this.#users.clear();
    return undefined;
  }

  /** `resolve` (the adapter) answers; a caller is kept while listening, unless a notice came meanwhile. */
  async resolve(authorization: string, resolve: () => Promise<OcpUser | null>): Promise<OcpUser | null> {
    // Listening already when the read starts: a change committed before the LISTEN would be heard by no one.
    const listening = this.#bus.listening();
    const epoch = this.#users.epoch;
    const user = await resolve();
    if (user?.token && listening && this.#bus.listening()) {
      this.#users.set(authorization, user, [`u:${user.id}`], user.token.expiresAt * 1000, epoch);
    }
    return user;
  }
}
