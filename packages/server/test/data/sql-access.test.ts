import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDb, type OcpDb, userTeamMemberships } from '@ocp/db';
import { createTestDb, rawExec, type TestDb, testTarget } from '@ocp/db/testing';
import type { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { type ChartForData, DataEngine } from '../../src/data/index.js';
import { createOcpServer } from '../../src/index.js';
import { chartInput } from '../fixtures.js';
import { type Harness, ok, serve, startHarness } from '../harness.js';
import { addTeam, addUser } from './helpers.js';
import { createReaderRoles, type ReaderRoles } from './sql-roles.js';

const QUERY = 'SELECT site AS x, sum(kwh) AS y FROM reporting.meter_daily GROUP BY site ORDER BY site';
const SETUP = `CREATE SCHEMA reporting;
  CREATE TABLE reporting.meter_daily (day date PRIMARY KEY, site text NOT NULL, kwh numeric(10,2) NOT NULL);
  INSERT INTO reporting.meter_daily VALUES ('2026-01-01', 'a', 10.5), ('2026-01-02', 'a', 12.25), ('2026-01-03', 'b', 7);`;
const sqlSource = (connection: string) => ({ kind: 'sql', connection, query: QUERY, mapping: { x: 'x', y: ['y'] } });

describe('who may use a sql connection (issue 10.4)', () => {
  let db: TestDb;
  let roles: ReaderRoles;
  const engine = new DataEngine();
  let allowedUser: string;
  let member: string;
  let stranger: string;
  let allowedTeam: string;
  let otherTeam: string;
  let n = 0;
  const chart = (owner: { user?: string; team?: string }, connection = 'warehouse'): ChartForData => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    updatedAt: '2026-01-01T00:00:00Z',
    plotlyConfig: { data: [{ type: 'bar' }] },
    dataSourceConfig: sqlSource(connection) as never,
    ownerUserId: owner.user ?? null,
    ownerTeamId: owner.team ?? null,
  });
  const notFound = async (promise: Promise<unknown>): Promise<string> => {
    const error = (await promise.then(
      () => assert.fail('expected NOT_FOUND'),
      (e: TRPCError) => e,
    )) as TRPCError;
    assert.equal(error.code, 'NOT_FOUND');
    return error.message;
  };

  before(async () => {
    db = await createTestDb();
    await rawExec(db, SETUP);
    roles = await createReaderRoles(db);
    allowedUser = await addUser(db, 'allowed');
    member = await addUser(db, 'member');
    stranger = await addUser(db, 'stranger');
    allowedTeam = await addTeam(db, member);
    otherTeam = await addTeam(db, stranger);
    engine.registerSqlConnection({
      name: 'warehouse',
      ...roles.target(),
      role: roles.reader,
      allowedUsers: [allowedUser],
      allowedTeams: [allowedTeam],
    });
  });
  after(async () => {
    await engine.close();
    await db?.close();
    await roles?.drop();
  });

  test('charts of an allowed user, an allowed team, or a member of one may use it', async () => {
    for (const owner of [{ user: allowedUser }, { team: allowedTeam }, { user: member }]) {
      const data = await engine.resolve(db.db, chart(owner));
      assert.deepEqual(data.traces[0]!.y, [22.75, 7], JSON.stringify(owner));
    }
  });

  test('anyone else gets NOT_FOUND, in the very words of a connection that does not exist', async () => {
    const missing = await notFound(engine.resolve(db.db, chart({ user: allowedUser }, 'warehouse-2')));
    const strangerSees = await notFound(engine.resolve(db.db, chart({ user: stranger })));
    const otherTeamSees = await notFound(engine.resolve(db.db, chart({ team: otherTeam })));
    assert.equal(strangerSees, missing.replace('warehouse-2', 'warehouse'));
    assert.equal(otherTeamSees, strangerSees);
    // And once the name is really gone, the stranger's answer does not change.
    const gone = new DataEngine();
    assert.equal(await notFound(gone.resolve(db.db, chart({ user: stranger }))), strangerSees);
  });

  test('access is checked on every read: leaving the team ends it, though the result was cached', async () => {
    const mine = chart({ user: member });
    await engine.resolve(db.db, mine);
    const computations = engine.cache.computations;
    await engine.resolve(db.db, mine);
    assert.equal(engine.cache.computations, computations, 'served from the cache');
    await db.db
      .delete(userTeamMemberships)
      .where(and(eq(userTeamMemberships.userId, member), eq(userTeamMemberships.teamId, allowedTeam)));
    await notFound(engine.resolve(db.db, mine));
  });

  test('registration names the role and who may use it, and takes a url or an explicitly allowed PGlite', async () => {
    const other = new DataEngine();
    const base = { name: 'w', url: 'postgres://nobody@127.0.0.1:9/none', role: 'ocp_reader', allowedUsers: [] };
    const refusals: Array<[object, RegExp]> = [
      [{ role: undefined }, /role/],
      [{ role: 'none' }, /role/],
      [{ role: 'a; DROP' }, /role/],
      [{ allowedUsers: undefined }, /allowedUsers and\/or allowedTeams/],
      [{ allowedUsers: ['not-a-uuid'] }, /allowedUsers: not a UUID/],
      [{ url: undefined }, /exactly one of url and pglite/],
      [{ name: 'bad name' }, /invalid sql connection name/],
      [{ statementTimeoutMs: 0 }, /statementTimeoutMs/],
    ];
    for (const [change, message] of refusals) {
      assert.throws(
        () => other.registerSqlConnection({ ...base, ...change } as never),
        message,
        JSON.stringify(change),
      );
    }
    other.registerSqlConnection({ ...base, allowedUsers: [allowedUser] });
    await other.close();
  });

  test('PGlite is refused unless allowPglite says so, through createOcpServer too', async () => {
    // On PostgreSQL runs, an in-memory PGlite stands in for the embedded database.
    const scratch: OcpDb | undefined = db.pglite ? undefined : await createDb({ memory: true, databaseUrl: '' });
    const pglite = db.pglite ?? scratch!.pglite!;
    try {
      const registration = { name: 'embedded', pglite, role: roles.reader, allowedUsers: [allowedUser] };
      const refused = /refused on PGlite, which cannot stop a running query/;
      assert.throws(() => new DataEngine().registerSqlConnection(registration), refused);
      assert.throws(() => createOcpServer({ db: db.db, sqlConnections: [registration] }), refused);
      assert.throws(() => new DataEngine().registerSqlConnection({ ...registration, allowPglite: false }), refused);
      const allowed = new DataEngine();
      allowed.registerSqlConnection({ ...registration, allowPglite: true });
      if (testTarget() === 'pglite') {
        const data = await allowed.resolve(db.db, chart({ user: allowedUser }, 'embedded'));
        assert.deepEqual(data.traces[0]!.y, [22.75, 7]);
      }
      await allowed.close();
    } finally {
      await scratch?.close();
    }
  });
});

describe('createOcpServer({ sqlConnections }) over HTTP (issue 10.4)', () => {
  let h: Harness;
  let roles: ReaderRoles;
  before(async () => {
    h = await startHarness();
    await rawExec(h.db, SETUP);
    roles = await createReaderRoles(h.db);
  });
  after(async () => {
    await h?.close();
    await roles?.drop();
  });

  test('a connection belongs to the server it was given to: the users it names read through it, others and other servers in the process get the NOT_FOUND of a missing connection', async () => {
    const [alice, bob] = await Promise.all([h.user('alice'), h.user('bob')]);
    // A second server on the same database, in the same process: only it knows "warehouse".
    const withWarehouse = createOcpServer({
      db: h.db.db,
      auth: h.auth,
      sqlConnections: [{ name: 'warehouse', ...roles.target(), role: roles.reader, allowedUsers: [alice.id] }],
    });
    const served = await serve(withWarehouse);
    const url = `${served.url}/trpc`;
    const dataOn = async (base: string, who: typeof alice, chartId: string) => {
      const input = encodeURIComponent(JSON.stringify({ chartId }));
      const res = await fetch(`${base}/charts.data?input=${input}`, {
        headers: { authorization: `Bearer ${who.token}` },
      });
      return { status: res.status, text: await res.text() };
    };
    try {
      const create = async (who: typeof alice) =>
        ok(await h.call<{ id: string }>(who, 'charts.create', chartInput({ dataSourceConfig: sqlSource('warehouse') })))
          .id;
      const [aliceChart, bobChart] = [await create(alice), await create(bob)];

      const data = await dataOn(url, alice, aliceChart);
      assert.equal(data.status, 200, data.text);
      assert.deepEqual(JSON.parse(data.text).result.data.traces[0].y, [22.75, 7]);

      const refused = await dataOn(url, bob, bobChart);
      assert.equal(refused.status, 404);
      assert.match(refused.text, /no sql connection named \\"warehouse\\"/);
      // The harness's own server was given no connection: the same chart is a missing connection there.
      const elsewhere = await dataOn(`${h.url}/trpc`, alice, aliceChart);
      assert.equal(elsewhere.status, 404, 'another server in the process does not share the registration');
      const missing = await dataOn(`${h.url}/trpc`, bob, bobChart);
      assert.equal(missing.text, refused.text, 'byte-identical to a connection that does not exist');
    } finally {
      await served.close();
      await withWarehouse.close();
    }
  });
});
