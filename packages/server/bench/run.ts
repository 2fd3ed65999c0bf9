import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs every bench/*.bench.ts in turn (each writes bench/results/<name>.json at the repository root).
const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (filter.length === 0 || filter.some((x) => f.includes(x))))
  .sort();
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const mod = (await import(path.join(here, file))) as { run: () => Promise<void> };
  await mod.run();
}
