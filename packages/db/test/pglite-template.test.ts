import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  claimDemo,
  createDb,
  demoTemplateKey,
  loadDemo,
  prepareDatabase,
  SYSTEM_TEMPLATES,
  templateKey,
  UNCLAIMED_DEMO_PASSWORD,
} from '../src/index.js';
import { rawQuery } from '../src/testing.js';

// PGlite data directories on disk (whatever OCP_TEST_TARGET says): a new one is built by initdb and cached as the
// migrated template once, and every later new one is copied from it; likewise the demo template.
describe('the cached migrated PGlite template', () => {
  let scratch: string;
  const saved = { cache: process.env.OCP_CACHE_DIR, template: process.env.OCP_DB_TEMPLATE };
  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-template-'));
    process.env.OCP_CACHE_DIR = path.join(scratch, 'cache');
    delete process.env.OCP_DB_TEMPLATE;
  });
  after(() => {
    for (const [name, value] of [
      ['OCP_CACHE_DIR', saved.cache],
      ['OCP_DB_TEMPLATE', saved.template],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  });
  const open = (name: string, demoTemplate = false) =>
    createDb({ databaseUrl: '', dataDir: path.join(scratch, name), demoTemplate });
  const cached = () => fs.readdirSync(process.env.OCP_CACHE_DIR!, { throwIfNoEntry: false } as never) ?? [];

  test('the first new directory is built and cached; the next is copied from the cache, migrated, with no account or secret', async () => {
    const first = await open('first');
    assert.equal(first.origin, 'initdb');
    await prepareDatabase(first);
    await first.close();
    assert.deepEqual(cached(), [`pglite-migrated-${templateKey()}`]);
    assert.equal(fs.statSync(path.join(process.env.OCP_CACHE_DIR!, cached()[0]!)).mode & 0o777, 0o700);
    // After the CHECKPOINT only the segment it lies in is needed; the ones PostgreSQL keeps for reuse are left out.
    const wal = fs.readdirSync(path.join(process.env.OCP_CACHE_DIR!, cached()[0]!, 'pg_wal'));
    assert.equal(wal.filter((f) => /^[0-9A-F]{24}$/.test(f)).length, 1, wal.join(', '));

    const second = await open('second');
    try {
      assert.equal(second.origin, 'template');
      // Nothing to apply: the template holds every migration, and the start's upserts find the system rows.
      const before = await rawQuery<{ n: number }>(
        second,
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      await prepareDatabase(second);
      const [applied] = await rawQuery<{ n: number }>(
        second,
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      const files = fs.readdirSync(new URL('../migrations', import.meta.url)).filter((f) => f.endsWith('.sql'));
      assert.equal(applied!.n, files.length);
      assert.deepEqual(before, [applied]);
      const [rows] = await rawQuery<{ templates: number; users: number; secrets: number }>(
        second,
        `SELECT (SELECT count(*)::int FROM dashboard_templates WHERE is_system_template) AS templates,
                (SELECT count(*)::int FROM auth.users) AS users,
                (SELECT count(*)::int FROM ocp_private.server_secrets) AS secrets`,
      );
      assert.deepEqual(rows, { templates: SYSTEM_TEMPLATES.length, users: 0, secrets: 0 });
      await rawQuery(second, `INSERT INTO auth.users (email, encrypted_password) VALUES ('kept@example.test', 'x')`);
    } finally {
      await second.close();
    }

    // Reopened, it is an existing directory: its own rows are there, the template is not unpacked over them.
    const again = await open('second');
    try {
      assert.equal(again.origin, 'existing');
      await prepareDatabase(again);
      const users = await rawQuery<{ email: string }>(again, 'SELECT email FROM auth.users');
      assert.deepEqual(users, [{ email: 'kept@example.test' }]);
    } finally {
      await again.close();
    }
  });

  test('OCP_DB_TEMPLATE=0 neither reads nor writes the cache', async () => {
    process.env.OCP_DB_TEMPLATE = '0';
    try {
      const handle = await open('uncached');
      assert.equal(handle.origin, 'initdb');
      await handle.close();
    } finally {
      delete process.env.OCP_DB_TEMPLATE;
    }
    assert.equal(cached().length, 1);
  });

  test('a new directory that gets the demo is copied from the demo template, its account without a password until claimed', async () => {
    const email = 'demo@example.test';
    const counts = (handle: Awaited<ReturnType<typeof open>>) =>
      rawQuery(
        handle,
        `SELECT (SELECT count(*)::int FROM energy_readings) AS readings,
                (SELECT count(*)::int FROM energy_forecasts) AS forecasts,
                (SELECT count(*)::int FROM energy_anomalies) AS anomalies,
                (SELECT count(*)::int FROM charts) AS charts,
                (SELECT count(*)::int FROM dashboards) AS dashboards,
                (SELECT count(*)::int FROM workspace_items) AS items`,
      );
    const first = await open('demo-first', true);
    let loaded: unknown;
    try {
      assert.equal(first.origin, 'template'); // no demo template yet: the migrated one
      await prepareDatabase(first);
      assert.ok(await loadDemo(first, { email }));
      assert.equal(await claimDemo(first.db, email, async () => 'hash-1'), true);
      assert.equal(await claimDemo(first.db, email, async () => 'hash-2'), false, 'claimed once');
      loaded = await counts(first);
    } finally {
      await first.close();
    }
    assert.ok(cached().includes(`pglite-demo-${demoTemplateKey()}`), cached().join(', '));

    const second = await open('demo-second', true);
    try {
      assert.equal(second.origin, 'demo-template');
      await prepareDatabase(second);
      assert.equal(await loadDemo(second, { email }), null, 'already there');
      assert.deepEqual(await counts(second), loaded);
      const [secrets] = await rawQuery(
        second,
        `SELECT (SELECT array_agg(encrypted_password) FROM auth.users) AS passwords,
                (SELECT count(*)::int FROM ocp_private.server_secrets) AS secrets`,
      );
      assert.deepEqual(secrets, { passwords: [UNCLAIMED_DEMO_PASSWORD], secrets: 0 });
      assert.equal(await claimDemo(second.db, email, async () => 'hash-3'), true);
    } finally {
      await second.close();
    }

    // A start without the demo gets the migrated template: no account at all.
    const plain = await open('plain');
    try {
      assert.equal(plain.origin, 'template');
      assert.deepEqual(await rawQuery(plain, 'SELECT id FROM auth.users'), []);
    } finally {
      await plain.close();
    }
  });
});
