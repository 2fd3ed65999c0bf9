import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { selected, suiteFilters } from '@ocp/bench-kit';

// Runs every bench/*.bench.ts in turn (each writes bench/results/<suite>.json at the repository root; with
// --quick, small inputs into bench/results/quick/). Other arguments filter by file name. A suite that crashes
// fails the run after the others have run; a number never does.
const here = path.dirname(fileURLToPath(import.meta.url));
const filters = suiteFilters();
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && selected(f, filters))
  .sort();
if (files.length === 0) console.log(`No server suite matches ${filters.join(', ')}.`);
const failed: string[] = [];
for (const file of files) {
  const started = performance.now();
  try {
    const mod = (await import(path.join(here, file))) as { run: () => Promise<void> };
    await mod.run();
  } catch (e) {
    failed.push(file);
    console.error(`✗ ${file} crashed:`, e);
  }
  console.log(`  (${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
if (failed.length) {
  console.error(`Server suites that crashed: ${failed.join(', ')}`);
  process.exit(1);
}
