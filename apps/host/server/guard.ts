import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Answers a request whose handler threw (synchronously or by rejecting) with a plain 500, logs the cause once, and
 * keeps the process serving: one malformed request must never end the server. If the answer had already started,
 * the connection is cut instead, so the client sees a truncated response rather than a silently wrong one.
 */
export function failRequest(res: ServerResponse, error: unknown, where: string): void {
  console.error(`[ocp] unexpected error in ${where}:`, error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  try {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Internal server error');
  } catch {
    res.destroy();
  }
}

/** Wraps a request listener so that nothing it throws or rejects escapes to the process. */
export function guarded<H extends Handler>(
  where: string,
  handler: H,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      const result = handler(req, res);
      if (result instanceof Promise) result.catch((error: unknown) => failRequest(res, error, where));
    } catch (error) {
      failRequest(res, error, where);
    }
  };
}
