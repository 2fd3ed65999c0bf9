import type { Server, ServerResponse } from 'node:http';

/** How long a shutdown waits for requests in flight before closing what is left (OCP_SHUTDOWN_TIMEOUT_MS). */
export const DEFAULT_DRAIN_MS = 10_000;
/** What an SSE client is told to wait before reconnecting (to another process, behind a load balancer). */
export const SSE_RETRY_MS = 1000;

/**
 * Graceful shutdown for a Node server (SIGTERM from an orchestrator): `track` it from the start, then `drain()`
 * stops accepting connections, lets every request in flight finish (up to `timeoutMs`), ends live SSE streams with
 * a `retry:` hint so their clients reconnect elsewhere at once, and closes idle keep-alive sockets. Requests that
 * arrive on a kept-alive socket while draining are still served (the socket closes after them).
 */
export function trackRequests(server: Server) {
  const active = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res: ServerResponse) => {
    active.add(res);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => active.delete(res));
  });
  const isSse = (res: ServerResponse) => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return [...active].filter((res) => !isSse(res)).length;
    },
    async drain(timeoutMs = Number(process.env.OCP_SHUTDOWN_TIMEOUT_MS) || DEFAULT_DRAIN_MS): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const res of active) {
        if (!isSse(res) || res.writableEnded) continue;
        res.write(`retry: ${SSE_RETRY_MS}\n\n`);
        res.end();
      }
      server.closeIdleConnections();
      const deadline = Date.now() + timeoutMs;
      while ([...active].some((res) => !isSse(res)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        server.closeIdleConnections();
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
