import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TRPCError } from '@trpc/server';
import { createCaller, createContextInner } from '../src/index.js';
import { addMember, dashboard } from './fixtures.js';
import { codeOf, type Harness, startHarness } from './harness.js';

describe('teams, members and me', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  test('create makes the caller admin; list, get and update; viewers cannot update', async () => {
    const admin = await h.user('admin');
    const viewer = await h.user('viewer');
    const t = await h.as(admin).teams.create({ name: 'Ops', description: 'x' });
    assert.deepEqual([t.role, t.memberCount], ['admin', 1]);
    await addMember(h, admin, t.id, viewer, 'viewer');
    assert.deepEqual(
      (await h.as(viewer).teams.list()).map((x) => [x.name, x.role, x.memberCount]),
      [['Ops', 'viewer', 2]],
    );
    assert.equal(await codeOf(h.as(viewer).teams.update({ id: t.id, name: 'Mine' })), 'FORBIDDEN');
    assert.equal((await h.as(admin).teams.update({ id: t.id, name: 'Operations' })).name, 'Operations');
  });

  test('members: list and set role (members join through invitations)', async () => {
    const admin = await h.user('admin');
    const bob = await h.user('bob');
    const t = await h.as(admin).teams.create({ name: 'T' });
    await addMember(h, admin, t.id, bob, 'editor');
    const members = await h.as(bob).teams.members.list({ teamId: t.id });
    assert.deepEqual(members.map((m) => m.role).sort(), ['admin', 'editor']);
    assert.equal(
      (await h.as(admin).teams.members.setRole({ teamId: t.id, userId: bob.id, role: 'viewer' })).role,
      'viewer',
    );
    assert.equal(
      (await h.call(admin, 'teams.members.add', { teamId: t.id, email: bob.email, role: 'viewer' })).code,
      'NOT_FOUND',
      'adding someone without their consent is gone',
    );
  });

  test('the last admin can neither leave nor be demoted; with a second admin both work', async () => {
    const a = await h.user('a');
    const b = await h.user('b');
    const t = await h.as(a).teams.create({ name: 'T' });
    assert.equal(await codeOf(h.as(a).teams.members.remove({ teamId: t.id, userId: a.id })), 'CONFLICT');
    assert.equal(
      await codeOf(h.as(a).teams.members.setRole({ teamId: t.id, userId: a.id, role: 'editor' })),
      'CONFLICT',
    );
    await addMember(h, a, t.id, b, 'admin');
    await h.as(a).teams.members.setRole({ teamId: t.id, userId: a.id, role: 'editor' });
    assert.equal(await codeOf(h.as(b).teams.members.remove({ teamId: t.id, userId: b.id })), 'CONFLICT');
    await h.as(a).teams.members.remove({ teamId: t.id, userId: a.id }); // a non-admin may leave
    assert.equal(await codeOf(h.as(a).teams.get({ id: t.id })), 'NOT_FOUND');
  });

  test('two admins demoting each other at once: the team keeps an admin', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await h.user('a');
      const b = await h.user('b');
      const t = await h.as(a).teams.create({ name: 'T' });
      await addMember(h, a, t.id, b, 'admin');
      const results = await Promise.all([
        h.call(a, 'teams.members.setRole', { teamId: t.id, userId: b.id, role: 'viewer' }),
        h.call(b, 'teams.members.setRole', { teamId: t.id, userId: a.id, role: 'viewer' }),
      ]);
      const members = await h.as(a).teams.members.list({ teamId: t.id });
      assert.ok(
        members.some((m) => m.role === 'admin'),
        `round ${round}: ${results.map((r) => r.code)}`,
      );
      assert.ok(results.some((r) => r.code === 'OK'));
    }
  });

  test('members may leave; only admins remove others', async () => {
    const admin = await h.user('admin');
    const v1 = await h.user('v1');
    const v2 = await h.user('v2');
    const t = await h.as(admin).teams.create({ name: 'T' });
    for (const v of [v1, v2]) await addMember(h, admin, t.id, v, 'viewer');
    assert.equal(await codeOf(h.as(v1).teams.members.remove({ teamId: t.id, userId: v2.id })), 'FORBIDDEN');
    await h.as(v1).teams.members.remove({ teamId: t.id, userId: v1.id });
    await h.as(admin).teams.members.remove({ teamId: t.id, userId: v2.id });
    assert.equal((await h.as(admin).teams.get({ id: t.id })).memberCount, 1);
  });

  test('a team that still owns dashboards cannot be deleted', async () => {
    const admin = await h.user('admin');
    const t = await h.as(admin).teams.create({ name: 'T' });
    const d = await dashboard(h, admin, { ownerTeamId: t.id });
    assert.equal(await codeOf(h.as(admin).teams.delete({ id: t.id })), 'CONFLICT');
    await h.as(admin).dashboards.delete({ id: d.id });
    await h.as(admin).teams.delete({ id: t.id });
    assert.equal(await codeOf(h.as(admin).teams.get({ id: t.id })), 'NOT_FOUND');
  });

  test('me.get and me.update (profile created on first save, validated fields)', async () => {
    const me = await h.user('me');
    const profile = await h.as(me).me.get();
    assert.deepEqual([profile.displayName, profile.timezone, profile.teams], ['me', 'UTC', []]);
    const updated = await h.as(me).me.update({
      displayName: 'Me Myself',
      timezone: 'Europe/Berlin',
      preferences: { theme: 'dark' },
    });
    assert.deepEqual(
      [updated.displayName, updated.timezone, updated.preferences],
      ['Me Myself', 'Europe/Berlin', { theme: 'dark' }],
    );
    assert.equal(await codeOf(h.as(me).me.update({ timezone: 'Mars/Olympus' })), 'BAD_REQUEST');
    assert.equal(await codeOf(h.as(me).me.update({ avatarUrl: 'javascript:alert(1)' })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).me.update({ nickname: 'x' } as never)),
      'BAD_REQUEST',
      'unknown keys are refused',
    );
    assert.equal(await codeOf(h.as(null).me.get()), 'UNAUTHORIZED');
  });

  test('server-side calls: createCaller + createContextInner run the same procedures without HTTP', async () => {
    const admin = await h.user('caller');
    const asAdmin = createCaller(createContextInner({ db: h.db.db, user: { id: admin.id, email: admin.email } }));
    const t = await asAdmin.teams.create({ name: 'In process' });
    assert.deepEqual(
      (await asAdmin.teams.list()).map((x) => x.id),
      [t.id],
    );
    const anonymous = createCaller(createContextInner({ db: h.db.db }));
    await assert.rejects(anonymous.teams.list(), (e: unknown) => e instanceof TRPCError && e.code === 'UNAUTHORIZED');
    const stranger = createCaller(
      createContextInner({ db: h.db.db, user: { id: (await h.user('s')).id, email: null } }),
    );
    await assert.rejects(
      stranger.teams.get({ id: t.id }),
      (e: unknown) => e instanceof TRPCError && e.code === 'NOT_FOUND',
    );
  });
});
