import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createDb, type OcpDb } from '@ocp/db';
import { closedPort } from '@ocp/db/testing';
import { createOcpServer, hostAuth, type OcpServer } from '../src/index.js';

const USER = { id: '00000000-0000-4000-8000-0000000000aa', email: 'down@example.test' };

/** A database endpoint that accepts connections and never answers (a hung server, a black-holed route). */
async function silentServer(): Promise<net.Server> {
  const server = net.createServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('the database unreachable: 503 with Retry-After within the connect deadline, never a hang or a 500', () => {
  const servers: Array<{ close(): unknown }> = [];
  const handles: OcpDb[] = [];
  let silent: net.Server;
  before(async () => {
    silent = await silentServer();
    servers.push(silent);
  });
  after(async () => {
    for (const h of handles) await h.close();
    for (const s of servers) s.close();
  });

  async function serve(port: number): Promise<{ url: string; ocp: OcpServer }> {
    const handle = await createDb({ databaseUrl: `postgres://root@127.0.0.1:${port}/ocp`, connectTimeoutSeconds: 1 });
    handles.push(handle);
    const ocp = createOcpServer({ db: handle.db, auth: hostAuth(() => USER) });
    const server = http.createServer((req, res) => ocp.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () => {
        server.closeAllConnections();
        server.close();
      },
    });
    return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, ocp };
  }

  const timed = async (request: () => Promise<Response>) => {
    const started = performance.now();
    const res = await request();
    return { res, ms: performance.now() - started, body: (await res.json()) as Record<string, unknown> };
  };

  test('a hung database: procedures, /healthz and uploads answer 503 + Retry-After after the 1 s deadline', async () => {
    const { url } = await serve((silent.address() as net.AddressInfo).port);
    const query = await timed(() => fetch(`${url}/trpc/dashboards.list`));
    assert.equal(query.res.status, 503);
    assert.equal(query.res.headers.get('retry-after'), '5');
    assert.ok(query.ms < 3000, `answered after ${Math.round(query.ms)} ms`);
    const error = query.body.error as { message: string; data: { code: string } };
    assert.equal(error.data.code, 'SERVICE_UNAVAILABLE');
    assert.equal(error.message, 'The database is unavailable; retry shortly', 'no driver text, no address');

    const mutation = await timed(() =>
      fetch(`${url}/trpc/dashboards.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'x', templateId: '00000000-0000-4000-8000-000000000001' }),
      }),
    );
    assert.equal(mutation.res.status, 503);
    assert.equal(mutation.res.headers.get('retry-after'), '5');

    const health = await timed(() => fetch(`${url}/healthz`));
    assert.equal(health.res.status, 503);
    assert.equal(health.res.headers.get('retry-after'), '5');
    assert.ok(health.ms < 3000);

    const upload = await timed(() =>
      fetch(`${url}/datasets?title=x&format=csv`, { method: 'POST', body: 'a,b\n1,2\n' }),
    );
    assert.equal(upload.res.status, 503);
    assert.equal(upload.res.headers.get('retry-after'), '5');
    assert.equal((upload.body.error as { data: { code: string } }).data.code, 'SERVICE_UNAVAILABLE');
  });

  test('a refused connection answers 503 at once, through the Fetch handler too', async () => {
    const { url, ocp } = await serve(await closedPort());
    const node = await timed(() => fetch(`${url}/trpc/charts.list`));
    assert.equal(node.res.status, 503);
    assert.ok(node.ms < 1000, `answered after ${Math.round(node.ms)} ms`);
    const viaFetch = await timed(() => ocp.fetch(new Request('http://x/trpc/charts.list')));
    assert.equal(viaFetch.res.status, 503);
    assert.equal(viaFetch.res.headers.get('retry-after'), '5');
    const health = await timed(() => ocp.fetch(new Request('http://x/readyz')));
    assert.equal(health.res.status, 503);
    assert.equal(health.res.headers.get('retry-after'), '5');
  });
});
