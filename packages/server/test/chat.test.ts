import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatMessageView, ChatStreamEvent } from '@ocp/contract';
import { OFFLINE_MODEL } from '@ocp/db';
import { openStream } from './chat-helpers.js';
import { addMember, dashboard, randomId } from './fixtures.js';
import { codeOf, type Harness, startHarness, type TestUser } from './harness.js';

describe('chat: sessions, the offline agent, models', () => {
  let h: Harness;
  before(async () => {
    // No provider whatever the environment says, and no pause between streamed words.
    h = await startHarness({ chat: { provider: null, offlineDelayMs: 0 } });
  });
  after(() => h?.close());

  const session = async (who: TestUser, input: Record<string, unknown> = {}) =>
    await h.as(who).chat.sessions.create(input);
  /** Sends, then applies what the reply proposed (as the user would), and returns the reply as stored then. */
  const send = async (who: TestUser, sessionId: string, content: string) => {
    const reply = await h.as(who).chat.send({ sessionId, content });
    const set = reply.content.changeSet;
    if (!set) return reply;
    await h.as(who).chat.changes.decide({ sessionId, changeSetId: set.id, decision: 'apply' });
    return (await h.as(who).chat.sessions.get({ id: sessionId })).messages.find((m) => m.id === reply.id)!;
  };
  const sites = async (who: TestUser) =>
    await h.as(who).workspace.items.create({
      itemType: 'dataset',
      title: 'Site readings',
      content: {
        format: 'columnar',
        columns: {
          site: ['North plant', 'South campus', 'North plant', 'East depot'],
          capacityKw: [900, 550, 100, 300],
        },
      },
    });

  test('models.list offers the offline model, with public capabilities only', async () => {
    const me = await h.user('models');
    const models = await h.as(me).models.list();
    assert.deepEqual(
      models.map((m) => [m.id, m.provider, m.modelId, m.isActive]),
      [[OFFLINE_MODEL.id, 'ocp', 'offline', true]],
    );
    assert.equal(models[0]!.capabilities.offline, true);
    assert.equal(await codeOf(h.as(null).models.list()), 'UNAUTHORIZED');
  });

  test('sessions: create, list (by context), get with messages, delete', async () => {
    const me = await h.user('sessions');
    const d = await dashboard(h, me);
    const a = await session(me, { title: 'About D', contextType: 'dashboard', contextId: d.id });
    const b = await session(me);
    assert.deepEqual([a.title, a.contextType, a.contextId], ['About D', 'dashboard', d.id]);
    assert.deepEqual([b.title, b.contextType, b.contextId], ['New chat', null, null]);
    const listed = await h.as(me).chat.sessions.list();
    assert.deepEqual(listed.map((s) => s.id).sort(), [a.id, b.id].sort());
    const about = await h.as(me).chat.sessions.list({ contextType: 'dashboard', contextId: d.id });
    assert.deepEqual(
      about.map((s) => s.id),
      [a.id],
    );
    await send(me, b.id, 'hello');
    const got = await h.as(me).chat.sessions.get({ id: b.id });
    assert.deepEqual(
      got.messages.map((m) => m.role),
      ['user', 'assistant'],
    );
    assert.equal(got.title, 'hello', 'a "New chat" is named after its first message');
    await h.as(me).chat.sessions.delete({ id: b.id });
    assert.equal(await codeOf(h.as(me).chat.sessions.get({ id: b.id })), 'NOT_FOUND');
    // Context must be visible; contextId goes with dashboard/dataset only.
    const other = await h.user('sessions-other');
    const theirs = await dashboard(h, other);
    assert.equal(
      await codeOf(h.as(me).chat.sessions.create({ contextType: 'dashboard', contextId: theirs.id })),
      'NOT_FOUND',
    );
    assert.equal(await codeOf(h.as(me).chat.sessions.create({ contextType: 'dashboard' })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).chat.sessions.create({ contextType: 'global', contextId: d.id })),
      'BAD_REQUEST',
    );
  });

  test('sessions are private: another user gets exactly the answer of a random id', async () => {
    const me = await h.user('private');
    const other = await h.user('private-other');
    const mine = await session(me);
    await send(me, mine.id, 'hello');
    const random = randomId();
    for (const [path, input] of [
      ['chat.sessions.get', (id: string) => ({ id })],
      ['chat.sessions.delete', (id: string) => ({ id })],
      ['chat.send', (id: string) => ({ sessionId: id, content: 'hi' })],
    ] as const) {
      const theirs = await h.call(other, path, input(mine.id));
      const none = await h.call(other, path, input(random));
      assert.equal(theirs.code, 'NOT_FOUND', path);
      assert.equal(theirs.status, none.status, path);
      assert.equal(theirs.text.replace(mine.id, random), none.text, `${path}: byte for byte`);
    }
    const list = await h.as(other).chat.sessions.list();
    assert.equal(list.length, 0);
    // The stream too: the same serialized error for someone else's session and a random id.
    const errorOf = async (id: string) => {
      const res = await fetch(
        `${h.url}/trpc/chat.stream?input=${encodeURIComponent(JSON.stringify({ sessionId: id }))}`,
        {
          headers: { authorization: `Bearer ${other.token}` },
        },
      );
      const text = await res.text();
      return text.slice(text.indexOf('event: serialized-error'));
    };
    const [theirStream, randomStream] = [await errorOf(mine.id), await errorOf(random)];
    assert.match(theirStream, /NOT_FOUND/);
    assert.equal(theirStream, randomStream);
    // The owner's session still has its two messages.
    const got = await h.as(me).chat.sessions.get({ id: mine.id });
    assert.equal(got.messages.length, 2);
  });

  test('inputs are bounded', async () => {
    const me = await h.user('bounds');
    const s = await session(me);
    assert.equal(await codeOf(h.as(me).chat.send({ sessionId: s.id, content: 'x'.repeat(8001) })), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).chat.send({ sessionId: s.id, content: '   ' })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).chat.send({ sessionId: s.id, content: 'hi', extra: 1 } as never)),
      'BAD_REQUEST',
    );
    assert.equal(await codeOf(h.as(me).chat.sessions.create({ title: 'x'.repeat(201) })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).chat.send({ sessionId: s.id, content: 'hi', modelId: randomId() })),
      'NOT_FOUND',
    );
    assert.equal(
      await codeOf(h.as(me).chat.send({ sessionId: s.id, content: 'hi', agentId: randomId() })),
      'NOT_FOUND',
    );
  });

  test('offline agent: "bar chart of X by Y" from a dataset, deterministically, into the workspace', async () => {
    const me = await h.user('offline-bar');
    const dataset = await sites(me);
    const s = await session(me);
    const stream = await openStream(h, me, { sessionId: s.id });
    const reply = await send(me, s.id, 'Bar chart of capacity by site');
    assert.equal(reply.role, 'assistant');
    assert.equal(reply.llmModelId, OFFLINE_MODEL.id);
    assert.equal(
      reply.content.text,
      'New chart “Capacity by site”: a bar chart of capacityKw by site, from the dataset “Site readings”.',
    );
    const [item] = reply.createdItems!;
    assert.deepEqual(
      { ...item, id: undefined },
      { type: 'chart', id: undefined, title: 'Capacity by site', chartType: 'bar' },
    );
    assert.equal((reply.outputRouting as { destination: string }).destination, 'workspace');

    // The chart is the user's, reads the dataset, and sums per site.
    const chart = await h.as(me).charts.get({ id: item!.id });
    assert.equal(chart.ownerUserId, me.id);
    assert.deepEqual(chart.dataSourceConfig, {
      kind: 'dataset',
      datasetId: dataset.id,
      mapping: { x: 'site', y: ['capacityKw'] },
      transforms: [{ type: 'aggregate', groupBy: ['site'], measures: [{ column: 'capacityKw', op: 'sum' }] }],
    });
    const data = await h.as(me).charts.data({ chartId: chart.id });
    const trace = data.traces[0] as { x: string[]; y: number[]; type: string };
    assert.equal(trace.type, 'bar');
    assert.deepEqual(Object.fromEntries(trace.x.map((x, i) => [x, trace.y[i]])), {
      'North plant': 1000,
      'South campus': 550,
      'East depot': 300,
    });

    // In the workspace, pointing back at the reply.
    const items = await h.as(me).workspace.items.list({ itemType: 'chart' });
    const entry = items.find((i) => i.referenceId === chart.id)!;
    assert.equal(entry.createdFromMessageId, reply.id);
    assert.ok(entry.tags.includes('chat'));

    // The stream saw the tool call, the created item, the words and the stored reply.
    await stream.until((s) => s.chat().some((e) => e.type === 'done'));
    const events = stream.chat();
    await stream.close();
    // Proposed (the change set after the words), then stored; the chart was made when the set was applied.
    assert.deepEqual([...new Set(events.map((e) => e.type))], ['tool-call', 'delta', 'change-set', 'done']);
    assert.equal(
      events
        .filter((e): e is ChatStreamEvent & { type: 'delta' } => e.type === 'delta')
        .map((e) => e.text)
        .join(''),
      reply.content.text,
    );
    assert.deepEqual((events.at(-1) as { message: ChatMessageView }).message.content.text, reply.content.text);
    assert.ok(
      events.every((e, i) => e.id === `${reply.id}.${i + 1}`),
      'tracked ids <messageId>.<n>',
    );

    // The same request again reuses the chart this chat made: no copy.
    const again = await send(me, s.id, 'Bar chart of capacity by site');
    assert.equal(again.content.text, 'I already made “Capacity by site” in this chat, so I did not make a copy.');
    assert.equal(again.createdItems, null);
    assert.equal((await h.as(me).charts.list({})).filter((c) => c.title === 'Capacity by site').length, 1);
  });

  test('offline agent: pasted CSV, pie and line charts, averages, and help', async () => {
    const me = await h.user('offline-csv');
    const s = await session(me);
    const reply = await send(
      me,
      s.id,
      'pie chart of average sales by region\nregion,sales\nNorth,10\nSouth,20\nNorth,30',
    );
    assert.match(
      reply.content.text,
      /^New chart “Average sales by region”: a pie chart of average of sales by region, from the data in your message/,
    );
    const chart = await h.as(me).charts.get({ id: reply.createdItems![0]!.id });
    assert.equal(chart.chartType, 'pie');
    const data = await h.as(me).charts.data({ chartId: chart.id });
    const pie = data.traces[0] as { labels: string[]; values: number[] };
    assert.deepEqual(Object.fromEntries(pie.labels.map((l, i) => [l, pie.values[i]])), { North: 20, South: 20 });

    const help = await send(me, s.id, 'What is the meaning of life?');
    assert.match(help.content.text, /^I am the built-in offline agent/);
    assert.equal(help.createdItems, null);

    const missing = await send(me, s.id, 'line chart of revenue by quarter');
    assert.match(missing.content.text, /^I could not find data for “revenue by quarter”\. What I can chart: /);
    assert.equal(missing.createdItems, null);
  });

  test('offline agent: "add it to the top-left slot" places the chat’s chart on the session’s dashboard', async () => {
    const me = await h.user('offline-place');
    await sites(me);
    const d = await dashboard(h, me); // 2×2 grid
    const s = await session(me, { contextType: 'dashboard', contextId: d.id });
    const none = await send(me, s.id, 'add it to the top-left slot');
    assert.match(none.content.text, /^I have not made a chart in this chat yet/);

    const made = await send(me, s.id, 'bar chart of capacity by site');
    assert.match(made.content.text, /Say “put it on the dashboard” or “add it to the … slot” to place it\.$/);
    const chartId = made.createdItems![0]!.id;
    // Unknown slot names list the real ones, by label and key.
    const unknown = await send(me, s.id, 'put it in the middle slot');
    assert.equal(
      unknown.content.text,
      'No tab of this dashboard has a slot called “middle”. The slots of “Overview”: top left (top-left), top right (top-right), bottom left (bottom-left), bottom right (bottom-right).',
    );
    const placed = await send(me, s.id, 'Add it to the top left slot');
    assert.equal(placed.content.text, 'It goes in the top left slot (top-left) of the tab “Overview”.');
    const routing = placed.outputRouting as { destination: string; routes: Array<Record<string, unknown>> };
    assert.equal(routing.destination, 'slot');
    assert.deepEqual(
      { ...routing.routes[0], placementId: undefined },
      {
        to: 'slot',
        type: 'chart',
        id: chartId,
        dashboardId: d.id,
        tabId: d.tabs[0]!.id,
        slotKey: 'top-left',
        placementId: undefined,
      },
    );
    const board = await h.as(me).dashboards.get({ id: d.id });
    assert.deepEqual(
      board.tabs[0]!.placements.map((p) => [p.slotKey, p.chartId]),
      [['top-left', chartId]],
    );

    // Placed already: said, not tried again; no slot named: the first free one that accepts it.
    const again = await send(me, s.id, 'add it to the top-left slot');
    assert.equal(
      again.content.text,
      '“Capacity by site” is already in the top left slot (top-left) of the tab “Overview”.',
    );
    const anywhere = await send(me, s.id, 'bar chart of average capacity by site and add it to the dashboard');
    assert.match(anywhere.content.text, /It goes in the top right slot \(top-right\) of the tab “Overview”\.$/);
  });

  test('offline agent acts with the caller’s permissions: a viewer cannot place on a team dashboard', async () => {
    const admin = await h.user('perm-admin');
    const viewer = await h.user('perm-viewer');
    const team = await h.as(admin).teams.create({ name: 'T' });
    await addMember(h, admin, team.id, viewer, 'viewer');
    const d = await dashboard(h, admin, { ownerTeamId: team.id });
    await sites(viewer);
    const s = await session(viewer, { contextType: 'dashboard', contextId: d.id });
    await send(viewer, s.id, 'bar chart of capacity by site');
    const placed = await send(viewer, s.id, 'add it to the top-left slot');
    assert.equal(placed.content.text, 'You can only view “D”, so I cannot change it.');
    const board = await h.as(admin).dashboards.get({ id: d.id });
    assert.equal(board.tabs[0]!.placements.length, 0);
  });

  test('offline agent: what data do I have, and a new dashboard', async () => {
    const me = await h.user('offline-data');
    await sites(me);
    const s = await session(me);
    const data = await send(me, s.id, 'What data do I have?');
    assert.match(data.content.text, /Dataset “Site readings”, 4 rows: site \(string\), capacityKw \(number\)/);
    const made = await send(me, s.id, 'Create a dashboard called "Energy overview"');
    assert.equal(
      made.content.text,
      'New dashboard “Energy overview” on the “2×2 grid” template (slots: top-left, top-right, bottom-left, bottom-right).',
    );
    const [item] = made.createdItems!;
    assert.equal(item!.type, 'dashboard');
    assert.equal((await h.as(me).dashboards.get({ id: item!.id })).title, 'Energy overview');
  });
});
