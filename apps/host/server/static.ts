import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { sdkFileHeaders } from './sdk.js';

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
 * The app's pages: scripts only from the host's own files — no inline script, no eval — and nothing else from
 * elsewhere either; never framed. Styles may be inline: Lit and Plotly set style attributes and `<style>` elements.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const APP_PAGE_HEADERS = { 'x-frame-options': 'DENY', 'content-security-policy': APP_CSP };

/** Longest path segment and path the file system is asked about (most file systems stop at 255 bytes a name). */
const MAX_SEGMENT = 255;
const MAX_PATH = 2048;

/**
 * The request's path, percent-decoded, or null when no file could have that name: a malformed escape, a NUL, a
 * backslash (a separator on some systems), or a segment or path longer than the file system takes. Such requests are
 * answered 404 without touching the disk, where they would throw (ENAMETOOLONG, ENOTDIR, ERR_INVALID_ARG_VALUE).
 */
export function requestPath(url: string | undefined): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url ?? '/', 'http://host').pathname);
  } catch {
    return null;
  }
  if (pathname.length > MAX_PATH || /[\0\\]/.test(pathname)) return null;
  if (pathname.split('/').some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT)) return null;
  return pathname;
}

/** A file's stats, or undefined when there is no regular file there (missing, a directory, or a path through a file). */
function fileAt(file: string): fs.Stats | undefined {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Page requests: no file extension, and a client that takes HTML — a browser (`text/html`), or one that takes
 * anything (curl's default, or no Accept at all). A client asking only for JSON or images gets a 404 instead.
 */
function wantsPage(req: IncomingMessage, pathname: string): boolean {
  if (path.extname(pathname)) return false;
  const accept = req.headers.accept;
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

function notFound(res: ServerResponse, status = 404): void {
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS })
    .end(status === 400 ? 'Bad request' : 'Not found');
}

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
    const pathname = requestPath(req.url);
    if (pathname === null) return notFound(res, 400);
    const file = path.join(root, pathname);
    // Build metadata (.vite/manifest.json, the build stamp) is not part of the site.
    const inside =
      (file === root || file.startsWith(root + path.sep)) && !pathname.split('/').some((s) => s.startsWith('.'));
    if (inside && path.basename(file) !== 'embed.html' && fileAt(file)) {
      const sdk = sdkFileHeaders(pathname);
      if (sdk) send(res, req, file, sdk.cacheControl, sdk.headers);
      else if (file.endsWith('.html')) send(res, req, file, 'no-cache', APP_PAGE_HEADERS);
      else send(res, req, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    if (!pathname.startsWith('/assets/') && wantsPage(req, pathname) && fileAt(index)) {
      send(res, req, index, 'no-cache', APP_PAGE_HEADERS);
      return;
    }
    notFound(res);
  };
}

/** Extra folders served as they are, e.g. `/examples/` (no SPA fallback). */
function serveMounted(req: IncomingMessage, res: ServerResponse, prefix: string, dir: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = requestPath(req.url);
  if (pathname === null) return notFound(res, 400);
  const file = path.join(dir, pathname.slice(prefix.length));
  if (!file.startsWith(dir + path.sep) || !fileAt(file)) return notFound(res);
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
