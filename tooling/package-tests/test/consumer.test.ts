/**
 * A product team outside this repository, end to end: `pnpm pack` @ocp/contract, @ocp/client and @ocp/elements (as
 * built by `pnpm build`; turbo builds them before this test), `npm install` the tarballs into a fresh project in a
 * temporary folder, type-check its code with `tsc --noEmit` (strict, the libraries' declarations checked too, under
 * bundler and NodeNext resolution), bundle it with esbuild and with Vite, and run each bundle in Chromium against a
 * real OCP server (embedded PGlite, ephemeral port) until the dashboard has drawn its charts.
 * npm's cache keeps reinstalls fast; the first run on a machine downloads lit, zod, tRPC and Plotly once.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createOcpClient } from '@ocp/client';
import { installSystemTemplates } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { createOcpServer } from '@ocp/server';
import { build as esbuild } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';

const here = import.meta.dirname;
const repo = path.resolve(here, '../../..');
const PACKAGES = ['contract', 'offline-agent', 'client', 'elements'].map((name) => ({
  name: `@ocp/${name}`,
  dir: path.join(repo, 'packages', name),
}));
const tsc = path.join(here, '../node_modules/.bin/tsc');

const log = (message: string) => console.log(`# consumer: ${message}`);
const run = (cmd: string, args: string[], cwd: string, timeout = 300_000) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('the published packages in a project outside the repository', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-consumer-'));
  const tarballs = path.join(work, 'tarballs');
  const app = path.join(work, 'app');
  const packed: Record<string, { tarball: string; manifest: Record<string, unknown> }> = {};

  before(async () => {
    for (const pkg of PACKAGES) {
      if (!fs.existsSync(path.join(pkg.dir, 'dist'))) throw new Error(`${pkg.name} is not built: run pnpm build`);
      const before = new Set(fs.existsSync(tarballs) ? fs.readdirSync(tarballs) : []);
      run('pnpm', ['pack', '--pack-destination', tarballs], pkg.dir);
      const tarball = fs.readdirSync(tarballs).find((f) => !before.has(f))!;
      const manifest = JSON.parse(run('tar', ['-xzOf', path.join(tarballs, tarball), 'package/package.json'], work));
      packed[pkg.name] = { tarball: path.join(tarballs, tarball), manifest };
      log(`packed ${tarball} (${(fs.statSync(path.join(tarballs, tarball)).size / 1024).toFixed(0)} KB)`);
    }
    fs.cpSync(path.join(here, '../fixture'), app, { recursive: true });
    // The React example the docs point to, type-checked with the rest of the consumer's code.
    fs.copyFileSync(
      path.join(repo, 'apps/host/examples/react/OcpDashboard.tsx'),
      path.join(app, 'src/OcpDashboard.tsx'),
    );
    const pkg = readJson(path.join(app, 'package.json'));
    pkg.dependencies = Object.fromEntries(PACKAGES.map((p) => [p.name, `file:${packed[p.name]!.tarball}`]));
    // The React JSX types' only requirement; React itself is not needed to type-check.
    pkg.devDependencies = { '@types/react': '^19.0.0' };
    fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const started = Date.now();
    log('npm install (tarballs, their dependencies from the registry or npm cache)…');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], app);
    log(`npm install done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  test('packed package.json files have real dependencies and compiled entry points only', () => {
    for (const pkg of PACKAGES) {
      const manifest = packed[pkg.name]!.manifest;
      const text = JSON.stringify(manifest);
      assert.doesNotMatch(text, /workspace:/, `${pkg.name} still has a workspace: range`);
      // publishConfig.exports (the repo's exports without the `development` sources) lists every entry point.
      const repoExports = Object.keys(readJson(path.join(pkg.dir, 'package.json')).exports);
      assert.deepEqual(Object.keys(manifest.exports as object), repoExports, `${pkg.name}: publishConfig.exports`);
      // Every path an importer can reach (exports, main, types) is compiled JavaScript or a declaration.
      const targets = JSON.stringify([manifest.exports, manifest.main, manifest.types, manifest.module]);
      const ts = [...targets.matchAll(/"(\.\/[^"]+)"/g)].map((m) => m[1]!).filter((f) => /(?<!\.d)\.ts$/.test(f));
      assert.deepEqual(ts, [], `${pkg.name} points at TypeScript sources`);
      assert.equal((manifest.publishConfig as { access?: string })?.access, 'public');
      assert.ok(manifest.license && manifest.repository, `${pkg.name} has a license and a repository`);
      // The installed copy is the packed one, with its compiled files.
      const installed = path.join(app, 'node_modules', pkg.name);
      assert.ok(fs.existsSync(path.join(installed, 'dist')), `${pkg.name} installed with dist/`);
      assert.ok(!fs.existsSync(path.join(installed, 'src')), `${pkg.name} ships no sources`);
    }
    assert.ok(fs.existsSync(path.join(app, 'node_modules/lit')), 'lit installed as a dependency of @ocp/elements');
    assert.ok(fs.existsSync(path.join(app, 'node_modules/@trpc/client')), '@trpc/client installed by @ocp/client');
    assert.ok(!fs.existsSync(path.join(app, 'node_modules/@ocp/server')), 'the server is not needed');
  });

  test('declarations import only the package itself and its dependencies (never a devDependency)', () => {
    const undeclared: string[] = [];
    for (const pkg of PACKAGES) {
      const dir = path.join(app, 'node_modules', pkg.name);
      const manifest = readJson(path.join(dir, 'package.json'));
      const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
      // A peer `@types/react` stands for `react`.
      const allowed = new Set([pkg.name, ...declared, ...declared.map((d) => d.replace(/^@types\/(?!.*__)/, ''))]);
      const files = fs.readdirSync(path.join(dir, 'dist'), { recursive: true }).map(String);
      for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
        // Comments may quote examples (`import('plotly.js-basic-dist-min')`); only code counts.
        const text = fs
          .readFileSync(path.join(dir, 'dist', file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        const specifiers = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"\s./][^'"\s]*)['"]/g;
        for (const m of text.matchAll(specifiers)) {
          const spec = m[1]!;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!allowed.has(name)) undeclared.push(`${pkg.name}/dist/${file} imports ${spec}`);
        }
      }
    }
    assert.deepEqual(undeclared, []);
  });

  test('tsc --noEmit passes on the consumer code (strict, bundler resolution, libraries checked)', () => {
    run(tsc, ['-p', 'tsconfig.json'], app);
  });

  test('tsc --noEmit passes under NodeNext resolution too', () => {
    run(tsc, ['-p', 'tsconfig.node16.json'], app);
  });

  test('tsc rejects a wrong property, a wrong event detail and an unknown procedure', () => {
    fs.writeFileSync(
      path.join(app, 'src/wrong.ts'),
      `import { createOcpClient } from '@ocp/client';
import '@ocp/elements';
const d = document.createElement('ocp-dashboard');
d.mode = 'sideways';
d.addEventListener('ocp-dashboard-load', (e) => e.detail.nope);
await createOcpClient({ url: '/trpc' }).dashboards.nope.query();
`,
    );
    try {
      assert.throws(
        () => run(tsc, ['-p', 'tsconfig.json'], app),
        (error: { stdout?: string }) => {
          const out = error.stdout ?? '';
          assert.match(out, /wrong\.ts\(4,1\).*'"sideways"' is not assignable/);
          assert.match(out, /wrong\.ts\(5,.*Property 'nope' does not exist/);
          assert.match(out, /wrong\.ts\(6,.*Property 'nope' does not exist/);
          return true;
        },
      );
    } finally {
      fs.rmSync(path.join(app, 'src/wrong.ts'));
    }
  });

  describe('bundled, in Chromium, against a real OCP server', () => {
    let db: TestDb;
    let server: http.Server;
    let origin = '';
    let browser: Browser;
    let token = '';
    let dashboardId = '';

    before(async () => {
      db = await createTestDb();
      await installSystemTemplates(db.db);
      const ocp = createOcpServer({ db: db.db, notify: () => {} });
      // One origin, as a product team would deploy it: their bundle's files, and the OCP API mounted at /trpc.
      server = http.createServer((req, res) => ocp.handler(req, res, () => serveFile(app, req, res)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      const anon = createOcpClient({ url: `${origin}/trpc` });
      const account = { email: `consumer-${Date.now()}@example.com`, password: 'correct horse battery' };
      await anon.auth.signUp.mutate({ ...account, displayName: 'Consumer' });
      ({ token } = await anon.auth.signIn.mutate(account));
      const api = createOcpClient({ url: `${origin}/trpc`, getToken: () => token });
      const templates = await api.templates.list.query();
      const dashboard = await api.dashboards.create.mutate({
        title: 'Consumer sales',
        templateId: templates.find((t) => t.name === 'Two columns')!.id,
      });
      dashboardId = dashboard.id;
      for (const [slotKey, type] of [
        ['left', 'bar'],
        ['right', 'scatter'],
      ] as const) {
        const chart = await api.charts.create.mutate({
          title: `Revenue ${type}`,
          chartType: type === 'bar' ? 'bar' : 'line',
          plotlyConfig: { data: [{ type }] },
          dataSourceConfig: {
            kind: 'inline',
            columns: { month: ['Jan', 'Feb', 'Mar'], value: [3, 5, 4] },
            mapping: { x: 'month', y: ['value'] },
          },
        });
        await api.placements.place.mutate({ tabId: dashboard.tabs[0]!.id, slotKey, chartId: chart.id });
      }
      browser = await chromium.launch({
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
      });
    });

    after(async () => {
      await browser?.close();
      server?.closeAllConnections();
      await new Promise((r) => server?.close(r));
      await db?.close();
    });

    /** Opens the bundle's page, waits until both charts drew, and checks nothing failed or left the host. */
    async function renders(entry: string) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const offHost: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(`${m.text()} (${m.location().url})`));
      context.on('request', (r) => !r.url().startsWith(origin) && offHost.push(r.url()));
      try {
        await page.goto(`${origin}/${entry}?token=${token}&dashboard=${dashboardId}`);
        const status = page.locator('#status');
        await status.and(page.locator('[data-title="Consumer sales"]')).waitFor({ timeout: 30_000 });
        await status.and(page.locator('[data-rendered="2"]')).waitFor({ timeout: 60_000 });
        assert.match((await status.textContent()) ?? '', /^loaded Consumer sales \(1 tab, \d+ template slots\)$/);
        // Plotly's SVG inside each chart's shadow root (Playwright's CSS pierces open shadow roots).
        const charts = page.locator('ocp-dashboard ocp-chart');
        assert.equal(await charts.count(), 2);
        assert.equal(await charts.filter({ has: page.locator('.main-svg') }).count(), 2);
        assert.deepEqual(errors, []);
        assert.deepEqual(offHost, []);
        await page.screenshot({ path: screenshotPath(entry) });
      } finally {
        await context.close();
      }
    }

    test('the esbuild bundle renders the dashboard', async () => {
      const started = Date.now();
      const outdir = path.join(app, 'out-esbuild');
      await esbuild({
        absWorkingDir: app,
        entryPoints: ['src/main.ts'],
        bundle: true,
        splitting: true, // Plotly in a chunk of its own, loaded when the first chart draws
        format: 'esm',
        target: 'es2022',
        minify: true,
        outdir,
        logLevel: 'warning',
      });
      const html = fs.readFileSync(path.join(app, 'index.html'), 'utf8').replace('./src/main.ts', './main.js');
      fs.writeFileSync(path.join(outdir, 'index.html'), html);
      log(`esbuild bundle in ${Date.now() - started} ms: ${fs.readdirSync(outdir).length} files`);
      await renders('out-esbuild/index.html');
    });

    test('the Vite build renders the dashboard', async () => {
      const started = Date.now();
      await viteBuild({
        root: app,
        configFile: false,
        base: './',
        logLevel: 'warn',
        // Not minified: Plotly comes minified already, and minifying the rest proves nothing here (and costs a minute).
        build: {
          outDir: 'out-vite',
          emptyOutDir: true,
          minify: false,
          reportCompressedSize: false,
          chunkSizeWarningLimit: 6000,
        },
      });
      log(`vite build in ${Date.now() - started} ms`);
      await renders('out-vite/index.html');
    });
  });
});

function screenshotPath(entry: string): string {
  const dir = path.join(import.meta.dirname, '../.test-results');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${entry.split('/')[0]}.png`);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** The app's built files (out-esbuild/, out-vite/), nothing else. */
function serveFile(root: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
  const allowed = ['out-esbuild', 'out-vite'].some((d) => file.startsWith(path.join(root, d) + path.sep));
  if (!allowed || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}
