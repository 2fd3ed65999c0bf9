import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createDb, isDatabaseUnavailable, pgErrorCode, waitForDatabase } from '../src/index.js';
import { adminUrl, closedPort } from '../src/testing.js';

/** Starts forwarding `port` to the real PostgreSQL server (the database "comes up"). */
async function forwardToPostgres(port: number): Promise<net.Server> {
  const target = new URL(adminUrl());
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const urlOn = (port: number, database = 'postgres') => {
  const url = new URL(adminUrl());
  url.port = String(port);
  url.pathname = `/${database}`;
  return url.toString();
};

describe('createDb: the PGlite directory and an unreachable PostgreSQL', () => {
  test('the PGlite data directory is created 0700, and an existing looser one is tightened', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-perm-'));
    const dir = path.join(parent, 'data');
    try {
      const first = await createDb({ dataDir: dir, databaseUrl: '' });
      await first.close();
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      fs.chmodSync(dir, 0o755);
      const second = await createDb({ dataDir: dir, databaseUrl: '' });
      await second.close();
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  test('a server that accepts but never answers fails within connectTimeoutSeconds, as unavailable', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const handle = await createDb({
      databaseUrl: urlOn((silent.address() as net.AddressInfo).port),
      connectTimeoutSeconds: 1,
    });
    try {
      const started = performance.now();
      const error = await handle.db.execute(sql`select 1`).then(
        () => null,
        (e: unknown) => e,
      );
      const ms = performance.now() - started;
      assert.ok(isDatabaseUnavailable(error), `unavailable: ${String(error)}`);
      assert.ok(ms < 2500, `failed after ${Math.round(ms)} ms`);
      assert.equal(isDatabaseUnavailable(Object.assign(new Error('syntax'), { code: '42601' })), false);
    } finally {
      await handle.close();
      silent.close();
    }
  });

  test('waitForDatabase retries a refused database with backoff until it answers', async () => {
    const port = await closedPort();
    const handle = await createDb({ databaseUrl: urlOn(port), connectTimeoutSeconds: 2 });
    const lines: string[] = [];
    let proxy: net.Server | undefined;
    const comesUp = new Promise<void>((resolve) =>
      setTimeout(async () => {
        proxy = await forwardToPostgres(port);
        resolve();
      }, 1200),
    );
    try {
      await waitForDatabase(handle, { initialDelayMs: 200, timeoutMs: 20_000, log: (l) => lines.push(l) });
      await comesUp;
      const retries = lines.filter((l) => /unreachable \(ECONNREFUSED\); retrying in \d+ ms/.test(l));
      assert.ok(retries.length >= 2, lines.join('\n'));
      const delays = retries.map((l) => Number(/retrying in (\d+) ms/.exec(l)![1]));
      assert.deepEqual(delays.slice(0, 3), [200, 400, 800].slice(0, Math.min(3, delays.length)), 'doubling');
      assert.match(lines.at(-1)!, /reachable after \d+ attempts/);
    } finally {
      await comesUp;
      await handle.close();
      proxy?.close();
    }
  });

  test('waitForDatabase gives up after its budget with a clear error, and does not retry a wrong database', async () => {
    const refused = await createDb({ databaseUrl: urlOn(await closedPort()) });
    try {
      await assert.rejects(
        waitForDatabase(refused, { initialDelayMs: 100, timeoutMs: 700 }),
        /unreachable \(ECONNREFUSED\); gave up after \d+ attempts/,
      );
    } finally {
      await refused.close();
    }
    const missing = await createDb({ databaseUrl: urlOn(Number(new URL(adminUrl()).port || 5432), 'ocp_no_such_db') });
    try {
      const started = performance.now();
      await assert.rejects(waitForDatabase(missing, { initialDelayMs: 1000 }), (e: unknown) => {
        assert.equal(pgErrorCode(e), '3D000', 'invalid_catalog_name, as the driver said it');
        return true;
      });
      assert.ok(performance.now() - started < 1000, 'no retry');
    } finally {
      await missing.close();
    }
  });
});

describe('createDb: bytea on PGlite', () => {
  test('bytea goes in and out through Buffer (PGlite converts a byte at a time otherwise), every byte exact', async () => {
    const handle = await createDb({ memory: true, databaseUrl: '' });
    try {
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) & 255);
      const result = (await handle.db.execute(
        sql`SELECT ${bytes}::bytea AS b, octet_length(${bytes}::bytea) AS n, '\\x00ff'::bytea AS small`,
      )) as unknown as { rows: Array<{ b: Uint8Array; n: number; small: Uint8Array }> };
      const [row] = result.rows;
      assert.equal(row!.n, bytes.length);
      assert.ok(Buffer.isBuffer(row!.b), "Buffer's converter, not PGlite's");
      assert.deepEqual(new Uint8Array(row!.b), bytes);
      assert.deepEqual([...row!.small], [0, 255]);
    } finally {
      await handle.close();
    }
  });
});
