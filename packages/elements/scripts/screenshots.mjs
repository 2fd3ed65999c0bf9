#!/usr/bin/env node
/**
 * Screenshots of the built Storybook (run `pnpm build-storybook` first) and of the standalone bundle in a plain HTML
 * page (run `pnpm build` first), in headless Chromium: docs/dashboard-light.png, docs/dashboard-dark.png,
 * docs/editor.png and docs/standalone.png. Also a smoke test of both: it fails when an element reports an error.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs');
fs.mkdirSync(out, { recursive: true });
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

function serve(dir, extra = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra[url.pathname]) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(extra[url.pathname]);
    }
    const file = path.join(dir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const STANDALONE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>OCP elements, plain HTML</title></head>
<body style="margin:0;font-family:system-ui">
  <ocp-dashboard id="dash" style="margin:16px"></ocp-dashboard>
  <script type="module">
    import { setDefaultProvider } from './ocp-elements.js';
    import { MemoryProvider, demoData } from './ocp-memory.js';
    setDefaultProvider(new MemoryProvider(demoData));
    document.getElementById('dash').setAttribute('dashboard-id', demoData.dashboards[0].id);
  </script>
</body>
</html>`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--enable-unsafe-swiftshader'],
});
const errors = [];
async function shoot(url, file, { width = 1280, height = 1000, dark = false, selector = 'ocp-dashboard' } = {}) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(`${file}: ${e.message}`));
  await page.setViewport({ width, height });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  await page.goto(url, { waitUntil: 'networkidle0' });
  await page.waitForSelector(selector);
  // Wait until every chart in the page (through shadow roots) has drawn.
  await page.waitForFunction(
    () => {
      const all = [];
      const walk = (n) => {
        for (const el of n.querySelectorAll('*')) {
          if (el.tagName === 'OCP-CHART') all.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return all.length > 0 && all.every((c) => ['ready', 'empty', 'error'].includes(c.getAttribute('state')));
    },
    { timeout: 60_000 },
  );
  const failed = await page.evaluate(() => {
    const bad = [];
    const walk = (n) => {
      for (const el of n.querySelectorAll('[state="error"]')) bad.push(el.tagName);
      for (const el of n.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return bad;
  });
  if (failed.length) errors.push(`${file}: elements in error state: ${failed.join(', ')}`);
  await new Promise((r) => setTimeout(r, 500));
  // Viewport-sized (not fullPage): a full-page capture relayouts the page mid-shot.
  await page.screenshot({ path: path.join(out, file) });
  console.log(`wrote docs/${file}`);
  await page.close();
}

const story = (id, dark) => `iframe.html?id=${id}&viewMode=story${dark ? '&globals=scheme:dark' : ''}`;
const sb = path.join(root, 'storybook-static');
if (fs.existsSync(sb)) {
  const server = await serve(sb);
  const base = `http://127.0.0.1:${server.address().port}/`;
  await shoot(base + story('elements-ocp-dashboard--energy-overview', false), 'dashboard-light.png');
  await shoot(base + story('elements-ocp-dashboard--energy-overview', true), 'dashboard-dark.png', { dark: true });
  await shoot(base + story('elements-ocp-dashboard--editor', false), 'editor.png', { width: 1440, height: 1180 });
  server.close();
} else console.warn('no storybook-static/: run pnpm build-storybook first');

const standalone = path.join(root, 'dist', 'standalone');
if (fs.existsSync(standalone)) {
  const server = await serve(standalone, { '/': STANDALONE });
  await shoot(`http://127.0.0.1:${server.address().port}/`, 'standalone.png');
  server.close();
} else console.warn('no dist/standalone/: run pnpm build first');

await browser.close();
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
