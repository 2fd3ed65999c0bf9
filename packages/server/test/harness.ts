import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installSystemTemplates, seedDemoData } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { createOcpServer, type OcpServerOptions } from '../src/index.js';

export interface Harness {
  db: TestDb;
  url: string;
  demo: Awaited<ReturnType<typeof seedDemoData>>;
  close(): Promise<void>;
}

/** A migrated test database with templates and demo data, served over real HTTP on an ephemeral port. */
export async function startHarness(options: Partial<OcpServerOptions> = {}): Promise<Harness> {
  const db = await createTestDb();
  await installSystemTemplates(db.db);
  const demo = await seedDemoData(db.db, { email: 'demo@example.test', passwordHash: 'x' });
  const ocp = createOcpServer({ db: db.db, ...options });
  const server = http.createServer((req, res) => ocp.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    db,
    demo,
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
