import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installSystemTemplates, seedDemoData } from '@ocp/db';
import { createTestDb } from '@ocp/db/testing';
import { createOcpServer, embeddedAuth } from '@ocp/server';
import { EventSource } from 'eventsource';
import { createOcpClient, createOcpProvider } from '../src/index.js';
import { providerConformance } from './conformance/suite.js';

providerConformance('createOcpProvider over a real server (loopback HTTP)', async () => {
  const db = await createTestDb();
  await installSystemTemplates(db.db);
  const demo = await seedDemoData(db.db, { email: 'conformance@example.test', passwordHash: 'x' });
  const auth = embeddedAuth({ db: db.db });
  const ocp = createOcpServer({ db: db.db, auth, chat: { provider: null, offlineDelayMs: 1 }, notify: () => {} });
  const server = http.createServer((req, res) => ocp.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  const token = await auth.issueToken({ id: demo.userId, email: 'conformance@example.test' });
  const client = createOcpClient({ url, getToken: () => token, EventSource });
  const dashboards = await client.dashboards.list.query();
  return {
    provider: createOcpProvider(client),
    dashboardId: dashboards.find((d) => d.title === 'Site operations')!.id,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await ocp.close();
      await db.close();
    },
  };
});
