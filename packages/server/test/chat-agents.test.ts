import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomId, team } from './fixtures.js';
import { codeOf, type Harness, startHarness } from './harness.js';

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
    const agent = await h.as(me).agents.create(input({ capabilities: { tools: ['describe_data'] } }));
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
    assert.deepEqual(await h.as(me).agents.get({ id: agent.id }), agent);
    assert.deepEqual(
      (await h.as(me).agents.list()).map((a) => a.id),
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
    assert.deepEqual(await h.as(other).agents.list(), []);
    const otherSession = await h.as(other).chat.sessions.create({});
    assert.equal(
      await codeOf(h.as(other).chat.send({ sessionId: otherSession.id, content: 'hi', agentId: agent.id })),
      'NOT_FOUND',
    );

    // Public: readable and usable by all, still changed only by its owner.
    const updated = await h.as(me).agents.update({ id: agent.id, isPublic: true, instructions: 'Be very brief.' });
    assert.deepEqual([updated.isPublic, updated.instructions, updated.name], [true, 'Be very brief.', 'Chart helper']);
    assert.deepEqual(
      (await h.as(other).agents.list()).map((a) => a.id),
      [agent.id],
    );
    assert.deepEqual(await h.as(other).agents.list({ includePublic: false }), []);
    assert.equal(await codeOf(h.as(other).agents.update({ id: agent.id, name: 'Mine now' })), 'FORBIDDEN');
    assert.equal(await codeOf(h.as(other).agents.delete({ id: agent.id })), 'FORBIDDEN');
    const reply = await h.as(other).chat.send({
      sessionId: otherSession.id,
      content: 'hi',
      agentId: agent.id,
    });
    assert.equal(reply.agentId, agent.id);

    // Deleting keeps the messages it wrote (they lose the reference).
    await h.as(me).agents.delete({ id: agent.id });
    assert.equal(await codeOf(h.as(me).agents.get({ id: agent.id })), 'NOT_FOUND');
    const kept = await h.as(other).chat.sessions.get({ id: otherSession.id });
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
      await codeOf(h.as(t.viewer).agents.create(input({ ownerTeamId: t.teamId }))),
      'FORBIDDEN',
      'a viewer cannot create for the team',
    );
    assert.equal(await codeOf(h.as(t.stranger).agents.create(input({ ownerTeamId: t.teamId }))), 'NOT_FOUND');
    assert.equal(
      await codeOf(h.as(t.editor).agents.create(input({ ownerTeamId: t.teamId, isPublic: true }))),
      'FORBIDDEN',
      'publishing takes a team admin',
    );
    const agent = await h.as(t.editor).agents.create(input({ ownerTeamId: t.teamId }));
    assert.deepEqual([agent.ownerUserId, agent.ownerTeamId], [null, t.teamId]);

    for (const who of [t.admin, t.editor, t.viewer]) {
      assert.deepEqual(
        (await h.as(who).agents.list({ ownerTeamId: t.teamId })).map((a) => a.id),
        [agent.id],
      );
    }
    assert.equal(await codeOf(h.as(t.stranger).agents.get({ id: agent.id })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(t.viewer).agents.update({ id: agent.id, name: 'V' })), 'FORBIDDEN');
    assert.equal((await h.as(t.editor).agents.update({ id: agent.id, name: 'E' })).name, 'E');
    assert.equal(await codeOf(h.as(t.editor).agents.update({ id: agent.id, isPublic: true })), 'FORBIDDEN');
    assert.equal((await h.as(t.admin).agents.update({ id: agent.id, isPublic: true })).isPublic, true);
    assert.equal(await codeOf(h.as(t.editor).agents.delete({ id: agent.id })), 'FORBIDDEN');
    // The team cannot go while it owns an agent.
    assert.equal(await codeOf(h.as(t.admin).teams.delete({ id: t.teamId })), 'CONFLICT');
    await h.as(t.admin).agents.delete({ id: agent.id });
  });

  test('inputs: owner XOR, bounded instructions, known tools only', async () => {
    const me = await h.user('agent-inputs');
    const t = await team(h);
    assert.equal(
      await codeOf(h.as(t.admin).agents.create(input({ ownerUserId: t.admin.id, ownerTeamId: t.teamId }))),
      'BAD_REQUEST',
    );
    assert.equal(await codeOf(h.as(me).agents.create(input({ ownerUserId: t.admin.id }))), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).agents.create(input({ instructions: 'x'.repeat(20_001) }))), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).agents.create(input({ instructions: ' ' }))), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).agents.create(input({ capabilities: { tools: ['rm_rf'] } }))), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).agents.create(input({ capabilities: JSON.parse('{"__proto__": {"x": 1}}') }))),
      'BAD_REQUEST',
    );
    const ok1 = await h.as(me).agents.create(input({ capabilities: { style: 'terse' } }));
    assert.deepEqual(ok1.capabilities, { style: 'terse' });
    assert.equal(await codeOf(h.as(null).agents.list()), 'UNAUTHORIZED');
  });
});
