import { installSystemTemplates, seedDemoData } from '../src/index.js';
import { createTestDb, type TestDb } from '../src/testing.js';

/** A migrated test database with the system templates and the demo workspace. */
export async function demoDb(): Promise<{ handle: TestDb; ids: Awaited<ReturnType<typeof seedDemoData>> }> {
  const handle = await createTestDb();
  await installSystemTemplates(handle.db);
  // One week of energy readings: enough for the energy charts, without a year's bulk load in every test file.
  const ids = await seedDemoData(
    handle.db,
    { email: 'demo@example.test', passwordHash: 'not-a-real-hash' },
    { energy: { start: '2026-10-26T00:00:00.000Z', days: 7 } },
  );
  return { handle, ids };
}
