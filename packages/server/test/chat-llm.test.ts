import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ChatMessageView } from '@ocp/contract';
import { llmModels, OFFLINE_MODEL } from '@ocp/db';
import { SYSTEM_RULES } from '../src/chat/agent.js';
import { configureChat } from '../src/chat/runtime.js';
import { FakeLlm, type FakeRequest, openStream } from './chat-helpers.js';
import { chart, chartInput, team } from './fixtures.js';
import { codeOf, type Harness, ok, startHarness, type TestUser } from './harness.js';

/** The tool message the model got back for its call, parsed. */
function toolResult(request: FakeRequest, index = 0) {
  const tools = request.body.messages.filter((m) => m.role === 'tool');
  return JSON.parse(tools[index]!.content!) as {
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
}

describe('chat with an OpenAI-compatible provider (a fake one on loopback)', () => {
  let h: Harness;
  let llm: FakeLlm;
  const configure = (extra: Record<string, unknown> = {}) =>
    configureChat(h.runtime.chat, {
      provider: { baseUrl: llm.url, apiKey: 'sk-test-secret', model: 'fake-gpt' },
      offlineDelayMs: 0,
      ...extra,
    });

  before(async () => {
    llm = await new FakeLlm().start();
    h = await startHarness();
  });
  beforeEach(() => configure());
  after(async () => {
    await h?.close();
    await llm?.close();
  });

  const session = async (who: TestUser, input: Record<string, unknown> = {}) =>
    await h.as(who).chat.sessions.create(input);

  test('models.list shows the configured model beside the offline one, without endpoint or key', async () => {
    const me = await h.user('models');
    const models = await h.as(me).models.list();
    assert.deepEqual(
      models.map((m) => [m.provider, m.modelId]),
      [
        ['ocp', 'offline'],
        ['openai-compatible', 'fake-gpt'],
      ],
    );
    const text = (await h.call(me, 'models.list')).text;
    assert.ok(!text.includes('sk-test-secret') && !text.includes(llm.url));
  });

  test('token deltas reach chat.stream as they are produced, then the stored reply', async () => {
    const me = await h.user('stream');
    const s = await session(me);
    // The token as tRPC's connection params, as EventSource-based clients send it.
    const stream = await openStream(h, me, { sessionId: s.id }, 'connectionParams');
    llm.answer({ text: 'Hello! I can build charts from your data.' });
    const reply = await h.as(me).chat.send({ sessionId: s.id, content: 'Hi there' });
    assert.equal(reply.content.text, 'Hello! I can build charts from your data.');
    assert.equal(reply.role, 'assistant');
    await stream.until((x) => x.chat().some((e) => e.type === 'done'));
    const events = stream.chat();
    await stream.close();
    const deltas = events.filter((e) => e.type === 'delta');
    assert.ok(deltas.length >= 10, `streamed in pieces (${deltas.length})`);
    assert.equal(deltas.map((e) => (e as { text: string }).text).join(''), reply.content.text);
    assert.deepEqual((events.at(-1) as { message: ChatMessageView }).message, reply);

    // The request upstream: the model, streaming, bearer key, our system prompt + the user message, every tool.
    const request = llm.requests.at(-1)!;
    assert.equal(request.authorization, 'Bearer sk-test-secret');
    assert.equal(request.body.model, 'fake-gpt');
    assert.equal(request.body.stream, true);
    assert.deepEqual(
      request.body.messages.map((m) => [m.role, m.content]),
      [
        ['system', SYSTEM_RULES],
        ['user', 'Hi there'],
      ],
    );
    assert.deepEqual(request.body.tools!.map((t) => t.function.name).sort(), [
      'create_chart',
      'create_dashboard',
      'create_share_link',
      'create_tab',
      'create_template',
      'describe_data',
      'get_context',
      'move_chart',
      'place_chart',
      'remove_chart',
      'search_workspace',
      'set_tab_template',
      'set_visibility',
      'update_chart',
    ]);
    // Reply and model are recorded on the message.
    const model = (await h.as(me).models.list()).find((m) => m.modelId === 'fake-gpt')!;
    assert.equal(reply.llmModelId, model.id);
  });

  test('a tool call creates a chart the user can see, in the workspace with created_from_message_id', async () => {
    const me = await h.user('tool');
    const s = await session(me);
    const stream = await openStream(h, me, { sessionId: s.id });
    const args = chartInput({
      title: 'Sales by region',
      chartType: 'bar',
      plotlyConfig: { data: [{ type: 'bar' }], layout: { title: { text: 'Sales by region' } } },
      dataSourceConfig: {
        kind: 'inline',
        columns: { region: ['N', 'S'], sales: [3, 5] },
        mapping: { x: 'region', y: ['sales'] },
      },
    });
    llm.answer({ text: 'Let me make that.', toolCalls: [{ name: 'create_chart', arguments: args }] }, (request) => {
      const result = toolResult(request);
      return { text: result.ok ? `Created ${String(result.result!.title)}.` : 'Failed.' };
    });
    const sent = await h.as(me).chat.send({ sessionId: s.id, content: 'Chart sales by region' });
    assert.equal(sent.content.text, 'Let me make that.\n\nCreated Sales by region.');
    // Proposed, not made: the chart exists once the user applies the reply's change set.
    assert.equal(sent.createdItems, null);
    assert.equal((await h.as(me).charts.list({})).length, 0);
    const set = sent.content.changeSet!;
    assert.deepEqual(
      set.changes.map((c) => c.summary),
      ['creates chart “Sales by region” (bar)'],
    );
    await h.as(me).chat.changes.decide({ sessionId: s.id, changeSetId: set.id, decision: 'apply' });
    const reply = (await h.as(me).chat.sessions.get({ id: s.id })).messages.at(-1)!;
    const [item] = reply.createdItems!;
    assert.deepEqual(
      { ...item, id: undefined },
      { type: 'chart', id: undefined, title: 'Sales by region', chartType: 'bar' },
    );

    const created = await h.as(me).charts.get({ id: item!.id });
    assert.equal(created.ownerUserId, me.id);
    assert.deepEqual(created.dataSourceConfig, args.dataSourceConfig);
    const entry = (await h.as(me).workspace.items.list({ itemType: 'chart' })).find((i) => i.referenceId === item!.id)!;
    assert.equal(entry.createdFromMessageId, reply.id);
    const routing = reply.outputRouting as {
      destination: string;
      routes: Array<{ to: string; workspaceItemId?: string }>;
    };
    assert.deepEqual(routing.routes, [{ to: 'workspace', type: 'chart', id: item!.id, workspaceItemId: entry.id }]);

    // The second round saw the assistant's tool call and the tool's result, tied by the call id.
    const second = llm.requests.at(-1)!;
    assert.deepEqual(
      second.body.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'tool'],
    );
    assert.equal(second.body.messages[3]!.tool_call_id, 'call_0');
    const told = toolResult(second) as { ok: boolean; result: Record<string, unknown> };
    assert.equal(told.ok, true);
    assert.deepEqual(
      [told.result.title, told.result.chartType, told.result.proposed],
      ['Sales by region', 'bar', true],
    );
    assert.match(String(told.result.note), /^Proposed, not written/);

    await stream.until((x) => x.chat().some((e) => e.type === 'done'));
    const events = stream.chat();
    await stream.close();
    const call = events.find((e) => e.type === 'tool-call') as { name: string; arguments: Record<string, unknown> };
    assert.equal(call.name, 'create_chart');
    assert.equal(call.arguments.title, 'Sales by region');
    assert.equal(
      events.some((e) => e.type === 'created-item'),
      false,
    );
    assert.deepEqual((events.find((e) => e.type === 'change-set') as { changeSet: unknown }).changeSet, set);

    // A later message carries the history, created items included, so "it" can be resolved by the model.
    llm.answer({ text: 'OK.' });
    await h.as(me).chat.send({ sessionId: s.id, content: 'thanks' });
    const third = llm.requests.at(-1)!;
    assert.deepEqual(
      third.body.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'assistant', 'tool', 'user'],
    );
    assert.equal(
      third.body.messages[2]!.content,
      `Let me make that.\n\nCreated Sales by region.\n[created: chart ${item!.id}]`,
    );
    // The chat's charts come as get_context's result, fetched for the model before its first round.
    assert.deepEqual(third.body.messages[3]!.tool_calls, [
      { id: 'call_ocp_context', type: 'function', function: { name: 'get_context', arguments: '{}' } },
    ]);
    assert.equal(third.body.messages[4]!.tool_call_id, 'call_ocp_context');
    assert.deepEqual(toolResult(third, 0), {
      ok: true,
      result: { chartsCreatedInThisChat: [{ chartId: item!.id, title: 'Sales by region', chartType: 'bar' }] },
    });
    assert.equal(third.body.messages[0]!.content, SYSTEM_RULES);
  });

  test('tools run with the caller’s permissions: another team’s chart is NOT_FOUND for the model', async () => {
    const t = await team(h);
    const teamChart = await chart(h, t.editor, { ownerTeamId: t.teamId, title: 'Team chart' });
    const s = await session(t.stranger);
    llm.answer(
      { toolCalls: [{ name: 'update_chart', arguments: { id: teamChart.id, title: 'Hijacked' } }] },
      { text: 'I cannot change that chart.' },
    );
    const reply = await h.as(t.stranger).chat.send({ sessionId: s.id, content: 'rename it' });
    assert.equal(reply.content.text, 'I cannot change that chart.');
    assert.deepEqual(toolResult(llm.requests.at(-1)!), {
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Chart not found' },
    });
    assert.equal((await h.as(t.editor).charts.get({ id: teamChart.id })).title, 'Team chart');

    // A team viewer sees the chart but may not change it: FORBIDDEN, as through the API.
    const vs = await session(t.viewer);
    llm.answer(
      { toolCalls: [{ name: 'update_chart', arguments: { id: teamChart.id, title: 'Nope' } }] },
      { text: 'No.' },
    );
    await h.as(t.viewer).chat.send({ sessionId: vs.id, content: 'rename it' });
    assert.equal(toolResult(llm.requests.at(-1)!).error!.code, 'FORBIDDEN');
    // An editor may, and the change is a new chart version.
    const es = await session(t.editor);
    llm.answer(
      { toolCalls: [{ name: 'update_chart', arguments: { id: teamChart.id, title: 'Renamed' } }] },
      { text: 'Done.' },
    );
    const proposed = await h.as(t.editor).chat.send({ sessionId: es.id, content: 'rename it' });
    assert.equal(toolResult(llm.requests.at(-1)!).ok, true);
    assert.equal((await h.as(t.editor).charts.get({ id: teamChart.id })).title, 'Team chart');
    const set = proposed.content.changeSet!;
    assert.deepEqual(
      set.changes.map((c) => c.summary),
      ['changes chart “Team chart”: renames it to “Renamed”'],
    );
    await h.as(t.editor).chat.changes.decide({ sessionId: es.id, changeSetId: set.id, decision: 'apply' });
    assert.equal((await h.as(t.editor).charts.get({ id: teamChart.id })).title, 'Renamed');
    const done = (await h.as(t.editor).chat.sessions.get({ id: es.id })).messages.at(-1)!;
    assert.deepEqual((done.outputRouting as { routes: unknown[] }).routes, [
      { to: 'updated', type: 'chart', id: teamChart.id },
    ]);
  });

  test('bad tool arguments come back to the model as tool errors, never a crash', async () => {
    const me = await h.user('bad-args');
    const s = await session(me);
    llm.answer(
      {
        toolCalls: [
          { name: 'create_chart', arguments: { title: 'No type' } },
          { name: 'create_chart', arguments: '{"title": "broken' },
          { name: 'drop_database', arguments: {} },
          { name: 'place_chart', arguments: { tabId: 'x', chartId: 'y', slotKey: 'a' } },
          { name: 'create_chart', arguments: '{"__proto__": {"polluted": true}, "title": "p"}' },
        ],
      },
      { text: 'Sorry, I got the arguments wrong.' },
    );
    const reply = await h.as(me).chat.send({ sessionId: s.id, content: 'make a chart' });
    assert.equal(reply.content.text, 'Sorry, I got the arguments wrong.');
    assert.equal(reply.createdItems, null);
    const request = llm.requests.at(-1)!;
    const results = [0, 1, 2, 3, 4].map((i) => toolResult(request, i));
    assert.deepEqual(
      results.map((r) => [r.ok, r.error?.code]),
      [
        [false, 'BAD_REQUEST'],
        [false, 'BAD_REQUEST'],
        [false, 'NOT_FOUND'],
        [false, 'BAD_REQUEST'],
        [false, 'BAD_REQUEST'],
      ],
    );
    assert.match(results[0]!.error!.message, /^Invalid arguments: chartType: .*; plotlyConfig: /);
    assert.equal(results[1]!.error!.message, 'Invalid arguments: not valid JSON');
    assert.match(results[3]!.error!.message, /tabId: Invalid UUID/);
    assert.match(results[4]!.error!.message, /__proto__/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const meta = await h.as(me).chat.sessions.get({ id: s.id });
    assert.equal(meta.messages.length, 2);
  });

  test('an agent’s instructions lead the system prompt, and its tool list limits the tools', async () => {
    const me = await h.user('agent');
    const agent = await h.as(me).agents.create({
      name: 'Analyst',
      instructions: 'Only ever answer in French.',
      capabilities: { tools: ['describe_data', 'search_workspace'] },
    });
    const s = await session(me);
    llm.answer({ toolCalls: [{ name: 'create_chart', arguments: chartInput() }] }, { text: 'Bien.' });
    const reply = await h.as(me).chat.send({ sessionId: s.id, content: 'Bonjour', agentId: agent.id });
    assert.equal(reply.agentId, agent.id);
    const [first, second] = llm.requests.slice(-2);
    // The user's own agent: its instructions follow our rules in the system prompt.
    assert.equal(
      first!.body.messages[0]!.content,
      `${SYSTEM_RULES}\nThe user set you up as their own agent “Analyst”, with these instructions:\nOnly ever answer in French.`,
    );
    assert.deepEqual(
      first!.body.tools!.map((t) => t.function.name),
      ['search_workspace', 'describe_data', 'get_context'],
    );
    assert.deepEqual(toolResult(second!).error, { code: 'FORBIDDEN', message: 'This agent may not use create_chart' });
  });

  test('upstream HTTP 500: a clean error for the caller and the stream, no stack, no upstream text', async () => {
    const me = await h.user('upstream-500');
    const s = await session(me);
    const stream = await openStream(h, me, { sessionId: s.id });
    llm.answer({ status: 500, body: '{"error":{"message":"internal trace at /srv/secret/model.py line 42"}}' });
    const result = await h.call(me, 'chat.send', { sessionId: s.id, content: 'Hi' });
    assert.equal(result.code, 'BAD_GATEWAY');
    assert.equal(result.status, 502);
    assert.equal(result.body.error!.message, 'The model provider failed (HTTP 500)');
    assert.ok(!/stack|secret|model\.py|127\.0\.0\.1|sk-test/.test(result.text), result.text);
    await stream.until((x) => x.chat().some((e) => e.type === 'error'));
    assert.deepEqual(
      stream.chat().map((e) => ({ ...e, id: undefined })),
      [{ id: undefined, type: 'error', message: 'The model provider failed (HTTP 500)' }],
    );
    await stream.close();
    // The user's message and the failed reply are kept; the session is free for the next message.
    const got = await h.as(me).chat.sessions.get({ id: s.id });
    assert.deepEqual(
      got.messages.map((m) => [m.role, m.content]),
      [
        ['user', { text: 'Hi' }],
        ['assistant', { text: '', error: 'The model provider failed (HTTP 500)' }],
      ],
    );
    llm.answer({ text: 'Back.' });
    assert.equal((await h.as(me).chat.send({ sessionId: s.id, content: 'Hi?' })).content.text, 'Back.');
  });

  test('upstream timeout, unreachable, oversized and malformed answers are clean errors', async () => {
    const me = await h.user('upstream-timeout');
    const s = await session(me);
    configure({ timeoutMs: 300 });
    llm.answer({ hang: true });
    const started = Date.now();
    const timeout = await h.call(me, 'chat.send', { sessionId: s.id, content: 'Hi' });
    assert.equal(timeout.code, 'GATEWAY_TIMEOUT');
    assert.equal(timeout.body.error!.message, 'The model provider did not answer in time');
    assert.ok(Date.now() - started < 3000);

    configure({ maxResponseBytes: 2000 });
    llm.answer({ text: 'x'.repeat(5000) });
    const large = await h.call(me, 'chat.send', { sessionId: s.id, content: 'Hi' });
    assert.deepEqual(
      [large.code, large.body.error!.message],
      ['BAD_GATEWAY', 'The model provider’s answer was too large'],
    );

    configure();
    // Tried three times (two retries after a pause), then the user is told.
    llm.answer(
      { status: 429, body: 'slow down' },
      { status: 429, body: 'slow down' },
      { status: 429, body: 'slow down' },
    );
    const limited = await h.call(me, 'chat.send', { sessionId: s.id, content: 'Hi' });
    assert.equal(limited.code, 'TOO_MANY_REQUESTS');

    llm.answer({ json: { choices: [{ message: { content: 'Not streamed, still fine.' }, finish_reason: 'stop' }] } });
    const plain = await h.call<ChatMessageView>(me, 'chat.send', { sessionId: s.id, content: 'Hi' });
    assert.equal(ok(plain).content.text, 'Not streamed, still fine.');

    configureChat(h.runtime.chat, {
      provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'nowhere' },
      offlineDelayMs: 0,
    });
    const unreachable = await h.call(me, 'chat.send', { sessionId: s.id, content: 'Hi' });
    assert.deepEqual(
      [unreachable.code, unreachable.body.error!.message],
      ['BAD_GATEWAY', 'The model provider could not be reached'],
    );
  });

  test('llm_models rows: their own endpoint and key variable, or the offline agent by id', async () => {
    const me = await h.user('rows');
    const [row] = await h.db.db
      .insert(llmModels)
      .values({
        provider: 'other',
        modelId: 'other-model',
        displayName: 'Other',
        capabilities: { tools: true, baseUrl: llm.url, apiKeyEnv: 'OCP_LLM_API_KEY_OTHER' },
      })
      .returning({ id: llmModels.id });
    configure({ env: { OCP_LLM_API_KEY_OTHER: 'sk-other' } });
    const listed = (await h.as(me).models.list()).find((m) => m.id === row!.id)!;
    assert.deepEqual(listed.capabilities, { tools: true });
    const s = await session(me);
    llm.answer({ text: 'From the other endpoint.' });
    const reply = await h.as(me).chat.send({ sessionId: s.id, content: 'Hi', modelId: row!.id });
    assert.equal(reply.llmModelId, row!.id);
    assert.equal(llm.requests.at(-1)!.authorization, 'Bearer sk-other');
    assert.equal(llm.requests.at(-1)!.body.model, 'other-model');

    // The offline model answers without the provider even when one is configured.
    const before = llm.requests.length;
    const offline = await h.as(me).chat.send({ sessionId: s.id, content: 'hello', modelId: OFFLINE_MODEL.id });
    assert.match(offline.content.text, /^I am the built-in offline agent/);
    assert.equal(llm.requests.length, before);

    // An inactive row is NOT_FOUND, like a random id.
    await h.db.db.update(llmModels).set({ isActive: false });
    assert.equal(await codeOf(h.as(me).chat.send({ sessionId: s.id, content: 'Hi', modelId: row!.id })), 'NOT_FOUND');
    await h.db.db.update(llmModels).set({ isActive: true });
  });

  test('chat.stream resumes after lastEventId, from memory or from the stored replies', async () => {
    const me = await h.user('resume');
    const s = await session(me);
    llm.answer({ text: 'First reply.' }, { text: 'Second reply.' });
    const first = await h.as(me).chat.send({ sessionId: s.id, content: 'one' });
    const second = await h.as(me).chat.send({ sessionId: s.id, content: 'two' });
    // Held in memory: every event after `first`'s third one.
    const resumed = await openStream(h, me, { sessionId: s.id, lastEventId: `${first.id}.3` });
    await resumed.until((x) => x.chat().filter((e) => e.type === 'done').length === 2);
    const texts = resumed
      .chat()
      .filter((e) => e.type === 'done')
      .map((e) => (e as { message: ChatMessageView }).message.content.text);
    await resumed.close();
    assert.deepEqual(texts, ['First reply.', 'Second reply.']);
    // Not held (another process, a restart): the replies stored after that message, as `done` events.
    const stored = await openStream(h, me, { sessionId: s.id, lastEventId: `${first.id}.done` });
    await stored.until((x) => x.chat().some((e) => e.type === 'done'));
    const replayed = stored.chat();
    await stored.close();
    assert.deepEqual(
      replayed.map((e) => [e.id, e.type]),
      [[`${second.id}.done`, 'done']],
    );
    assert.deepEqual((replayed[0] as { message: ChatMessageView }).message, second);
  });
});
