import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  ChatStreamEvent,
  DashboardDetail,
  DashboardEvent,
  OcpDataProvider,
  PlacementView,
  TabView,
} from '@ocp/contract';

/** What a provider under test starts from: the demo workspace, signed in as its user. */
export interface ConformanceFixture {
  provider: OcpDataProvider;
  /** The demo's "Site operations" dashboard (its KPIs tab has free slots that accept metrics only). */
  dashboardId: string;
  close?(): Promise<void>;
}

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Rejects with the contract's error: an `OcpProviderError` with this code. */
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof Error, 'an Error');
    assert.equal(e.name, 'OcpProviderError');
    assert.equal((e as Error & { code?: unknown }).code, code);
    return true;
  });
}

/**
 * The contract of `OcpDataProvider`, method by method, run against every implementation (MemoryProvider and
 * createOcpProvider over a real server): the same calls, the same answers, the same error codes, so the elements
 * behave the same on both and the two cannot drift apart.
 */
export function providerConformance(name: string, start: () => Promise<ConformanceFixture>): void {
  describe(`OcpDataProvider conformance: ${name}`, () => {
    let f: ConformanceFixture;
    let p: OcpDataProvider;
    let dashboard: DashboardDetail;
    let kpis: TabView;
    const metricPlaced = () =>
      kpis.placements.find((x) => x.chart && ['metric', 'indicator'].includes(x.chart.chartType))!;
    const linePlaced = () => kpis.placements.find((x) => x.chart?.chartType === 'line')!;
    const freeKpiSlots = () =>
      kpis.template.slots
        .filter((s) => s.slotKey.startsWith('kpi-'))
        .filter((s) => !kpis.placements.some((x) => x.slotKey === s.slotKey))
        .map((s) => s.slotKey);

    before(async () => {
      f = await start();
      p = f.provider;
      dashboard = await p.getDashboard(f.dashboardId);
      kpis = dashboard.tabs[0]!;
    });
    after(async () => {
      await f?.close?.();
    });

    test('getDashboard: tabs by position, each with its template, slots and placements; NOT_FOUND for an unknown id', async () => {
      assert.equal(dashboard.id, f.dashboardId);
      assert.equal(dashboard.title, 'Site operations');
      assert.deepEqual(
        dashboard.tabs.map((t) => t.title),
        ['KPIs', 'Detail'],
      );
      assert.ok(['owner', 'admin', 'editor'].includes(dashboard.role), dashboard.role);
      for (const placement of kpis.placements) {
        assert.ok(kpis.template.slots.some((s) => s.slotKey === placement.slotKey && s.id === placement.slotId));
        assert.equal(placement.unavailable, false);
        assert.equal(placement.chart?.id, placement.chartId);
      }
      assert.ok(freeKpiSlots().length >= 2, 'two free KPI slots');
      await rejectsWith(p.getDashboard(MISSING), 'NOT_FOUND');
    });

    test('listTemplates and getTemplate: slotCount matches the slots; NOT_FOUND for an unknown id', async () => {
      const templates = await p.listTemplates();
      const kpi = templates.find((t) => t.id === kpis.template.id)!;
      assert.ok(kpi, 'the dashboard’s template is listed');
      const detail = await p.getTemplate(kpi.id);
      assert.equal(detail.slots.length, kpi.slotCount);
      assert.deepEqual(detail.layoutConfig, kpi.layoutConfig);
      await rejectsWith(p.getTemplate(MISSING), 'NOT_FOUND');
    });

    test('placeChart and removePlacement: slot constraints, occupied slots, replace in one call', async () => {
      const [free, other] = freeKpiSlots();
      const metric = metricPlaced().chartId;
      const placed: PlacementView = await p.placeChart({ tabId: kpis.id, slotKey: free!, chartId: metric });
      assert.equal(placed.slotKey, free);
      assert.equal(placed.chartId, metric);
      assert.equal(placed.chart?.id, metric);
      // A line chart in a slot for metrics: BAD_REQUEST. Another chart on the taken slot: CONFLICT.
      await rejectsWith(
        p.placeChart({ tabId: kpis.id, slotKey: other!, chartId: linePlaced().chartId }),
        'BAD_REQUEST',
      );
      const second = kpis.placements.filter((x) => x.chart && ['metric', 'indicator'].includes(x.chart.chartType))[1];
      const replacement = second?.chartId ?? metric;
      await rejectsWith(p.placeChart({ tabId: kpis.id, slotKey: free!, chartId: replacement }), 'CONFLICT');
      // replace: the old placement goes in the same call.
      const replaced = await p.placeChart({ tabId: kpis.id, slotKey: free!, chartId: replacement, replace: true });
      const now = (await p.getDashboard(f.dashboardId)).tabs[0]!.placements.filter((x) => x.slotKey === free);
      assert.deepEqual(
        now.map((x) => x.id),
        [replaced.id],
      );
      await p.removePlacement(replaced.id);
      assert.ok(!(await p.getDashboard(f.dashboardId)).tabs[0]!.placements.some((x) => x.slotKey === free));
      await rejectsWith(p.removePlacement(MISSING), 'NOT_FOUND');
    });

    test('getChartData: traces and meta for a placed chart; NOT_FOUND for an unknown chart', async () => {
      const data = await p.getChartData(metricPlaced().chartId, { width: 400 });
      assert.ok(Array.isArray(data.traces));
      assert.equal(typeof data.meta.sourcePoints, 'number');
      assert.equal(typeof data.meta.returnedPoints, 'number');
      assert.equal(typeof data.meta.downsampled, 'boolean');
      await rejectsWith(p.getChartData(MISSING), 'NOT_FOUND');
    });

    test('chartVersions and restoreChartVersion: newest first; a restore is a new version', async () => {
      const chartId = linePlaced().chartId;
      const before = await p.chartVersions(chartId);
      assert.ok(before.length >= 1);
      assert.deepEqual(
        before.map((v) => v.versionNumber),
        [...before.map((v) => v.versionNumber)].sort((a, b) => b - a),
      );
      const restored = await p.restoreChartVersion(chartId, 1);
      assert.equal(restored.id, chartId);
      const afterRestore = await p.chartVersions(chartId);
      assert.equal(afterRestore.length, before.length + 1);
      assert.equal(afterRestore[0]!.versionNumber, before[0]!.versionNumber + 1);
      await rejectsWith(p.chartVersions(MISSING), 'NOT_FOUND');
    });

    test('dashboard versions: create, list newest first, restore returns the dashboard', async () => {
      const created = await p.createDashboardVersion(f.dashboardId, 'Before the test');
      assert.equal(created.dashboardId, f.dashboardId);
      assert.equal(created.changeSummary, 'Before the test');
      const list = await p.dashboardVersions(f.dashboardId);
      assert.equal(list[0]!.id, created.id);
      const restored = await p.restoreDashboardVersion(f.dashboardId, created.versionNumber);
      assert.equal(restored.id, f.dashboardId);
      assert.deepEqual(
        restored.tabs.map((t) => t.title),
        ['KPIs', 'Detail'],
      );
      await rejectsWith(p.dashboardVersions(MISSING), 'NOT_FOUND');
    });

    test('workspace: list by itemType and favorites, search, update, folder tree', async () => {
      const charts = await p.listWorkspace({ itemType: 'chart' });
      assert.ok(charts.length > 0);
      assert.ok(charts.every((i) => i.itemType === 'chart'));
      const item = charts[0]!;
      const found = await p.searchWorkspace({ q: item.title });
      assert.ok(found.some((i) => i.id === item.id));
      assert.ok((await p.searchWorkspace({ q: item.title, itemType: 'note' })).every((i) => i.itemType === 'note'));
      const updated = await p.updateWorkspaceItem(item.id, { isFavorite: true, tags: ['conformance'] });
      assert.equal(updated.isFavorite, true);
      assert.deepEqual(updated.tags, ['conformance']);
      assert.ok((await p.listWorkspace({ favoritesOnly: true })).some((i) => i.id === item.id));
      assert.ok((await p.listWorkspace({ tags: ['conformance'] })).every((i) => i.tags.includes('conformance')));
      const tree = await p.folderTree();
      assert.ok(tree.some((node) => node.path === '/Energy' && node.children.some((c) => c.path === '/Energy/Demand')));
      await rejectsWith(p.updateWorkspaceItem(MISSING, { isFavorite: true }), 'NOT_FOUND');
    });

    test('sharing: create (the token once), list, resolve read-only, chart data through the link, revoke', async () => {
      const share = await p.createShare({ resourceType: 'dashboard', resourceId: f.dashboardId });
      assert.ok(share.token.length >= 16);
      assert.ok(share.url.endsWith(`/embed/${share.token}`));
      const links = await p.listShares({ resourceType: 'dashboard', resourceId: f.dashboardId });
      const listed = links.find((l) => l.id === share.id)!;
      assert.ok(listed, 'listed');
      assert.equal('token' in listed, false, 'the token is never listed');
      assert.equal(listed.permissions.view, true);
      const shared = await p.resolveShare(share.token);
      assert.equal(shared.resourceType, 'dashboard');
      assert.equal(shared.resourceType === 'dashboard' && shared.dashboard.role, 'public');
      const data = await p.shareChartData(share.token, metricPlaced().chartId);
      assert.ok(Array.isArray(data.traces));
      await rejectsWith(p.shareChartData(share.token, MISSING), 'NOT_FOUND');
      await p.revokeShare(share.id);
      await rejectsWith(p.resolveShare(share.token), 'NOT_FOUND');
      await rejectsWith(p.revokeShare(MISSING), 'NOT_FOUND');
    });

    test('chat: a session, a reply streamed then returned, a confirmation decided once', async (t) => {
      const session = await p.createChatSession({ title: 'Conformance', contextType: 'global' });
      assert.equal(session.title, 'Conformance');
      assert.equal(session.contextType, 'global');
      const stop = new AbortController();
      t.after(() => stop.abort()); // a failed assertion must not leave the stream open (the run would never end)
      const streamed: ChatStreamEvent[] = [];
      const listening = (async () => {
        for await (const e of p.streamChat({ sessionId: session.id, signal: stop.signal })) {
          streamed.push(e);
          if (e.type === 'done' && e.message.content.confirmations) break;
        }
      })();
      await new Promise((r) => setTimeout(r, 300)); // the stream is open before the first message
      const reply = await p.sendChat({
        sessionId: session.id,
        content: 'bar chart of generation by site\nsite,generation\nNorth,3\nSouth,5',
      });
      assert.equal(reply.role, 'assistant');
      assert.ok(reply.content.text.length > 0);
      // An agent's changes are a draft: proposed, not written, until the user applies them.
      const set = reply.content.changeSet;
      assert.equal(set?.status, 'pending');
      assert.ok(
        set?.changes.some((c) => c.tool === 'create_chart'),
        'the reply proposes a chart',
      );
      assert.ok(!reply.createdItems?.length, 'nothing written before applying');
      const applied = await p.decideChanges({ sessionId: session.id, changeSetId: set!.id, decision: 'apply' });
      assert.equal(applied.status, 'applied');
      assert.ok(
        applied.applied?.created.some((i) => i.type === 'chart'),
        'applying made the chart',
      );
      const asked = await p.sendChat({ sessionId: session.id, content: 'make it public' });
      const confirmation = asked.content.confirmations?.[0];
      assert.equal(confirmation?.action, 'set_visibility');
      assert.equal(confirmation?.status, 'pending');
      await listening;
      stop.abort();
      const done = streamed.filter((e): e is Extract<ChatStreamEvent, { type: 'done' }> => e.type === 'done');
      assert.deepEqual(
        done.map((e) => e.message.id),
        [reply.id, asked.id],
      );
      assert.ok(streamed.some((e) => e.type === 'delta'));
      const held = await p.getChatSession(session.id);
      assert.deepEqual(
        held.messages.map((m) => m.role),
        ['user', 'assistant', 'user', 'assistant'],
      );
      const cancelled = await p.confirmChat({
        sessionId: session.id,
        confirmationId: confirmation!.id,
        decision: 'cancel',
      });
      assert.equal(cancelled.status, 'cancelled');
      await rejectsWith(p.confirmChat({ sessionId: session.id, confirmationId: confirmation!.id }), 'CONFLICT');
      await rejectsWith(p.confirmChat({ sessionId: session.id, confirmationId: MISSING }), 'NOT_FOUND');
      await rejectsWith(p.getChatSession(MISSING), 'NOT_FOUND');
    });

    test('agents and models are listed', async () => {
      const agents = await p.listAgents();
      assert.ok(Array.isArray(agents));
      const models = await p.listModels();
      assert.ok(models.length > 0);
      assert.ok(models.every((m) => typeof m.displayName === 'string' && typeof m.isActive === 'boolean'));
    });

    test('subscribeDashboard: a placement arrives carrying the placement; nothing after unsubscribing', async () => {
      assert.ok(p.subscribeDashboard, 'live updates');
      const events: DashboardEvent[] = [];
      const stop = p.subscribeDashboard!(f.dashboardId, (e) => events.push(e));
      await new Promise((r) => setTimeout(r, 500)); // subscribed
      const [free] = freeKpiSlots();
      const placed = await p.placeChart({ tabId: kpis.id, slotKey: free!, chartId: metricPlaced().chartId });
      const deadline = Date.now() + 10_000;
      while (!events.some((e) => e.type === 'placement') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const event = events.find((e) => e.type === 'placement');
      assert.ok(event && event.type === 'placement' && event.action === 'placed');
      assert.equal(event.action === 'placed' && event.placement.id, placed.id);
      assert.equal(event.tabId, kpis.id);
      stop();
      const seen = events.length;
      await p.removePlacement(placed.id);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(events.length, seen);
    });
  });
}
