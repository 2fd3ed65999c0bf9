import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const hostDir = path.resolve(import.meta.dirname, '..');

/** `pnpm start`'s launcher with a PORT main.ts rejects: it loads the server bundle, which exits at once. */
function launch(): string {
  const run = spawnSync(process.execPath, ['server/start.mjs'], {
    cwd: hostDir,
    env: { ...process.env, PORT: 'not-a-port' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return run.stdout + run.stderr;
}

test('pnpm start runs the server from a bundle, rebuilt when a source changes and reused while none has', () => {
  // A source the server imports, touched (its text unchanged): the next start bundles again.
  const source = path.join(hostDir, 'server/guard.ts');
  const now = new Date();
  fs.utimesSync(source, now, now);
  const first = launch();
  assert.match(first, /server bundled in/);
  assert.match(first, /PORT must be a number between 0 and 65535, got "not-a-port"/);
  const again = launch();
  assert.doesNotMatch(again, /server bundled in/);
  assert.match(again, /PORT must be a number/);
  // Built from the TypeScript sources, with their source maps: the sources' own paths.
  const map = fs.readFileSync(path.join(hostDir, 'node_modules/.cache/ocp-host/server.mjs.map'), 'utf8');
  assert.match(map, /server\/main\.ts/);
  assert.match(map, /packages\/db\/src\/client\.ts/);
});
