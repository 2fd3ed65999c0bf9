import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addMember, team } from './fixtures.js';
import { codeOf, type Harness, startHarness } from './harness.js';

const input = (name: string, ownerTeamId?: string) => ({
  name,
  layoutConfig: { columns: 12, rowHeight: 60, gap: 8 },
  slots: [
    { slotKey: 'main', slotType: 'chart' as const, positionConfig: { x: 0, y: 0, w: 12, h: 4 }, constraints: {} },
  ],
  ...(ownerTeamId ? { ownerTeamId } : {}),
});

describe('templates shared with a team', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  test("a team template is used by that team's members only; its editors and admins make one", async () => {
    const t = await team(h);
    // The editor is also in another team, with someone who is not in team T.
    const other = await h.user('other-team-mate');
    const u = await h.as(t.editor).teams.create({ name: 'Team U' });
    await addMember(h, t.editor, u.id, other, 'viewer');

    const shared = await h.as(t.editor).templates.create(input('Team grid', t.teamId));
    const personal = await h.as(t.editor).templates.create(input('My grid'));
    assert.equal(shared.ownerTeamId, t.teamId);
    assert.equal(personal.ownerTeamId, null);

    const names = async (who: typeof t.admin) =>
      (await h.as(who).templates.list())
        .filter((x) => !x.isSystemTemplate)
        .map((x) => [x.name, x.ownerTeamId])
        .sort();
    assert.deepEqual(await names(t.viewer), [
      ['My grid', null],
      ['Team grid', t.teamId],
    ]);
    assert.deepEqual(await names(other), [['My grid', null]], "the creator's other team sees only the personal one");
    assert.deepEqual(await names(t.stranger), []);
    assert.equal((await h.as(t.viewer).templates.get({ id: shared.id })).name, 'Team grid');
    for (const who of [t.stranger, other, t.owner])
      assert.equal(await codeOf(h.as(who).templates.get({ id: shared.id })), 'NOT_FOUND');

    // A team member builds a dashboard on it; only the creator edits it.
    const board = await h.as(t.viewer).dashboards.create({ title: 'On the team grid', templateId: shared.id });
    assert.equal(board.tabs[0]!.template.id, shared.id);
    assert.equal(await codeOf(h.as(t.admin).templates.update({ id: shared.id, name: 'Mine' })), 'FORBIDDEN');

    // Who may share with the team: its editors and admins; a viewer is refused, an outsider hears of no team.
    assert.equal(await codeOf(h.as(t.viewer).templates.create(input('V', t.teamId))), 'FORBIDDEN');
    assert.equal(await codeOf(h.as(t.stranger).templates.create(input('S', t.teamId))), 'NOT_FOUND');
    assert.equal(
      await codeOf(h.as(t.viewer).templates.update({ id: personal.id, ownerTeamId: t.teamId })),
      'FORBIDDEN',
    );
    const moved = await h.as(t.editor).templates.update({ id: personal.id, ownerTeamId: u.id });
    assert.equal(moved.ownerTeamId, u.id);
    assert.deepEqual(await names(other), [['My grid', u.id]]);
    assert.deepEqual(await names(t.viewer), [['Team grid', t.teamId]], 'moved to team U, team T no longer sees it');

    // The team cannot be deleted while it owns the template.
    await h.as(t.viewer).dashboards.delete({ id: board.id });
    const refused = await h.call(t.admin, 'teams.delete', { id: t.teamId });
    assert.equal(refused.code, 'CONFLICT');
    assert.match(refused.body.error?.message ?? '', /1 template \(Team grid\)/);
  });
});
