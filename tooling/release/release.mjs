#!/usr/bin/env node
/**
 * `pnpm release`: publishes @ocp/contract, @ocp/offline-agent, @ocp/client and @ocp/elements, as versioned by
 * `pnpm version-packages` (changesets). In order: no pending changeset may be left, the packages build, the package tests pass
 * (pack, install outside the repository, type-check, bundle, run in Chromium), the docs' SRI hash matches the
 * built SDK, then `pnpm publish` of each (it replaces workspace: ranges and applies publishConfig, and refuses a
 * dirty tree or a branch other than main) and `changeset tag` for the git tags.
 *
 * Usage: pnpm release [--dry-run] [--tag next] [--otp 123456]   (arguments go to pnpm publish)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGES = ['@ocp/contract', '@ocp/offline-agent', '@ocp/client', '@ocp/elements'];
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');

function step(title, cmd, cmdArgs, env = {}) {
  console.log(`\nrelease: ${title}\n$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`release: "${title}" failed; nothing was published after it.`);
    process.exit(1);
  }
}

const pending = fs.readdirSync(path.join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
if (pending.length > 0) {
  console.error(`release: ${pending.length} changeset(s) not applied yet; run pnpm version-packages and commit first.`);
  process.exit(1);
}
const filters = PACKAGES.flatMap((p) => ['--filter', p]);
step('build', 'pnpm', ['exec', 'turbo', 'run', 'build', ...PACKAGES.map((p) => `--filter=${p}`)]);
step('package tests', 'pnpm', ['--filter', '@ocp/package-tests', 'test']);
step('SRI hash in docs/embedding.md', 'pnpm', ['--filter', '@ocp/host', 'docs:sri', '--check']);
step('publish', 'pnpm', ['-r', ...filters, 'publish', '--access', 'public', ...args]);
if (!dryRun) step('git tags', 'pnpm', ['exec', 'changeset', 'tag']);
console.log(
  dryRun
    ? '\nrelease: dry run done, nothing published.'
    : '\nrelease: published; push the tags: git push --follow-tags',
);
