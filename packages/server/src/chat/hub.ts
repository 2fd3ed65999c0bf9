import type { ChatStreamEvent } from '@ocp/contract';

/** A stream event with the id a client resumes from: `<messageId>.<n>` (n counts the reply's events from 1). */
export interface HubEvent {
  id: string;
  event: ChatStreamEvent;
}

type Listener = (e: HubEvent) => void;

interface Session {
  recent: HubEvent[];
  listeners: Set<Listener>;
}

export interface ChatHubOptions {
  /** Events kept per session for resumption (default 4,000: a long reply's deltas). */
  recentPerSession?: number;
  /** Sessions whose recent events are kept, least recently active dropped first (default 500). */
  sessions?: number;
}

/**
 * The fan-out of one server process: the process that runs a reply publishes its events here, and every
 * `chat.stream` subscription of that session on this process receives them, in order. A short history per session
 * lets a client that reconnects (tRPC sends the last id it saw as `lastEventId`) continue where it stopped.
 */
export class ChatHub {
  readonly #sessions = new Map<string, Session>();
  readonly #recentPerSession: number;
  readonly #maxSessions: number;

  constructor(options: ChatHubOptions = {}) {
    this.#recentPerSession = options.recentPerSession ?? 4000;
    this.#maxSessions = options.sessions ?? 500;
  }

  #session(sessionId: string): Session {
    let s = this.#sessions.get(sessionId);
    if (s) this.#sessions.delete(sessionId);
    else s = { recent: [], listeners: new Set() };
    this.#sessions.set(sessionId, s); // most recently active last
    return s;
  }

  publish(sessionId: string, e: HubEvent): void {
    const s = this.#session(sessionId);
    s.recent.push(e);
    if (s.recent.length > this.#recentPerSession) s.recent.splice(0, s.recent.length - this.#recentPerSession);
    for (const listener of s.listeners) listener(e);
    if (this.#sessions.size > this.#maxSessions) {
      for (const [id, other] of this.#sessions) {
        if (this.#sessions.size <= this.#maxSessions) break;
        if (other.listeners.size === 0) this.#sessions.delete(id);
      }
    }
  }

  /**
   * Starts delivering the session's events to `listener`. `backlog` holds the events after `lastEventId` (none
   * without one), or is null when that id is no longer held here; both happen at once, so nothing falls between.
   */
  attach(
    sessionId: string,
    lastEventId: string | null | undefined,
    listener: Listener,
  ): { backlog: HubEvent[] | null; detach: () => void } {
    const s = this.#session(sessionId);
    let backlog: HubEvent[] | null = [];
    if (lastEventId) {
      const at = s.recent.findIndex((e) => e.id === lastEventId);
      backlog = at >= 0 ? s.recent.slice(at + 1) : null;
    }
    s.listeners.add(listener);
    return { backlog, detach: () => s.listeners.delete(listener) };
  }

  /** Open subscriptions (all sessions). */
  get listenerCount(): number {
    let n = 0;
    for (const s of this.#sessions.values()) n += s.listeners.size;
    return n;
  }
}

/** The events of one reply, numbered. */
export class ReplyEvents {
  #n = 0;
  constructor(
    private readonly hub: ChatHub,
    private readonly sessionId: string,
    readonly messageId: string,
  ) {}

  emit(event: ChatStreamEvent): void {
    this.hub.publish(this.sessionId, { id: `${this.messageId}.${++this.#n}`, event });
  }
}
