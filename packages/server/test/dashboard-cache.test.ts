import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DashboardDetail } from '@ocp/contract';
import { createDb } from '@ocp/db';
import { rawQuery, testTarget } from '@ocp/db/testing';
import { createOcpServer } from '../src/index.js';
import { addMember, chart, dashboard, type Team, team } from './fixtures.js';
import { type Harness, serve, startHarness, type TestUser } from './harness.js';

/** GET dashboards.get over HTTP, the way the client sends it (unbatched), with optional extra headers. */
async function get(h: Harness, who: TestUser, id: string, headers: Record<string, string> = {}) {
  const input = encodeURIComponent(JSON.stringify({ id }));
  return await fetch(`${h.url}/trpc/dashboards.get?input=${input}`, {
    headers: { authorization: `Bearer ${who.token}`, ...headers },
  });
}

async function doc(h: Harness, who: TestUser, id: string): Promise<DashboardDetail> {
  const res = await get(h, who, id);
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { result: { data: DashboardDetail } }).result.data;
}

/** Events travel through LISTEN/NOTIFY: on PostgreSQL they arrive shortly after the commit, not with it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('dashboards.get from the dashboard cache', () => {
  let h: Harness;
  let t: Team;
  before(async () => {
    h = await startHarness({ countQueries: true });
    t = await team(h);
  });
  after(() => h?.close());

  /** A team dashboard with one team chart placed on it. */
  async function placed() {
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    const c = await chart(h, t.editor, { ownerTeamId: t.teamId, title: 'Before' });
    await h.as(t.admin).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'top-left', chartId: c.id });
    return { d, c };
  }

  test('the cached bytes are the document the service builds, with each caller’s role', async () => {
    const { d } = await placed();
    for (const [who, role] of [
      [t.admin, 'admin'],
      [t.editor, 'editor'],
      [t.viewer, 'viewer'],
    ] as const) {
      const first = await doc(h, who, d.id);
      const cached = await doc(h, who, d.id);
      const built = await h.as(who).dashboards.get({ id: d.id });
      assert.deepEqual(first, built);
      assert.deepEqual(cached, built);
      assert.equal(cached.role, role);
    }
    assert.equal(h.runtime.dashboards.size > 0, true);
  });

  test('ETag and 304: a matching If-None-Match gets no body; the tag differs by role and by version', async () => {
    const { d } = await placed();
    const res = await get(h, t.viewer, d.id);
    const etag = res.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+\.viewer"$/);
    assert.equal(res.headers.get('cache-control'), 'private, no-cache');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    await res.arrayBuffer();
    const again = await get(h, t.viewer, d.id, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const editor = await get(h, t.editor, d.id, { 'if-none-match': etag });
    assert.equal(editor.status, 200, 'another role is another document');
    assert.notEqual(editor.headers.get('etag'), etag);
    await editor.arrayBuffer();
    await h.as(t.admin).dashboards.update({ id: d.id, expectedUpdatedAt: d.updatedAt, title: 'Renamed' });
    const changed = await get(h, t.viewer, d.id, { 'if-none-match': etag });
    assert.equal(changed.status, 200);
    assert.equal(((await changed.json()) as { result: { data: DashboardDetail } }).result.data.title, 'Renamed');
  });

  test('a warm read sends no statement at all; edits through the services are seen by the very next read', async () => {
    const { d, c } = await placed();
    await doc(h, t.viewer, d.id);
    const before = h.queries.length;
    await doc(h, t.viewer, d.id);
    // The listener's heartbeat (every 5 s on PostgreSQL) is no part of the read.
    assert.deepEqual(
      h.queries.slice(before).filter((q) => !q.includes('ocp round trip')),
      [],
      'token, role and document all come from memory',
    );

    // A mutation answers after this process heard its notifications (settle): no waiting needed.
    await h.as(t.editor).charts.update({ id: c.id, title: 'After' });
    assert.equal((await doc(h, t.viewer, d.id)).tabs[0]!.placements[0]!.chart?.title, 'After');
    await h.as(t.admin).tabs.update({ id: d.tabs[0]!.id, title: 'Renamed tab' });
    assert.equal((await doc(h, t.viewer, d.id)).tabs[0]!.title, 'Renamed tab');
    const other = await chart(h, t.editor, { ownerTeamId: t.teamId, title: 'Second' });
    await h.as(t.admin).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'top-right', chartId: other.id });
    assert.equal((await doc(h, t.viewer, d.id)).tabs[0]!.placements.length, 2);
  });

  test('access as it stands now: a member removed in SQL gets NOT_FOUND once its notification is in', async () => {
    const { d } = await placed();
    const member = await h.user('leaving');
    await addMember(h, t.admin, t.teamId, member, 'viewer');
    assert.equal((await doc(h, member, d.id)).role, 'viewer');
    await doc(h, member, d.id);
    await rawQuery(h.db, 'DELETE FROM user_team_memberships WHERE user_id = $1', [member.id]);
    // The trigger's notification: delivered with the commit on PGlite, a moment later on PostgreSQL.
    await h.runtime.events.settle();
    const gone = await get(h, member, d.id);
    assert.equal(gone.status, 404);
    assert.equal(((await gone.json()) as { error: { data: { code: string } } }).error.data.code, 'NOT_FOUND');
    const stranger = await get(h, t.stranger, d.id);
    assert.equal(stranger.status, 404);
    await stranger.arrayBuffer();
  });

  test('a chart changed in SQL, without any service, drops the document', async () => {
    const { d, c } = await placed();
    await doc(h, t.viewer, d.id);
    await doc(h, t.viewer, d.id);
    await rawQuery(h.db, `UPDATE charts SET title = 'Edited in SQL' WHERE id = $1`, [c.id]);
    await h.runtime.events.settle();
    assert.equal((await doc(h, t.viewer, d.id)).tabs[0]!.placements[0]!.chart?.title, 'Edited in SQL');
  });

  test('batched calls and bad input still go the ordinary tRPC way', async () => {
    const { d } = await placed();
    const input = encodeURIComponent(JSON.stringify({ 0: { id: d.id } }));
    const batched = await fetch(`${h.url}/trpc/dashboards.get?batch=1&input=${input}`, {
      headers: { authorization: `Bearer ${t.viewer.token}` },
    });
    const [one] = (await batched.json()) as [{ result: { data: DashboardDetail } }];
    assert.deepEqual(one.result.data, await doc(h, t.viewer, d.id));
    const bad = await fetch(`${h.url}/trpc/dashboards.get?input=${encodeURIComponent('{"id":"x"}')}`, {
      headers: { authorization: `Bearer ${t.viewer.token}` },
    });
    assert.equal(bad.status, 400);
    await bad.arrayBuffer();
    const anonymous = await fetch(`${h.url}/trpc/dashboards.get?input=${encodeURIComponent(`{"id":"${d.id}"}`)}`);
    assert.equal(anonymous.status, 401);
    await anonymous.arrayBuffer();
  });

  test('an edit through another server process drops this one’s copy (LISTEN/NOTIFY)', async () => {
    const { d } = await placed();
    // A second server: on PostgreSQL with a database handle (and LISTEN) of its own; PGlite is one process, so the
    // second server shares the handle but has its own bus and cache.
    const handle = testTarget() === 'postgres' ? await createDb({ databaseUrl: h.db.url!, max: 2 }) : null;
    const other = createOcpServer({ db: handle?.db ?? h.db.db, auth: h.auth });
    const served = await serve(other);
    const b = { ...h, url: served.url };
    try {
      await doc(b, t.viewer, d.id);
      await doc(b, t.viewer, d.id);
      assert.equal(other.runtime.dashboards.size, 1);
      await h.as(t.admin).tabs.update({ id: d.tabs[0]!.id, title: 'Edited on A' });
      const seen = await eventually(
        () => doc(b, t.viewer, d.id),
        (v) => v.tabs[0]!.title === 'Edited on A',
      );
      assert.equal(seen.tabs[0]!.title, 'Edited on A');
    } finally {
      await served.close();
      await other.close();
      await handle?.close();
    }
  });
});
