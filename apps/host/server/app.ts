import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { SharedResource } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { createCaller, createContextInner, type OcpRuntime, RateLimits } from '@ocp/server';
import { createEmbedHandler } from './embed.js';
import { guarded } from './guard.js';
import { APP_DIR, DIST_DIR, EXAMPLES_DIR } from './paths.js';
import { createStaticHandler } from './static.js';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface AppHandlerOptions {
  db: OcpDatabase;
  /** The API server's state (`createOcpServer(…).runtime`), so the embed page resolves links with the same services. */
  runtime?: OcpRuntime;
  /** Serve the sources through Vite with HMR (`pnpm dev`) instead of the built `dist/`. */
  dev?: boolean;
}

/**
 * sharing.resolve through the router (same hashing, expiry, grants and per-address limit on wrong tokens as the
 * API); null for dead links.
 */
function resolverFor(db: OcpDatabase, runtime: OcpRuntime | undefined) {
  // The API's buckets (in the database, shared by every process) when there is a runtime: one throttle on wrong
  // tokens per address, whether they arrive as /embed/<token> or through the API.
  const limits = runtime?.limits ?? new RateLimits();
  return async (token: string, ip: string): Promise<SharedResource | null> => {
    try {
      return await createCaller(createContextInner({ db, ip, limits, runtime })).sharing.resolve({ token });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') return null;
      throw error;
    }
  };
}

/**
 * The viewer always draws charts, so it asks for Plotly (a lazy ~1.5 MB gzipped chunk) while its own script and the
 * chart data load, instead of after them. The chunk's file name comes from Vite's manifest.
 */
function withPlotlyPreload(html: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST_DIR, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string }
    >;
    const plotly = Object.entries(manifest).find(([key]) => /plotly[^/]*\.js$/.test(key))?.[1].file;
    return plotly ? html.replace('</head>', `<link rel="modulepreload" href="/${plotly}" />\n</head>`) : html;
  } catch {
    return html;
  }
}

/**
 * Everything on the host's port that is not the API: `/embed/<token>` and the app itself — the built files in
 * production, Vite's dev middleware (with HMR) in development.
 */
export async function createAppHandler(options: AppHandlerOptions): Promise<NodeHandler & { close(): Promise<void> }> {
  const resolve = resolverFor(options.db, options.runtime);
  if (options.dev) {
    const { createServer } = await import('vite');
    const vite = await createServer({ root: APP_DIR, server: { middlewareMode: true }, appType: 'spa' });
    const embed = createEmbedHandler({
      resolve,
      shell: (url) => vite.transformIndexHtml(url, fs.readFileSync(path.join(APP_DIR, 'embed.html'), 'utf8')),
    });
    const handler = guarded('the app (dev)', (req: IncomingMessage, res: ServerResponse) => {
      // The SDK's built URLs (/sdk/ocp.js, /sdk/<version>/ocp.js), served from source in development.
      if (/^\/sdk\/([^/?]+\/)?ocp\.js(\?|$)/.test(req.url ?? '')) req.url = '/src/sdk.ts';
      return embed(req, res, () => vite.middlewares(req, res));
    });
    return Object.assign(handler, { close: () => vite.close() });
  }
  let shell: string | undefined;
  const embed = createEmbedHandler({
    resolve,
    shell: async () => {
      shell ??= withPlotlyPreload(fs.readFileSync(path.join(DIST_DIR, 'embed.html'), 'utf8'));
      return shell;
    },
  });
  const files = createStaticHandler(DIST_DIR, { '/examples/': EXAMPLES_DIR });
  // Whatever the embed viewer or the file server throws (synchronously or not) becomes a 500, never a crash.
  const handler = guarded('the app', (req: IncomingMessage, res: ServerResponse) =>
    embed(req, res, () => files(req, res)),
  );
  return Object.assign(handler, { close: async () => {} });
}
