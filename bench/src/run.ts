/**
 * The browser benchmarks: every suite in src/suites/ against the built @ocp/elements, in one headless Chromium.
 * `--quick` proves each still runs (small inputs, one round); other arguments filter suites by name. A suite that
 * crashes makes the run fail; a number never does.
 */
import { isQuick, selected, suiteFilters } from '@ocp/bench-kit';
import type { Browser } from 'playwright-core';
import type { BrowserSuite } from './browser/bench.js';
import { launchChromium } from './browser/chromium.js';
import { bundleSize } from './suites/bundle-size.js';
import { points1m } from './suites/points-1m.js';
import { render24 } from './suites/render-24.js';
import { tbt48 } from './suites/tbt-48.js';
import { update } from './suites/update.js';
import { webgl } from './suites/webgl.js';

const suites: BrowserSuite[] = [bundleSize, render24, tbt48, update, webgl, points1m];

const quick = isQuick();
const filters = suiteFilters();
const chosen = suites.filter((s) => selected(s.name, filters));
if (chosen.length === 0) {
  console.log(`No browser suite matches ${filters.join(', ')} (suites: ${suites.map((s) => s.name).join(', ')}).`);
  process.exit(0);
}
let browser: Browser | undefined;
const failed: string[] = [];
try {
  browser = await launchChromium();
  for (const suite of chosen) {
    const started = performance.now();
    try {
      await suite.run({ browser, quick });
    } catch (e) {
      failed.push(suite.name);
      console.error(`✗ ${suite.name} crashed:`, e);
    }
    console.log(`  (${suite.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  await browser?.close();
}
if (failed.length) {
  console.error(`Browser suites that crashed: ${failed.join(', ')}`);
  process.exit(1);
}
