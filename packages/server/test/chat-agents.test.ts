import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentView, ChatMessageView, ChatSessionView } from '@ocp/contract';
import { randomId, team } from './fixtures.js';
import { type Harness, ok, startHarness } from './harness.js';

describe('agents: CRUD, ownership and roles', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ chat: { provider: null, offlineDelayMs: 0 } });
  });
  after(() => h?.close());

  const input = (extra: Record<string, unknown> = {}) => ({
    name: 'Chart helper',
    description: 'Makes charts',
    instructions: 'Be brief.',
    ...extra,
  });

  test('personal agents: the owner manages them, others see nothing until one is public', async () => {
    const me = await h.user('agent-owner');
    const other = await h.user('agent-other');
    const agent = ok(
      await h.call<AgentView>(me, 'agents.create', input({ capabilities: { tools: ['describe_data'] } })),
    );
    assert.deepEqual(
      { ...agent, id: undefined },
      {
        id: undefined,
        name: 'Chart helper',
        description: 'Makes charts',
        instructions: 'Be brief.',
        capabilities: { tools: ['describe_data'] },
        ownerUserId: me.id,
        ownerTeamId: null,
        isPublic: false,
      },
    );
    assert.deepEqual(ok(await h.call<AgentView>(me, 'agents.get', { id: agent.id })), agent);
    assert.deepEqual(
      ok(await h.call<AgentView[]>(me, 'agents.list')).map((a) => a.id),
      [agent.id],
    );

    // Invisible to others: the answer of a random id, byte for byte.
    const random = randomId();
    for (const [path, body] of [
      ['agents.get', (id: string) => ({ id })],
      ['agents.update', (id: string) => ({ id, name: 'x' })],
      ['agents.delete', (id: string) => ({ id })],
    ] as const) {
      const theirs = await h.call(other, path, body(agent.id));
      const none = await h.call(other, path, body(random));
      assert.equal(theirs.code, 'NOT_FOUND', path);
      assert.equal(theirs.text, none.text, path);
    }
    assert.deepEqual(ok(await h.call<AgentView[]>(other, 'agents.list')), []);
    const otherSession = ok(await h.call<ChatSessionView>(other, 'chat.sessions.create', {}));
    assert.equal(
      (await h.call(other, 'chat.send', { sessionId: otherSession.id, content: 'hi', agentId: agent.id })).code,
      'NOT_FOUND',
    );

    // Public: readable and usable by all, still changed only by its owner.
    const updated = ok(
      await h.call<AgentView>(me, 'agents.update', { id: agent.id, isPublic: true, instructions: 'Be very brief.' }),
    );
    assert.deepEqual([updated.isPublic, updated.instructions, updated.name], [true, 'Be very brief.', 'Chart helper']);
    assert.deepEqual(
      ok(await h.call<AgentView[]>(other, 'agents.list')).map((a) => a.id),
      [agent.id],
    );
    assert.deepEqual(ok(await h.call<AgentView[]>(other, 'agents.list', { includePublic: false })), []);
    assert.equal((await h.call(other, 'agents.update', { id: agent.id, name: 'Mine now' })).code, 'FORBIDDEN');
    assert.equal((await h.call(other, 'agents.delete', { id: agent.id })).code, 'FORBIDDEN');
    const reply = ok(
      await h.call<ChatMessageView>(other, 'chat.send', {
        sessionId: otherSession.id,
        content: 'hi',
        agentId: agent.id,
      }),
    );
    assert.equal(reply.agentId, agent.id);

    // Deleting keeps the messages it wrote (they lose the reference).
    ok(await h.call(me, 'agents.delete', { id: agent.id }));
    assert.equal((await h.call(me, 'agents.get', { id: agent.id })).code, 'NOT_FOUND');
    const kept = ok(await h.call<{ messages: ChatMessageView[] }>(other, 'chat.sessions.get', { id: otherSession.id }));
    assert.deepEqual(
      kept.messages.map((m) => [m.role, m.agentId]),
      [
        ['user', null],
        ['assistant', null],
      ],
    );
  });

  test('team agents: editors create and edit, viewers read, admins publish and delete', async () => {
    const t = await team(h);
    assert.equal(
      (await h.call(t.viewer, 'agents.create', input({ ownerTeamId: t.teamId }))).code,
      'FORBIDDEN',
      'a viewer cannot create for the team',
    );
    assert.equal((await h.call(t.stranger, 'agents.create', input({ ownerTeamId: t.teamId }))).code, 'NOT_FOUND');
    assert.equal(
      (await h.call(t.editor, 'agents.create', input({ ownerTeamId: t.teamId, isPublic: true }))).code,
      'FORBIDDEN',
      'publishing takes a team admin',
    );
    const agent = ok(await h.call<AgentView>(t.editor, 'agents.create', input({ ownerTeamId: t.teamId })));
    assert.deepEqual([agent.ownerUserId, agent.ownerTeamId], [null, t.teamId]);

    for (const who of [t.admin, t.editor, t.viewer]) {
      assert.deepEqual(
        ok(await h.call<AgentView[]>(who, 'agents.list', { ownerTeamId: t.teamId })).map((a) => a.id),
        [agent.id],
      );
    }
    assert.equal((await h.call(t.stranger, 'agents.get', { id: agent.id })).code, 'NOT_FOUND');
    assert.equal((await h.call(t.viewer, 'agents.update', { id: agent.id, name: 'V' })).code, 'FORBIDDEN');
    assert.equal(ok(await h.call<AgentView>(t.editor, 'agents.update', { id: agent.id, name: 'E' })).name, 'E');
    assert.equal((await h.call(t.editor, 'agents.update', { id: agent.id, isPublic: true })).code, 'FORBIDDEN');
    assert.equal(
      ok(await h.call<AgentView>(t.admin, 'agents.update', { id: agent.id, isPublic: true })).isPublic,
      true,
    );
    assert.equal((await h.call(t.editor, 'agents.delete', { id: agent.id })).code, 'FORBIDDEN');
    // The team cannot go while it owns an agent.
    assert.equal((await h.call(t.admin, 'teams.delete', { id: t.teamId })).code, 'CONFLICT');
    ok(await h.call(t.admin, 'agents.delete', { id: agent.id }));
  });

  test('inputs: owner XOR, bounded instructions, known tools only', async () => {
    const me = await h.user('agent-inputs');
    const t = await team(h);
    assert.equal(
      (await h.call(t.admin, 'agents.create', input({ ownerUserId: t.admin.id, ownerTeamId: t.teamId }))).code,
      'BAD_REQUEST',
    );
    assert.equal((await h.call(me, 'agents.create', input({ ownerUserId: t.admin.id }))).code, 'BAD_REQUEST');
    assert.equal((await h.call(me, 'agents.create', input({ instructions: 'x'.repeat(20_001) }))).code, 'BAD_REQUEST');
    assert.equal((await h.call(me, 'agents.create', input({ instructions: ' ' }))).code, 'BAD_REQUEST');
    assert.equal(
      (await h.call(me, 'agents.create', input({ capabilities: { tools: ['rm_rf'] } }))).code,
      'BAD_REQUEST',
    );
    assert.equal(
      (await h.call(me, 'agents.create', input({ capabilities: JSON.parse('{"__proto__": {"x": 1}}') }))).code,
      'BAD_REQUEST',
    );
    const ok1 = ok(await h.call<AgentView>(me, 'agents.create', input({ capabilities: { style: 'terse' } })));
    assert.deepEqual(ok1.capabilities, { style: 'terse' });
    assert.equal((await h.call(null, 'agents.list')).code, 'UNAUTHORIZED');
  });
});
