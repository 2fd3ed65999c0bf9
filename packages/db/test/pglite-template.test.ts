import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDb, prepareDatabase, SYSTEM_TEMPLATES, templateKey } from '../src/index.js';
import { rawQuery } from '../src/testing.js';

// PGlite data directories on disk (whatever OCP_TEST_TARGET says): a new one is built by initdb and cached as the
// migrated template once, and every later new one is unpacked from it.
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
  const open = (name: string) => createDb({ databaseUrl: '', dataDir: path.join(scratch, name) });
  const cached = () => fs.readdirSync(process.env.OCP_CACHE_DIR!, { throwIfNoEntry: false } as never) ?? [];

  test('the first new directory is built and cached; the next is unpacked from the cache, migrated, with no account or secret', async () => {
    const first = await open('first');
    assert.equal(first.origin, 'initdb');
    await prepareDatabase(first);
    await first.close();
    assert.deepEqual(cached(), [`pglite-migrated-${templateKey()}.tar`]);
    assert.equal(fs.statSync(path.join(process.env.OCP_CACHE_DIR!, cached()[0]!)).mode & 0o777, 0o600);

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
});
