import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { installSystemTemplates, SYSTEM_TEMPLATES } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { createOcpServer } from '@ocp/server';
import { createOcpClient } from '../src/index.js';

describe('createOcpClient over loopback HTTP', () => {
  let db: TestDb;
  let server: http.Server;
  let url: string;
  const requests: Array<{ path: string; auth: string | undefined }> = [];

  before(async () => {
    db = await createTestDb();
    await installSystemTemplates(db.db);
    const ocp = createOcpServer({ db: db.db });
    server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? '', auth: req.headers.authorization });
      ocp.handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db.close();
  });

  test('calls a procedure with inferred types', async () => {
    const client = createOcpClient({ url });
    const templates = await client.templates.list.query();
    // `slotCount` is typed as number through AppRouter inference; a wrong property would not compile.
    const total: number = templates.reduce((n, t) => n + t.slotCount, 0);
    assert.equal(templates.length, SYSTEM_TEMPLATES.length);
    assert.equal(
      total,
      SYSTEM_TEMPLATES.reduce((n, t) => n + t.slots.length, 0),
    );
  });

  test('batches calls made together into one HTTP request and sends the token', async () => {
    requests.length = 0;
    const client = createOcpClient({ url, getToken: async () => 'tok-123' });
    const [a, b] = await Promise.all([client.templates.list.query(), client.templates.list.query()]);
    assert.equal(a.length, b.length);
    assert.equal(requests.length, 1, JSON.stringify(requests));
    assert.match(requests[0]!.path, /templates\.list,templates\.list\?batch=1/);
    assert.equal(requests[0]!.auth, 'Bearer tok-123');
  });
});
