import { installSystemTemplates, seedDemoData } from '../src/index.js';
import { createTestDb, type TestDb } from '../src/testing.js';

/** A migrated test database with the system templates and the demo workspace. */
export async function demoDb(): Promise<{ handle: TestDb; ids: Awaited<ReturnType<typeof seedDemoData>> }> {
  const handle = await createTestDb();
  await installSystemTemplates(handle.db);
  const ids = await seedDemoData(handle.db, { email: 'demo@example.test', passwordHash: 'not-a-real-hash' });
  return { handle, ids };
}
