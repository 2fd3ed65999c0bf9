#!/usr/bin/env node
/**
 * Builds the package (see README "Build outputs"):
 *   dist/index.js, dist/memory.js, dist/demo.js   ES modules for bundlers; lit, @ocp/contract and the Plotly bundles stay imports
 *   dist/types/                                   TypeScript declarations
 *   dist/standalone/ocp-elements.js               every element in one file for <script type="module">, lit inside;
 *                                                 Plotly is loaded on first draw from plotly.min.js or
 *                                                 plotly-basic.min.js beside it, whichever the charts need
 *   dist/standalone/ocp-memory.js                 the in-memory provider and demo data in one file (offline demos)
 *   dist/tokens.css                               the design tokens
 *   custom-elements.json                          the Custom Elements Manifest
 *   dist/react.d.ts                               React 19 JSX types for every element, from the manifest
 * and prints each file's size and gzip size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const src = (f) => path.join(root, 'src', f);
fs.rmSync(dist, { recursive: true, force: true });

// esbuild (inside Vite) reads this tsconfig for Lit's legacy decorators.
const common = {
  root,
  configFile: false,
  logLevel: 'warn',
  esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
};

// 1. The npm entry points: bare imports of lit, @ocp/contract and Plotly stay, so the host's bundler dedupes them
//    (one copy of the contract for the client and the elements) and lazy-loads Plotly.
await build({
  ...common,
  build: {
    outDir: dist,
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: { entry: { index: src('index.ts'), memory: src('memory.ts'), demo: src('demo.ts') }, formats: ['es'] },
    rollupOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^@ocp\/contract(\/|$)/, 'plotly.js-dist-min', 'plotly.js-basic-dist-min'],
    },
  },
});

// 2. The standalone files: everything inlined, one file each, minified.
for (const [entry, name] of [
  ['index.ts', 'ocp-elements'],
  ['standalone-memory.ts', 'ocp-memory'],
]) {
  await build({
    ...common,
    resolve: {
      alias: {
        'plotly.js-dist-min': src('internal/plotly-script-full.ts'),
        'plotly.js-basic-dist-min': src('internal/plotly-script-basic.ts'),
      },
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: path.join(dist, 'standalone'),
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: { entry: src(entry), formats: ['es'], fileName: () => `${name}.js` },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  });
}
/**
 * Plotly's bundles, with V8's explicit compile hint in front (`//# allFunctionsCalledOnLoad`, Chromium 136+; other
 * engines read a comment): a classic script is streamed and, with the hint, compiled whole on a background thread
 * while it downloads, instead of function by function on the main thread when it runs and when the first chart
 * draws. Measured on the tbt bench page (thread CPU of the main thread): evaluating the basic bundle 83 -> 11 ms, the
 * full one 674 -> 407 ms, the first chart's drawing 55 -> 31 ms. The price is bytecode for functions never called:
 * the JS heap after drawing 16 charts grew 8.6 -> 9.9 MB with the basic bundle, 13.7 -> 19.3 MB with the full one.
 */
function copyPlotly(pkg, file) {
  const code = fs.readFileSync(fileURLToPath(import.meta.resolve(pkg)));
  fs.writeFileSync(
    path.join(dist, 'standalone', file),
    Buffer.concat([Buffer.from('//# allFunctionsCalledOnLoad\n'), code]),
  );
}
copyPlotly('plotly.js-dist-min', 'plotly.min.js');
copyPlotly('plotly.js-basic-dist-min', 'plotly-basic.min.js');
fs.copyFileSync(src('styles/tokens.css'), path.join(dist, 'tokens.css'));

// 3. Declarations and the manifest.
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs'], {
  cwd: root,
  stdio: 'inherit',
});
// 4. React 19 JSX types (dist/react.d.ts), generated from the manifest.
execFileSync(process.execPath, [path.join(root, 'scripts/react-types.mjs')], { cwd: root, stdio: 'inherit' });

const sizes = [];
for (const f of [
  'index.js',
  'memory.js',
  'demo.js',
  'standalone/ocp-elements.js',
  'standalone/ocp-memory.js',
  'standalone/plotly.min.js',
  'standalone/plotly-basic.min.js',
]) {
  const buf = fs.readFileSync(path.join(dist, f));
  sizes.push({ file: `dist/${f}`, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
}
console.table(sizes);
fs.writeFileSync(path.join(dist, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
