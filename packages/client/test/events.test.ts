import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { DashboardEvent } from '@ocp/contract';
import { installSystemTemplates } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { createOcpServer } from '@ocp/server';
import { EventSource } from 'eventsource';
import { createOcpClient, createOcpProvider } from '../src/index.js';

/** subscribeDashboard against the real server's events.dashboard (the stand-in router tests cover the link alone). */
describe('createOcpProvider().subscribeDashboard on the real server', () => {
  let db: TestDb;
  let server: http.Server;
  let url: string;
  const tokens: Record<string, string> = {};

  before(async () => {
    db = await createTestDb();
    await installSystemTemplates(db.db);
    const ocp = createOcpServer({ db: db.db });
    server = http.createServer((req, res) => ocp.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
    for (const name of ['owner', 'stranger']) {
      const anon = createOcpClient({ url });
      const account = { email: `${name}-events@example.com`, password: 'correct horse battery' };
      // Sign-up answers the same for new and taken addresses (no token); the new account signs in next.
      await anon.auth.signUp.mutate({ ...account, displayName: name });
      tokens[name] = (await anon.auth.signIn.mutate(account)).token;
    }
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db.close();
  });

  test('delivers the events of a change made elsewhere, untracked, and stops on unsubscribe', async () => {
    const client = createOcpClient({ url, getToken: () => tokens.owner, EventSource });
    const templates = await client.templates.list.query();
    const grid = templates.find((t) => t.name === '2×2 grid') ?? templates[0]!;
    const dashboard = await client.dashboards.create.mutate({ title: 'Live', templateId: grid.id });
    const chart = await client.charts.create.mutate({
      title: 'Sales',
      chartType: 'bar',
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: { kind: 'inline', columns: { m: ['a', 'b'], v: [1, 2] }, mapping: { x: 'm', y: ['v'] } },
    });
    const tab = dashboard.tabs[0]!;

    const events: DashboardEvent[] = [];
    const errors: Error[] = [];
    const provider = createOcpProvider(client, { onLiveError: (e) => errors.push(e) });
    let resolveFirst!: () => void;
    const first = new Promise<void>((r) => {
      resolveFirst = r;
    });
    const stop = provider.subscribeDashboard!(dashboard.id, (e) => {
      events.push(e);
      resolveFirst();
    });
    // The provider does not say when the stream is up; a change committed before that is not promised, so edit the
    // placement until the first event arrives.
    const placement = await client.placements.place.mutate({ tabId: tab.id, slotKey: 'top-left', chartId: chart.id });
    const until = Date.now() + 5000;
    while (!events.length && Date.now() < until) {
      await Promise.race([first, new Promise((r) => setTimeout(r, 150))]);
      if (!events.length) await client.placements.update.mutate({ id: placement.id, customizations: {} });
    }
    const got = events[0] as Extract<DashboardEvent, { type: 'placement' }>;
    const { placement: carried, ...names } = got as typeof got & { placement?: { id: string } };
    assert.equal(carried?.id, placement.id, 'the event carries the placement');
    assert.deepEqual(
      { ...names, action: 'placed|updated' },
      {
        type: 'placement',
        dashboardId: dashboard.id,
        tabId: tab.id,
        action: 'placed|updated',
        placementId: placement.id,
      },
    );
    assert.ok(got.action === 'placed' || got.action === 'updated', got.action);
    await new Promise((r) => setTimeout(r, 300)); // let any in-flight edit arrive
    const seen = events.length;
    stop();
    await client.charts.update.mutate({ id: chart.id, title: 'After stop' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(events.length, seen);
    assert.deepEqual(errors, []);
  });

  test("another user's dashboard ends the subscription with NOT_FOUND through onLiveError", async () => {
    const owner = createOcpClient({ url, getToken: () => tokens.owner, EventSource });
    const [template] = await owner.templates.list.query();
    const dashboard = await owner.dashboards.create.mutate({ title: 'Private', templateId: template!.id });
    const stranger = createOcpClient({ url, getToken: () => tokens.stranger, EventSource });
    const error = await new Promise<Error & { code?: string }>((resolve) => {
      createOcpProvider(stranger, { onLiveError: resolve }).subscribeDashboard!(dashboard.id, () => {});
    });
    assert.equal(error.code, 'NOT_FOUND');
    const anonymous = createOcpClient({ url, EventSource });
    const unauthorized = await new Promise<Error & { code?: string }>((resolve) => {
      createOcpProvider(anonymous, { onLiveError: resolve }).subscribeDashboard!(dashboard.id, () => {});
    });
    assert.equal(unauthorized.code, 'UNAUTHORIZED');
  });
});
