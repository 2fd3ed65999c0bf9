import { Readable } from 'node:stream';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { HandlerDeps } from '../server.js';
import { corsHeaders, varyWithOrigin } from './cors.js';
import { answerCsvExport, CSV_EXPORT_PROCEDURE } from './csv-export.js';
import { answerCachedDashboard } from './dashboard-get.js';
import { DATASET_UPLOAD_PATH, handleDatasetUpload } from './dataset-upload.js';
import { API_HEADERS } from './headers.js';
import { RETRY_AFTER, unavailableMeta } from './unavailable.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...API_HEADERS, ...(status === 503 ? RETRY_AFTER : {}) },
  });

const tooLarge = () =>
  json(413, {
    error: { message: 'Request body too large', code: -32013, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } },
  });

/** The Fetch-API flavour: `(Request) => Response`, for any runtime with web-standard requests. */
export function createFetchHandler(deps: HandlerDeps) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    if (url.pathname === '/readyz' && deps.draining()) return json(503, { ok: false, draining: true });
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
      const ok = await deps.health();
      return json(ok ? 200 : 503, { ok });
    }
    const upload = url.pathname === DATASET_UPLOAD_PATH;
    if (!upload && url.pathname !== deps.basePath && !url.pathname.startsWith(`${deps.basePath}/`)) {
      return json(404, { error: { message: 'Not found' } });
    }
    const preflight = req.method === 'OPTIONS';
    const cors = corsHeaders(deps.corsOrigins, req.headers.get('origin'), preflight) ?? {};
    if (preflight) return new Response(null, { status: 204, headers: { ...API_HEADERS, ...cors } });
    const withCors = (res: Response) => {
      if (!cors['access-control-allow-origin']) return res;
      for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
      res.headers.set('vary', varyWithOrigin(res.headers.get('vary')));
      return res;
    };
    if (upload) {
      if (req.method !== 'POST' || !req.body) return withCors(json(405, { error: { message: 'POST a file' } }));
      if (Number(req.headers.get('content-length') ?? 0) > deps.upload.maxUploadBytes) return withCors(tooLarge());
      const body = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream);
      const answer = await handleDatasetUpload(deps.upload, req.headers, url.searchParams, body);
      return withCors(json(answer.status, answer.body));
    }
    const dashboardId = deps.cachedGet.urls.idOf(req.method, url.pathname + url.search);
    const cached = dashboardId
      ? await answerCachedDashboard(deps.cachedGet, req.headers, dashboardId).catch(() => null)
      : null;
    if (cached) {
      const headers = new Headers();
      for (let i = 0; i < cached.head.length; i += 2) headers.set(cached.head[i]!, cached.head[i + 1]!);
      const b = cached.body;
      const body =
        req.method === 'HEAD' || !b ? null : new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
      return withCors(new Response(body, { status: cached.status, headers }));
    }
    // No socket here. The last X-Forwarded-For hop is the one the nearest proxy wrote (the first is whatever the
    // client claimed); hosts that know better pass `clientIp`.
    const ip = req.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || 'fetch';
    if (url.pathname === `${deps.basePath}/${CSV_EXPORT_PROCEDURE}`) {
      const answer = await answerCsvExport(deps, req.headers, url.searchParams, undefined, ip);
      const body = typeof answer.body === 'string' ? answer.body : streamOf(answer.body);
      return withCors(new Response(body, { status: answer.status, headers: answer.headers }));
    }
    if (Number(req.headers.get('content-length') ?? 0) > deps.maxBodyBytes) return withCors(tooLarge());
    const limited = req.body ? await readLimited(req, deps.maxBodyBytes) : req;
    if (!limited) return withCors(tooLarge());
    const res = await fetchRequestHandler({
      endpoint: deps.basePath,
      req: limited,
      router: deps.router,
      maxBatchSize: deps.maxBatchSize,
      responseMeta: unavailableMeta,
      createContext: ({ req: r, info }) => deps.createContext(r.headers, undefined, ip, info),
    });
    for (const [k, v] of Object.entries(API_HEADERS)) res.headers.set(k, v);
    return withCors(res);
  };
}

/** Reads at most `max` bytes; null when the body is larger (chunked uploads have no content-length). */
async function readLimited(req: Request, max: number): Promise<Request | null> {
  const reader = req.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
}

/** Chunks as a byte stream, pulled as the reader reads (nothing is produced ahead of a slow reader). */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
