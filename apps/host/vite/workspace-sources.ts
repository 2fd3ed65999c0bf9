import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

type Exports = Record<string, string | Record<string, string>>;

/**
 * Bundles the workspace packages (`@ocp/*`) from their TypeScript sources — their `development` export — so that
 * `pnpm start` works on a fresh clone without building them first. Only for `@ocp/*`: setting the `development`
 * condition for the whole build would also pick Lit's development build, which is larger, slower and logs "Lit is
 * in dev mode" on every page. Everything else resolves with Vite's defaults (production builds in `vite build`).
 */
export function workspaceSources(): Plugin {
  let appDir = process.cwd();
  const cache = new Map<string, Exports | null>();
  const exportsOf = (name: string): Exports | null => {
    if (!cache.has(name)) {
      const file = path.join(appDir, 'node_modules', name, 'package.json');
      const pkg = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { exports?: Exports }) : null;
      cache.set(name, pkg?.exports ?? null);
    }
    return cache.get(name)!;
  };
  return {
    name: 'ocp-workspace-sources',
    enforce: 'pre',
    configResolved(config) {
      appDir = config.root;
    },
    resolveId(source) {
      const match = /^(@ocp\/[^/]+)(\/.*)?$/.exec(source);
      if (!match) return null;
      const entry = exportsOf(match[1]!)?.[`.${match[2] ?? ''}`];
      const target = typeof entry === 'string' ? entry : entry?.development;
      // The real path (not the node_modules link), so Vite treats the package as source code.
      return target ? fs.realpathSync(path.join(appDir, 'node_modules', match[1]!, target)) : null;
    },
  };
}
