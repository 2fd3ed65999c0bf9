import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDb } from '@ocp/db';
import { rawQuery, testTarget } from '@ocp/db/testing';
import { createOcpServer } from '../src/index.js';
import { addMember, dashboard, type Team, team } from './fixtures.js';
import { type Harness, serve, startHarness, type TestUser } from './harness.js';

/** GET dashboards.get over HTTP as the client sends it (unbatched). */
function request(url: string, who: TestUser, id: string): Promise<Response> {
  const input = encodeURIComponent(JSON.stringify({ id }));
  return fetch(`${url}/trpc/dashboards.get?input=${input}`, { headers: { authorization: `Bearer ${who.token}` } });
}

/** dashboards.get's status and error code, if any. */
async function get(url: string, who: TestUser, id: string): Promise<{ status: number; code: string }> {
  const res = await request(url, who, id);
  const body = (await res.json()) as { error?: { data: { code: string } } };
  return { status: res.status, code: body.error?.data.code ?? 'OK' };
}

/** The document dashboards.get answers. */
async function read<T>(url: string, who: TestUser, id: string): Promise<T> {
  return ((await (await request(url, who, id)).json()) as { result: { data: T } }).result.data;
}

interface Setup {
  h: Harness;
  t: Team;
}

/**
 * Registers a describe's hooks: its own harness, counting statements, and a team in it. The fields are set in
 * before(), so tests read them when they run.
 */
function teamHarness(): Setup {
  const s = {} as Setup;
  before(async () => {
    s.h = await startHarness({ countQueries: true });
    s.t = await team(s.h);
  });
  after(() => s.h?.close());
  return s;
}

/**
 * Reads until warm, then proves it: the last read sent no statement at all (token, role and document from memory).
 * Without that, a "revoked" answer afterwards would prove nothing about the caches.
 */
async function warm(h: Harness, who: TestUser, id: string, url = h.url): Promise<void> {
  assert.equal((await get(url, who, id)).status, 200);
  const before = h.queries.length;
  assert.equal((await get(url, who, id)).status, 200);
  // The listener's heartbeat (every 5 s on PostgreSQL) is no part of the read.
  assert.deepEqual(
    h.queries.slice(before).filter((q) => !q.includes('ocp round trip')),
    [],
    'the read was answered from memory',
  );
}

describe('warm dashboards.get: no database round trip, and every revocation holds for the next read', () => {
  const s = teamHarness();

  const teamDashboard = () => dashboard(s.h, s.t.admin, { ownerTeamId: s.t.teamId });

  /** A team dashboard, and a new viewer of the team (`name`) who has read it until warm. */
  async function warmViewer(name: string) {
    const { h, t } = s;
    const d = await teamDashboard();
    const member = await h.user(name);
    await addMember(h, t.admin, t.teamId, member, 'viewer');
    await warm(h, member, d.id);
    return { d, member };
  }

  test('a member removed from the team: NOT_FOUND', async () => {
    const { h, t } = s;
    const { d, member } = await warmViewer('removed');
    await h.as(t.admin).teams.members.remove({ teamId: t.teamId, userId: member.id });
    assert.deepEqual(await get(h.url, member, d.id), { status: 404, code: 'NOT_FOUND' });
  });

  test('a public dashboard made private: NOT_FOUND for whoever read it as public', async () => {
    const { h, t } = s;
    const d = await dashboard(h, t.owner, { isPublic: true });
    await warm(h, t.stranger, d.id);
    await h.as(t.owner).dashboards.update({ id: d.id, expectedUpdatedAt: d.updatedAt, isPublic: false });
    assert.deepEqual(await get(h.url, t.stranger, d.id), { status: 404, code: 'NOT_FOUND' });
  });

  test('a dashboard moved to another team in SQL: NOT_FOUND once its notification is in', async () => {
    const { h, t } = s;
    const d = await teamDashboard();
    const other = await h.as(t.stranger).teams.create({ name: 'Elsewhere' });
    await warm(h, t.viewer, d.id);
    await rawQuery(h.db, 'UPDATE dashboards SET owner_team_id = $1 WHERE id = $2', [other.id, d.id]);
    // The trigger's notification arrives with the commit on PGlite, a moment after it on PostgreSQL; settle()
    // waits for a notification sent after it, which PostgreSQL delivers after every earlier one.
    await h.runtime.events.settle();
    assert.deepEqual(await get(h.url, t.viewer, d.id), { status: 404, code: 'NOT_FOUND' });
    assert.equal((await get(h.url, t.stranger, d.id)).status, 200, 'the new team reads it');
  });

  test('a role lowered in SQL is the role of the next answer', async () => {
    const { h, t } = s;
    const d = await teamDashboard();
    await warm(h, t.editor, d.id);
    await rawQuery(h.db, `UPDATE user_team_memberships SET role = 'viewer' WHERE user_id = $1`, [t.editor.id]);
    await h.runtime.events.settle();
    assert.equal((await read<{ role: string }>(h.url, t.editor, d.id)).role, 'viewer');
    await rawQuery(h.db, `UPDATE user_team_memberships SET role = 'editor' WHERE user_id = $1`, [t.editor.id]);
  });

  test('sign out everywhere: UNAUTHORIZED for every token of the user', async () => {
    const { h } = s;
    const { d, member } = await warmViewer('everywhere');
    await h.as(member).auth.signOutEverywhere();
    assert.deepEqual(await get(h.url, member, d.id), { status: 401, code: 'UNAUTHORIZED' });
  });

  test('signing out one token: UNAUTHORIZED for that token', async () => {
    const { h } = s;
    const { d, member } = await warmViewer('once');
    assert.equal((await h.call(member, 'auth.signOut')).code, 'OK');
    assert.deepEqual(await get(h.url, member, d.id), { status: 401, code: 'UNAUTHORIZED' });
  });

  test('a token generation bumped in SQL: UNAUTHORIZED once its notification is in', async () => {
    const { h } = s;
    const { d, member } = await warmViewer('sql-signout');
    await rawQuery(
      h.db,
      `INSERT INTO user_token_generations (user_id, generation) VALUES ($1, 1)
       ON CONFLICT (user_id) DO UPDATE SET generation = user_token_generations.generation + 1`,
      [member.id],
    );
    await h.runtime.events.settle();
    assert.deepEqual(await get(h.url, member, d.id), { status: 401, code: 'UNAUTHORIZED' });
  });

  test('a template slot retitled in SQL drops the documents of dashboards drawn on it', async () => {
    const { h, t } = s;
    const tpl = await h.as(t.admin).templates.create({
      name: 'Mine',
      layoutConfig: { columns: 12, rowHeight: 60, gap: 8 },
      slots: [{ slotKey: 'a', positionConfig: { x: 0, y: 0, w: 6, h: 3 } }],
    });
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId, templateId: tpl.id });
    await warm(h, t.viewer, d.id);
    await rawQuery(h.db, `UPDATE dashboard_template_slots SET slot_key = 'b' WHERE template_id = $1`, [tpl.id]);
    await h.runtime.events.settle();
    const doc = await read<{ tabs: Array<{ template: { slots: Array<{ slotKey: string }> } }> }>(h.url, t.viewer, d.id);
    assert.deepEqual(
      doc.tabs[0]!.template.slots.map((slot) => slot.slotKey),
      ['b'],
    );
  });

  test('another server on the same database hears the revocations made through this one', async () => {
    const { h, t } = s;
    const d = await teamDashboard();
    const member = await h.user('two-servers');
    await addMember(h, t.admin, t.teamId, member, 'viewer');
    // On PostgreSQL, a database handle (and LISTEN connection) of its own, like another process; PGlite is one
    // process, so the second server shares the handle but has its own bus and caches.
    const handle = testTarget() === 'postgres' ? await createDb({ databaseUrl: h.db.url!, max: 2 }) : null;
    const other = createOcpServer({ db: handle?.db ?? h.db.db, auth: h.auth, notify: () => {} });
    const { url, close } = await serve(other);
    try {
      await get(url, member, d.id);
      assert.equal((await get(url, member, d.id)).status, 200);
      assert.equal(other.runtime.tokens.size, 1, 'the other server keeps the caller');
      await h.as(t.admin).teams.members.remove({ teamId: t.teamId, userId: member.id });
      await other.runtime.events.settle();
      assert.deepEqual(await get(url, member, d.id), { status: 404, code: 'NOT_FOUND' });

      await warm(h, t.viewer, d.id, url);
      await h.as(t.viewer).auth.signOutEverywhere();
      await other.runtime.events.settle();
      assert.deepEqual(await get(url, t.viewer, d.id), { status: 401, code: 'UNAUTHORIZED' });
    } finally {
      await close();
      await other.close();
      await handle?.close();
    }
  });
});

describe('without a listener nothing is served from memory', () => {
  const s = teamHarness();

  test('a lost listening connection: reads go to the database, and a change made meanwhile is seen', async () => {
    const { h, t } = s;
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    await warm(h, t.viewer, d.id);
    if (testTarget() === 'postgres') {
      // Kill the LISTEN connection; postgres.js notices the close, then connects and listens again by itself.
      await rawQuery(
        h.db,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query ILIKE 'listen%' AND pid <> pg_backend_pid()`,
        [],
      );
      await until(() => !h.runtime.events.listening());
    } else {
      // PGlite listens on its one in-process connection, which cannot drop: stop the bus instead.
      await h.runtime.events.close();
    }
    // Nobody hears this one (PostgreSQL) or nobody listens (PGlite).
    await rawQuery(h.db, `DELETE FROM user_team_memberships WHERE user_id = $1`, [t.viewer.id]);
    const before = h.queries.length;
    assert.deepEqual(await get(h.url, t.viewer, d.id), { status: 404, code: 'NOT_FOUND' });
    assert.ok(h.queries.length > before, 'the read asked the database');
    assert.equal(h.runtime.dashboards.size, 0, 'losing the listener forgot every document');

    // Listening again (PostgreSQL reconnects by itself; the PGlite bus restarts on the next read): warm again.
    await until(() => {
      h.runtime.dashboards.listening();
      return h.runtime.events.listening();
    });
    await warm(h, t.admin, d.id);
  });

  test('a listener that hears nothing is caught by its round trip: reads go to the database', async () => {
    const { h, t } = s;
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    await warm(h, t.editor, d.id);
    // The connection stays up but nothing reaches the bus any more, as when a network drops packets silently.
    await mute(h);
    await rawQuery(h.db, `DELETE FROM user_team_memberships WHERE user_id = $1`, [t.editor.id]);
    // What the heartbeat does every 5 s (and each mutation before answering): its own notification never comes back.
    await h.runtime.events.settle();
    assert.equal(h.runtime.events.listening(), false);
    const before = h.queries.length;
    assert.deepEqual(await get(h.url, t.editor, d.id), { status: 404, code: 'NOT_FOUND' });
    assert.ok(h.queries.length > before, 'the read asked the database');
  });
});

/** Detaches every listener of the live-event channel from the driver, leaving the connection itself alone. */
async function mute(h: Harness): Promise<void> {
  const client = (h.db.db as unknown as { $client: unknown }).$client as {
    listen: { channels?: Record<string, { listeners: unknown[] }> };
    unlisten?: (channel: string) => Promise<void>;
  };
  if (testTarget() === 'postgres') client.listen.channels!.ocp_dashboard_events!.listeners = [];
  else await client.unlisten!('ocp_dashboard_events');
}

/** Polls `ok` on every turn of the event loop for up to 5 s. */
async function until(ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
