import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SharedResource } from '@ocp/contract';
import { send } from './static.js';

/** What the viewer page reads from its `<script type="application/json" id="ocp-embed-config">`. */
export interface EmbedConfig {
  token: string;
  /** Origins that may frame the viewer; the only ones it talks to with postMessage. */
  allowedOrigins: string[];
  /** The resolved link, so the first render needs no second round trip. */
  resource: SharedResource;
}

export interface EmbedHandlerOptions {
  /** The shared resource of a raw token, or null when the link is unknown, revoked or expired. */
  resolve: (token: string, ip: string) => Promise<SharedResource | null>;
  /** The viewer's HTML shell (built embed.html; in dev, Vite's transformed one). Holds `<!--ocp-embed-config-->`. */
  shell: (url: string) => Promise<string>;
}

const ROUTE = /^\/embed\/([A-Za-z0-9_-]{16,128})\/?$/;
const PLACEHOLDER = '<!--ocp-embed-config-->';

/** Only exact `scheme://host[:port]` origins reach the CSP header; anything else could inject directives. */
export function frameAncestors(origins: readonly string[] | undefined): string {
  const valid = (origins ?? []).filter((o) => {
    try {
      const url = new URL(o);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === o;
    } catch {
      return false;
    }
  });
  return valid.length ? valid.join(' ') : "'none'";
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no line separators that end JS strings). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** No cookies, no caching of shared data, no referrer to the embedding site, a strict CSP. */
function viewerHeaders(ancestors: string): Record<string, string> {
  return {
    'content-security-policy': [
      `frame-ancestors ${ancestors}`,
      "default-src 'self'",
      "script-src 'self'",
      // Plotly and Lit set inline styles; images come from Plotly's data: URIs.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'referrer-policy': 'no-referrer',
  };
}

const GONE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Link not available</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; padding: 2rem; text-align: center; }
  h1 { font-size: 1.25rem; margin: 0 0 .5rem; }
  p { margin: 0; opacity: .75; line-height: 1.5; }
</style>
</head>
<body>
<main role="main" data-ocp-embed="gone">
  <h1>This link is no longer available</h1>
  <p>It has expired or been revoked by its owner. Ask the person who shared it for a new link.</p>
</main>
</body>
</html>
`;

/**
 * `/embed/<token>`: the sharing-link viewer for iframes. The link is looked up on the server (by the SHA-256 of the
 * token, through `sharing.resolve`) before any HTML is sent, because the `Content-Security-Policy: frame-ancestors`
 * header must name the link's allowed origins (`'none'` unless the link allows embedding). Dead links get a plain
 * page that any site may frame (it holds no data), so an embedding site shows a clear message, not a browser error.
 */
export function createEmbedHandler(options: EmbedHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const url = req.url ?? '/';
    const match = ROUTE.exec(url.split('?')[0]!);
    if (!match) {
      if (url.startsWith('/embed/')) {
        send(res, req, { body: Buffer.from(GONE_PAGE), type: 'text/html; charset=utf-8' }, 'no-store', {}, 404);
      } else next();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const token = match[1]!;
    try {
      const resource = await options.resolve(token, req.socket.remoteAddress ?? 'unknown');
      if (!resource) {
        send(
          res,
          req,
          { body: Buffer.from(GONE_PAGE), type: 'text/html; charset=utf-8' },
          'no-store',
          {
            'content-security-policy': "frame-ancestors *; default-src 'none'; style-src 'unsafe-inline'",
            'referrer-policy': 'no-referrer',
          },
          404,
        );
        return;
      }
      const allowedOrigins = resource.permissions.allowedOrigins ?? [];
      const config: EmbedConfig = { token, allowedOrigins, resource };
      const html = (await options.shell(url)).replace(
        PLACEHOLDER,
        `<script type="application/json" id="ocp-embed-config">${scriptJson(config)}</script>`,
      );
      send(
        res,
        req,
        { body: Buffer.from(html), type: 'text/html; charset=utf-8' },
        'no-store',
        viewerHeaders(frameAncestors(allowedOrigins)),
      );
    } catch (error) {
      if ((error as { code?: unknown }).code === 'TOO_MANY_REQUESTS') {
        res
          .writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' })
          .end('Too many requests.');
        return;
      }
      console.error('[ocp] embed:', error);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Could not load this link.');
    }
  };
}
