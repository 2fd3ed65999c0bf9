import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { installSystemTemplates, seedDemoData } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import fc from 'fast-check';
import { appRouter, createOcpServer, embeddedAuth } from '../src/index.js';
import { fromSchema, hostileNumber, hostileString } from './fuzz-arbitraries.js';

/**
 * Bounded fuzzing over loopback: every procedure of the API gets generated inputs (random JSON, and objects made of
 * the API's own field names holding hostile values and real ids from a demo workspace), as the demo user and as
 * nobody; then random request paths. The rule: no answer is a 500 (nothing here is a documented 5xx: the database
 * is up), and the server keeps answering. OCP_FUZZ_RUNS raises the number of inputs per procedure (default 12);
 * a failure prints fast-check's seed and the shrunk input, so it can be replayed.
 */
const RUNS = Number(process.env.OCP_FUZZ_RUNS ?? 12);

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs?: Array<{ shape?: Record<string, unknown> }> };
}
const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;

/** Every field name the API's input schemas declare (top level), so generated objects reach past "unknown key". */
function fieldNames(): string[] {
  const names = new Set<string>();
  for (const p of Object.values(procedures)) {
    for (const input of p._def.inputs ?? []) for (const key of Object.keys(input.shape ?? {})) names.add(key);
  }
  return [...names].sort();
}

describe('fuzzing the API (no 500, never down)', () => {
  let db: TestDb;
  let server: http.Server;
  let base = '';
  let token = '';
  let ids: string[] = [];

  before(async () => {
    db = await createTestDb();
    await installSystemTemplates(db.db);
    const demo = await seedDemoData(
      db.db,
      { email: 'fuzz@example.test', passwordHash: 'x' },
      { energy: { start: '2026-01-01T00:00:00Z', days: 2 } },
    );
    const auth = embeddedAuth({ db: db.db });
    await auth.init();
    token = await auth.issueToken({ id: demo.userId, email: 'fuzz@example.test' });
    ids = [demo.userId, demo.teamId, ...Object.values(demo.chartIds), ...demo.dashboardIds];
    const ocp = createOcpServer({ db: db.db, auth });
    server = http.createServer((req, res) => ocp.handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await db?.close();
  });

  async function call(path: string, input: unknown, withToken: boolean): Promise<number> {
    const type = procedures[path]!._def.type;
    const headers: Record<string, string> = withToken ? { authorization: `Bearer ${token}` } : {};
    const encoded = JSON.stringify(input) ?? 'null';
    const res =
      type === 'mutation'
        ? await fetch(`${base}/trpc/${path}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: encoded,
          })
        : await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(encoded)}`, {
            headers,
            // Subscriptions answer with an open SSE stream; the first bytes are enough to judge them.
            signal: type === 'subscription' ? AbortSignal.timeout(2_000) : undefined,
          }).catch((e: unknown) => {
            if ((e as Error).name === 'TimeoutError') return new Response(null, { status: 200 });
            throw e;
          });
    await res.body?.cancel();
    return res.status;
  }

  test('every procedure, generated inputs, signed in and anonymous: never a 500', async () => {
    const names = fieldNames();
    const knownId = fc.constantFrom(...ids);
    const scalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), knownId);
    const value = fc.oneof(
      { depthSize: 'small' },
      scalar,
      fc.array(scalar, { maxLength: 5 }),
      fc.dictionary(fc.constantFrom(...names), scalar, { maxKeys: 4 }),
    );
    const loose = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 }),
    );
    const paths = Object.keys(procedures).sort();
    const statuses = new Map<number, number>();
    for (const path of paths) {
      const schema = procedures[path]!._def.inputs?.[0];
      // Mostly shaped by the procedure's own schema (so inputs reach the service), sometimes anything at all.
      const input = schema ? fc.oneof({ arbitrary: fromSchema(schema, ids), weight: 4 }, loose) : loose;
      await fc.assert(
        fc.asyncProperty(input, fc.boolean(), async (generated, withToken) => {
          const status = await call(path, generated, withToken);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          assert.ok(status < 500, `${path} answered ${status}`);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
    // The run reached the procedures, not only the validators.
    assert.ok((statuses.get(200) ?? 0) > 0, JSON.stringify([...statuses]));
    assert.ok((statuses.get(400) ?? 0) > 0, JSON.stringify([...statuses]));
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('random request paths and methods on the API handler: never a 500, never a dropped connection', async () => {
    const segment = fc.oneof(
      fc.constantFrom('trpc', 'datasets', 'healthz', 'readyz', '..', '.', '%2e%2e', '%00', '%E0%A4%A', '%', '%5c'),
      fc.constantFrom(...Object.keys(procedures)),
      fc.stringMatching(/^[A-Za-z0-9._~%-]{0,30}$/),
    );
    const requestPath = fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[A-Za-z0-9=&%._-]{0,60}$/))
      .map(([parts, query]) => `/${parts.join('/')}${query ? `?${query}` : ''}`);
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH');
    await fc.assert(
      fc.asyncProperty(requestPath, method, async (path, verb) => {
        const status = await rawStatus(base, `${verb} ${path} HTTP/1.1`);
        assert.ok(status >= 200 && status < 500, `${verb} ${path} answered ${status || 'nothing'}`);
      }),
      { numRuns: RUNS * 20, endOnFailure: true },
    );
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});

/** The status of one request written byte for byte (fetch would normalise the paths under test); 0 = no answer. */
function rawStatus(base: string, requestLine: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let head = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (c) => {
      head += c.toString('latin1');
    });
    socket.on('error', () => resolve(0));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
    // Written, not ended: a client that half-closes at once may be hung up on before a slower answer (PostgreSQL's
    // health check) comes; `Connection: close` ends the exchange after the answer.
    socket.write(`${requestLine}\r\nHost: ${hostname}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
}
