import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isQuick, measuredRounds, msText, ratioText, Suite } from '@ocp/bench-kit';

const here = path.dirname(fileURLToPath(import.meta.url));
// `pnpm start` where a user types it: the repository root.
const repoDir = path.resolve(here, '../../..');
// The baseline loads the same PGlite build the app uses, through @ocp/db's dependency.
const pgliteEntry = createRequire(path.resolve(here, '../../db/package.json')).resolve('@electric-sql/pglite');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Started {
  ms: number;
  output: string;
}

/**
 * Spawns a command in its own process group, polls GET /readyz until it answers 200, and stops the group
 * (SIGTERM, then waits for the exit). Returns the time from spawn to the first 200 and what the process printed.
 */
async function timeToReady(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  try {
    for (;;) {
      if (exited) throw new Error(`${command} ${args.join(' ')} exited before it was ready:\n${output}`);
      if (performance.now() - started > 300_000) throw new Error(`not ready within 300 s:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return { ms: performance.now() - started, output };
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (!exited) process.kill(-child.pid!, 'SIGTERM');
    await exit;
  }
}

const startHost = (dataDir: string, env: Record<string, string> = {}) =>
  timeToReady('pnpm', ['start'], repoDir, { OCP_DATA_DIR: dataDir, DATABASE_URL: '', OCP_DEMO: '1', ...env });
const startBare = (dataDir: string) =>
  timeToReady(process.execPath, [path.join(here, 'cold-start-bare.mjs')], here, {
    OCP_DATA_DIR: dataDir,
    OCP_BENCH_PGLITE_ENTRY: pgliteEntry,
  });

/** The phases the host printed ("started in: open … · migrate … · demo …"). */
const phasesOf = (output: string) => /started in: ([^\n]*)/.exec(output)?.[1] ?? '(no phase line)';

function expectDemo(run: Started, loaded: boolean): void {
  const printed = /demo account: \S+ \/ \S+/.test(run.output);
  if (printed !== loaded) throw new Error(`expected the demo to be ${loaded ? '' : 'not '}loaded:\n${run.output}`);
}

/**
 * `pnpm start` on an empty PGlite data directory until /readyz answers 200 (the demo workspace loaded, the
 * templates cached from an earlier start), then again on the same directory; against a bare
 * `PGlite.create` of the same kind of directory behind a bare node:http server. Plus the first start on a machine
 * without the template (initdb and every migration), against the same baseline.
 */
export async function run(): Promise<void> {
  const quick = isQuick();
  const count = quick ? 1 : 5;
  const suite = new Suite({
    suite: 'cold-start',
    title: '`pnpm start` until /readyz answers, against bare PGlite behind bare node:http',
    description:
      'Milliseconds from spawning `pnpm start` (embedded PGlite, the demo workspace) to the first 200 from ' +
      '`/readyz`: on an empty data directory (the templates cached by an earlier start, as after the first start ' +
      'on a machine: the migrated database, and the same with the demo workspace loaded, its account without a ' +
      'password; the server bundle built), then again on the same directory; and on an empty directory without ' +
      'the templates (OCP_DB_TEMPLATE=0: initdb, every migration and the whole demo load). The baseline, spawned ' +
      'the same way and timed the same way, is plain node creating (`PGlite.create` on an empty directory) or ' +
      'reopening a PGlite database and answering `/readyz` from a bare node:http server. The variants take turns. ' +
      'The phases are what the host printed (`load`: node and its modules until the start function runs).',
    params: { rounds: count },
  });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-cold-start-'));
  const cache = path.join(scratch, 'cache');
  let n = 0;
  const fresh = () => path.join(scratch, `data-${++n}`);
  const later = { ours: [] as number[], bare: [] as number[] };
  const phases = { first: '', later: '', noTemplate: '' };
  try {
    // Untimed: builds the app and the server bundle if stale, and caches the templates in this run's own folder.
    expectDemo(await startHost(fresh(), { OCP_CACHE_DIR: cache }), true);
    const s = await measuredRounds(count, {
      ours: async () => {
        const dir = fresh();
        const first = await startHost(dir, { OCP_CACHE_DIR: cache });
        expectDemo(first, true);
        if (!/from the cached template with the demo workspace/.test(first.output))
          throw new Error(`demo template not used:\n${first.output}`);
        const again = await startHost(dir, { OCP_CACHE_DIR: cache });
        expectDemo(again, false);
        later.ours.push(again.ms);
        phases.first = phasesOf(first.output);
        phases.later = phasesOf(again.output);
        fs.rmSync(dir, { recursive: true, force: true });
        return first.ms;
      },
      noTemplate: async () => {
        const dir = fresh();
        const first = await startHost(dir, { OCP_DB_TEMPLATE: '0' });
        expectDemo(first, true);
        phases.noTemplate = phasesOf(first.output);
        fs.rmSync(dir, { recursive: true, force: true });
        return first.ms;
      },
      bare: async () => {
        const dir = fresh();
        const first = await startBare(dir);
        later.bare.push((await startBare(dir)).ms);
        fs.rmSync(dir, { recursive: true, force: true });
        return first.ms;
      },
    });
    suite.metric({ id: 'first', label: 'pnpm start, empty dir (templates cached)', unit: 'ms', samples: s.ours });
    suite.metric({ id: 'later', label: 'pnpm start, same dir again', unit: 'ms', samples: later.ours });
    suite.metric({ id: 'noTemplate', label: 'pnpm start, empty dir, no template', unit: 'ms', samples: s.noTemplate });
    suite.metric({ id: 'bareFirst', label: 'bare PGlite.create + node:http, empty dir', unit: 'ms', samples: s.bare });
    suite.metric({ id: 'bareLater', label: 'bare PGlite reopen + node:http', unit: 'ms', samples: later.bare });
    const first = suite.ratio({
      id: 'first',
      label: 'first start ÷ bare PGlite creation',
      ours: 'first',
      baseline: 'bareFirst',
      headline: true,
    });
    const again = suite.ratio({
      id: 'later',
      label: 'later start ÷ bare PGlite reopen',
      ours: 'later',
      baseline: 'bareLater',
      headline: true,
    });
    const none = suite.ratio({
      id: 'noTemplate',
      label: 'first start without the template ÷ bare PGlite creation',
      ours: 'noTemplate',
      baseline: 'bareFirst',
    });
    suite
      .quote('first', msText(suite.metricMedian('first')))
      .quote('later', msText(suite.metricMedian('later')))
      .quote('noTemplate', msText(suite.metricMedian('noTemplate')))
      .quote('bareFirst', msText(suite.metricMedian('bareFirst')))
      .quote('bareLater', msText(suite.metricMedian('bareLater')))
      .quote('first.ratio', ratioText(first.stats.median))
      .quote('later.ratio', ratioText(again.stats.median))
      .quote('noTemplate.ratio', ratioText(none.stats.median))
      .note(`phases of the last first start: ${phases.first}`)
      .note(`phases of the last later start: ${phases.later}`)
      .note(`phases of the last start without the template: ${phases.noTemplate}`)
      .note('issue 17 asks for ≤ 4 s to ready on an empty data directory and ≤ 2 s on later starts (absolute times).');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  suite.save();
}
