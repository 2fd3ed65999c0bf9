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
    const timer = setTimeout(() => reject(new Error(`no URL printed within 60 s:\n${output}`)), 60_000);
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

describe('pnpm start', () => {
  let dataDir: string;
  let scratch: TestDb | undefined;
  let run: Awaited<ReturnType<typeof pnpmStart>>;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-start-'));
    const env: Record<string, string> = { OCP_DATA_DIR: dataDir, DATABASE_URL: '' };
    if (testTarget() === 'postgres') {
      scratch = await createScratchDb();
      env.DATABASE_URL = scratch.url!;
    }
    run = await pnpmStart(env);
  });
  after(async () => {
    if (run?.child.pid) process.kill(-run.child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
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

  test('the printed demo account signs in and sees the demo dashboards', async () => {
    const password = /demo account: demo@ocp\.local \/ (\S+)/.exec(run.output())![1]!;
    const signIn = await fetch(`${run.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@ocp.local', password }),
    });
    assert.equal(signIn.status, 200);
    const { token } = ((await signIn.json()) as { result: { data: { token: string } } }).result.data;
    const list = await fetch(`${run.url}/trpc/dashboards.list`, { headers: { authorization: `Bearer ${token}` } });
    const dashboards = ((await list.json()) as { result: { data: Array<{ title: string }> } }).result.data;
    assert.ok(dashboards.length >= 2, JSON.stringify(dashboards));
  });

  test('unknown paths are a JSON 404, not a stack trace', async () => {
    const res = await fetch(`${run.url}/trpc/nope.nothing`);
    assert.equal(res.status, 404);
    const text = await res.text();
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
  });
});
