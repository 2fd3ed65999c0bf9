import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Rollup } from 'vite';
import { buildApp } from '../server/build.js';
import { DIST_DIR } from '../server/paths.js';
import { readSdkIntegrity, SDK_DIR, SDK_VERSION, sriHash } from '../server/sdk.js';
import { COMPILE_HINT, plotlyCompileHint } from '../vite/compile-hint.js';

// The app's build, as the e2e files use it (a no-op when dist/ is up to date: `pnpm test` built it first).
before(() => buildApp());

const starts = (file: string) => fs.readFileSync(file, 'utf8').startsWith(COMPILE_HINT);

test("the app's Plotly chunks (Vite's manifest names them after Plotly's module) start with V8's compile hint; no other chunk does", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST_DIR, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; src?: string; name?: string }
  >;
  const chunks = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
  const plotly = chunks.filter((c) => /plotly/.test(c.name ?? c.src ?? ''));
  assert.equal(plotly.length, 2, 'the strict and the basic Plotly chunks');
  for (const c of chunks) assert.equal(starts(path.join(DIST_DIR, c.file)), plotly.includes(c), c.file);
});

test("the SDK's Plotly chunks start with the hint, and integrity.json hashes the files with it", () => {
  const integrity = readSdkIntegrity()!;
  const plotly = Object.keys(integrity.files).filter((f) => f.startsWith('plotly'));
  assert.equal(plotly.length, 2);
  for (const f of Object.keys(integrity.files)) {
    const file = path.join(SDK_DIR, SDK_VERSION, f);
    assert.equal(starts(file), plotly.includes(f), f);
    assert.equal(integrity.files[f], sriHash(file), f);
  }
});

test("the plugin shifts a chunk's source map by the hint's line and leaves chunks without Plotly alone", () => {
  const map = { mappings: 'AAAA,CAAC', toString: () => JSON.stringify({ mappings: map.mappings }) };
  const bundle = {
    'plotly.js': {
      type: 'chunk',
      fileName: 'plotly.js',
      code: 'x',
      map,
      moduleIds: ['/r/node_modules/.pnpm/p/node_modules/plotly.js-strict-dist-min/plotly-strict.min.js'],
    },
    'plotly.js.map': { type: 'asset', fileName: 'plotly.js.map', source: '' },
    'app.js': { type: 'chunk', fileName: 'app.js', code: 'y', map: null, moduleIds: ['/r/src/plotly-loader.ts'] },
  } as unknown as Rollup.OutputBundle;
  const hook = plotlyCompileHint().generateBundle as (o: unknown, b: Rollup.OutputBundle) => void;
  hook.call({ error: (m: string) => assert.fail(m) }, {}, bundle);
  const chunk = (name: string) => bundle[name] as { code: string };
  assert.equal(chunk('plotly.js').code, `${COMPILE_HINT}x`);
  assert.equal(map.mappings, ';AAAA,CAAC');
  assert.equal((bundle['plotly.js.map'] as { source: string }).source, '{"mappings":";AAAA,CAAC"}');
  assert.equal(chunk('app.js').code, 'y');
});
