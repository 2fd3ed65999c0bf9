import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, DIST_DIR } from './paths.js';
import { finishSdkBuild, SDK_VERSION, sdkBuildConfig } from './sdk.js';

const STAMP = path.join(DIST_DIR, '.ocp-build');
/** What the bundle is made of: the app and the workspace packages it bundles from source. */
const INPUTS = [
  APP_DIR,
  path.resolve(APP_DIR, '../../packages/elements/src'),
  path.resolve(APP_DIR, '../../packages/client/src'),
  path.resolve(APP_DIR, '../../packages/contract/src'),
];
const SKIP = new Set(['node_modules', 'dist', 'test', 'server', 'examples', '.ocp-data']);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** True when dist/ is missing or older than any source file. */
export function buildIsStale(): boolean {
  const stamp = fs.statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp) return true;
  return INPUTS.some((dir) => fs.existsSync(dir) && newestMtime(dir) > stamp.mtimeMs);
}

/**
 * `vite build` of the app and the embed viewer, then of the script-tag SDK (/sdk/<version>/), skipped when dist/ is
 * up to date (`force` rebuilds). Logs the SDK's URL and integrity hash, for pages that pin it.
 */
export async function buildApp(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!options.force && !buildIsStale()) return false;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ root: APP_DIR, logLevel: 'warn' });
  await build(sdkBuildConfig());
  const integrity = finishSdkBuild();
  fs.writeFileSync(STAMP, new Date().toISOString());
  options.log?.(`  app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  options.log?.(`  SDK: /sdk/${SDK_VERSION}/ocp.js  integrity="${integrity.files['ocp.js']}"`);
  return true;
}
