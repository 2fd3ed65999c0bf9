import type { DashboardEvent } from '@ocp/contract';
import type { TestUser } from './harness.js';

/** One server-sent event as it came over the wire. */
export interface SseMessage {
  /** `message` for data, or tRPC's `connected`, `ping`, `return`, `serialized-error`. */
  event: string;
  data: string;
  id?: string;
  /** performance.now() when it was parsed. */
  at: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Every message so far, in order. */
  messages: SseMessage[];
  /** Resolves with the next message (after those already taken) that matches, or rejects after `timeoutMs`. */
  next(match?: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** The next data message, parsed. */
  nextEvent(timeoutMs?: number): Promise<{ id: string | undefined; event: DashboardEvent; at: number }>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

export interface SseOptions {
  /** How the token travels: tRPC connection params (as @ocp/client sends it; default), `{ token }`, or the header. */
  via?: 'connectionParams' | 'token' | 'header';
  lastEventId?: string;
  /** Send the id as the Last-Event-ID header (what a browser's own EventSource reconnection does) instead. */
  lastEventIdHeader?: string;
}

/** Opens `events.dashboard` with raw fetch and parses the SSE stream as it arrives. */
export async function openSse(
  baseUrl: string,
  who: TestUser | null,
  dashboardId: string,
  options: SseOptions = {},
): Promise<SseStream> {
  const input: Record<string, string> = { dashboardId };
  if (options.lastEventId) input.lastEventId = options.lastEventId;
  const url = new URL(`${baseUrl}/trpc/events.dashboard`);
  url.searchParams.set('input', JSON.stringify(input));
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const via = options.via ?? 'connectionParams';
  if (who && via === 'connectionParams') {
    url.searchParams.set('connectionParams', JSON.stringify({ authorization: `Bearer ${who.token}` }));
  }
  if (who && via === 'token') url.searchParams.set('connectionParams', JSON.stringify({ token: who.token }));
  if (who && via === 'header') headers.authorization = `Bearer ${who.token}`;
  if (options.lastEventIdHeader) headers['last-event-id'] = options.lastEventIdHeader;

  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  let taken = 0;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };

  const ended = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const message: SseMessage = { event: 'message', data: '', at: performance.now() };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            const field = line.slice(0, colon);
            const text = line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') message.event = text;
            else if (field === 'data') data.push(text);
            else if (field === 'id') message.id = text;
          }
          if (!data.length && message.id === undefined && message.event === 'message') continue;
          message.data = data.join('\n');
          messages.push(message);
          notify();
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      notify();
    }
  })();
  let over = false;
  void ended.finally(() => {
    over = true;
    notify();
  });

  const next: SseStream['next'] = (match = () => true, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        while (taken < messages.length) {
          const m = messages[taken++]!;
          if (match(m)) {
            cleanup();
            resolve(m);
            return;
          }
        }
        if (over) {
          cleanup();
          reject(new Error(`stream ended; got ${JSON.stringify(messages)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    status: res.status,
    headers: res.headers,
    messages,
    next,
    async nextEvent(timeoutMs) {
      const m = await next((x) => x.event === 'message', timeoutMs);
      return { id: m.id, event: JSON.parse(m.data) as DashboardEvent, at: m.at };
    },
    ended,
    close: () => abort.abort(),
  };
}

/** Polls `read` until it returns `want` (subscriber counts settle a tick after the socket closes). */
export async function eventually<T>(read: () => T, want: T, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (read() !== want) {
    if (Date.now() > until) throw new Error(`expected ${String(want)}, still ${String(read())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
