import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { HandlerDeps } from '../server.js';
import { corsHeaders, varyWithOrigin } from './cors.js';
import { answerCsvExport, CSV_EXPORT_PROCEDURE } from './csv-export.js';
import { answerCachedDashboard, type CachedAnswer, warmDashboard } from './dashboard-get.js';
import { DATASET_UPLOAD_PATH, handleDatasetUpload } from './dataset-upload.js';
import { API_HEADERS } from './headers.js';
import { RETRY_AFTER, unavailableMeta } from './unavailable.js';

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...API_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

/** Headers as a web `Headers` object, so auth adapters see the same thing under Node and Fetch. */
export function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    else if (v !== undefined) headers.set(k, v);
  }
  return headers;
}

/** The Node `http` flavour: a request listener, or Express/Connect middleware when `next` is passed. */
export function createNodeHandler(deps: HandlerDeps) {
  const trpc = createHTTPHandler({
    router: deps.router,
    basePath: `${deps.basePath}/`,
    maxBodySize: deps.maxBodyBytes,
    maxBatchSize: deps.maxBatchSize,
    responseMeta: unavailableMeta,
    createContext: ({ req, info }) =>
      deps.createContext(toHeaders(req), req.socket.remoteAddress, req.socket.remoteAddress ?? 'unknown', info),
  });
  const handle = (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/readyz' && deps.draining()) {
      // Shutting down: the load balancer stops sending here while requests in flight finish.
      sendJson(res, 503, { ok: false, draining: true }, RETRY_AFTER);
      return;
    }
    if (path === '/healthz' || path === '/readyz') {
      deps.health().then(
        (ok) => sendJson(res, ok ? 200 : 503, { ok }, ok ? {} : RETRY_AFTER),
        () => sendJson(res, 503, { ok: false }, RETRY_AFTER),
      );
      return;
    }
    const upload = path === DATASET_UPLOAD_PATH;
    if (!upload && path !== deps.basePath && !path.startsWith(`${deps.basePath}/`)) {
      if (next) next();
      else sendJson(res, 404, { error: { message: 'Not found' } });
      return;
    }
    const preflight = req.method === 'OPTIONS';
    const cors = corsHeaders(deps.corsOrigins, req.headers.origin, preflight);
    if (cors) {
      for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
      // The answer depends on Origin; tRPC writes its own Vary later, so merge rather than be overwritten.
      res.setHeader('vary', 'origin');
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'vary' ? varyWithOrigin(value) : value);
    }
    if (preflight) {
      res.writeHead(204, API_HEADERS);
      res.end();
      return;
    }
    if (upload) {
      uploadDataset(deps, req, res);
      return;
    }
    // dashboards.get answered from memory when it can be (no body: a GET with one goes the ordinary way).
    const length = req.headers['content-length'];
    const dashboardId = length && length !== '0' ? null : deps.cachedGet.urls.idOf(req.method, req.url ?? '/');
    if (dashboardId) {
      const { authorization } = req.headers;
      const warm = warmDashboard(deps.cachedGet, authorization, req.headers['if-none-match'], dashboardId);
      if (warm) {
        writeCached(req, res, warm, !!cors);
        return;
      }
      const ordinary = () => {
        for (const [k, v] of Object.entries(API_HEADERS)) res.setHeader(k, v);
        trpc(req, res);
      };
      answerCachedDashboard(deps.cachedGet, toHeaders(req), dashboardId).then(
        (answer) => (answer ? writeCached(req, res, answer, !!cors) : ordinary()),
        // tRPC answers it again and maps the failure (database unavailable, …) as for any procedure.
        ordinary,
      );
      return;
    }
    if (path === `${deps.basePath}/${CSV_EXPORT_PROCEDURE}`) {
      streamCsv(deps, req, res);
      return;
    }
    // Refuse declared oversize bodies before reading a byte; tRPC enforces the limit while streaming.
    if (Number(req.headers['content-length'] ?? 0) > deps.maxBodyBytes) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, {
        error: {
          message: 'Request body too large',
          code: -32013,
          data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
        },
      });
      req.resume();
      return;
    }
    for (const [k, v] of Object.entries(API_HEADERS)) res.setHeader(k, v);
    trpc(req, res);
  };
  // Nothing a request does may end the process: what escapes becomes a 500 (or a cut connection mid-answer).
  return (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    try {
      handle(req, res, next);
    } catch (error) {
      console.error('[ocp] unexpected error:', error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: { message: 'Internal server error' } });
    }
  };
}

/** One writeHead with every header (precomputed per document and role); with CORS, through setHeader (Vary merges). */
function writeCached(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer, cors: boolean) {
  if (cors) {
    for (let i = 0; i < answer.head.length; i += 2) res.setHeader(answer.head[i]!, answer.head[i + 1]!);
    res.writeHead(answer.status);
  } else {
    res.writeHead(answer.status, answer.head);
  }
  res.end(req.method === 'HEAD' ? undefined : (answer.body ?? undefined));
}

function uploadDataset(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse) {
  const tooLarge = Number(req.headers['content-length'] ?? 0) > deps.upload.maxUploadBytes;
  if (req.method !== 'POST' || tooLarge) {
    res.setHeader('connection', 'close');
    const code = tooLarge ? 'PAYLOAD_TOO_LARGE' : 'METHOD_NOT_SUPPORTED';
    const status = tooLarge ? 413 : 405;
    sendJson(res, status, {
      error: { message: tooLarge ? 'File too large' : 'POST a file', data: { code, httpStatus: status } },
    });
    req.resume();
    return;
  }
  // The parser reads a pass-through, not the request: when it stops early (too large, bad CSV) it destroys its
  // input, and destroying the request itself would kill the socket before the error answer is written.
  const body = new PassThrough();
  req.pipe(body);
  const url = new URL(req.url ?? '/', 'http://localhost');
  handleDatasetUpload(deps.upload, toHeaders(req), url.searchParams, body).then(
    ({ status, body: answer }) => {
      if (status >= 400) res.setHeader('connection', 'close');
      sendJson(res, status, answer, status === 503 ? RETRY_AFTER : {});
      req.unpipe(body);
      req.resume();
    },
    (error: unknown) => {
      console.error('[ocp] dataset upload failed:', error);
      sendJson(res, 500, { error: { message: 'Internal server error' } });
    },
  );
}

/** Writes the CSV export chunk by chunk, waiting for the socket to drain (a slow reader holds no whole file). */
function streamCsv(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const ip = req.socket.remoteAddress;
  void answerCsvExport(deps, toHeaders(req), url.searchParams, ip, ip ?? 'unknown')
    .then(async (answer) => {
      res.writeHead(answer.status, answer.headers);
      if (typeof answer.body === 'string') {
        res.end(answer.body);
        return;
      }
      for await (const chunk of answer.body) {
        if (res.destroyed) return;
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    })
    .catch((error: unknown) => {
      console.error('[ocp] CSV export failed:', error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: { message: 'Internal server error' } });
    });
}
