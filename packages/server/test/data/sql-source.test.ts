import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DataSourceConfigInput, OcpDatabase } from '@ocp/db';
import { createTestDb, rawExec, rawQuery, type TestDb, testTarget } from '@ocp/db/testing';
import type { TRPCError } from '@trpc/server';
import { DataEngine } from '../../src/data/index.js';

describe('sql sources on a registered read-only connection', () => {
  let db: TestDb;
  const engine = new DataEngine();
  let n = 0;
  const chart = (config: Omit<Extract<DataSourceConfigInput, { kind: 'sql' }>, 'kind' | 'connection'>) => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    updatedAt: '2026-01-01T00:00:00Z',
    plotlyConfig: { data: [{ type: 'bar' }] },
    dataSourceConfig: { kind: 'sql', connection: 'warehouse', ...config } as never,
  });
  const run = (config: Parameters<typeof chart>[0], params = {}) =>
    engine.resolve({} as OcpDatabase, chart(config), params);

  before(async () => {
    db = await createTestDb();
    await rawExec(
      db,
      `CREATE TABLE meter_daily (day date PRIMARY KEY, site text NOT NULL, kwh numeric(10,2) NOT NULL, n bigint NOT NULL);
       INSERT INTO meter_daily VALUES ('2026-01-01', 'a', 10.5, 96), ('2026-01-02', 'a', 12.25, 96), ('2026-01-03', 'b', 7, 95);`,
    );
    engine.registerSqlConnection('warehouse', { db }, { statementTimeoutMs: 250, maxRows: 3 });
  });
  after(async () => {
    await engine.close();
    await db?.close();
  });

  test('a query with bound parameters becomes traces; numeric and bigint arrive as numbers, dates as ISO', async () => {
    const data = await run({
      query: 'SELECT day::timestamptz AS day, kwh, n FROM meter_daily WHERE site = $1 ORDER BY day',
      params: ['a'],
      mapping: { x: 'day', y: ['kwh', 'n'] },
    });
    assert.deepEqual(data.traces[0]!.x, ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    assert.deepEqual(data.traces[0]!.y, [10.5, 12.25]);
    assert.deepEqual(data.traces[1]!.y, [96, 96]);
  });

  test('parameters are bound, never spliced: an injection attempt is just a value', async () => {
    const data = await run({
      query: 'SELECT site, kwh FROM meter_daily WHERE site = $1',
      params: ["a' OR '1'='1"],
      mapping: { x: 'site', y: ['kwh'] },
    });
    assert.deepEqual(data.traces[0]!.y, []);
  });

  test('the request range flows in as parameters (range.from / range.to refs)', async () => {
    const data = await run(
      {
        query: 'SELECT day::text AS day, kwh FROM meter_daily WHERE day >= $1::date AND day < $2::date ORDER BY day',
        params: [{ ref: 'range.from' }, { ref: 'range.to' }],
        mapping: { x: 'day', y: ['kwh'] },
      },
      { range: { from: '2026-01-02', to: '2026-01-04' } },
    );
    assert.deepEqual(data.traces[0]!.y, [12.25, 7]);
  });

  test('writes fail: the transaction is READ ONLY', async () => {
    // A data-modifying CTE is the one write a single SELECT-shaped statement can carry.
    await assert.rejects(
      run({
        query: 'WITH gone AS (DELETE FROM meter_daily RETURNING day) SELECT 1 AS x, 1 AS y',
        mapping: { x: 'x', y: ['y'] },
      }),
      (e: TRPCError) => e.code === 'BAD_REQUEST' || e.code === 'FORBIDDEN',
    );
    // The same write attempted through a function call inside a SELECT hits the read-only transaction itself.
    await rawExec(
      db,
      `CREATE OR REPLACE FUNCTION wipe_meters() RETURNS int LANGUAGE sql AS $$ DELETE FROM meter_daily RETURNING 1 $$;`,
    );
    await assert.rejects(
      run({ query: 'SELECT wipe_meters() AS x, 1 AS y', mapping: { x: 'x', y: ['y'] } }),
      (e: TRPCError) => e.code === 'FORBIDDEN' && /read-only/.test(e.message),
    );
    const [{ count }] = (await rawQuery<{ count: number }>(db, 'SELECT count(*)::int AS count FROM meter_daily')) as [
      { count: number },
    ];
    assert.equal(count, 3);
  });

  test('only one statement: a second one, DDL, or a smuggled COMMIT are all refused', async () => {
    for (const query of [
      'SELECT 1 AS x, 1 AS y; DROP TABLE meter_daily',
      'DROP TABLE meter_daily',
      'COMMIT',
      'SELECT 1 AS x, 1 AS y) q; DROP TABLE meter_daily; SELECT * FROM (SELECT 1',
    ]) {
      await assert.rejects(
        run({ query, mapping: { x: 'x', y: ['y'] } }),
        (e: TRPCError) => e.code === 'BAD_REQUEST',
        query,
      );
    }
    const tables = await rawQuery(db, `SELECT 1 FROM pg_tables WHERE tablename = 'meter_daily'`);
    assert.equal(tables.length, 1);
  });

  test('the statement timeout is set inside the transaction', async () => {
    const data = await run({
      query:
        "SELECT 'timeout' AS k, current_setting('statement_timeout') AS v, current_setting('transaction_read_only') AS ro",
      mapping: { x: 'k', y: ['v', 'ro'] },
    });
    assert.deepEqual(data.traces[0]!.y, ['250ms']);
    assert.deepEqual(data.traces[1]!.y, ['on']);
  });

  test('a slow query is cancelled by the statement timeout', {
    skip:
      testTarget() === 'pglite'
        ? 'PGlite runs each query synchronously inside WebAssembly: there is no timer to cancel it (see docs/data-sources.md)'
        : false,
  }, async () => {
    const started = Date.now();
    await assert.rejects(
      run({ query: 'SELECT pg_sleep(5) AS x, 1 AS y', mapping: { x: 'x', y: ['y'] } }),
      (e: TRPCError) => e.code === 'TIMEOUT',
    );
    assert.ok(Date.now() - started < 3000, 'cancelled well before the 5 s sleep ended');
  });

  test('more rows than the connection allows is an error, never a silent cut', async () => {
    await assert.rejects(
      run({ query: 'SELECT g AS x, g AS y FROM generate_series(1, 10) g', mapping: { x: 'x', y: ['y'] } }),
      (e: TRPCError) => e.code === 'PAYLOAD_TOO_LARGE' && /more than 3 rows/.test(e.message),
    );
  });

  test('an unknown connection name says which field is wrong', async () => {
    await assert.rejects(
      engine.resolve({} as OcpDatabase, {
        ...chart({ query: 'SELECT 1', mapping: { x: 'x', y: ['y'] } }),
        dataSourceConfig: { kind: 'sql', connection: 'nope', query: 'SELECT 1', mapping: { x: 'x', y: ['y'] } },
      }),
      (e: TRPCError) => e.code === 'BAD_REQUEST' && /dataSourceConfig\.connection/.test(e.message),
    );
  });

  test('a URL connection opens its own pool and is read-only too', {
    skip: testTarget() === 'pglite' ? 'needs PostgreSQL' : false,
  }, async () => {
    const other = new DataEngine();
    other.registerSqlConnection('pg', { url: db.url! }, { statementTimeoutMs: 1000 });
    try {
      const ok = await other.resolve({} as OcpDatabase, {
        ...chart({ query: '', mapping: { x: 'x', y: ['y'] } }),
        dataSourceConfig: {
          kind: 'sql',
          connection: 'pg',
          query: 'SELECT site AS x, sum(kwh) AS y FROM meter_daily GROUP BY site ORDER BY site',
          mapping: { x: 'x', y: ['y'] },
        },
      });
      assert.deepEqual(ok.traces[0]!.y, [22.75, 7]);
      await assert.rejects(
        other.resolve({} as OcpDatabase, {
          ...chart({ query: '', mapping: { x: 'x', y: ['y'] } }),
          dataSourceConfig: {
            kind: 'sql',
            connection: 'pg',
            query: 'SELECT wipe_meters() AS x, 1 AS y',
            mapping: { x: 'x', y: ['y'] },
          },
        }),
        (e: TRPCError) => e.code === 'FORBIDDEN',
      );
    } finally {
      await other.close();
    }
  });
});
