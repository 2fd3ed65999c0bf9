import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { chartVersions, dashboardVersions } from '../src/index.js';
import { rawExec, rawQuery, type TestDb, testTarget } from '../src/testing.js';
import { demoDb } from './fixtures.js';

const N = 50;

/**
 * Inserts N versions concurrently. On PostgreSQL each insert runs on its own connection and keeps its
 * transaction open for a moment after inserting, which is exactly when the seed's MAX()+1 trigger hands the
 * next writer the same number. On PGlite (one connection) the transactions queue through Drizzle.
 */
async function insertConcurrently(
  handle: TestDb,
  table: 'chart_versions' | 'dashboard_versions',
  ownerId: string,
  userId: string,
) {
  const column = table === 'chart_versions' ? 'chart_id' : 'dashboard_id';
  const values =
    table === 'chart_versions'
      ? `(${column}, plotly_config, data_source_config, created_by) VALUES ($1, '{"data":[]}', '{}', $2)`
      : `(${column}, snapshot, created_by) VALUES ($1, '{}', $2)`;
  const insert = `INSERT INTO ${table} ${values}`;
  if (handle.kind === 'postgres') {
    const pool = postgres(handle.url!, { max: N, onnotice: () => {} });
    try {
      await pool`select 1`; // open lazily, then fire all at once
      const results = await Promise.allSettled(
        Array.from({ length: N }, () =>
          pool.begin(async (tx) => {
            await tx.unsafe(insert, [ownerId, userId]);
            await tx`select pg_sleep(0.02)`;
          }),
        ),
      );
      return results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    } finally {
      await pool.end();
    }
  }
  const results = await Promise.allSettled(
    Array.from({ length: N }, () =>
      handle.db.transaction(async (tx) => tx.execute(insertSql(insert, ownerId, userId))),
    ),
  );
  return results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
}

function insertSql(text: string, a: string, b: string) {
  const [head, tail] = text.split('$1');
  const [mid, end] = tail!.split('$2');
  return sql.join([sql.raw(head!), sql`${a}`, sql.raw(mid!), sql`${b}`, sql.raw(end!)]);
}

describe('race-free version numbering', () => {
  let handle: TestDb;
  let ids: Awaited<ReturnType<typeof demoDb>>['ids'];
  before(async () => {
    ({ handle, ids } = await demoDb());
  });
  after(() => handle?.close());

  test(`${N} concurrent chart_versions inserts get versions 2..${N + 1} without error`, async () => {
    // The demo chart starts with its version 1, as every chart does.
    const chartId = ids.chartIds.energy!;
    const errors = await insertConcurrently(handle, 'chart_versions', chartId, ids.userId);
    assert.deepEqual(errors, []);
    const rows = await handle.db
      .select({ v: chartVersions.versionNumber })
      .from(chartVersions)
      .where(eq(chartVersions.chartId, chartId));
    assert.deepEqual(
      rows.map((r) => r.v).sort((a, b) => a - b),
      Array.from({ length: N + 1 }, (_, i) => i + 1),
    );
  });

  test(`${N} concurrent dashboard_versions inserts get versions 1..${N} without error`, async () => {
    const dashboardId = ids.dashboardIds[0]!;
    const errors = await insertConcurrently(handle, 'dashboard_versions', dashboardId, ids.userId);
    assert.deepEqual(errors, []);
    const rows = await handle.db
      .select({ v: dashboardVersions.versionNumber })
      .from(dashboardVersions)
      .where(eq(dashboardVersions.dashboardId, dashboardId));
    assert.deepEqual(
      rows.map((r) => r.v).sort((a, b) => a - b),
      Array.from({ length: N }, (_, i) => i + 1),
    );
  });

  test('a caller-supplied version number is ignored; numbering continues per chart', async () => {
    const chartId = ids.chartIds.mix!;
    const [a] = await handle.db
      .insert(chartVersions)
      .values({
        chartId,
        versionNumber: 99,
        plotlyConfig: { data: [] },
        dataSourceConfig: {} as never,
        createdBy: ids.userId,
      })
      .returning({ v: chartVersions.versionNumber });
    const [b] = await handle.db
      .insert(chartVersions)
      .values({ chartId, plotlyConfig: { data: [] }, dataSourceConfig: {} as never, createdBy: ids.userId })
      .returning({ v: chartVersions.versionNumber });
    assert.deepEqual([a!.v, b!.v], [2, 3], 'after the demo chart’s version 1');
  });

  test("the seed's own MAX()+1 trigger fails under the same load (the test above has teeth)", {
    skip: testTarget() === 'pglite' ? 'PGlite has a single connection, so inserts cannot race there' : false,
  }, async () => {
    await rawExec(
      handle,
      `CREATE OR REPLACE FUNCTION increment_chart_version() RETURNS TRIGGER AS $$
         BEGIN
           NEW.version_number := COALESCE((SELECT MAX(version_number) FROM chart_versions WHERE chart_id = NEW.chart_id), 0) + 1;
           RETURN NEW;
         END; $$ LANGUAGE plpgsql;`,
    );
    const errors = await insertConcurrently(handle, 'chart_versions', ids.chartIds.heatmap!, ids.userId);
    assert.ok(errors.length > 0, 'expected unique violations from the racy trigger');
    assert.match(errors[0]!, /duplicate key|chart_versions_chart_id_version_number_key/);
    const count = await rawQuery<{ n: number }>(
      handle,
      'SELECT count(*)::int AS n FROM chart_versions WHERE chart_id = $1',
      [ids.chartIds.heatmap!],
    );
    assert.ok(count[0]!.n < N);
  });
});
