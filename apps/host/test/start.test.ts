import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_TEMPLATES } from '@ocp/db';
import { createScratchDb, type TestDb, testTarget } from '@ocp/db/testing';

/** Starts the real `pnpm start` on an ephemeral port and waits for the URL it prints. */
async function pnpmStart(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('pnpm', ['start'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, PORT: '0', ...env },
    detached: true, // own process group, so the whole tree stops with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A first start on a busy machine (initdb, migrations, a year of readings) can take a while.
    const timer = setTimeout(() => reject(new Error(`no URL printed within 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The demo account line is the last thing printed at start.
      const m = output.match(/running at (http:\/\/\S+)[\s\S]*demo account:[^\n]*\n/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`pnpm start exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

type Run = Awaited<ReturnType<typeof pnpmStart>>;

/** Stops a started server (SIGTERM to its process group) and waits until it has exited. */
async function stop(run: Run | undefined): Promise<void> {
  if (!run?.child.pid || run.child.exitCode !== null) return;
  const exited = new Promise((resolve) => run.child.once('exit', resolve));
  process.kill(-run.child.pid, 'SIGTERM');
  await exited;
}

async function call<T>(run: Run, procedure: string, token?: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${run.url}/trpc/${procedure}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  assert.equal(res.status, 200, `${procedure}: ${res.status}`);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

async function signIn(run: Run, password: string): Promise<string> {
  const res = await fetch(`${run.url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'demo@ocp.local', password }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
}

/** What the demo account sees: its dashboards and charts, and how many points each energy chart draws. */
async function demoWorkspace(run: Run, token: string) {
  const dashboards = await call<Array<{ id: string; title: string }>>(run, 'dashboards.list', token);
  const charts = await call<Array<{ id: string; chartType: string }>>(run, 'charts.list', token);
  const energyPoints: number[] = [];
  for (const chart of charts.filter((c) => c.chartType === 'energy').sort((a, b) => a.id.localeCompare(b.id))) {
    const data = await call<{ meta: { sourcePoints: number } }>(run, 'charts.data', token, {
      chartId: chart.id,
      width: 400,
    });
    energyPoints.push(data.meta.sourcePoints);
  }
  return { dashboards: dashboards.map((d) => d.title).sort(), charts: charts.map((c) => c.id).sort(), energyPoints };
}

/** Every energy chart draws at least a week of 15-minute readings (none is empty or waiting for data). */
function assertEnergyData(points: number[]): void {
  assert.ok(points.length > 0, 'the demo has energy charts');
  for (const n of points) assert.ok(n >= 7 * 96, `energy chart points: ${points.join(', ')}`);
}

const passwordOf = (run: Run) => /demo account: demo@ocp\.local \/ (\S+)/.exec(run.output())![1]!;

describe('pnpm start', () => {
  let dataDir: string;
  let scratch: TestDb | undefined;
  let run: Run;
  let env: Record<string, string>;
  /** The demo password the first start printed. */
  let password: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-start-'));
    // Its own template cache, so the first start here is a first start on a machine (initdb, then cached).
    env = { OCP_DATA_DIR: path.join(dataDir, 'data'), OCP_CACHE_DIR: path.join(dataDir, 'cache'), DATABASE_URL: '' };
    if (testTarget() === 'postgres') {
      scratch = await createScratchDb();
      env.DATABASE_URL = scratch.url!;
    }
    run = await pnpmStart(env);
    password = passwordOf(run);
  });
  after(async () => {
    await stop(run);
    await scratch?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('prints one URL and the demo account', () => {
    assert.match(run.output(), /demo account: demo@ocp\.local \/ \S+/);
  });

  test('/healthz answers 200 with the database reachable', async () => {
    const res = await fetch(`${run.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true });
  });

  test('templates.list returns the system templates with slot counts over plain JSON', async () => {
    const res = await fetch(`${run.url}/trpc/templates.list`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      result: { data: Array<{ name: string; slotCount: number; isSystemTemplate: boolean }> };
    };
    const names = body.result.data.map((t) => t.name).sort();
    assert.deepEqual(names, SYSTEM_TEMPLATES.map((t) => t.name).sort());
    for (const t of body.result.data) {
      const expected = SYSTEM_TEMPLATES.find((s) => s.name === t.name)!;
      assert.equal(t.slotCount, expected.slots.length, t.name);
      assert.equal(t.isSystemTemplate, true);
    }
  });

  test('the printed demo account signs in and sees the demo dashboards, its energy charts with data', async () => {
    const seen = await demoWorkspace(run, await signIn(run, password));
    assert.ok(seen.dashboards.length >= 2, JSON.stringify(seen.dashboards));
    assertEnergyData(seen.energyPoints);
  });

  test('unknown paths are a JSON 404, not a stack trace', async () => {
    const res = await fetch(`${run.url}/trpc/nope.nothing`);
    assert.equal(res.status, 404);
    const text = await res.text();
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
  });

  test('a second start on the same data keeps everything and seeds nothing again', async () => {
    const before = await demoWorkspace(run, await signIn(run, password));
    await stop(run);
    run = await pnpmStart(env);
    assert.doesNotMatch(run.output(), /Loading the demo workspace/);
    assert.match(run.output(), /demo account: demo@ocp\.local \(created on first start/);
    // The first start's password still signs in, and sees exactly what it saw (no second demo beside the first).
    assert.deepEqual(await demoWorkspace(run, await signIn(run, password)), before);
  });

  test('a start on another empty database loads its own demo (PGlite: unpacked from the cached template)', async () => {
    const otherScratch = testTarget() === 'postgres' ? await createScratchDb() : undefined;
    const other = await pnpmStart({
      ...env,
      OCP_DATA_DIR: path.join(dataDir, 'other'),
      DATABASE_URL: otherScratch?.url ?? '',
    });
    try {
      if (!otherScratch) assert.match(other.output(), /pglite, new from the cached template/);
      const seen = await demoWorkspace(other, await signIn(other, passwordOf(other)));
      assertEnergyData(seen.energyPoints);
      // Its own demo account, with its own password.
      assert.notEqual(passwordOf(other), password);
    } finally {
      await stop(other);
      await otherScratch?.close();
    }
  });
});
