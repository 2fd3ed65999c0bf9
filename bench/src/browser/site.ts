import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { elementsDist } from './elements-dist.js';

const pagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pages');

/** A bench page: its script (src/pages/<script>.ts, bundled), whether Plotly is on the page before it, extra head. */
export interface PageSpec {
  script: string;
  plotly?: boolean;
  head?: string;
}

/**
 * Long tasks are recorded from the first line of the page, before any other script runs, so total blocking time
 * covers loading and evaluating the bundles as well as drawing. Long animation frames name the scripts that ran in
 * them: the classic scripts evaluated (Plotly's bundles) are kept, so a page can tell their blocking time apart.
 */
const LONG_TASKS = `<script>
window.__longTasks = [];
window.__evaluated = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries())
      for (const s of frame.scripts)
        if (s.invokerType === 'classic-script')
          window.__evaluated.push({ url: s.sourceURL, start: s.startTime, duration: s.duration });
  }).observe({ type: 'long-animation-frame', buffered: true });
}
</script>`;

function html(spec: PageSpec): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${spec.script}</title>
${LONG_TASKS}
${spec.head ?? ''}
${spec.plotly ? '<script src="/elements/plotly.min.js"></script>' : ''}
<style>body { margin: 0; font-family: system-ui, sans-serif; } </style>
</head>
<body>
<script type="module" src="/pages/${spec.script}.js"></script>
</body>
</html>`;
}

const bundles = new Map<string, string>();

/** The page scripts, bundled once per process (they import @ocp/client; the elements come from the built bundle). */
async function bundle(script: string): Promise<string> {
  let js = bundles.get(script);
  if (js === undefined) {
    const out = await build({
      entryPoints: [path.join(pagesDir, `${script}.ts`)],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'warning',
    });
    js = out.outputFiles[0]!.text;
    bundles.set(script, js);
  }
  return js;
}

export interface Site {
  origin: string;
  close: () => Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves the bench pages over loopback: `/<name>.html`, their scripts at `/pages/`, the built elements at
 * `/elements/`, `extra` files (pre-encoded bodies), and anything else through `api` (e.g. an OCP server).
 */
export async function serveSite(options: {
  pages: Record<string, PageSpec>;
  extra?: Record<string, { type: string; body: Buffer }>;
  api?: Handler;
}): Promise<Site> {
  const dist = elementsDist();
  const scripts = new Map<string, string>();
  for (const spec of Object.values(options.pages)) scripts.set(spec.script, await bundle(spec.script));
  const send = (res: ServerResponse, type: string, body: string | Buffer) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    if (p === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    const page = options.pages[p.replace(/^\/|\.html$/g, '')];
    if (p.endsWith('.html') && page) return send(res, 'text/html', html(page));
    if (p.startsWith('/pages/') && scripts.has(p.slice(7, -3)))
      return send(res, 'text/javascript', scripts.get(p.slice(7, -3))!);
    if (p.startsWith('/elements/') && /^[\w.-]+\.js$/.test(p.slice(10))) {
      const file = path.join(dist, p.slice(10));
      if (fs.existsSync(file)) return send(res, 'text/javascript', fs.readFileSync(file));
    }
    const extra = options.extra?.[p];
    if (extra) return send(res, extra.type, extra.body);
    const notFound = () => {
      res.writeHead(404);
      res.end();
    };
    if (options.api) return options.api(req, res, notFound);
    notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
