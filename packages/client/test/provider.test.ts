import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { installSystemTemplates } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { createOcpServer } from '@ocp/server';
import { EventSource } from 'eventsource';
import { createOcpClient, createOcpProvider, OcpProviderError } from '../src/index.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('createOcpProvider over loopback HTTP', () => {
  let db: TestDb;
  let server: http.Server;
  let url: string;
  let token: string;

  before(async () => {
    db = await createTestDb();
    await installSystemTemplates(db.db);
    // The offline agent, its words 20 ms apart: a reply streams for about a second.
    const ocp = createOcpServer({ db: db.db, chat: { provider: null, offlineDelayMs: 20 } });
    server = http.createServer((req, res) => ocp.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
    const anon = createOcpClient({ url });
    const account = { email: 'provider@example.com', password: 'correct horse battery' };
    // Sign-up answers the same for new and taken addresses (no token); the new account signs in next.
    await anon.auth.signUp.mutate({ ...account, displayName: 'Provider Test' });
    ({ token } = await anon.auth.signIn.mutate(account));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db.close();
  });

  test('rejects with the tRPC code: UNAUTHORIZED without a token, NOT_FOUND for a missing dashboard', async () => {
    const anonymous = createOcpProvider(createOcpClient({ url }));
    await assert.rejects(anonymous.getDashboard(MISSING), (e: unknown) => {
      assert.ok(e instanceof OcpProviderError);
      assert.equal(e.name, 'OcpProviderError');
      assert.equal(e.code, 'UNAUTHORIZED');
      return true;
    });
    const signedIn = createOcpProvider(createOcpClient({ url, getToken: () => token }));
    await assert.rejects(signedIn.getDashboard(MISSING), { code: 'NOT_FOUND' });
  });

  test('dashboard, placement, chart data, versions and a sharing link round-trip through the provider', async () => {
    const client = createOcpClient({ url, getToken: () => token });
    const provider = createOcpProvider(client);
    const templates = await provider.listTemplates();
    const single = templates.find((t) => t.name === 'Single') ?? templates[0]!;
    const template = await provider.getTemplate(single.id);
    const dashboard = await client.dashboards.create.mutate({ title: 'Provider', templateId: single.id });
    const chart = await client.charts.create.mutate({
      title: 'Sales',
      chartType: 'bar',
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: { kind: 'inline', columns: { m: ['a', 'b'], v: [1, 2] }, mapping: { x: 'm', y: ['v'] } },
    });
    const tab = dashboard.tabs[0]!;
    const placement = await provider.placeChart({
      tabId: tab.id,
      slotKey: template.slots[0]!.slotKey,
      chartId: chart.id,
    });
    assert.equal(placement.chartId, chart.id);
    const loaded = await provider.getDashboard(dashboard.id);
    assert.equal(loaded.tabs[0]!.placements.length, 1);

    const data = await provider.getChartData(chart.id, { width: 300 });
    assert.equal(data.meta.sourcePoints, 2);

    await client.charts.update.mutate({ id: chart.id, plotlyConfig: { data: [{ type: 'line' }] } });
    const versions = await provider.chartVersions(chart.id);
    assert.ok(versions.length >= 2);
    const restored = await provider.restoreChartVersion(chart.id, versions.at(-1)!.versionNumber);
    assert.equal(restored.id, chart.id);
    assert.equal((await client.charts.get.query({ id: chart.id })).plotlyConfig.data[0]!.type, 'bar');

    const v1 = await provider.createDashboardVersion(dashboard.id, 'one placement');
    await provider.removePlacement(placement.id);
    const back = await provider.restoreDashboardVersion(dashboard.id, v1.versionNumber);
    assert.equal(back.tabs[0]!.placements.length, 1);

    const share = await provider.createShare({
      resourceType: 'dashboard',
      resourceId: dashboard.id,
      permissions: { view: true, allowedOrigins: ['https://example.com'] },
    });
    const anonymous = createOcpProvider(createOcpClient({ url }));
    const shared = await anonymous.resolveShare(share.token);
    assert.equal(shared.resourceType, 'dashboard');
    assert.deepEqual(shared.permissions.allowedOrigins, ['https://example.com']);
    const sharedData = await anonymous.shareChartData(share.token, chart.id);
    assert.equal(sharedData.traces.length, 1);
    assert.equal((await provider.listShares({ resourceType: 'dashboard', resourceId: dashboard.id })).length, 1);
    await provider.revokeShare(share.id);
    await assert.rejects(anonymous.resolveShare(share.token), { code: 'NOT_FOUND' });
  });

  test('workspace: list, search, favorite, folder tree', async () => {
    const client = createOcpClient({ url, getToken: () => token });
    const provider = createOcpProvider(client);
    const item = await client.workspace.items.create.mutate({
      itemType: 'note',
      title: 'Quarterly notes',
      content: {},
    });
    const found = await provider.searchWorkspace({ q: 'quarterly' });
    assert.ok(found.some((i) => i.id === item.id));
    const fav = await provider.updateWorkspaceItem(item.id, { isFavorite: true, tags: ['q3'] });
    assert.equal(fav.isFavorite, true);
    assert.ok((await provider.listWorkspace({ favoritesOnly: true })).some((i) => i.id === item.id));
    assert.ok((await provider.listWorkspace({ itemType: 'note' })).every((i) => i.itemType === 'note'));
    assert.equal((await provider.listWorkspace({ itemType: 'dataset' })).length, 0);
    assert.ok(Array.isArray(await provider.folderTree()));
  });

  test('chat: sendChat resolves with the assistant’s reply (the stream’s last event); confirmChat decides what it asked', async () => {
    const provider = createOcpProvider(createOcpClient({ url, getToken: () => token, EventSource }));
    const session = await provider.createChatSession({ title: 'Provider chat', contextType: 'global' });
    const stop = new AbortController();
    const streamed = (async () => {
      for await (const e of provider.streamChat({ sessionId: session.id, signal: stop.signal })) {
        if (e.type === 'done') return e.message;
      }
      return null;
    })();
    const reply = await provider.sendChat({ sessionId: session.id, content: 'hello' });
    assert.equal(reply.role, 'assistant');
    assert.match(reply.content.text, /^I am the built-in offline agent/);
    assert.deepEqual(await streamed, reply);
    stop.abort();
    // An action the agent only asks for runs on confirmChat.
    // The chart is a draft until the user applies it; then asking to publish it needs a confirmation.
    const proposed = await provider.sendChat({
      sessionId: session.id,
      content: 'bar chart of sales by region\nregion,sales\nN,3\nS,5',
    });
    await provider.decideChanges({
      sessionId: session.id,
      changeSetId: proposed.content.changeSet!.id,
      decision: 'apply',
    });
    const asked = await provider.sendChat({ sessionId: session.id, content: 'make it public' });
    const [confirmation] = asked.content.confirmations!;
    const chartId = String(confirmation!.arguments.id);
    const client = createOcpClient({ url, getToken: () => token });
    assert.equal((await client.charts.get.query({ id: chartId })).isPublic, false);
    const decided = await provider.confirmChat({ sessionId: session.id, confirmationId: confirmation!.id });
    assert.deepEqual([decided.status, decided.result], ['confirmed', { chartId, isPublic: true }]);
    assert.equal((await client.charts.get.query({ id: chartId })).isPublic, true);
    await assert.rejects(provider.confirmChat({ sessionId: session.id, confirmationId: confirmation!.id }), {
      code: 'CONFLICT',
    });
    const stored = await provider.getChatSession(session.id);
    assert.deepEqual(
      stored.messages.slice(0, 2).map((m) => [m.role, m.id === reply.id ? 'reply' : m.content.text]),
      [
        ['user', 'hello'],
        ['assistant', 'reply'],
      ],
    );
  });
});
