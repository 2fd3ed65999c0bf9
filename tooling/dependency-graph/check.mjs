#!/usr/bin/env node
/**
 * The intended dependency graph, checked on every import of the code that ships (each package's src/, the host's
 * browser and server code): CI fails when a browser package reaches for the database or the server, when a lower
 * layer imports a higher one, when the server's services import its routers, or when a package imports another
 * without declaring it in package.json.
 *
 *   @ocp/contract   zod only, browser-safe (no node: builtins)
 *   @ocp/offline-agent → contract (browser-safe: the offline agent's grammar, shared by server and elements)
 *   @ocp/db         → contract
 *   @ocp/server     → contract, db, offline-agent
 *   @ocp/client     → contract (and the server's AppRouter as a type)
 *   @ocp/elements   → contract, offline-agent
 *   apps/host       browser code → contract, client, elements; its server → anything
 *
 * Usage: node tooling/dependency-graph/check.mjs  (prints the graph it found; exits 1 on a violation)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What each unit may import: `ocp` values, `types` (type-only imports), external packages, node builtins. */
const RULES = [
  { name: '@ocp/contract', pkg: 'packages/contract', dirs: ['src'], ocp: [], external: ['zod'], node: false },
  {
    name: '@ocp/offline-agent',
    pkg: 'packages/offline-agent',
    dirs: ['src'],
    exclude: ['src/testing'],
    ocp: ['@ocp/contract'],
    node: false,
  },
  { name: '@ocp/db', pkg: 'packages/db', dirs: ['src'], ocp: ['@ocp/contract'], node: true },
  {
    name: '@ocp/server',
    pkg: 'packages/server',
    dirs: ['src'],
    ocp: ['@ocp/contract', '@ocp/db', '@ocp/offline-agent'],
    node: true,
  },
  {
    name: '@ocp/client',
    pkg: 'packages/client',
    dirs: ['src'],
    ocp: ['@ocp/contract'],
    types: ['@ocp/server'],
    node: false,
  },
  {
    name: '@ocp/elements',
    pkg: 'packages/elements',
    dirs: ['src'],
    // Test fixtures: not part of the build (tsconfig.build.json leaves them out).
    exclude: ['src/internal/testing'],
    ocp: ['@ocp/contract', '@ocp/offline-agent'],
    node: false,
  },
  {
    name: '@ocp/host (browser)',
    pkg: 'apps/host',
    dirs: ['src'],
    ocp: ['@ocp/contract', '@ocp/client', '@ocp/elements'],
    types: ['@ocp/server'],
    node: false,
  },
  {
    name: '@ocp/host (server)',
    pkg: 'apps/host',
    dirs: ['server'],
    ocp: ['@ocp/contract', '@ocp/db', '@ocp/server', '@ocp/client', '@ocp/elements'],
    node: true,
  },
];

/** Folders of the server that hold logic: none of them may import a router (routers import them). */
const SERVER_BELOW_ROUTERS = ['services', 'chat', 'data', 'events', 'auth', 'http'];

const IMPORT =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* files(full);
    } else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !/\.(test|stories)\.ts$/.test(entry.name)) yield full;
  }
}

/** Every import of a file: its specifier and whether it is type-only (erased at runtime). */
export function importsOf(text) {
  const found = [];
  // Comments may quote imports (JSDoc examples): strip them first, keeping line structure.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    if (spec) found.push({ spec, typeOnly: Boolean(m[2]) && m[1] !== undefined });
  }
  return found;
}

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const problems = [];
const edges = new Map();
for (const rule of RULES) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, rule.pkg, 'package.json'), 'utf8'));
  const deps = new Set(Object.keys(manifest.dependencies ?? {}));
  const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
  for (const dir of rule.dirs) {
    for (const file of files(path.join(root, rule.pkg, dir))) {
      const rel = path.relative(root, file);
      if (rule.exclude?.some((x) => rel.startsWith(path.join(rule.pkg, x)))) continue;
      for (const { spec, typeOnly } of importsOf(fs.readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          if (rule.name === '@ocp/server') {
            const from = path.relative(path.join(root, rule.pkg, 'src'), file).split(path.sep)[0];
            const to = path.relative(path.join(root, rule.pkg, 'src'), path.resolve(path.dirname(file), spec));
            if (SERVER_BELOW_ROUTERS.includes(from) && to.split(path.sep)[0] === 'routers')
              problems.push(`${rel}: ${from}/ imports a router (${spec}); routers call services, not the reverse`);
          }
          continue;
        }
        if (spec.startsWith('node:')) {
          if (!rule.node) problems.push(`${rel}: ${rule.name} must run in a browser, but imports ${spec}`);
          continue;
        }
        const pkg = packageOf(spec);
        if (pkg.startsWith('@ocp/')) {
          const key = `${rule.name} → ${pkg}${typeOnly ? ' (types)' : ''}`;
          edges.set(key, (edges.get(key) ?? 0) + 1);
          const allowed = rule.ocp.includes(pkg) || (typeOnly && rule.types?.includes(pkg));
          if (!allowed)
            problems.push(`${rel}: ${rule.name} may not import ${spec}${typeOnly ? ' (even as types)' : ''}`);
        } else if (rule.external && !rule.external.includes(pkg)) {
          problems.push(`${rel}: ${rule.name} may import only ${rule.external.join(', ')}, not ${spec}`);
        }
        if (!deps.has(pkg) && !(typeOnly && devDeps.has(pkg)) && !isBuiltin(pkg)) {
          problems.push(`${rel}: imports ${pkg}, which ${rule.pkg}/package.json does not list in dependencies`);
        }
      }
    }
  }
}

function isBuiltin(pkg) {
  return ['fs', 'path', 'url', 'http', 'crypto', 'os', 'stream', 'util', 'net', 'zlib', 'events'].includes(pkg);
}

for (const [edge, count] of [...edges].sort()) console.log(`${edge}  (${count} imports)`);
if (problems.length) {
  console.error(`\ndependency graph: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ✗ ${p}`);
  process.exit(1);
}
console.log('\ndependency graph: as intended');
