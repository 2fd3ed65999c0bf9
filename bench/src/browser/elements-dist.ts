import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built standalone bundle of @ocp/elements (dist/standalone/: ocp-elements.js, ocp-memory.js, plotly.min.js):
 * what a plain page loads. `pnpm bench` builds it first through turbo (a cache hit when the sources are unchanged).
 */
export function elementsDist(): string {
  const entry = fileURLToPath(import.meta.resolve('@ocp/elements/standalone'));
  const dir = path.dirname(entry);
  for (const f of ['ocp-elements.js', 'ocp-memory.js', 'plotly.min.js']) {
    if (!fs.existsSync(path.join(dir, f))) {
      throw new Error(`${path.join(dir, f)} is missing: run \`pnpm bench\` (or \`pnpm --filter @ocp/elements build\`)`);
    }
  }
  const src = path.resolve(dir, '../../src');
  const built = fs.statSync(entry).mtimeMs;
  const newer = fs
    .readdirSync(src, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && fs.statSync(path.join(src, f)).mtimeMs > built);
  if (newer.length)
    console.warn(`  warning: ${newer.length} elements source files are newer than the build (${newer[0]}, …)`);
  return dir;
}
