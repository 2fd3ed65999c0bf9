import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DashboardDetail, DashboardEvent } from '@ocp/contract';
import { createDb } from '@ocp/db';
import { testTarget } from '@ocp/db/testing';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { publishDashboardEvents } from '../src/events/publish.js';
import { type AppRouter, createOcpServer, type OcpServer } from '../src/index.js';
import { SSE_PING_MS } from '../src/trpc.js';
import { eventually, openSse, type SseStream } from './events-sse.js';
import { chart, dashboard, randomId, type Team, team } from './fixtures.js';
import { type Harness, ok, serve, startHarness, type TestUser } from './harness.js';

const postgres = testTarget() === 'postgres';

/** The typed client as @ocp/client builds it: subscriptions over SSE with the token in connection params. */
function typedClient(baseUrl: string, who: TestUser | null) {
  const authorization = who ? `Bearer ${who.token}` : null;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          EventSource,
          connectionParams: () => (authorization ? { authorization } : null),
        }),
        false: httpBatchLink({
          url: `${baseUrl}/trpc`,
          headers: () => (authorization ? { authorization } : {}),
        }),
      }),
    ],
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

describe('events.dashboard (live dashboard events over SSE)', () => {
  let h: Harness;
  let t: Team;
  const open: SseStream[] = [];
  const sse: typeof openSse = async (...args) => {
    const s = await openSse(...args);
    open.push(s);
    return s;
  };
  const bus = () => h.runtime.events;

  /** A team dashboard (2×2 grid) with a team chart, and a subscriber that is connected. */
  async function setup(who: TestUser = t.viewer) {
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    const c = await chart(h, t.editor, { ownerTeamId: t.teamId });
    const stream = await sse(h.url, who, d.id);
    await stream.next((m) => m.event === 'connected');
    return { d, c, stream, tabId: d.tabs[0]!.id };
  }

  before(async () => {
    h = await startHarness();
    t = await team(h);
  });
  after(async () => {
    for (const s of open) s.close();
    await h?.close();
  });

  test("an editor's change reaches a viewer's stream: wire format, tracked id, the placement itself", async () => {
    const { d, c, stream, tabId } = await setup(t.viewer);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    const connected = stream.messages[0]!;
    assert.equal(connected.event, 'connected');
    assert.deepEqual(JSON.parse(connected.data), { reconnectAfterInactivityMs: 25_000 });

    const placed = ok(
      await h.call<{ id: string }>(t.editor, 'placements.place', { tabId, slotKey: 'top-left', chartId: c.id }),
    );
    const got = await stream.nextEvent();
    const shown = ok(await h.call<DashboardDetail>(t.viewer, 'dashboards.get', { id: d.id })).tabs[0]!.placements[0];
    // The event carries the placement exactly as dashboards.get shows it to this viewer: nothing to reload.
    assert.deepEqual(got.event, {
      type: 'placement',
      dashboardId: d.id,
      tabId,
      action: 'placed',
      placementId: placed.id,
      placement: shown,
    });
    assert.match(got.id ?? '', /^[0-9a-f-]{36}$/);
    // The raw frame: `data: <json>` then `id: <uuid>`, nothing else.
    const frame = stream.messages.find((m) => m.event === 'message')!;
    assert.deepEqual(JSON.parse(frame.data), got.event);
  });

  test('the token also works as connectionParams {token} and as an Authorization header', async () => {
    const { d, c, tabId } = await setup();
    const byToken = await sse(h.url, t.viewer, d.id, { via: 'token' });
    const byHeader = await sse(h.url, t.viewer, d.id, { via: 'header' });
    await Promise.all([byToken, byHeader].map((s) => s.next((m) => m.event === 'connected')));
    ok(await h.call(t.editor, 'placements.place', { tabId, slotKey: 'top-left', chartId: c.id }));
    for (const s of [byToken, byHeader]) assert.equal((await s.nextEvent()).event.type, 'placement');
  });

  test('a stranger gets NOT_FOUND identical to a random id; anonymous gets UNAUTHORIZED; nobody is subscribed', async () => {
    const { d } = await setup();
    const subscribers = bus().subscriberCount;
    const errorOf = async (who: TestUser | null, id: string) => {
      const s = await sse(h.url, who, id);
      const m = await s.next((x) => x.event === 'serialized-error');
      await s.ended;
      return m.data;
    };
    const hidden = await errorOf(t.stranger, d.id);
    const random = await errorOf(t.stranger, randomId());
    assert.equal(hidden, random);
    const shape = JSON.parse(hidden) as { message: string; data: { code: string; httpStatus: number } };
    assert.equal(shape.data.code, 'NOT_FOUND');
    assert.equal(shape.message, 'Dashboard not found');
    // The same words as dashboards.get gives the stranger.
    assert.equal((await h.call(t.stranger, 'dashboards.get', { id: d.id })).body.error?.message, shape.message);

    const anonymous = JSON.parse(await errorOf(null, d.id)) as { data: { code: string } };
    assert.equal(anonymous.data.code, 'UNAUTHORIZED');
    const invalid = JSON.parse(await errorOf({ ...t.viewer, token: 'not-a-token' }, d.id)) as {
      data: { code: string };
    };
    assert.equal(invalid.data.code, 'UNAUTHORIZED');
    const malformed = JSON.parse(await errorOf(t.viewer, 'not-a-uuid')) as { data: { code: string } };
    assert.equal(malformed.data.code, 'BAD_REQUEST');
    // Refused before subscribing: nothing to clean up.
    assert.equal(bus().subscriberCount, subscribers);
  });

  test('events of another dashboard are not delivered', async () => {
    const a = await setup();
    const b = await setup();
    ok(await h.call(t.editor, 'placements.place', { tabId: b.tabId, slotKey: 'top-left', chartId: b.c.id }));
    ok(await h.call(t.editor, 'tabs.create', { dashboardId: a.d.id, title: 'Second' }));
    const first = await a.stream.nextEvent();
    assert.deepEqual(
      { type: first.event.type, dashboardId: first.event.dashboardId },
      { type: 'tab', dashboardId: a.d.id },
    );
    assert.equal((await b.stream.nextEvent()).event.dashboardId, b.d.id);
    await assert.rejects(b.stream.nextEvent(300), /no matching event/);
  });

  test('every kind of change publishes its event, in commit order; a rolled-back change publishes nothing', async () => {
    const { d, c, stream, tabId } = await setup();
    const other = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    const otherStream = await sse(h.url, t.viewer, other.id);
    await otherStream.next((m) => m.event === 'connected');
    const c2 = await chart(h, t.editor, { ownerTeamId: t.teamId, title: 'Second' });

    const p = ok(
      await h.call<{ id: string }>(t.editor, 'placements.place', { tabId, slotKey: 'top-left', chartId: c.id }),
    );
    // Occupied slot: CONFLICT, rolled back, so no event.
    assert.equal(
      (await h.call(t.editor, 'placements.place', { tabId, slotKey: 'top-left', chartId: c2.id })).code,
      'CONFLICT',
    );
    const p2 = ok(
      await h.call<{ id: string }>(t.editor, 'placements.place', { tabId, slotKey: 'top-right', chartId: c2.id }),
    );
    ok(await h.call(t.editor, 'placements.move', { id: p.id, slotKey: 'top-right' })); // swaps with p2
    ok(await h.call(t.editor, 'placements.update', { id: p.id, customizations: { color: 'red' } }));
    ok(await h.call(t.editor, 'placements.place', { tabId: other.tabs[0]!.id, slotKey: 'top-left', chartId: c.id }));
    ok(await h.call(t.editor, 'charts.update', { id: c.id, title: 'Renamed' })); // on both dashboards
    ok(await h.call(t.editor, 'charts.restoreVersion', { chartId: c.id, versionNumber: 1 }));
    const tab = ok(await h.call<{ id: string }>(t.editor, 'tabs.create', { dashboardId: d.id, title: 'Two' }));
    ok(await h.call(t.editor, 'tabs.update', { id: tab.id, title: 'Deux' }));
    ok(await h.call(t.editor, 'tabs.reorder', { dashboardId: d.id, tabIds: [tab.id, tabId] }));
    const version = ok(
      await h.call<{ versionNumber: number }>(t.editor, 'dashboardVersions.create', { dashboardId: d.id }),
    );
    ok(await h.call(t.editor, 'tabs.delete', { id: tab.id }));
    const fresh = ok(await h.call<DashboardDetail>(t.editor, 'dashboards.get', { id: d.id }));
    ok(await h.call(t.editor, 'dashboards.update', { id: d.id, expectedUpdatedAt: fresh.updatedAt, title: 'New' }));
    // Stale expectedUpdatedAt: CONFLICT, nothing published.
    assert.equal(
      (await h.call(t.editor, 'dashboards.update', { id: d.id, expectedUpdatedAt: fresh.updatedAt, title: 'X' })).code,
      'CONFLICT',
    );
    ok(
      await h.call(t.editor, 'dashboardVersions.restore', { dashboardId: d.id, versionNumber: version.versionNumber }),
    );
    ok(await h.call(t.editor, 'placements.remove', { id: p2.id }));
    ok(await h.call(t.admin, 'charts.delete', { id: c.id })); // placed on both dashboards

    const want: Array<Partial<DashboardEvent> & Record<string, unknown>> = [
      { type: 'placement', action: 'placed', placementId: p.id, tabId },
      { type: 'placement', action: 'placed', placementId: p2.id, tabId },
      { type: 'placement', action: 'moved', placementId: p.id, tabId },
      { type: 'placement', action: 'moved', placementId: p2.id, tabId },
      { type: 'placement', action: 'updated', placementId: p.id, tabId },
      { type: 'chart', action: 'updated', chartId: c.id },
      { type: 'chart', action: 'updated', chartId: c.id },
      { type: 'tab', action: 'created', tabId: tab.id },
      { type: 'tab', action: 'updated', tabId: tab.id },
      { type: 'tab', action: 'reordered', tabId: tab.id },
      { type: 'tab', action: 'deleted', tabId: tab.id },
      { type: 'dashboard', action: 'updated' },
      { type: 'dashboard', action: 'restored' },
      { type: 'placement', action: 'removed', placementId: p2.id, tabId },
      { type: 'chart', action: 'deleted', chartId: c.id },
    ];
    const got: DashboardEvent[] = [];
    for (const _ of want) got.push((await stream.nextEvent()).event);
    // Names first (what the event is about), then what each carries.
    const names = ({ type, action, dashboardId, ...rest }: DashboardEvent & { action?: string }) => ({
      type,
      ...(action ? { action } : {}),
      dashboardId,
      ...pick(rest, ['placementId', 'tabId', 'chartId']),
    });
    assert.deepEqual(
      got.map(names),
      want.map((w) => ({ ...w, dashboardId: d.id })),
    );
    const carried = got.map((e) => {
      if (e.type === 'placement') return e.action === 'removed' ? null : e.placement.id;
      if (e.type === 'chart') return e.action === 'updated' ? [e.chart?.title, e.dataChanged] : null;
      if (e.type === 'tab')
        return e.action === 'reordered' ? e.tabIds : e.action === 'deleted' ? null : [e.tab.id, e.tab.title];
      if (e.type === 'dashboard') return e.action === 'updated' ? e.dashboard.title : null;
      return null;
    });
    assert.deepEqual(carried, [
      p.id,
      p2.id,
      p.id,
      p2.id,
      p.id,
      ['Renamed', false], // a new title: no new data
      [c.title, true], // a restored version: its own title back, and new data
      [tab.id, 'Two'],
      [tab.id, 'Deux'],
      [tab.id, tabId],
      null,
      'New',
      null,
      null,
      null,
    ]);
    const elsewhere: DashboardEvent['type'][] = [];
    for (let i = 0; i < 4; i++) elsewhere.push((await otherStream.nextEvent()).event.type);
    assert.deepEqual(elsewhere, ['placement', 'chart', 'chart', 'chart']);
    await assert.rejects(stream.nextEvent(300), /no matching event/);
  });

  test('a template change reaches the dashboards drawn on it', async () => {
    const template = ok(
      await h.call<{ id: string }>(t.admin, 'templates.create', {
        name: 'Mine',
        layoutConfig: { columns: 12, rowHeight: 80, gap: 8 },
        slots: [{ slotKey: 'main', positionConfig: { x: 0, y: 0, w: 12, h: 4 } }],
      }),
    );
    const d = await dashboard(h, t.admin, { templateId: template.id });
    const s = await sse(h.url, t.admin, d.id);
    await s.next((m) => m.event === 'connected');
    ok(await h.call(t.admin, 'templates.update', { id: template.id, name: 'Renamed only' })); // no layout change
    ok(
      await h.call(t.admin, 'templates.update', {
        id: template.id,
        layoutConfig: { columns: 12, rowHeight: 100, gap: 8 },
      }),
    );
    const event = (await s.nextEvent()).event as Extract<DashboardEvent, { type: 'tab'; tab: unknown }>;
    assert.deepEqual(
      { type: event.type, dashboardId: event.dashboardId, tabId: event.tabId, action: event.action },
      { type: 'tab', dashboardId: d.id, tabId: d.tabs[0]!.id, action: 'updated' },
    );
    assert.equal(event.tab.template.layoutConfig.rowHeight, 100, 'the tab carries its template as it is now');
    await assert.rejects(s.nextEvent(300), /no matching event/);
  });

  test('deleting the dashboard sends `deleted` and ends the stream; the subscriber is gone', async () => {
    const { d, stream } = await setup();
    const before = bus().subscriberCount;
    ok(await h.call(t.admin, 'dashboards.delete', { id: d.id }));
    assert.deepEqual((await stream.nextEvent()).event, { type: 'dashboard', dashboardId: d.id, action: 'deleted' });
    await stream.next((m) => m.event === 'return');
    await stream.ended;
    await eventually(() => bus().subscriberCount, before - 1);
  });

  test('resumption: lastEventId replays what came after it; an id the server does not hold gives one resync', async () => {
    const { d, c, stream, tabId } = await setup();
    ok(await h.call(t.editor, 'placements.place', { tabId, slotKey: 'top-left', chartId: c.id }));
    const first = await stream.nextEvent();
    stream.close();
    ok(await h.call(t.editor, 'tabs.create', { dashboardId: d.id, title: 'While away 1' }));
    ok(await h.call(t.editor, 'tabs.create', { dashboardId: d.id, title: 'While away 2' }));

    const resumed = await sse(h.url, t.viewer, d.id, { lastEventId: first.id });
    const missed = [await resumed.nextEvent(), await resumed.nextEvent()];
    assert.deepEqual(
      missed.map((e) => `${e.event.type}:${'action' in e.event ? e.event.action : ''}`),
      ['tab:created', 'tab:created'],
    );
    // Then live events continue on the same stream.
    ok(await h.call(t.editor, 'tabs.create', { dashboardId: d.id, title: 'Live' }));
    const live = await resumed.nextEvent();
    assert.equal(live.event.type, 'tab');
    await assert.rejects(resumed.nextEvent(200), /no matching event/);
    resumed.close();

    // The Last-Event-ID header (a browser EventSource's own reconnection) works the same way.
    const byHeader = await sse(h.url, t.viewer, d.id, { lastEventIdHeader: missed[1]!.id });
    assert.equal((await byHeader.nextEvent()).id, live.id);
    byHeader.close();

    // Resuming from the newest id replays nothing.
    const upToDate = await sse(h.url, t.viewer, d.id, { lastEventId: live.id });
    await upToDate.next((m) => m.event === 'connected');
    await assert.rejects(upToDate.nextEvent(200), /no matching event/);
    upToDate.close();

    const unknown = await sse(h.url, t.viewer, d.id, { lastEventId: randomId() });
    const resync = await unknown.nextEvent();
    assert.deepEqual(resync.event, { type: 'resync', dashboardId: d.id });
    // Anchored at the newest event, so resuming from the resync does not resync again.
    assert.equal(resync.id, live.id);
    unknown.close();
  });

  test('the typed client (httpSubscriptionLink, token in connectionParams) receives tracked events; unsubscribe removes the listener', async () => {
    const { d, c, tabId } = await setup();
    const before = bus().subscriberCount;
    const viewer = typedClient(h.url, t.viewer);
    const editor = typedClient(h.url, t.editor);
    const received: Array<{ id: string; data: DashboardEvent }> = [];
    let started!: () => void;
    const ready = new Promise<void>((r) => {
      started = r;
    });
    let gotOne!: () => void;
    const one = new Promise<void>((r) => {
      gotOne = r;
    });
    const sub = viewer.events.dashboard.subscribe(
      { dashboardId: d.id },
      {
        onStarted: () => started(),
        onData: (value) => {
          received.push(value);
          gotOne();
        },
      },
    );
    try {
      await ready;
      await eventually(() => bus().subscriberCount, before + 1);
      const placed = await editor.placements.place.mutate({ tabId, slotKey: 'top-left', chartId: c.id });
      await one;
      assert.equal(received.length, 1);
      assert.deepEqual(
        pick(received[0]!.data as unknown as Record<string, unknown>, [
          'type',
          'dashboardId',
          'tabId',
          'action',
          'placementId',
        ]),
        {
          type: 'placement',
          dashboardId: d.id,
          tabId,
          action: 'placed',
          placementId: placed.id,
        },
      );
      assert.equal(typeof received[0]!.id, 'string');
    } finally {
      sub.unsubscribe();
    }
    await eventually(() => bus().subscriberCount, before);

    // A stranger through the typed client: the error carries NOT_FOUND.
    const stranger = typedClient(h.url, t.stranger);
    const error = await new Promise<{ data?: { code?: string } }>((resolve) => {
      stranger.events.dashboard.subscribe({ dashboardId: d.id }, { onError: (e) => resolve(e as never) });
    });
    assert.equal(error.data?.code, 'NOT_FOUND');
  });

  test('closing streams removes their listeners: the subscriber count returns to where it was', async () => {
    for (const s of open) s.close();
    await eventually(() => bus().subscriberCount, 0);
    const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
    const streams = await Promise.all([1, 2, 3, 4, 5].map(() => sse(h.url, t.viewer, d.id)));
    await Promise.all(streams.map((s) => s.next((m) => m.event === 'connected')));
    await eventually(() => bus().subscriberCount, 5);
    for (const s of streams.slice(0, 3)) s.close();
    await eventually(() => bus().subscriberCount, 2);
    for (const s of streams) s.close();
    await eventually(() => bus().subscriberCount, 0);
  });

  test(`an idle stream gets a ping every ${SSE_PING_MS / 1000} s (so proxies keep it open)`, async () => {
    const { stream } = await setup();
    const connectedAt = stream.messages[0]!.at;
    const ping = await stream.next((m) => m.event === 'ping', SSE_PING_MS + 3000);
    const waited = ping.at - connectedAt;
    assert.ok(waited > SSE_PING_MS - 1000 && waited < SSE_PING_MS + 2000, `${waited} ms`);
    stream.close();
  });

  test('latency from the start of the publishing transaction to the subscriber (same process)', async (ctx) => {
    const { d, stream } = await setup();
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await h.db.db.transaction((tx) =>
        publishDashboardEvents(tx, [{ type: 'dashboard', dashboardId: d.id, action: 'updated' }]),
      );
      const got = await stream.nextEvent();
      samples.push(got.at - t0);
    }
    ctx.diagnostic(
      `${testTarget()}: publish → SSE subscriber median ${median(samples).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms`,
    );
    assert.ok(median(samples) < 100, samples.join(', '));
  });

  describe('across server instances', () => {
    /** A second server process's worth: its own database handle on the same database, its own HTTP server. */
    async function secondServer(): Promise<{ url: string; ocp: OcpServer; close(): Promise<void> }> {
      const handle = postgres ? await createDb({ databaseUrl: h.db.url!, max: 3 }) : null;
      // PGlite is one process: a second server shares the handle, with a bus (a LISTEN) of its own.
      const ocp = createOcpServer({ db: handle?.db ?? h.db.db });
      const served = await serve(ocp);
      return {
        url: served.url,
        ocp,
        async close() {
          await served.close();
          await ocp.close();
          await handle?.close();
        },
      };
    }

    test('a change made through one server reaches subscribers of the other, both ways', async (ctx) => {
      const b = await secondServer();
      try {
        const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
        const c = await chart(h, t.editor, { ownerTeamId: t.teamId });
        const onA = await sse(h.url, t.viewer, d.id);
        const onB = await sse(b.url, t.viewer, d.id); // the same token works on both (shared signing secret)
        await Promise.all([onA, onB].map((s) => s.next((m) => m.event === 'connected')));

        // Written through A, heard on B.
        const t0 = performance.now();
        const placed = ok(
          await h.call<{ id: string }>(t.editor, 'placements.place', {
            tabId: d.tabs[0]!.id,
            slotKey: 'top-left',
            chartId: c.id,
          }),
        );
        const respondedAt = performance.now();
        const heardOnB = await onB.nextEvent();
        const heardOnA = await onA.nextEvent();
        assert.equal(heardOnB.event.type, 'placement');
        assert.equal((heardOnB.event as { placementId: string }).placementId, placed.id);
        assert.equal(heardOnB.id, heardOnA.id, 'the same event id on every instance');

        // Written through B (its own connection pool on PostgreSQL), heard on A.
        const viaB = typedClient(b.url, t.editor);
        await viaB.tabs.create.mutate({ dashboardId: d.id, title: 'From B' });
        assert.equal((await onA.nextEvent()).event.type, 'tab');
        assert.equal((await onB.nextEvent()).event.type, 'tab');

        // Resumption on the other instance with an id first seen on this one.
        onB.close();
        ok(await h.call(t.editor, 'tabs.create', { dashboardId: d.id, title: 'While away' }));
        const resumedOnB = await sse(b.url, t.viewer, d.id, { lastEventId: heardOnA.id });
        const replayed = await resumedOnB.nextEvent();
        assert.deepEqual(replayed.event.type, 'tab');
        assert.equal((await resumedOnB.nextEvent()).event.type, 'tab');

        ctx.diagnostic(
          `${testTarget()}: placements.place through A: event on B after ${(heardOnB.at - t0).toFixed(1)} ms ` +
            `(the HTTP answer on A took ${(respondedAt - t0).toFixed(1)} ms)`,
        );
        resumedOnB.close();
        onA.close();
      } finally {
        await b.close();
      }
    });

    test('latency from the start of a publishing transaction on one instance to a subscriber on the other', async (ctx) => {
      const b = await secondServer();
      try {
        const d = await dashboard(h, t.admin, { ownerTeamId: t.teamId });
        const onB = await sse(b.url, t.viewer, d.id);
        await onB.next((m) => m.event === 'connected');
        const samples: number[] = [];
        for (let i = 0; i < 20; i++) {
          const t0 = performance.now();
          await h.db.db.transaction((tx) =>
            publishDashboardEvents(tx, [{ type: 'dashboard', dashboardId: d.id, action: 'updated' }]),
          );
          samples.push((await onB.nextEvent()).at - t0);
        }
        ctx.diagnostic(
          `${testTarget()}: publish on A → SSE subscriber on B median ${median(samples).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms`,
        );
        assert.ok(median(samples) < 100, samples.join(', '));
        onB.close();
        await eventually(() => b.ocp.runtime.events.subscriberCount, 0);
      } finally {
        await b.close();
      }
    });
  });
});
