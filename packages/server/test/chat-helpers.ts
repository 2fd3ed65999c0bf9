import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatStreamEvent } from '@ocp/contract';
import type { Harness, TestUser } from './harness.js';

/** A request the fake provider received. */
export interface FakeRequest {
  authorization: string | undefined;
  body: {
    model: string;
    stream: boolean;
    messages: Array<{ role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }>;
    tools?: Array<{ type: string; function: { name: string; description: string; parameters: unknown } }>;
  };
}

/** How the fake answers one request. */
export type FakeAnswer =
  | { text: string }
  | { toolCalls: Array<{ name: string; arguments: unknown }>; text?: string }
  | { status: number; body: string }
  | { hang: true }
  | { json: unknown };

/**
 * An OpenAI-compatible chat-completions server on loopback: answers are queued per test (`answer(...)`), each
 * streamed as the real API does — `data: {chunk}` lines, text in small deltas, tool calls in fragments (id and
 * name first, the arguments JSON in three pieces), a finish reason, `data: [DONE]`.
 */
export class FakeLlm {
  readonly requests: FakeRequest[] = [];
  readonly #queue: Array<FakeAnswer | ((r: FakeRequest) => FakeAnswer)> = [];
  readonly #server = http.createServer((req, res) => void this.#handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }

  /** Queues answers, used in order; a function sees the request (e.g. to use ids from earlier tool results). */
  answer(...answers: Array<FakeAnswer | ((r: FakeRequest) => FakeAnswer)>): void {
    this.#queue.push(...answers);
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end('{"error":{"message":"no such route"}}');
      return;
    }
    const request: FakeRequest = { authorization: req.headers.authorization, body: JSON.parse(raw) };
    this.requests.push(request);
    const next = this.#queue.shift() ?? { text: 'No answer queued.' };
    const answer = typeof next === 'function' ? next(request) : next;
    if ('hang' in answer) return; // never answers
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      return;
    }
    if ('json' in answer) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: Record<string, unknown>, finish: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: request.body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    send({ role: 'assistant', content: '' });
    const text = answer.text ?? '';
    for (const piece of text.match(/.{1,4}/gs) ?? []) {
      send({ content: piece });
      await new Promise((r) => setTimeout(r, 1));
    }
    if ('toolCalls' in answer) {
      answer.toolCalls.forEach((call, index) => {
        const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
        send({
          tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: '' } }],
        });
        const third = Math.ceil(args.length / 3);
        for (let i = 0; i < args.length; i += third) {
          send({ tool_calls: [{ index, function: { arguments: args.slice(i, i + third) } }] });
        }
      });
      send({}, 'tool_calls');
    } else {
      send({}, 'stop');
    }
    res.end('data: [DONE]\n\n');
  }
}

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface TestStream {
  status: number;
  /** Every SSE event (connected, pings, errors, data). */
  events: SseEvent[];
  /** The chat events so far (tracked messages only), with their ids. */
  chat(): Array<ChatStreamEvent & { id?: string }>;
  /** Waits until `predicate` holds over the events; fails when the stream ends first or time runs out. */
  until(predicate: (s: TestStream) => boolean, timeoutMs?: number): Promise<void>;
  /** Disconnects; resolves once the server has dropped the subscription. */
  close(): Promise<void>;
}

/**
 * chat.stream over real HTTP as an EventSource would read it (tRPC's SSE framing), for `who`. Resolves once the
 * server has attached the subscription, so nothing sent afterwards can be missed.
 */
export async function openStream(
  h: Harness,
  who: TestUser,
  input: { sessionId: string; lastEventId?: string },
  via: 'header' | 'connectionParams' = 'header',
): Promise<TestStream> {
  const controller = new AbortController();
  const before = h.runtime.chat.hub.listenerCount;
  const params = new URLSearchParams({ input: JSON.stringify(input) });
  if (via === 'connectionParams')
    params.set('connectionParams', JSON.stringify({ authorization: `Bearer ${who.token}` }));
  const res = await fetch(`${h.url}/trpc/chat.stream?${params}`, {
    headers: via === 'header' ? { authorization: `Bearer ${who.token}`, accept: 'text/event-stream' } : {},
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e: SseEvent = { data: '' };
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') e.id = value;
            else if (field === 'event') e.event = value;
            else if (field === 'data') e.data += value;
          }
          events.push(e);
          for (const w of waiters) w();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      for (const w of waiters) w();
    }
  })();
  const stream: TestStream = {
    status: res.status,
    events,
    chat: () =>
      events
        .filter((e) => e.event === undefined && e.data)
        .map((e) => ({ id: e.id, ...(JSON.parse(e.data) as ChatStreamEvent) })),
    async until(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(stream)) {
        if (ended) throw new Error(`stream ended: ${JSON.stringify(events)}`);
        if (Date.now() > deadline) throw new Error(`timed out; events: ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          const done = () => {
            waiters.delete(done);
            r();
          };
          waiters.add(done);
          setTimeout(done, 50);
        });
      }
    },
    async close() {
      controller.abort();
      const deadline = Date.now() + 5000;
      while (h.runtime.chat.hub.listenerCount > before && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
  if (res.ok) {
    const deadline = Date.now() + 5000;
    while (h.runtime.chat.hub.listenerCount <= before && !ended) {
      if (Date.now() > deadline) throw new Error('the subscription never attached');
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return stream;
}
