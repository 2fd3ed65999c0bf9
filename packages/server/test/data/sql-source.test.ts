import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { DataSourceConfigInput } from '@ocp/contract';
import { createTestDb, rawExec, rawQuery, type TestDb, testTarget } from '@ocp/db/testing';
import type { TRPCError } from '@trpc/server';
import { DataEngine } from '../../src/data/index.js';
import { addUser } from './helpers.js';
import { createReaderRoles, type ReaderRoles } from './sql-roles.js';

type SqlConfig = Omit<Extract<DataSourceConfigInput, { kind: 'sql' }>, 'kind' | 'connection'>;
const XY = { x: 'x', y: ['y'] };

describe('sql sources on a registered read-only connection', () => {
  let db: TestDb;
  let roles: ReaderRoles;
  let owner: string;
  const engine = new DataEngine();
  let n = 0;
  const chart = (config: SqlConfig, connection = 'warehouse') => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    updatedAt: '2026-01-01T00:00:00Z',
    plotlyConfig: { data: [{ type: 'bar' }] },
    dataSourceConfig: { kind: 'sql', connection, ...config } as never,
    ownerUserId: owner,
    ownerTeamId: null,
  });
  const run = (config: SqlConfig, params = {}) => engine.resolve(db.db, chart(config), params);
  const count = async (query: string) => (await rawQuery<{ n: number }>(db, query))[0]!.n;
  const largeObjects = () => count('SELECT count(*)::int AS n FROM pg_largeobject_metadata');
  const advisoryLocks = () =>
    count(
      `SELECT count(*)::int AS n FROM pg_locks
       WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );

  before(async () => {
    db = await createTestDb();
    owner = await addUser(db, 'sql-owner');
    await rawExec(
      db,
      `CREATE SCHEMA reporting;
       CREATE TABLE reporting.meter_daily (day date PRIMARY KEY, site text NOT NULL, kwh numeric(10,2) NOT NULL, n bigint NOT NULL);
       INSERT INTO reporting.meter_daily VALUES ('2026-01-01', 'a', 10.5, 96), ('2026-01-02', 'a', 12.25, 96), ('2026-01-03', 'b', 7, 95);
       CREATE FUNCTION reporting.wipe_meters() RETURNS int LANGUAGE sql AS $$ DELETE FROM reporting.meter_daily RETURNING 1 $$;`,
    );
    roles = await createReaderRoles(db);
    engine.registerSqlConnection({
      name: 'warehouse',
      ...roles.target(),
      role: roles.reader,
      allowedUsers: [owner],
      statementTimeoutMs: 250,
      maxRows: 3,
      // One connection: every query reuses the one before it, so whatever a query could leave behind, the next sees.
      max: 1,
    });
  });
  after(async () => {
    await engine.close();
    await db?.close();
    await roles?.drop();
  });

  test('a query with bound parameters becomes traces; numeric and bigint arrive as numbers, dates as ISO', async () => {
    const data = await run({
      query: 'SELECT day::timestamptz AS day, kwh, n FROM reporting.meter_daily WHERE site = $1 ORDER BY day',
      params: ['a'],
      mapping: { x: 'day', y: ['kwh', 'n'] },
    });
    assert.deepEqual(data.traces[0]!.x, ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    assert.deepEqual(data.traces[0]!.y, [10.5, 12.25]);
    assert.deepEqual(data.traces[1]!.y, [96, 96]);
  });

  test('parameters are bound, never spliced: an injection attempt is just a value', async () => {
    const data = await run({
      query: 'SELECT site, kwh FROM reporting.meter_daily WHERE site = $1',
      params: ["a' OR '1'='1"],
      mapping: { x: 'site', y: ['kwh'] },
    });
    assert.deepEqual(data.traces[0]!.y, []);
  });

  test('the request range flows in as parameters (range.from / range.to refs)', async () => {
    const data = await run(
      {
        query:
          'SELECT day::text AS day, kwh FROM reporting.meter_daily WHERE day >= $1::date AND day < $2::date ORDER BY day',
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
        query: 'WITH gone AS (DELETE FROM reporting.meter_daily RETURNING day) SELECT 1 AS x, 1 AS y',
        mapping: XY,
      }),
      (e: TRPCError) => e.code === 'BAD_REQUEST' || e.code === 'FORBIDDEN',
    );
    // The same write attempted through a function call inside a SELECT hits the read-only transaction itself.
    await assert.rejects(
      run({ query: 'SELECT reporting.wipe_meters() AS x, 1 AS y', mapping: XY }),
      (e: TRPCError) => e.code === 'FORBIDDEN' && /read-only/.test(e.message),
    );
    assert.equal(await count('SELECT count(*)::int AS n FROM reporting.meter_daily'), 3);
  });

  test('only one statement: a second one, DDL, or a smuggled COMMIT are all refused', async () => {
    for (const query of [
      'SELECT 1 AS x, 1 AS y; DROP TABLE reporting.meter_daily',
      'DROP TABLE reporting.meter_daily',
      'COMMIT',
      'SELECT 1 AS x, 1 AS y) q; DROP TABLE reporting.meter_daily; SELECT * FROM (SELECT 1',
    ]) {
      await assert.rejects(run({ query, mapping: XY }), (e: TRPCError) => e.code === 'BAD_REQUEST', query);
    }
    assert.equal(await count(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'meter_daily'`), 1);
  });

  test('each query runs as the role, read-only, with the statement timeout', async () => {
    const data = await run({
      query: `SELECT current_user AS x, current_setting('statement_timeout') AS y,
                     current_setting('transaction_read_only') AS ro`,
      mapping: { x: 'x', y: ['y', 'ro'] },
    });
    assert.deepEqual(data.traces[0]!.x, [roles.reader]);
    assert.deepEqual(data.traces[0]!.y, ['250ms']);
    assert.deepEqual(data.traces[1]!.y, ['on']);
  });

  test('more rows than the connection allows is an error, never a silent cut', async () => {
    await assert.rejects(
      run({ query: 'SELECT g AS x, g AS y FROM generate_series(1, 10) g', mapping: XY }),
      (e: TRPCError) => e.code === 'PAYLOAD_TOO_LARGE' && /more than 3 rows/.test(e.message),
    );
  });

  test('an unknown connection name is NOT_FOUND and says which field', async () => {
    await assert.rejects(
      engine.resolve(db.db, chart({ query: 'SELECT 1', mapping: XY }, 'nope')),
      (e: TRPCError) =>
        e.code === 'NOT_FOUND' && e.message === 'dataSourceConfig.connection: no sql connection named "nope"',
    );
  });

  describe('what a query cannot do (issue 10.4)', () => {
    test('the documented role reads its grants, and not server_secrets, auth.users, app tables or server files', async () => {
      const ok = await run({
        query: 'SELECT site AS x, count(*) AS y FROM reporting.meter_daily GROUP BY site ORDER BY site',
        mapping: XY,
      });
      assert.deepEqual(ok.traces[0]!.y, [2, 1]);
      for (const query of [
        'SELECT name AS x, value AS y FROM ocp_private.server_secrets',
        'SELECT email AS x, encrypted_password AS y FROM auth.users',
        'SELECT title AS x, 1 AS y FROM public.charts',
        "SELECT pg_read_file('/etc/hostname') AS x, 1 AS y",
        "SELECT pg_ls_dir('.') AS x, 1 AS y",
      ]) {
        await assert.rejects(
          run({ query, mapping: XY }),
          (e: TRPCError) => e.code === 'FORBIDDEN' && /permission denied/.test(e.message),
          query,
        );
      }
    });

    test('lo_from_bytea leaves no large object behind, and lo_export writes no file', async () => {
      const before = await largeObjects();
      // PostgreSQL 15 lets lo_from_bytea run in a READ ONLY transaction (PGlite refuses it); the rollback undoes it.
      const outcome = await run({
        query: "SELECT lo_from_bytea(0, '\\x6f6370'::bytea) AS x, 1 AS y",
        mapping: XY,
      }).then(
        () => 'ran',
        (e: TRPCError) => e.code,
      );
      assert.ok(outcome === 'ran' || outcome === 'FORBIDDEN', outcome);
      assert.equal(await largeObjects(), before, 'no large object outlives the query');

      const file = `/tmp/ocp-lo-export-${randomBytes(6).toString('hex')}`;
      await assert.rejects(
        run({
          query: "SELECT lo_export(lo_from_bytea(0, 'ocp'::bytea), $1) AS x, 1 AS y",
          params: [file],
          mapping: XY,
        }),
        (e: TRPCError) => e.code === 'FORBIDDEN',
      );
      assert.equal(fs.existsSync(file), false);
      assert.equal(await largeObjects(), before);
    });

    test('set_config(…, false) of role, search_path or statement_timeout reaches neither the app nor the next query', async () => {
      const appSettings = () =>
        rawQuery(
          db,
          "SELECT current_user AS who, current_setting('search_path') AS path, current_setting('statement_timeout') AS t",
        );
      const probe = () =>
        run({
          query:
            "SELECT current_user AS x, current_setting('search_path') AS y, current_setting('statement_timeout') AS t",
          mapping: { x: 'x', y: ['y', 't'] },
        });
      const [appBefore, probeBefore] = [await appSettings(), await probe()];
      await run({
        query: `SELECT set_config('search_path', 'pg_temp', false) AS x, set_config('statement_timeout', '0', false) AS y,
                       set_config('role', 'none', false) AS z`,
        mapping: XY,
      });
      assert.deepEqual(await appSettings(), appBefore, "the app's next query");
      const probeAfter = await probe();
      assert.deepEqual(probeAfter.traces, probeBefore.traces, 'the next sql-source query');
      assert.deepEqual(probeAfter.traces[0]!.x, [roles.reader]);
      assert.deepEqual(probeAfter.traces[1]!.y, ['250ms']);
    });

    test('a session advisory lock is released when the query ends, even when the query fails', async () => {
      assert.equal(await advisoryLocks(), 0);
      await run({ query: 'SELECT pg_advisory_lock(727274099) AS x, 1 AS y', mapping: XY });
      assert.equal(await advisoryLocks(), 0);
      await assert.rejects(
        run({ query: 'SELECT pg_advisory_lock(727274099) AS x, 1 / 0 AS y', mapping: XY }),
        (e: TRPCError) => e.code === 'BAD_REQUEST' && /division by zero/.test(e.message),
      );
      assert.equal(await advisoryLocks(), 0);
    });
  });

  if (testTarget() === 'postgres') {
    describe('on PostgreSQL', () => {
      test('a slow query is cancelled by the statement timeout', async () => {
        const started = Date.now();
        await assert.rejects(
          run({ query: 'SELECT pg_sleep(5) AS x, 1 AS y', mapping: XY }),
          (e: TRPCError) => e.code === 'TIMEOUT',
        );
        assert.ok(Date.now() - started < 3000, 'cancelled well before the 5 s sleep ended');
      });

      test('the connection has a pool of its own, logged in as its login, never the app’s', async () => {
        const data = await run({
          query: "SELECT current_setting('application_name') AS x, session_user AS y",
          mapping: XY,
        });
        assert.deepEqual(data.traces[0]!.x, ['ocp-sql:warehouse']);
        assert.deepEqual(data.traces[0]!.y, [roles.login]);
      });

      test('leaving the role inside the query returns to the login, which holds nothing', async () => {
        for (const table of ['ocp_private.server_secrets', 'reporting.meter_daily']) {
          await assert.rejects(
            run({
              query: `SELECT set_config('role', 'none', true) AS x,
                             query_to_xml('SELECT * FROM ${table}', true, false, '') AS y`,
              mapping: XY,
            }),
            (e: TRPCError) => e.code === 'FORBIDDEN' && /permission denied/.test(e.message),
            table,
          );
        }
      });

      test('a login that can do more than its role is refused before any query runs, until it is fixed', async () => {
        const other = new DataEngine();
        const ownerLogin = `${roles.login}_owner`;
        roles.extra.push(ownerLogin);
        await rawExec(
          db,
          `CREATE ROLE ${ownerLogin} LOGIN IN ROLE ${roles.reader};
           CREATE TABLE reporting.owned (v int);
           ALTER TABLE reporting.owned OWNER TO ${ownerLogin};`,
        );
        const asOwner = new URL(db.url!);
        asOwner.username = ownerLogin;
        const base = { role: roles.reader, allowedUsers: [owner] };
        other.registerSqlConnection({ name: 'as-root', url: db.url!, ...base });
        other.registerSqlConnection({ name: 'as-owner', url: asOwner.toString(), ...base });
        const attempt = (connection: string) =>
          other.resolve(
            db.db,
            chart({ query: "SELECT pg_advisory_lock(727274100) AS x, 'ran' AS y", mapping: XY }, connection),
          );
        try {
          await assert.rejects(
            attempt('as-root'),
            (e: TRPCError) =>
              e.code === 'INTERNAL_SERVER_ERROR' && /refused: its login "root" is a superuser/.test(e.message),
          );
          await assert.rejects(
            attempt('as-owner'),
            (e: TRPCError) => e.code === 'INTERNAL_SERVER_ERROR' && /owns tables/.test(e.message),
          );
          assert.equal(await advisoryLocks(), 0, 'the query never ran');
          await rawExec(db, 'ALTER TABLE reporting.owned OWNER TO CURRENT_USER');
          const fixed = await attempt('as-owner');
          assert.deepEqual(fixed.traces[0]!.y, ['ran']);
        } finally {
          await other.close();
        }
      });
    });
  }
});
