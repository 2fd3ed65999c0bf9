import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate, migrationsFolder } from '../src/migrate.js';
import { createScratchDb, rawQuery, type TestDb } from '../src/testing.js';

/** Applies the migrations before `tag` only, from a copy of the folder (outside the repository). */
async function migrateUpTo(handle: TestDb, tag: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-migrations-'));
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < tag);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries as { tag: string }[]) {
      fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    }
    if (handle.kind === 'pglite')
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: dir });
    else await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('migration 0008: data-source secrets leave the stored configs', () => {
  test('credential-like query parameters move from charts and their versions into ocp_private', async () => {
    const handle = await createScratchDb();
    try {
      await migrateUpTo(handle, '0008');
      const [user] = await rawQuery<{ id: string }>(
        handle,
        `INSERT INTO auth.users (email) VALUES ('old@example.test') RETURNING id`,
      );
      const urls = {
        keyed: 'https://Data.Example.com:443/v1/rows?region=eu&api_key=abc123&accessToken=xyz#top',
        onlyKey: 'http://data.example.com:8080/rows.csv?key=k1',
        clean: 'https://data.example.com/v1/rows?region=eu&page=2',
      };
      const ids: Record<string, string> = {};
      for (const [name, url] of Object.entries(urls)) {
        const config = JSON.stringify({ kind: 'http', url, mapping: { x: 't', y: ['v'] } });
        const [chart] = await rawQuery<{ id: string }>(
          handle,
          `INSERT INTO charts (title, chart_type, plotly_config, data_source_config, owner_user_id)
           VALUES ($1, 'line', '{"data":[]}', $2::jsonb, $3) RETURNING id`,
          [name, config, user!.id],
        );
        ids[name] = chart!.id;
        await rawQuery(
          handle,
          `INSERT INTO chart_versions (chart_id, plotly_config, data_source_config, created_by)
           VALUES ($1, '{"data":[]}', $2::jsonb, $3)`,
          [chart!.id, config, user!.id],
        );
      }

      await migrate(handle);

      const charts = await rawQuery<{ title: string; url: string }>(
        handle,
        `SELECT title, data_source_config->>'url' AS url FROM charts ORDER BY title`,
      );
      assert.deepEqual(Object.fromEntries(charts.map((c) => [c.title, c.url])), {
        clean: urls.clean,
        keyed: 'https://Data.Example.com:443/v1/rows?region=eu#top',
        onlyKey: 'http://data.example.com:8080/rows.csv',
      });
      const versions = await rawQuery<{ url: string }>(
        handle,
        `SELECT data_source_config->>'url' AS url FROM chart_versions ORDER BY 1`,
      );
      assert.deepEqual(versions.map((v) => v.url).sort(), charts.map((c) => c.url).sort());
      const secrets = await rawQuery<{ chart_id: string; origin: string; headers: unknown; query: unknown }>(
        handle,
        'SELECT chart_id, origin, headers, query FROM ocp_private.chart_source_secrets ORDER BY origin',
      );
      assert.deepEqual(
        secrets.map((s) => ({ ...s, headers: s.headers, query: s.query })),
        [
          { chart_id: ids.onlyKey, origin: 'http://data.example.com:8080', headers: {}, query: ['key=k1'] },
          {
            chart_id: ids.keyed,
            origin: 'https://data.example.com',
            headers: {},
            query: ['api_key=abc123', 'accessToken=xyz'],
          },
        ],
      );
      // The origin is the one the server computes when it fetches (the secrets are sent to it only).
      assert.equal(new URL(urls.keyed).origin, 'https://data.example.com');
      assert.equal(new URL(urls.onlyKey).origin, 'http://data.example.com:8080');
      // The helper was for this migration only.
      const [left] = await rawQuery<{ n: number }>(
        handle,
        `SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'split_secret_params'`,
      );
      assert.equal(left!.n, 0);
    } finally {
      await handle.close();
    }
  });
});
