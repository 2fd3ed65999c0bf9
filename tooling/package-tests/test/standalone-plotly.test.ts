/**
 * The elements' standalone build (packages/elements/scripts/build.mjs; turbo builds it before this test) ships
 * Plotly's bundles beside ocp-elements.js with V8's explicit compile hint in front, so Chromium compiles them off
 * the main thread while they stream (docs/performance.md). Checks the files as built, byte for byte: the hint, then
 * the package's own bundle unchanged.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

const elementsDir = path.resolve(import.meta.dirname, '../../../packages/elements');
const standalone = path.join(elementsDir, 'dist/standalone');
const resolveFromElements = createRequire(path.join(elementsDir, 'package.json')).resolve;
const HINT = '//# allFunctionsCalledOnLoad\n';

test('the standalone Plotly bundles start with the compile hint, followed by the package bundle unchanged', () => {
  assert.ok(fs.existsSync(standalone), '@ocp/elements is not built: run pnpm build');
  for (const [file, pkg] of [
    ['plotly.min.js', 'plotly.js-dist-min'],
    ['plotly-basic.min.js', 'plotly.js-basic-dist-min'],
  ] as const) {
    const built = fs.readFileSync(path.join(standalone, file));
    const original = fs.readFileSync(resolveFromElements(pkg));
    assert.equal(built.subarray(0, HINT.length).toString(), HINT, file);
    assert.ok(built.subarray(HINT.length).equals(original), `${file} is ${pkg}'s bundle after the hint`);
  }
});
