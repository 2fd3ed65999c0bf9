import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, openSse, type SseStream } from './events-sse.js';
import { addMember, chart, dashboard, type Team, team } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

/** Rejects when `promise` takes longer than `ms` (a stream that never ends fails the test instead of hanging it). */
const within = <T>(promise: Promise<T>, ms = 5000, what = 'the stream to end') =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms).unref()),
  ]);

interface ErrorShape {
  message: string;
  data: { code: string; httpStatus: number };
}

describe('live streams: a cap per user, and access re-checked while they are open', () => {
  let h: Harness;
  let t: Team;
  const open: SseStream[] = [];
  const sse = async (who: TestUser, dashboardId: string) => {
    const s = await openSse(h.url, who, dashboardId);
    open.push(s);
    return s;
  };
  const bus = () => h.runtime.events;

  before(async () => {
    h = await startHarness({ maxStreamsPerUser: 3 });
    t = await team(h);
  });
  after(async () => {
    for (const s of open) s.close();
    await h?.close();
  });

  test('past maxStreamsPerUser a stream is refused with TOO_MANY_REQUESTS; closing one frees its slot', async () => {
    const d = await dashboard(h, t.editor, { ownerTeamId: t.teamId });
    const streams = await Promise.all([1, 2, 3].map(() => sse(t.editor, d.id)));
    for (const s of streams) await s.next((m) => m.event === 'connected');

    const refused = await sse(t.editor, d.id);
    const error = JSON.parse((await refused.next((m) => m.event === 'serialized-error')).data) as ErrorShape;
    await within(refused.ended);
    assert.equal(error.data.code, 'TOO_MANY_REQUESTS');
    assert.equal(error.data.httpStatus, 429);
    assert.match(error.message, /at most 3 per user/);
    // Chat streams draw on the same allowance.
    const chat = ok(await h.call<{ id: string }>(t.editor, 'chat.sessions.create', {}));
    const url = new URL(`${h.url}/trpc/chat.stream`);
    url.searchParams.set('input', JSON.stringify({ sessionId: chat.id }));
    url.searchParams.set('connectionParams', JSON.stringify({ authorization: `Bearer ${t.editor.token}` }));
    const chatText = await (await fetch(url, { headers: { accept: 'text/event-stream' } })).text();
    assert.match(chatText, /TOO_MANY_REQUESTS/);

    // Someone else is not affected by the editor's streams.
    const other = await sse(t.viewer, d.id);
    await other.next((m) => m.event === 'connected');

    streams[0]!.close();
    await streams[0]!.ended;
    // The server notices the closed connection a moment later; then the slot is free again.
    let accepted = '';
    for (let attempt = 0; attempt < 50 && accepted !== 'connected'; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await sse(t.editor, d.id);
      accepted = (await again.next((m) => m.event === 'connected' || m.event === 'serialized-error')).event;
    }
    assert.equal(accepted, 'connected');
  });

  test("a removed member's open stream ends, and their next stream is NOT_FOUND", async () => {
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    const c = await chart(h, t.editor, { ownerTeamId: t.teamId });
    const member = await h.user('member');
    await addMember(h, t.admin, t.teamId, member, 'viewer');
    const watching = await sse(member, d.id);
    await watching.next((m) => m.event === 'connected');
    const stays = await sse(t.viewer, d.id);
    await stays.next((m) => m.event === 'connected');

    ok(await h.call(t.admin, 'teams.members.remove', { teamId: t.teamId, userId: member.id }));
    ok(await h.call(t.editor, 'placements.place', { tabId: d.tabs[0]!.id, slotKey: 'top-left', chartId: c.id }));
    await within(watching.ended);
    assert.ok(
      watching.messages.every((m) => m.event !== 'message' || !m.data),
      `no event after the removal: ${JSON.stringify(watching.messages)}`,
    );
    assert.equal((await stays.nextEvent()).event.type, 'placement', 'members who stay still get events');

    const again = await sse(member, d.id);
    const error = JSON.parse((await again.next((m) => m.event === 'serialized-error')).data) as ErrorShape;
    assert.equal(error.data.code, 'NOT_FOUND');
  });

  test('a dashboard made private ends the streams of outsiders who watched it while public', async () => {
    const owner = await h.user('publisher');
    const outsider = await h.user('outsider');
    const d = await dashboard(h, owner);
    const published = ok(
      await h.call<{ updatedAt: string }>(owner, 'dashboards.update', {
        id: d.id,
        expectedUpdatedAt: d.updatedAt,
        isPublic: true,
      }),
    );
    const subscribers = bus().subscriberCount;
    const watching = await sse(outsider, d.id);
    await watching.next((m) => m.event === 'connected');
    const own = await sse(owner, d.id);
    await own.next((m) => m.event === 'connected');

    ok(await h.call(owner, 'dashboards.update', { id: d.id, expectedUpdatedAt: published.updatedAt, isPublic: false }));
    await within(watching.ended);
    assert.ok(watching.messages.every((m) => m.event !== 'message' || !m.data));
    const event = (await own.nextEvent()).event as { type: string; action: string; dashboard?: { isPublic: boolean } };
    assert.deepEqual([event.type, event.action, event.dashboard?.isPublic], ['dashboard', 'updated', false]);
    await eventually(() => bus().subscriberCount, subscribers + 1);
  });
});
