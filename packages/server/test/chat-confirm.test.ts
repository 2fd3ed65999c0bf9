import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ChatConfirmation, ChatMessageView, SharingLinkView } from '@ocp/contract';
import { configureChat } from '../src/chat/runtime.js';
import { FakeLlm, type FakeRequest, openStream } from './chat-helpers.js';
import { chart, dashboard, randomId, TEMPLATE, team } from './fixtures.js';
import { codeOf, type Harness, ok, startHarness, type TestUser } from './harness.js';

/** The tool messages the model got back, parsed. */
const toolResults = (request: FakeRequest) =>
  request.body.messages
    .filter((m) => m.role === 'tool' && m.tool_call_id !== 'call_ocp_context')
    .map((m) => JSON.parse(m.content!) as Record<string, unknown>);

describe('chat: visibility and sharing wait for the user’s confirmation', () => {
  let h: Harness;
  let llm: FakeLlm;

  before(async () => {
    llm = await new FakeLlm().start();
    h = await startHarness();
  });
  beforeEach(() =>
    configureChat(h.runtime.chat, { provider: { baseUrl: llm.url, model: 'fake-gpt' }, offlineDelayMs: 0 }),
  );
  after(async () => {
    await h?.close();
    await llm?.close();
  });

  const session = async (who: TestUser, input: Record<string, unknown> = {}) =>
    await h.as(who).chat.sessions.create(input);
  /** Sends, then applies what the reply proposed (as the user would), and returns the reply as stored then. */
  const send = async (who: TestUser, sessionId: string, content = 'go') => {
    const reply = await h.as(who).chat.send({ sessionId, content });
    const set = reply.content.changeSet;
    if (!set) return reply;
    await h.as(who).chat.changes.decide({ sessionId, changeSetId: set.id, decision: 'apply' });
    return (await h.as(who).chat.sessions.get({ id: sessionId })).messages.find((m) => m.id === reply.id)!;
  };
  const decide = (who: TestUser, sessionId: string, confirmationId: string, decision?: 'confirm' | 'cancel') =>
    h.call<ChatConfirmation>(who, 'chat.confirm', { sessionId, confirmationId, ...(decision ? { decision } : {}) });

  test('set_visibility is not run for the model; the user’s chat.confirm runs it, once', async () => {
    const me = await h.user('publisher');
    const other = await h.user('other');
    const c = await chart(h, me, { title: 'Load' });
    const s = await session(me);
    const stream = await openStream(h, me, { sessionId: s.id });
    llm.answer(
      { toolCalls: [{ name: 'set_visibility', arguments: { resourceType: 'chart', id: c.id, isPublic: true } }] },
      { text: 'Please confirm below.' },
    );
    const reply = await send(me, s.id, 'make my Load chart public');

    // The model was told it is not done, and nothing changed.
    const [told] = toolResults(llm.requests.at(-1)!);
    const [confirmation] = reply.content.confirmations!;
    assert.deepEqual(told, {
      ok: false,
      error: {
        code: 'NEEDS_CONFIRMATION',
        message:
          'Not done: the user is asked in the chat panel to confirm or cancel: Make the chart “Load” public: every ' +
          'signed-in user will be able to see it. Tell them it waits for their confirmation; do not ask again.',
      },
      confirmationId: confirmation!.id,
    });
    assert.deepEqual(confirmation, {
      id: confirmation!.id,
      action: 'set_visibility',
      arguments: { resourceType: 'chart', id: c.id, isPublic: true },
      summary: 'Make the chart “Load” public: every signed-in user will be able to see it.',
      status: 'pending',
    });
    assert.equal((await h.as(me).charts.get({ id: c.id })).isPublic, false);
    assert.equal(await codeOf(h.as(other).charts.get({ id: c.id })), 'NOT_FOUND');

    // The stream carried the request as it was made, before the reply's end.
    await stream.until((x) => x.chat().some((e) => e.type === 'done'));
    const types = stream.chat().map((e) => e.type);
    await stream.close();
    assert.ok(types.indexOf('confirmation') >= 0 && types.indexOf('confirmation') < types.indexOf('done'), `${types}`);
    const event = stream.chat().find((e) => e.type === 'confirmation') as { confirmation: ChatConfirmation };
    assert.deepEqual(event.confirmation, confirmation);

    // Someone else cannot decide it: exactly the answer for an unknown id.
    const foreign = await decide(other, s.id, confirmation!.id);
    const unknown = await decide(me, s.id, randomId());
    assert.deepEqual([foreign.code, unknown.code], ['NOT_FOUND', 'NOT_FOUND']);
    assert.equal(foreign.text, (await decide(other, s.id, randomId())).text);

    const done = ok(await decide(me, s.id, confirmation!.id));
    assert.deepEqual(
      { status: done.status, result: done.result },
      { status: 'confirmed', result: { chartId: c.id, isPublic: true } },
    );
    assert.equal((await h.as(me).charts.get({ id: c.id })).isPublic, true);
    assert.equal((await h.as(other).charts.get({ id: c.id })).title, 'Load');
    // Decided once: a second decision, either way, is CONFLICT.
    assert.equal((await decide(me, s.id, confirmation!.id)).code, 'CONFLICT');
    assert.equal((await decide(me, s.id, confirmation!.id, 'cancel')).code, 'CONFLICT');
    const stored = await h.as(me).chat.sessions.get({ id: s.id });
    assert.deepEqual(stored.messages.at(-1)!.content.confirmations, [
      { ...confirmation, status: 'confirmed', result: { chartId: c.id, isPublic: true } },
    ]);
  });

  test('create_share_link: cancelled leaves no link; confirmed answers the URL once and stores only the link id', async () => {
    const me = await h.user('sharer');
    const d = await dashboard(h, me, { title: 'Ops' });
    const s = await session(me, { contextType: 'dashboard', contextId: d.id });
    const ask = {
      toolCalls: [{ name: 'create_share_link', arguments: { resourceType: 'dashboard', resourceId: d.id } }],
    };
    llm.answer(ask, { text: 'Confirm it below.' });
    const first = (await send(me, s.id, 'share this dashboard')).content.confirmations![0]!;
    assert.equal(
      first.summary,
      'Create a sharing link to the dashboard “Ops”: anyone who has the link can view it, without signing in.',
    );
    assert.equal(ok(await decide(me, s.id, first.id, 'cancel')).status, 'cancelled');
    const links = () => h.call<SharingLinkView[]>(me, 'sharing.list', { resourceType: 'dashboard', resourceId: d.id });
    assert.deepEqual(ok(await links()), []);
    assert.equal((await decide(me, s.id, first.id)).code, 'CONFLICT');

    llm.answer(ask, { text: 'Confirm it below.' });
    const second = (await send(me, s.id, 'share it after all')).content.confirmations![0]!;
    const done = ok(await decide(me, s.id, second.id));
    const [link] = ok(await links());
    assert.deepEqual(Object.keys(done.result!).sort(), ['shareId', 'url']);
    assert.equal(done.result!.shareId, link!.id);
    const token = String(done.result!.url).split('/embed/')[1]!;
    const shared = await h.as(null).sharing.resolve({ token });
    assert.equal(shared.resourceType === 'dashboard' && shared.dashboard.title, 'Ops');
    // The token is answered once and never stored with the chat.
    const stored = await h.call(me, 'chat.sessions.get', { id: s.id });
    assert.ok(!stored.text.includes(token));
    assert.deepEqual(
      (stored.data as { messages: ChatMessageView[] }).messages.at(-1)!.content.confirmations![0]!.result,
      { shareId: link!.id },
    );
  });

  test('no tool schema offers isPublic; an isPublic in a proposed change is dropped, never asked or done', async () => {
    const me = await h.user('sneaky');
    const existing = await chart(h, me, { title: 'Existing' });
    const s = await session(me);
    llm.answer(
      {
        toolCalls: [
          {
            name: 'create_chart',
            arguments: {
              title: 'New',
              chartType: 'bar',
              isPublic: true,
              plotlyConfig: { data: [{ type: 'bar' }] },
              dataSourceConfig: { kind: 'inline', columns: { a: ['x'], b: [1] }, mapping: { x: 'a', y: ['b'] } },
            },
          },
          { name: 'update_chart', arguments: { id: existing.id, isPublic: true } },
          { name: 'create_dashboard', arguments: { title: 'Pub', templateId: TEMPLATE.grid, isPublic: true } },
          { name: 'update_chart', arguments: { id: existing.id, isPublic: 'yes' } },
        ],
      },
      { text: 'Proposed.' },
    );
    const reply = await send(me, s.id, 'make charts');
    const request = llm.requests.at(-2)!;
    for (const t of request.body.tools!) {
      const hasIsPublic = JSON.stringify(t.function.parameters).includes('"isPublic"');
      assert.equal(hasIsPublic, t.function.name === 'set_visibility', t.function.name);
    }
    const [created, updated, board, bad] = toolResults(llm.requests.at(-1)!) as Array<{
      ok: boolean;
      result: { proposed?: boolean };
      visibility: { code: string };
      error?: { code: string };
    }>;
    assert.deepEqual(
      [created, updated, board].map((r) => [r!.ok, r!.result.proposed, r!.visibility.code]),
      [
        [true, true, 'NOT_DONE'],
        [true, true, 'NOT_DONE'],
        [true, true, 'NOT_DONE'],
      ],
    );
    assert.equal(bad!.error!.code, 'BAD_REQUEST');
    // Nothing asked; once applied (send applies), made private; the existing chart untouched, no new version.
    assert.equal(reply.content.confirmations, undefined);
    const made = reply.createdItems!;
    assert.deepEqual(
      made.map((i) => [i.type, i.title]),
      [
        ['chart', 'New'],
        ['dashboard', 'Pub'],
      ],
    );
    assert.equal((await h.as(me).charts.get({ id: made[0]!.id })).isPublic, false);
    assert.equal((await h.as(me).dashboards.get({ id: made[1]!.id })).isPublic, false);
    assert.equal((await h.as(me).charts.get({ id: existing.id })).isPublic, false);
    assert.equal((await h.as(me).charts.versions({ chartId: existing.id })).length, 1);
  });

  test('asked with the caller’s rights, run with the rights they have when they confirm', async () => {
    const t = await team(h);
    const teamChart = await chart(h, t.admin, { ownerTeamId: t.teamId, title: 'Team chart' });
    const ask = {
      toolCalls: [{ name: 'set_visibility', arguments: { resourceType: 'chart', id: teamChart.id, isPublic: true } }],
    };
    // An editor may not publish: refused at once, nothing to confirm.
    const es = await session(t.editor);
    llm.answer(ask, { text: 'No.' });
    const refused = await send(t.editor, es.id);
    assert.equal(refused.content.confirmations, undefined);
    assert.deepEqual((toolResults(llm.requests.at(-1)!)[0] as { error: unknown }).error, {
      code: 'FORBIDDEN',
      message: 'Your role (editor) cannot do this to the Chart',
    });
    // Promoted to admin, they may ask; demoted before confirming, the confirmation fails and says why.
    await h.as(t.admin).teams.members.setRole({ teamId: t.teamId, userId: t.editor.id, role: 'admin' });
    llm.answer(ask, { text: 'Confirm below.' });
    const pending = (await send(t.editor, es.id)).content.confirmations![0]!;
    await h.as(t.admin).teams.members.setRole({ teamId: t.teamId, userId: t.editor.id, role: 'editor' });
    const late = await decide(t.editor, es.id, pending.id);
    assert.equal(late.code, 'FORBIDDEN');
    assert.equal((await h.as(t.admin).charts.get({ id: teamChart.id })).isPublic, false);
    const stored = await h.as(t.editor).chat.sessions.get({ id: es.id });
    assert.deepEqual(
      stored.messages.at(-1)!.content.confirmations!.map((c) => [c.status, c.error]),
      [['failed', 'Your role (editor) cannot do this to the Chart']],
    );
    // Another user's chart id is NOT_FOUND for the model, like for the API.
    const ss = await session(t.stranger);
    llm.answer(ask, { text: 'No.' });
    await send(t.stranger, ss.id);
    assert.equal((toolResults(llm.requests.at(-1)!)[0] as { error: { code: string } }).error.code, 'NOT_FOUND');
  });

  test('at most five actions wait per reply; chat.confirm inputs are checked', async () => {
    const me = await h.user('greedy');
    const c = await chart(h, me);
    const s = await session(me);
    const call = { name: 'set_visibility', arguments: { resourceType: 'chart', id: c.id, isPublic: true } };
    llm.answer({ toolCalls: Array.from({ length: 7 }, () => call) }, { text: 'Many.' });
    const reply = await send(me, s.id);
    assert.equal(reply.content.confirmations!.length, 5);
    const codes = toolResults(llm.requests.at(-1)!).map((r) => (r.error as { code: string }).code);
    assert.deepEqual(codes, [...Array(5).fill('NEEDS_CONFIRMATION'), 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    const id = reply.content.confirmations![0]!.id;
    assert.equal(await codeOf(h.as(me).chat.confirm({ sessionId: s.id, confirmationId: 'x' })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).chat.confirm({ sessionId: s.id, confirmationId: id, decision: 'maybe' as never })),
      'BAD_REQUEST',
    );
    assert.equal(await codeOf(h.as(null).chat.confirm({ sessionId: s.id, confirmationId: id })), 'UNAUTHORIZED');
    assert.equal(await codeOf(h.as(me).chat.confirm({ sessionId: randomId(), confirmationId: id })), 'NOT_FOUND');
  });

  test('the offline agent asks too: "make it public" and "share it" wait for the user', async () => {
    configureChat(h.runtime.chat, { provider: null, offlineDelayMs: 0 });
    const me = await h.user('offline-publisher');
    const s = await session(me);
    const made = await send(me, s.id, 'bar chart of sales by region\nregion,sales\nN,3\nS,5');
    const chartId = made.createdItems![0]!.id;
    const asked = await send(me, s.id, 'make it public');
    assert.equal(
      asked.content.text,
      'That changes who can see your work, so I only asked: confirm or cancel it below.',
    );
    const [confirmation] = asked.content.confirmations!;
    assert.deepEqual(confirmation!.arguments, { resourceType: 'chart', id: chartId, isPublic: true });
    assert.equal((await h.as(me).charts.get({ id: chartId })).isPublic, false);
    ok(await decide(me, s.id, confirmation!.id));
    assert.equal((await h.as(me).charts.get({ id: chartId })).isPublic, true);
    const share = await send(me, s.id, 'share it');
    assert.equal(share.content.confirmations![0]!.action, 'create_share_link');
    assert.deepEqual(await h.as(me).sharing.list({}), []);
  });
});
