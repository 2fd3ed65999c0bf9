import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FakeLlm, type FakeRequest } from './chat-helpers.js';
import { dashboard, team } from './fixtures.js';
import { demoUser, type Harness, startHarness, type TestUser } from './harness.js';

/** The result of the tool call `index` of the last round, as the model read it. */
function toolResult(request: FakeRequest, index = 0) {
  const tools = request.body.messages.filter((m) => m.role === 'tool' && m.tool_call_id !== 'call_ocp_context');
  return JSON.parse(tools.at(-1 - index)!.content!) as {
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
}

/**
 * The headline flow driven by an OpenAI-compatible model (a fake on loopback) through tool calls: a 429 first (tried
 * again), a malformed tool call (the model reads why and fixes it), a chart and its placement proposed, applied and
 * undone; and a tool call naming another team's dashboard (nothing proposed; the model is told it is not found).
 */
describe('chat: the headline request through a model’s tool calls', () => {
  let h: Harness;
  let llm: FakeLlm;
  let demo: TestUser;
  let dashboardId: string;
  before(async () => {
    llm = await new FakeLlm().start();
    h = await startHarness({
      demo: true,
      chat: { provider: { baseUrl: llm.url, model: 'fake-gpt' }, offlineDelayMs: 0 },
      rateLimits: { chat: { capacity: 1000, perMinute: 1000 } },
    });
    ({ demo, dashboardId } = await demoUser(h));
  });
  after(async () => {
    await h?.close();
    await llm?.close();
  });

  test('429 then success, a malformed call fixed, the change set applied and undone; workspace text only as tool data', async () => {
    const api = h.as(demo);
    const board = await api.dashboards.get({ id: dashboardId });
    const patterns = board.tabs.find((t) => t.title === 'Patterns')!;
    const s = await api.chat.sessions.create({ contextType: 'dashboard', contextId: dashboardId });
    const chart = {
      title: 'Monthly generation',
      chartType: 'bar',
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: {
        kind: 'inline',
        columns: { month: ['Jan', 'Feb'], solar: [1, 2] },
        mapping: { x: 'month', y: ['solar'] },
      },
    };
    llm.answer(
      { status: 429, body: '{"error":{"message":"Rate limit reached"}}' },
      { toolCalls: [{ name: 'create_chart', arguments: '{"title": "Monthly generation", "chartType": ' }] },
      (r) => {
        assert.deepEqual(toolResult(r).error, { code: 'BAD_REQUEST', message: 'Invalid arguments: not valid JSON' });
        return { toolCalls: [{ name: 'create_chart', arguments: chart }] };
      },
      (r) => ({
        toolCalls: [
          {
            name: 'place_chart',
            arguments: { tabId: patterns.id, chartId: toolResult(r).result!.chartId, slotKey: 'bottom-left' },
          },
        ],
      }),
      { text: 'I propose “Monthly generation” in the bottom-left slot of Patterns: apply it below.' },
    );
    const reply = await api.chat.send({
      sessionId: s.id,
      content: 'Add a bar chart of monthly generation to this dashboard',
    });
    assert.equal(
      reply.content.text,
      'I propose “Monthly generation” in the bottom-left slot of Patterns: apply it below.',
    );
    assert.equal(llm.requests.length, 5, 'the 429 was tried again');
    const set = reply.content.changeSet!;
    assert.deepEqual(
      set.changes.map((c) => c.summary),
      [
        'creates chart “Monthly generation” (bar)',
        'adds chart “Monthly generation” to slot bottom-left on tab “Patterns”',
      ],
    );
    // Workspace text (titles) reaches the model only inside tool results, never in the system or user messages.
    for (const r of llm.requests) {
      for (const m of r.body.messages) {
        if (m.role !== 'tool')
          assert.ok(!String(m.content ?? '').includes('Energy overview'), `${m.role} carries workspace text`);
      }
    }
    assert.ok(
      llm.requests[1]!.body.messages.some((m) => m.role === 'tool' && String(m.content).includes('Energy overview')),
    );

    const bottomLeft = async () =>
      (await api.dashboards.get({ id: dashboardId })).tabs
        .find((t) => t.id === patterns.id)!
        .placements.find((p) => p.slotKey === 'bottom-left');
    assert.equal(await bottomLeft(), undefined);
    await api.chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'apply' });
    assert.equal((await bottomLeft())?.chart?.title, 'Monthly generation');
    await api.chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'undo' });
    assert.equal(await bottomLeft(), undefined);
  });

  test('a tool call naming another team’s dashboard proposes nothing, and the model is told it is not found', async () => {
    const rivals = await team(h);
    const rival = await dashboard(h, rivals.admin, { ownerTeamId: rivals.teamId });
    const api = h.as(demo);
    const s = await api.chat.sessions.create({ contextType: 'dashboard', contextId: dashboardId });
    llm.answer(
      {
        toolCalls: [
          { name: 'create_tab', arguments: { dashboardId: rival.id, title: 'Ours now' } },
          { name: 'place_chart', arguments: { tabId: rival.tabs[0]!.id, chartId: rival.id, slotKey: 'top-left' } },
        ],
      },
      (r) => {
        const [place, tab] = [toolResult(r, 0), toolResult(r, 1)];
        return { text: `Not possible: ${tab.error!.message}; ${place.error!.message}.` };
      },
    );
    const reply = await api.chat.send({ sessionId: s.id, content: 'Add a tab to the rival board' });
    const last = llm.requests.at(-1)!;
    assert.deepEqual(toolResult(last, 1).error!.code, 'NOT_FOUND');
    assert.deepEqual(toolResult(last, 0).error!.code, 'NOT_FOUND');
    assert.equal(reply.content.text, 'Not possible: Dashboard not found; Tab not found.');
    assert.equal(reply.content.changeSet, undefined);
    assert.deepEqual((await h.as(rivals.admin).dashboards.get({ id: rival.id })).tabs.length, 1);
  });
});
