import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rawQuery } from '@ocp/db/testing';
import { logNotification, type OcpNotification } from '../src/notify.js';
import { codeOf, type Harness, ok, startHarness, type TestUser } from './harness.js';

interface Invitation {
  id: string;
  teamId: string;
  email: string;
  role: string;
  invitedBy: string | null;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}
interface Mine {
  id: string;
  team: { id: string; name: string };
  role: string;
  invitedByName: string | null;
}

/** Waits for the notify hook (it is called without the request waiting for it). */
async function notified(list: OcpNotification[], email: string, type: OcpNotification['type']) {
  for (let i = 0; i < 100; i++) {
    const found = list.find((n) => n.email === email && n.type === type);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${type} notification for ${email}`);
}

describe('team invitations (membership by consent)', () => {
  let h: Harness;
  const sent: OcpNotification[] = [];
  before(async () => {
    h = await startHarness({ notify: (n) => void sent.push(n) });
  });
  after(() => h?.close());

  async function teamOf(admin: TestUser, name = 'Ops') {
    return await h.as(admin).teams.create({ name });
  }
  const invite = (admin: TestUser, teamId: string, email: string, role = 'editor') =>
    h.call<Invitation>(admin, 'teams.invitations.create', { teamId, email, role });

  test('the invite answer is the same whether or not the address has an account, and nobody joins yet', async () => {
    const admin = await h.user('admin');
    const bob = await h.user('bob');
    const t = await teamOf(admin);
    const known = await invite(admin, t.id, ` ${bob.email.toUpperCase()} `);
    const unknown = await invite(admin, t.id, 'nobody-here@example.test');
    assert.equal(known.status, unknown.status);
    // Byte for byte, once the fields that name this invitation (id, address, times) are set aside.
    const neutral = (text: string, email: string) =>
      text
        .replace(/"id":"[0-9a-f-]{36}"/, '"id":"…"')
        .replace(email, '…')
        .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, 'T');
    assert.equal(neutral(known.text, bob.email), neutral(unknown.text, 'nobody-here@example.test'));
    assert.equal(ok(known).email, bob.email, 'stored trimmed and lower-cased');
    assert.deepEqual(Object.keys(ok(known)).sort(), [
      'createdAt',
      'email',
      'expired',
      'expiresAt',
      'id',
      'invitedBy',
      'invitedByName',
      'role',
      'teamId',
    ]);
    assert.doesNotMatch(known.text, /token|userId|displayName/, 'nothing about the invitee, no token for the inviter');
    // Not a member until accepted.
    assert.deepEqual(await h.as(bob).teams.list(), []);
    assert.equal((await h.as(admin).teams.members.list({ teamId: t.id })).length, 1);
    assert.equal(await codeOf(h.as(bob).teams.get({ id: t.id })), 'NOT_FOUND');
    // Both addresses were told, with the token that accepts.
    for (const email of [bob.email, 'nobody-here@example.test']) {
      const n = await notified(sent, email, 'team-invitation');
      assert.ok(n.type === 'team-invitation' && /^[A-Za-z0-9_-]{43}$/.test(n.token));
    }
  });

  test('the invitee sees it in teams.invitations.mine and accepts; the role is the invited one', async () => {
    const admin = await h.user('admin');
    const bob = await h.user('bob');
    const t = await teamOf(admin, 'Finance');
    const inv = ok(await invite(admin, t.id, bob.email, 'editor'));
    const mine = await h.as(bob).teams.invitations.mine();
    assert.deepEqual(
      mine.map((m) => [m.id, m.team, m.role, m.invitedByName]),
      [[inv.id, { id: t.id, name: 'Finance' }, 'editor', 'admin']],
    );
    assert.equal((await h.as(bob).teams.invitations.accept({ id: inv.id })).role, 'editor');
    assert.deepEqual(await h.as(bob).teams.invitations.mine(), []);
    assert.deepEqual(await h.as(admin).teams.invitations.list({ teamId: t.id }), []);
    assert.equal(await codeOf(h.as(bob).teams.invitations.accept({ id: inv.id })), 'NOT_FOUND', 'used up');
    // Now a member: inviting the address again is CONFLICT (the admin sees members' emails anyway).
    assert.equal((await invite(admin, t.id, bob.email)).code, 'CONFLICT');
  });

  test('only the invited address accepts by id; the token accepts for whoever holds it, once', async () => {
    const admin = await h.user('admin');
    const carol = await h.user('carol');
    const mallory = await h.user('mallory');
    const t = await teamOf(admin);
    const email = `carol-private-${Date.now()}@example.test`;
    const inv = ok(await invite(admin, t.id, email, 'viewer'));
    assert.equal(await codeOf(h.as(mallory).teams.invitations.accept({ id: inv.id })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(mallory).teams.invitations.decline({ id: inv.id })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(admin).teams.invitations.accept({ id: inv.id })), 'NOT_FOUND');
    const n = await notified(sent, email, 'team-invitation');
    assert.ok(n.type === 'team-invitation');
    assert.equal(
      await codeOf(h.as(mallory).teams.invitations.accept({ token: 'x'.repeat(43) })),
      'NOT_FOUND',
      'a wrong token',
    );
    await h.as(carol).teams.invitations.accept({ token: n.token });
    assert.equal((await h.as(carol).teams.get({ id: t.id })).role, 'viewer');
    assert.equal(await codeOf(h.as(mallory).teams.invitations.accept({ token: n.token })), 'NOT_FOUND');
  });

  test('decline, revoke (admins only) and expiry; inviting again renews', async () => {
    const admin = await h.user('admin');
    const editor = await h.user('editor');
    const dan = await h.user('dan');
    const erin = await h.user('erin');
    const t = await teamOf(admin);
    await h.as(editor).teams.invitations.accept({ id: ok(await invite(admin, t.id, editor.email)).id });

    const toDan = ok(await invite(admin, t.id, dan.email));
    await h.as(dan).teams.invitations.decline({ id: toDan.id });
    assert.deepEqual(await h.as(admin).teams.invitations.list({ teamId: t.id }), []);
    assert.equal(await codeOf(h.as(dan).teams.invitations.accept({ id: toDan.id })), 'NOT_FOUND');

    const toErin = ok(await invite(admin, t.id, erin.email));
    assert.equal(await codeOf(h.as(editor).teams.invitations.list({ teamId: t.id })), 'FORBIDDEN');
    assert.equal(
      await codeOf(h.as(editor).teams.invitations.create({ teamId: t.id, email: 'x@example.test' })),
      'FORBIDDEN',
    );
    assert.equal(await codeOf(h.as(editor).teams.invitations.revoke({ id: toErin.id })), 'FORBIDDEN');
    await h.as(admin).teams.invitations.revoke({ id: toErin.id });
    assert.equal(await codeOf(h.as(erin).teams.invitations.accept({ id: toErin.id })), 'NOT_FOUND');

    const again = ok(await invite(admin, t.id, erin.email, 'viewer'));
    await rawQuery(
      h.db,
      `UPDATE team_invitations SET expires_at = now() - interval '1 minute' WHERE id = '${again.id}'`,
    );
    const listed = await h.as(admin).teams.invitations.list({ teamId: t.id });
    assert.deepEqual(
      listed.map((i) => [i.email, i.expired]),
      [[erin.email, true]],
    );
    assert.deepEqual(await h.as(erin).teams.invitations.mine(), [], 'expired: not offered');
    assert.equal(await codeOf(h.as(erin).teams.invitations.accept({ id: again.id })), 'NOT_FOUND');
    const renewed = ok(await invite(admin, t.id, erin.email, 'admin'));
    assert.equal(renewed.id, again.id, 'one pending invitation per team and address');
    assert.deepEqual([renewed.expired, renewed.role], [false, 'admin']);
    await h.as(erin).teams.invitations.accept({ id: renewed.id });
    assert.equal((await h.as(erin).teams.get({ id: t.id })).role, 'admin');
  });

  test('an address without an account can sign up later and accept while signed in with it', async () => {
    const admin = await h.user('admin');
    const t = await teamOf(admin, 'Later');
    const email = `later-${Date.now()}@example.test`;
    const inv = ok(await invite(admin, t.id, email, 'viewer'));
    await h.as(null).auth.signUp({ email, password: 'a long password', displayName: 'Later' });
    const { token } = await h.as(null).auth.signIn({ email, password: 'a long password' });
    const mine = ok(await h.call<Mine[]>(token, 'teams.invitations.mine'));
    assert.deepEqual(
      mine.map((m) => m.id),
      [inv.id],
    );
    ok(await h.call(token, 'teams.invitations.accept', { id: inv.id }));
    assert.equal(ok(await h.call<Array<{ id: string }>>(token, 'teams.list'))[0]!.id, t.id);
  });

  test('a failing notify hook fails nothing; the default hook logs a line without the token', async () => {
    const failing = await startHarness({
      notify: () => {
        throw new Error('mailer down');
      },
    });
    const errors: unknown[][] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const admin = await failing.user('admin');
      const t = ok(await failing.call<{ id: string }>(admin, 'teams.create', { name: 'T' }));
      ok(await failing.call(admin, 'teams.invitations.create', { teamId: t.id, email: 'z@example.test' }));
      for (let i = 0; i < 50 && !errors.length; i++) await new Promise((r) => setTimeout(r, 10));
      assert.match(String(errors[0]?.[0]), /notify hook failed for a team-invitation/);
    } finally {
      console.error = originalError;
      await failing.close();
    }
    const lines: string[] = [];
    const originalLog = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const token = 'S'.repeat(43);
      logNotification({
        type: 'team-invitation',
        email: 'z@example.test',
        team: { id: 't', name: 'Ops' },
        invitedBy: { id: 'u', displayName: 'Ada' },
        role: 'viewer',
        token,
        expiresAt: '2030-01-01T00:00:00.000000Z',
      });
      logNotification({ type: 'sign-up-attempt', email: 'z@example.test', at: '2030-01-01T00:00:00Z' });
    } finally {
      console.log = originalLog;
    }
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /z@example\.test: Ada invited you to the team "Ops" as viewer/);
    assert.ok(!lines.join('\n').includes('SSSS'), 'no token in the log');
    assert.match(lines[1]!, /someone tried to sign up with this address/);
  });
});
