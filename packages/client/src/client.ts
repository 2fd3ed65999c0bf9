import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from './router.js';

export interface OcpClientOptions {
  /** The tRPC endpoint, e.g. `https://dashboards.example.com/trpc` or `/trpc`. */
  url: string;
  /** Returns the caller's token (embedded, Supabase or your own), or null when signed out. Called per request. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** A custom fetch (tests, proxies, Node without global fetch). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request (not with subscriptions: EventSource cannot send headers). */
  headers?: Record<string, string>;
  /** The `EventSource` class for subscriptions, for runtimes without one (Node < 22 without a polyfill). */
  EventSource?: typeof EventSource;
}

export type OcpClient = TRPCClient<AppRouter>;

/** What a client was made with, for the few calls that are plain HTTP beside tRPC (the CSV export). */
export interface OcpHttpEndpoint {
  url: string;
  authorization: () => Promise<string | null>;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}
const endpoints = new WeakMap<object, OcpHttpEndpoint>();

/** The endpoint a client from createOcpClient talks to (undefined for other clients). */
export function endpointOf(client: object): OcpHttpEndpoint | undefined {
  return endpoints.get(client);
}

/**
 * A typed client for every procedure of the OCP API. Queries and mutations made in the same tick travel in one
 * HTTP request (batching); subscriptions (`events.dashboard`, `chat.stream`) run over Server-Sent Events. Plain JSON
 * on the wire (no transformer), so responses match docs/api.md.
 *
 * `dashboards.get` travels alone (never batched): the server answers it from its dashboard cache with an `ETag`, and
 * the browser's HTTP cache revalidates it (`304 Not Modified`, no body) on the next read.
 *
 * EventSource cannot send an `Authorization` header, so subscriptions carry the token as tRPC connection params
 * (`?connectionParams={"authorization":"Bearer …"}`), which the server reads in place of the header.
 */
export function createOcpClient(options: OcpClientOptions): OcpClient {
  const { url } = options;
  const authorization = async () => {
    const token = await options.getToken?.();
    return token ? `Bearer ${token}` : null;
  };
  const headers = async () => {
    const auth = await authorization();
    return { ...options.headers, ...(auth ? { authorization: auth } : {}) };
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource: options.EventSource,
          async connectionParams() {
            const auth = await authorization();
            return auth ? { authorization: auth } : null;
          },
        }),
        false: splitLink({
          condition: (op) => op.path === 'dashboards.get',
          true: httpLink({ url, fetch: options.fetch, headers }),
          false: httpBatchLink({ url, fetch: options.fetch, maxURLLength: 2000, headers }),
        }),
      }),
    ],
  });
  endpoints.set(client, { url, authorization, fetch: options.fetch, headers: options.headers });
  return client;
}
