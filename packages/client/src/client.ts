import type { AppRouter } from '@ocp/server';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';

export interface OcpClientOptions {
  /** The tRPC endpoint, e.g. `https://dashboards.example.com/trpc` or `/trpc`. */
  url: string;
  /** Returns the caller's token (embedded, Supabase or your own), or null when signed out. Called per request. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** A custom fetch (tests, proxies, Node without global fetch). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

export type OcpClient = TRPCClient<AppRouter>;

/**
 * A typed client for every procedure of the OCP API, with request batching: calls made in the same tick
 * travel in one HTTP request. Plain JSON on the wire (no transformer), so responses match docs/api.md.
 */
export function createOcpClient(options: OcpClientOptions): OcpClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: options.url,
        fetch: options.fetch,
        maxURLLength: 2000,
        async headers() {
          const token = await options.getToken?.();
          return { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
        },
      }),
    ],
  });
}
