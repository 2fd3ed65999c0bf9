import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { codeOf, demoUser, type Harness, startHarness, type TestUser } from './harness.js';

/** AI edits are drafts (issue 14): proposed by a reply, written only when the user applies them, undone in one step. */
describe('chat: change sets (proposed, applied, undone)', () => {
  let h: Harness;
  let demo: TestUser;
  let dashboardId: string;
  before(async () => {
    h = await startHarness({
      demo: true,
      chat: { provider: null, offlineDelayMs: 0 },
      rateLimits: { chat: { capacity: 1000, perMinute: 1000 } },
    });
    ({ demo, dashboardId } = await demoUser(h));
  });
  after(() => h?.close());

  const patterns = async () =>
    (await h.as(demo).dashboards.get({ id: dashboardId })).tabs.find((t) => t.title === 'Patterns')!;
  const chartsTitled = async (title: string) => (await h.as(demo).charts.list({})).filter((c) => c.title === title);

  test('the headline request is proposed, previewed, applied, and undone in one step', async () => {
    const api = h.as(demo);
    const s = await api.chat.sessions.create({ contextType: 'dashboard', contextId: dashboardId });
    const reply = await api.chat.send({
      sessionId: s.id,
      content: 'Add a bar chart of monthly generation to this dashboard',
    });
    const set = reply.content.changeSet!;
    assert.equal(set.status, 'pending');
    assert.deepEqual(
      set.changes.map((c) => c.summary),
      [
        'creates chart “Monthly generation” (bar)',
        'adds chart “Monthly generation” to slot bottom-left on tab “Patterns”',
      ],
    );
    // Nothing is written by the reply.
    assert.deepEqual((await patterns()).placements.map((p) => p.slotKey).sort(), ['top-left', 'top-right']);
    assert.equal((await chartsTitled('Monthly generation')).length, 0);
    assert.equal(reply.createdItems, null);

    // The preview: the dashboard as it would be, the slot marked, the new chart drawn.
    const preview = await api.chat.changes.preview({ sessionId: s.id, changeSetId: set.id });
    const tab = preview.dashboard!.tabs.find((t) => t.title === 'Patterns')!;
    const added = tab.placements.find((p) => p.slotKey === 'bottom-left')!;
    assert.equal(added.chart?.title, 'Monthly generation');
    assert.deepEqual(
      preview.marks.map((m) => [m.tabId, m.slotKey, m.change]),
      [[tab.id, 'bottom-left', 'added']],
    );
    const figure = preview.figures[added.chartId]!;
    assert.deepEqual(
      figure.data.map((t) => t.name),
      ['solar', 'wind', 'grid'],
    );
    assert.equal((figure.data[0] as { x: unknown[] }).x.length, 12);
    assert.equal((await chartsTitled('Monthly generation')).length, 0, 'a preview writes nothing');

    // Applied: written as the user; the reply now lists what it made.
    const applied = await api.chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'apply' });
    assert.equal(applied.status, 'applied');
    const [chart] = await chartsTitled('Monthly generation');
    assert.ok(chart);
    assert.equal((await patterns()).placements.find((p) => p.slotKey === 'bottom-left')?.chartId, chart.id);
    const stored = (await api.chat.sessions.get({ id: s.id })).messages.at(-1)!;
    assert.deepEqual(
      stored.createdItems?.map((i) => [i.type, i.id]),
      [['chart', chart.id]],
    );
    assert.equal(stored.content.changeSet?.status, 'applied');
    assert.equal(
      await codeOf(api.chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'apply' })),
      'CONFLICT',
    );

    // A follow-up change to the applied chart is a change set too; undo restores the chart's version.
    const pie = await api.chat.send({ sessionId: s.id, content: 'make it a pie' });
    assert.equal((await api.charts.get({ id: chart.id })).chartType, 'bar');
    await api.chat.changes.decide({ sessionId: s.id, changeSetId: pie.content.changeSet!.id, decision: 'apply' });
    assert.equal((await api.charts.get({ id: chart.id })).chartType, 'pie');
    await api.chat.changes.decide({ sessionId: s.id, changeSetId: pie.content.changeSet!.id, decision: 'undo' });
    assert.equal((await api.charts.get({ id: chart.id })).chartType, 'bar');

    // Undo of the first set: the placement and the chart are gone.
    const undone = await api.chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'undo' });
    assert.equal(undone.status, 'undone');
    assert.deepEqual((await patterns()).placements.map((p) => p.slotKey).sort(), ['top-left', 'top-right']);
    assert.equal((await chartsTitled('Monthly generation')).length, 0);
    assert.equal(
      await codeOf(api.chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'undo' })),
      'CONFLICT',
    );
  });

  test('discard writes nothing; a set that no longer fits fails whole; only the session’s user decides', async () => {
    const api = h.as(demo);
    const s = await api.chat.sessions.create({ contextType: 'dashboard', contextId: dashboardId });
    const first = await api.chat.send({
      sessionId: s.id,
      content: 'Add a bar chart of monthly generation to this dashboard',
    });
    const discarded = await api.chat.changes.decide({
      sessionId: s.id,
      changeSetId: first.content.changeSet!.id,
      decision: 'discard',
    });
    assert.equal(discarded.status, 'discarded');
    assert.equal(
      await codeOf(api.chat.changes.decide({ sessionId: s.id, changeSetId: discarded.id, decision: 'apply' })),
      'CONFLICT',
    );

    const other = await h.user('intruder');
    const second = await api.chat.send({
      sessionId: s.id,
      content: 'Add a bar chart of monthly generation to this dashboard',
    });
    const id = second.content.changeSet!.id;
    assert.equal(
      await codeOf(h.as(other).chat.changes.decide({ sessionId: s.id, changeSetId: id, decision: 'apply' })),
      'NOT_FOUND',
    );
    assert.equal(await codeOf(h.as(other).chat.changes.preview({ sessionId: s.id, changeSetId: id })), 'NOT_FOUND');

    // The slot is taken by hand before the user applies: nothing of the set is written.
    const mix = (await api.charts.list({})).find((c) => c.title === 'Generation mix')!;
    const tab = await patterns();
    const taken = await api.placements.place({ tabId: tab.id, slotKey: 'bottom-left', chartId: mix.id });
    assert.equal(
      await codeOf(api.chat.changes.decide({ sessionId: s.id, changeSetId: id, decision: 'apply' })),
      'CONFLICT',
    );
    assert.equal((await chartsTitled('Monthly generation')).length, 0);
    const stored = (await api.chat.sessions.get({ id: s.id })).messages.at(-1)!;
    assert.equal(stored.content.changeSet?.status, 'pending');
    await api.placements.remove({ id: taken.id });
  });
});
