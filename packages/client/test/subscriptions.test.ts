import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ChatStreamEvent, DashboardEvent } from '@ocp/contract';
import { initTRPC, tracked } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { EventSource } from 'eventsource';
import { createOcpClient, createOcpProvider } from '../src/index.js';

/**
 * The SSE path against a stand-in router with the contract's names and shapes, where every step is under the test's
 * control: the split link, the token in connection params, tracked envelopes, unsubscribing, and errors. The real
 * server's chat.stream is exercised in provider.test.ts, events.dashboard in events.test.ts.
 */
const t = initTRPC.context<{ authorization: string | null }>().create();
const seen: Array<string | null> = [];

const standIn = t.router({
  events: t.router({
    dashboard: t.procedure
      .input((v) => v as { dashboardId: string })
      .subscription(async function* ({ ctx, input, signal }) {
        seen.push(ctx.authorization);
        for (let i = 1; ; i++) {
          const event: DashboardEvent = {
            type: 'chart',
            dashboardId: input.dashboardId,
            chartId: `c${i}`,
            action: 'deleted',
          };
          yield tracked(String(i), event);
          await new Promise((r) => setTimeout(r, 20));
          if (signal?.aborted) return;
        }
      }),
  }),
  chat: t.router({
    stream: t.procedure
      .input((v) => v as { sessionId: string })
      .subscription(async function* ({ signal }) {
        const events: ChatStreamEvent[] = [
          { type: 'delta', messageId: 'm1', text: 'Hel' },
          { type: 'delta', messageId: 'm1', text: 'lo' },
          { type: 'error', message: 'stand-in done' },
        ];
        for (const [i, e] of events.entries()) yield tracked(String(i), e);
        // An open stream that only the consumer's unsubscribe ends.
        await new Promise((r) => signal?.addEventListener('abort', r));
      }),
  }),
});

describe('subscriptions over SSE (stand-in router with the contract names)', () => {
  let server: ReturnType<typeof createHTTPServer>;
  let url: string;

  before(async () => {
    server = createHTTPServer({
      router: standIn,
      basePath: '/trpc/',
      createContext: ({ info }) => ({ authorization: info.connectionParams?.authorization ?? null }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  });
  after(async () => {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  });

  test('subscribeDashboard delivers untracked events, sends the token as connection params, and stops', async () => {
    const client = createOcpClient({ url, getToken: () => 'tok-sse', EventSource });
    const provider = createOcpProvider(client);
    const events: DashboardEvent[] = [];
    await new Promise<void>((resolve) => {
      const stop = provider.subscribeDashboard!('d1', (e) => {
        events.push(e);
        if (events.length === 3) {
          stop();
          resolve();
        }
      });
    });
    assert.deepEqual(
      events.map((e) => (e.type === 'chart' ? e.chartId : '')),
      ['c1', 'c2', 'c3'],
    );
    assert.equal(events[0]!.dashboardId, 'd1');
    assert.deepEqual(seen, ['Bearer tok-sse']);
  });

  test('streamChat is an async iterable that the consumer can leave early', async () => {
    const provider = createOcpProvider(createOcpClient({ url, EventSource }));
    const texts: string[] = [];
    for await (const e of provider.streamChat({ sessionId: 's1' })) {
      if (e.type === 'delta') texts.push(e.text);
      if (e.type === 'error') break;
    }
    assert.equal(texts.join(''), 'Hello');
  });

  test('a subscription the server does not have reports NOT_FOUND through onLiveError', async () => {
    // The real server today: no `events.dashboard` procedure at all.
    const bare = initTRPC.create();
    const empty = createHTTPServer({ router: bare.router({}), basePath: '/trpc/' });
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    const client = createOcpClient({
      url: `http://127.0.0.1:${(empty.address() as AddressInfo).port}/trpc`,
      EventSource,
    });
    const error = await new Promise<Error & { code?: string }>((resolve) => {
      const provider = createOcpProvider(client, { onLiveError: resolve });
      provider.subscribeDashboard!('d1', () => {});
    });
    assert.equal(error.name, 'OcpProviderError');
    assert.equal(error.code, 'NOT_FOUND');
    empty.closeAllConnections?.();
    await new Promise((r) => empty.close(r));
  });
});
