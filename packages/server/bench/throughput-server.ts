/**
 * The server side of api-throughput.bench.ts, in a process of its own (so the load generator and the server do not
 * share an event loop): one throwaway database (OCP_TEST_TARGET) with the demo workspace, the OCP server, and a
 * bare node:http handler that answers every request with the very bytes dashboards.get answered once. Sends the
 * addresses to the parent over IPC and stops when the parent disconnects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installSystemTemplates, seedDemoData } from '@ocp/db';
import { createTestDb } from '@ocp/db/testing';
import { createOcpServer, embeddedAuth } from '../src/index.js';

export interface ThroughputTarget {
  kind: string;
  api: string;
  /** The same server with row-level security off (`rls: false`): every request on the owner connection. */
  withoutRls: string;
  bare: string;
  path: string;
  token: string;
  bytes: number;
}

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const db = await createTestDb();
await installSystemTemplates(db.db);
const email = 'bench@example.test';
const demo = await seedDemoData(db.db, { email, passwordHash: 'x' }, { energy: false });
const auth = embeddedAuth({ db: db.db });
const ocp = createOcpServer({ db: db.db, auth });
const token = await auth.issueToken({ id: demo.userId, email });
const api = http.createServer((req, res) => ocp.handler(req, res));
const apiUrl = await listen(api);
const ocpWithoutRls = createOcpServer({ db: db.db, auth, rls: false });
const withoutRls = http.createServer((req, res) => ocpWithoutRls.handler(req, res));
const withoutRlsUrl = await listen(withoutRls);
const path = `/trpc/dashboards.get?input=${encodeURIComponent(JSON.stringify({ id: demo.dashboardIds[0] }))}`;
const answer = await fetch(apiUrl + path, { headers: { authorization: `Bearer ${token}` } });
const body = Buffer.from(await answer.arrayBuffer());
if (answer.status !== 200) throw new Error(`dashboards.get answered ${answer.status}: ${body}`);
const type = answer.headers.get('content-type') ?? 'application/json';
const bare = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
});
const bareUrl = await listen(bare);

process.on('disconnect', () => {
  api.closeAllConnections();
  withoutRls.closeAllConnections();
  bare.closeAllConnections();
  withoutRls.close();
  api.close();
  bare.close();
  void db.close().then(() => process.exit(0));
});
const target: ThroughputTarget = {
  kind: db.kind,
  api: apiUrl,
  withoutRls: withoutRlsUrl,
  bare: bareUrl,
  path,
  token,
  bytes: body.length,
};
process.send!(target);
