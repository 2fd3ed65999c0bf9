import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Headers for every page of the app: never sniffed, never framed (only /embed may be framed), no referrer leaks. */
export const PAGE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Serves the built app from `distDir`: hashed files under /assets/ cache forever, everything else revalidates, and
 * any other GET that wants HTML gets index.html (client-side routes such as /dashboards/<id>).
 */
export function createStaticHandler(distDir: string, mounts: Record<string, string> = {}) {
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');
  return (req: IncomingMessage, res: ServerResponse) => {
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (req.url?.startsWith(prefix)) return serveMounted(req, res, prefix, path.resolve(dir));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(root, pathname);
    // Build metadata (.vite/manifest.json, the build stamp) is not part of the site.
    const inside =
      (file === root || file.startsWith(root + path.sep)) && !pathname.split('/').some((s) => s.startsWith('.'));
    const isFile = inside && fs.statSync(file, { throwIfNoEntry: false })?.isFile();
    if (isFile && path.basename(file) !== 'embed.html') {
      send(res, req, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    const wantsPage = !path.extname(pathname) && (req.headers.accept ?? '').includes('text/html');
    if (wantsPage && fs.existsSync(index)) {
      send(res, req, index, 'no-cache', {
        'x-frame-options': 'DENY',
        'content-security-policy': "frame-ancestors 'none'",
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS }).end('Not found');
  };
}

/** Extra folders served as they are, e.g. `/examples/` (no SPA fallback). */
function serveMounted(req: IncomingMessage, res: ServerResponse, prefix: string, dir: string): void {
  const relative = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname.slice(prefix.length));
  const file = path.join(dir, relative);
  if (!file.startsWith(dir + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS }).end('Not found');
    return;
  }
  send(res, req, file, 'no-cache');
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map']);
/** Files are read and gzipped once per modification (Plotly alone is ~4.6 MB raw, ~1.4 MB gzipped). */
const cache = new Map<string, { mtimeMs: number; raw: Buffer; gzip: Buffer | null }>();

function load(file: string) {
  const { mtimeMs } = fs.statSync(file);
  let entry = cache.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs) {
    const raw = fs.readFileSync(file);
    const gzip = COMPRESSIBLE.has(path.extname(file)) && raw.length > 1024 ? zlib.gzipSync(raw) : null;
    entry = { mtimeMs, raw, gzip };
    cache.set(file, entry);
  }
  return entry;
}

/** Sends a file (or a rendered page) with the page headers; gzipped when the client accepts it. */
export function send(
  res: ServerResponse,
  req: IncomingMessage,
  file: string | { body: Buffer; type: string },
  cacheControl: string,
  extra: Record<string, string> = {},
  status = 200,
): void {
  const entry =
    typeof file === 'string'
      ? load(file)
      : { raw: file.body, gzip: file.body.length > 1024 ? zlib.gzipSync(file.body) : null };
  const type = typeof file === 'string' ? (TYPES[path.extname(file)] ?? 'application/octet-stream') : file.type;
  const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? entry.gzip : null;
  const body = gzip ?? entry.raw;
  res.writeHead(status, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...PAGE_HEADERS,
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
