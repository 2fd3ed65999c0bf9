// `pnpm start`: runs server/main.ts from one prebuilt ES module instead of through tsx. Under tsx every start
// resolved and loaded ~200 TypeScript modules through module hooks on another thread (a message round trip each):
// about 0.7 s of CPU before main.ts ran. The bundle (node_modules/.cache/ocp-host/server.mjs) holds this app and
// the workspace packages it imports, built from their TypeScript sources; everything from node_modules stays a
// separate import, pinned to the file esbuild resolved. It is rebuilt (a second or two) when any file it was built
// from, this launcher or the lockfile is newer than the last build, so a fresh clone needs only
// `pnpm install && pnpm start`, and an edited source is never served stale. Plain JavaScript: it runs before any loader.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const hostDir = path.dirname(here);
const repoDir = path.resolve(hostDir, '../..');
const cacheDir = path.join(hostDir, 'node_modules', '.cache', 'ocp-host');
const bundle = path.join(cacheDir, 'server.mjs');
const manifest = path.join(cacheDir, 'server.inputs.json');
/** Outside the module graph, but they shape the bundle: the build options here, the installed packages. */
const EXTRA_INPUTS = [fileURLToPath(import.meta.url), path.join(repoDir, 'pnpm-lock.yaml')];

/** True when the bundle exists and nothing it was built from changed since its build started. */
function isFresh() {
  let built;
  try {
    built = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (!fs.existsSync(bundle)) return false;
  } catch {
    return false;
  }
  for (const file of [...built.inputs.map((f) => path.resolve(repoDir, f)), ...EXTRA_INPUTS]) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= built.startedAt) return false;
  }
  return true;
}

/** Bundles server/main.ts (see the top of this file); writes to temporary names and renames, for concurrent starts. */
async function build() {
  const startedAt = Date.now();
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: [path.join(here, 'main.ts')],
    absWorkingDir: repoDir,
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The workspace packages' TypeScript sources, as tsx loads them (their exports' `development` condition).
    conditions: ['development'],
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [keepPackagesAndPaths],
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const file of result.outputFiles) {
    fs.writeFileSync(`${file.path}.${process.pid}.tmp`, file.contents);
    fs.renameSync(`${file.path}.${process.pid}.tmp`, file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes(':'));
  fs.writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify({ startedAt, inputs }));
  fs.renameSync(`${manifest}.${process.pid}.tmp`, manifest);
  console.log(`  server bundled in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}

/**
 * Packages from node_modules stay imports, of the absolute file esbuild resolved (the bundle's own folder cannot
 * resolve a package only a workspace package depends on). In our sources, `import.meta.url`, `import.meta.dirname`
 * and `import.meta.resolve('…')` keep meaning the source file they are written in (paths to migrations, the cache).
 */
const keepPackagesAndPaths = {
  name: 'ocp-keep-packages-and-paths',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner' || args.path.startsWith('node:') || args.path.startsWith('@ocp/')) return;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'inner',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (!resolved.path.includes(`${path.sep}node_modules${path.sep}`)) return;
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      let text = await fs.promises.readFile(args.path, 'utf8');
      for (const [call, , specifier] of text.matchAll(/import\.meta\.resolve\((['"])([^'"]+)\1\)/g)) {
        const r = await b.resolve(specifier, { kind: 'import-statement', resolveDir: path.dirname(args.path) });
        if (r.errors.length > 0) return { errors: r.errors };
        text = text.replace(call, JSON.stringify(pathToFileURL(r.path).href));
      }
      text = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)));
      return { contents: text, loader: 'ts' };
    });
  },
};

if (!isFresh()) await build();
// Stack traces name the TypeScript sources, as under tsx.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
