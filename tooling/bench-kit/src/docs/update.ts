/**
 * `pnpm bench:docs`: puts the latest full results (bench/results/*.json, from `pnpm bench`) into the docs — the
 * tables of docs/benchmarks.md, the chart docs/benchmarks.svg, and every `<!-- bench:… -->` region in docs/*.md
 * and the READMEs. Nothing is written when a region names a number no result has (run the missing suite first).
 * `--check` only reports what would change. `--quick` reads the results of `pnpm bench --quick` and only checks
 * that every region has a value there (CI: a renamed quote fails before the docs go stale); quick runs skip
 * PostgreSQL, so `<suite>.postgres.…` quotes may be missing from them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, resultsDir } from '../paths.js';
import { readResults, type SuiteResult } from '../result.js';
import { ratioChart } from './chart.js';
import { rewriteRegions } from './regions.js';
import { headlineTable, runInfo, suiteSections } from './table.js';

/** Markdown files that may quote a measurement. */
export function docFiles(root: string): string[] {
  const files: string[] = [];
  const add = (f: string) => fs.existsSync(f) && files.push(f);
  add(path.join(root, 'README.md'));
  for (const f of fs.readdirSync(path.join(root, 'docs')).sort())
    if (f.endsWith('.md')) add(path.join(root, 'docs', f));
  for (const group of ['packages', 'apps', 'tooling']) {
    const dir = path.join(root, group);
    if (!fs.existsSync(dir)) continue;
    for (const pkg of fs.readdirSync(dir).sort()) add(path.join(dir, pkg, 'README.md'));
  }
  add(path.join(root, 'bench', 'README.md'));
  return files;
}

/** The value of one region key, from the results; undefined when no result has it. */
export function resolver(results: readonly SuiteResult[]): (key: string) => string | undefined {
  const bySuite = new Map(results.map((r) => [r.suite, r]));
  return (key) => {
    switch (key) {
      case 'benchmarks.run':
        return runInfo(results);
      case 'benchmarks.table':
        return `\n${headlineTable(results)}\n`;
      case 'benchmarks.suites':
        return `\n${suiteSections(results)}\n`;
    }
    const dot = key.indexOf('.');
    return bySuite.get(key.slice(0, dot))?.quotes[key.slice(dot + 1)];
  };
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const check = quick || process.argv.includes('--check');
  const results = readResults(quick);
  if (results.length === 0) {
    const run = quick ? 'pnpm bench --quick' : 'pnpm bench';
    console.error(`No results in ${path.relative(repoRoot, resultsDir(quick))}/: run \`${run}\` first.`);
    process.exit(1);
  }
  const resolve = resolver(results);
  const changes: { file: string; text: string }[] = [];
  const missing: string[] = [];
  for (const file of docFiles(repoRoot)) {
    const before = fs.readFileSync(file, 'utf8');
    const r = rewriteRegions(before, resolve);
    const needed = quick ? r.missing.filter((k) => k.split('.')[1] !== 'postgres') : r.missing;
    missing.push(...needed.map((k) => `${path.relative(repoRoot, file)}: ${k}`));
    if (r.text !== before) changes.push({ file, text: r.text });
  }
  const svgFile = path.join(repoRoot, 'docs', 'benchmarks.svg');
  const svg = ratioChart(results);
  if (!fs.existsSync(svgFile) || fs.readFileSync(svgFile, 'utf8') !== svg) changes.push({ file: svgFile, text: svg });
  const commits = new Set(results.map((r) => r.commit));
  if (commits.size > 1) console.warn(`Results come from ${commits.size} commits: ${[...commits].join(', ')}.`);
  if (missing.length) {
    console.error(
      `No measured value for:\n  ${missing.join('\n  ')}\nRun the suites that quote them; nothing written.`,
    );
    process.exit(1);
  }
  if (quick) {
    console.log('Every number the docs quote has a value in the quick results.');
    return;
  }
  for (const c of changes) {
    console.log(`${check ? 'would update' : 'updated'} ${path.relative(repoRoot, c.file)}`);
    if (!check) fs.writeFileSync(c.file, c.text);
  }
  if (changes.length === 0) console.log('The docs already show the latest results.');
  if (check && changes.length) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
