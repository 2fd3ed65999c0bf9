import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrate } from '../src/migrate.js';
import { createDbBeforeMigration, rawQuery } from '../src/testing.js';

describe('migration 0008: data-source secrets leave the stored configs', () => {
  test('credential-like query parameters move from charts and their versions into ocp_private', async () => {
    const handle = await createDbBeforeMigration('0008');
    try {
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
