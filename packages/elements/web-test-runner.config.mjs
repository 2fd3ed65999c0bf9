// Browser tests in real Chromium (CHROME_PATH or /usr/bin/chromium). TypeScript is compiled by esbuild with the
// repo's legacy decorators; Plotly is imported by the default loader (the UMD file sets window.Plotly).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countingReporter } from '../../tooling/test-runner/wtr-reporter.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The 60 plotly.js figures live in shared/ beside the repository (OCP_SHARED_DIR overrides); served at /plotly-mocks/.
const mocksDir = path.resolve(process.env.OCP_SHARED_DIR ?? path.join(here, '../../../shared'), 'plotly-mocks');

function serveMocks(ctx, next) {
  if (!ctx.path.startsWith('/plotly-mocks/')) return next();
  const name = ctx.path.slice('/plotly-mocks/'.length);
  if (name === 'index.json') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(
      fs
        .readdirSync(mocksDir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
    return undefined;
  }
  if (!/^[\w.-]+\.json$/.test(name)) return next();
  ctx.type = 'application/json';
  ctx.body = fs.readFileSync(path.join(mocksDir, name), 'utf8');
  return undefined;
}

/**
 * `@ocp/*` imports from their TypeScript sources (their `development` export), so tests run against the code as it is
 * now without building the packages first; esbuild compiles them like the elements' own files. Everything else
 * resolves with the production conditions (Lit's production build).
 */
const workspaceSources = {
  name: 'ocp-workspace-sources',
  resolveImport({ source }) {
    const match = /^(@ocp\/[^/]+)(\/.*)?$/.exec(source);
    if (!match) return undefined;
    const dir = path.join(here, 'node_modules', match[1]);
    if (!fs.existsSync(path.join(dir, 'package.json'))) return undefined;
    const entry = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).exports?.[`.${match[2] ?? ''}`];
    const target = typeof entry === 'string' ? entry : entry?.development;
    if (!target) return undefined;
    // A URL under the server's root (the repository, see rootDir below).
    return `/${path
      .relative(path.resolve(here, '../..'), fs.realpathSync(path.join(dir, target)))
      .split(path.sep)
      .join('/')}`;
  },
};

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  middleware: [serveMocks],
  rootDir: '../..',
  // One test file at a time, so the page running tests is always the visible one (see createPage below).
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      // A page in a background tab is hidden: no animation frames, ResizeObserver or IntersectionObserver
      // callbacks, which the elements under test depend on. The launcher reuses a pool of pages, so each page is
      // brought to the front whenever it starts a test file.
      createPage: async ({ context }) => {
        const page = await context.newPage();
        const goto = page.goto.bind(page);
        page.goto = async (url, options) => {
          if (url !== 'about:blank') await page.bringToFront();
          return goto(url, options);
        };
        return page;
      },
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--no-first-run',
          // WebGL without a GPU: Chromium's software rasterizer, needed by scattergl charts.
          '--enable-unsafe-swiftshader',
        ],
      },
    }),
  ],
  plugins: [
    workspaceSources,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: path.join(here, 'tsconfig.json') }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter('@ocp/elements:chromium')],
};
