import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import {
  createDb,
  dashboardTemplates,
  installSystemTemplates,
  llmModels,
  migrate,
  OFFLINE_MODEL,
  SYSTEM_TEMPLATES,
} from '../src/index.js';
import { createScratchDb, createTestDb, rawQuery, testTarget } from '../src/testing.js';

describe('migrate() and system data', () => {
  test('migrate is idempotent and system templates install once', async () => {
    const handle = await createTestDb();
    try {
      await migrate(handle);
      await installSystemTemplates(handle.db);
      await installSystemTemplates(handle.db);
      const [row] = await handle.db
        .select({ n: count() })
        .from(dashboardTemplates)
        .where(eq(dashboardTemplates.isSystemTemplate, true));
      assert.equal(row!.n, SYSTEM_TEMPLATES.length);
      // The offline chat model is system data too: one row, with its fixed id, however often installed.
      const models = await handle.db.select({ id: llmModels.id, active: llmModels.isActive }).from(llmModels);
      assert.deepEqual(models, [{ id: OFFLINE_MODEL.id, active: true }]);
      const applied = await rawQuery<{ n: number }>(
        handle,
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      assert.equal(
        applied[0]!.n,
        fs.readdirSync(new URL('../migrations', import.meta.url)).filter((f) => f.endsWith('.sql')).length,
      );
    } finally {
      await handle.close();
    }
  });

  test('the embedded auth schema is created only when absent (Supabase keeps its own auth.users)', async () => {
    const handle = await createTestDb();
    try {
      const cols = await rawQuery<{ column_name: string }>(
        handle,
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'auth' AND table_name = 'users' ORDER BY 1`,
      );
      assert.deepEqual(
        cols.map((c) => c.column_name),
        ['created_at', 'email', 'encrypted_password', 'id'],
      );
    } finally {
      await handle.close();
    }
  });

  test('prepare: false (for transaction poolers) migrates and queries like the default', {
    skip: testTarget() === 'pglite' ? 'a postgres.js option; PGlite has no pooler' : false,
  }, async () => {
    const scratch = await createScratchDb();
    try {
      const unprepared = await createDb({ databaseUrl: scratch.url!, prepare: false, max: 2 });
      try {
        await migrate(unprepared);
        await installSystemTemplates(unprepared.db);
        const rows = await unprepared.db
          .select({ n: count() })
          .from(dashboardTemplates)
          .where(eq(dashboardTemplates.isSystemTemplate, true));
        assert.equal(rows[0]!.n, SYSTEM_TEMPLATES.length);
      } finally {
        await unprepared.close();
      }
    } finally {
      await scratch.close();
    }
  });

  test('PGlite keeps data in OCP_DATA_DIR across restarts', {
    skip: testTarget() === 'postgres' ? 'embedded PGlite only' : false,
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-data-'));
    try {
      const first = await createDb({ dataDir: dir, databaseUrl: '' });
      await migrate(first);
      await installSystemTemplates(first.db);
      await first.close();
      const second = await createDb({ dataDir: dir, databaseUrl: '' });
      await migrate(second);
      const rows = await second.db.select({ n: count() }).from(dashboardTemplates);
      assert.equal(rows[0]!.n, SYSTEM_TEMPLATES.length);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
