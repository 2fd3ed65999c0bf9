import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDb } from '@ocp/db';
import { adminUrl } from '@ocp/db/testing';

/*
 * Three `pnpm start` processes on one PostgreSQL database, as behind a load balancer (always PostgreSQL, whatever
 * the test target: PGlite is one process's own). Whichever process a request reaches, the system behaves as one.
 */

const GRID = '00000000-0000-4000-8000-000000000003';

interface Proc {
  child: ChildProcess;
  url: string;
  /** The server's own process (under pnpm and tsx), as it prints it: what an orchestrator signals. */
  pid: number;
  exited: Promise<number | null>;
}

let dbName: string;
let dbUrl: string;
const procs: Proc[] = [];

async function admin(statement: string) {
  const handle = await createDb({ databaseUrl: adminUrl() });
  try {
    await handle.sql!.unsafe(statement);
  } finally {
    await handle.close();
  }
}

async function start(): Promise<Proc> {
  const child = spawn('pnpm', ['start'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, PORT: '0', DATABASE_URL: dbUrl, OCP_DEMO: '0', OCP_AUTH: 'embedded' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const started = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/running at (http:\/\/\S+)[\s\S]*process: (\d+)[\s\S]*demo account:[^\n]*\n/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, pid: Number(m[2]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`pnpm start exited with ${code}:\n${output}`)));
  });
  return { child, ...started, exited };
}

async function call(base: string, token: string | null, procedure: string, input?: unknown, mutation = false) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = mutation
    ? await fetch(`${base}/trpc/${procedure}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) })
    : await fetch(`${base}/trpc/${procedure}${query}`, { headers });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { data: { code: string } } };
  return {
    status: res.status,
    code: body.error?.data.code ?? 'OK',
    data: body.result?.data as Record<string, unknown>,
  };
}

/** Reads an SSE response until `match` appears in it (or the stream ends), within `timeoutMs`. */
async function sseUntil(base: string, token: string, dashboardId: string, match: string, timeoutMs = 15_000) {
  const controller = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ dashboardId }));
  const res = await fetch(`${base}/trpc/events.dashboard?input=${input}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  let text = '';
  const connected = new Promise<void>((resolve) => {
    const check = () => (text.includes('event: connected') ? resolve() : setTimeout(check, 20));
    check();
  });
  const done = (async () => {
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      while (!text.includes(match)) {
        const { value, done: end } = await reader.read();
        if (end) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted: the assertion below says what was missing
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return text;
  })();
  return { connected, done };
}

let token = '';
const email = 'proc@example.test';
const password = 'a-long-enough-password-1';

before(async () => {
  dbName = `ocp_test_procs_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const u = new URL(adminUrl());
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
  // One after another: the first migrates (the others take the advisory lock in turn anyway).
  procs.push(await start());
  procs.push(...(await Promise.all([start(), start()])));
  assert.equal(
    (await call(procs[0]!.url, null, 'auth.signUp', { email, password, displayName: 'Proc' }, true)).code,
    'OK',
  );
  const signedIn = await call(procs[1]!.url, null, 'auth.signIn', { email, password }, true);
  token = (signedIn.data as { token: string }).token;
  assert.ok(token);
});
after(async () => {
  for (const p of procs) if (p.child.pid && p.child.exitCode === null) process.kill(-p.child.pid, 'SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

describe('three server processes on one PostgreSQL', () => {
  test('the 11th failed sign-in for an account is refused, whichever process it reaches', async () => {
    const target = 'locked@example.test';
    await call(procs[2]!.url, null, 'auth.signUp', { email: target, password, displayName: 'L' }, true);
    for (let i = 0; i < 10; i++) {
      const res = await call(
        procs[i % 3]!.url,
        null,
        'auth.signIn',
        { email: target, password: 'wrong-password-x' },
        true,
      );
      assert.equal(res.code, 'UNAUTHORIZED', `attempt ${i + 1} on process ${i % 3}`);
    }
    for (const p of procs) {
      const res = await call(p.url, null, 'auth.signIn', { email: target, password }, true);
      assert.equal(res.code, 'TOO_MANY_REQUESTS');
    }
  });

  test('an edit through one process is what another serves next (its cached chart data is not)', async () => {
    const created = await call(
      procs[0]!.url,
      token,
      'charts.create',
      {
        title: 'Load',
        chartType: 'bar',
        plotlyConfig: { data: [{ type: 'bar' }] },
        dataSourceConfig: { kind: 'inline', columns: { x: [1, 2], y: [10, 20] }, mapping: { x: 'x', y: ['y'] } },
      },
      true,
    );
    assert.equal(created.code, 'OK');
    const id = created.data.id as string;
    const read = async (p: Proc) =>
      JSON.stringify((await call(p.url, token, 'charts.data', { chartId: id, width: 400 })).data);
    const before1 = await read(procs[1]!);
    assert.equal(await read(procs[1]!), before1, 'served twice (the second from its cache)');
    assert.ok(before1.includes('20'));
    const updated = await call(
      procs[2]!.url,
      token,
      'charts.update',
      { id, dataSourceConfig: { kind: 'inline', columns: { x: [1, 2], y: [10, 777] }, mapping: { x: 'x', y: ['y'] } } },
      true,
    );
    assert.equal(updated.code, 'OK');
    const after1 = await read(procs[1]!);
    assert.ok(after1.includes('777'), after1);
  });

  test('a live event published through one process reaches subscribers on the others', async () => {
    const d = await call(procs[0]!.url, token, 'dashboards.create', { title: 'Live', templateId: GRID }, true);
    const id = d.data.id as string;
    const onB = await sseUntil(procs[1]!.url, token, id, 'Renamed through A');
    const onC = await sseUntil(procs[2]!.url, token, id, 'Renamed through A');
    await Promise.all([onB.connected, onC.connected]);
    assert.equal(
      (
        await call(
          procs[0]!.url,
          token,
          'dashboards.update',
          { id, expectedUpdatedAt: d.data.updatedAt, title: 'Renamed through A' },
          true,
        )
      ).code,
      'OK',
    );
    assert.ok((await onB.done).includes('Renamed through A'));
    assert.ok((await onC.done).includes('Renamed through A'));
  });

  test('SIGTERM while requests are in flight: every one of them is answered, then the process exits', async () => {
    const victim = procs[2]!;
    const { hostname, port } = new URL(victim.url);
    // Requests whose bodies are still arriving when the signal comes: in flight by any definition.
    const pending = Array.from({ length: 5 }, (_, i) => {
      const body = JSON.stringify({ title: `During shutdown ${i}`, templateId: GRID });
      const req = http.request({
        hostname,
        port,
        method: 'POST',
        path: '/trpc/dashboards.create',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      });
      const answered = new Promise<number>((resolve, reject) => {
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 10));
      return { req, rest: body.slice(10), answered };
    });
    // A live stream on the same process is ended with a retry hint, so its client reconnects elsewhere.
    const watched = await call(procs[0]!.url, token, 'dashboards.create', { title: 'Watched', templateId: GRID }, true);
    const stream = await sseUntil(victim.url, token, watched.data.id as string, 'retry:', 20_000);
    await stream.connected;
    await new Promise((r) => setTimeout(r, 300));
    process.kill(victim.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    for (const p of pending) p.req.end(p.rest);
    const statuses = await Promise.all(pending.map((p) => p.answered));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    assert.match(await stream.done, /retry: \d+/);
    await victim.exited;
    // What they created is there, seen through another process.
    const titles = (
      (await call(procs[0]!.url, token, 'dashboards.list')).data as unknown as Array<{ title: string }>
    ).map((d) => d.title);
    for (let i = 0; i < 5; i++) assert.ok(titles.includes(`During shutdown ${i}`), `dashboard ${i} was created`);
  });
});
