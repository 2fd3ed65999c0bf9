import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chart, dashboard, TEMPLATE, team } from './fixtures.js';
import { codeOf, type Harness, startHarness } from './harness.js';

describe('deleting tabs, teams and agents: undo, refusals that name what is in the way, who may', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());

  test('deleting a tab saves a version first; restoring it is the undo: the tab and its placements come back', async () => {
    const t = await team(h);
    const board = await dashboard(h, t.editor, { ownerTeamId: t.teamId, title: 'Ops' });
    const second = await h
      .as(t.editor)
      .tabs.create({ dashboardId: board.id, title: 'Costs', templateId: TEMPLATE.grid });
    const a = await chart(h, t.editor, { ownerTeamId: t.teamId, title: 'A' });
    const b = await chart(h, t.editor, { ownerTeamId: t.teamId, title: 'B' });
    const pa = await h.as(t.editor).placements.place({ tabId: second.id, slotKey: 'top-left', chartId: a.id });
    const pb = await h.as(t.editor).placements.place({
      tabId: second.id,
      slotKey: 'bottom-right',
      chartId: b.id,
      customizations: { title: 'Kept' },
    });
    const before = await h.as(t.editor).dashboards.get({ id: board.id });

    // Those who may not edit the dashboard cannot delete its tabs, and outsiders do not learn it exists.
    assert.equal(await codeOf(h.as(t.viewer).tabs.delete({ id: second.id })), 'FORBIDDEN');
    assert.equal(await codeOf(h.as(t.stranger).tabs.delete({ id: second.id })), 'NOT_FOUND');

    const deleted = await h.as(t.editor).tabs.delete({ id: second.id });
    const gone = await h.as(t.editor).dashboards.get({ id: board.id });
    assert.deepEqual(
      gone.tabs.map((x) => x.title),
      [board.tabs[0]!.title],
    );
    const versions = await h.as(t.editor).dashboardVersions.list({ dashboardId: board.id });
    assert.deepEqual(
      versions.map((v) => [v.id, v.changeSummary]),
      [[deleted.versionId, 'Before deleting tab Costs']],
    );
    assert.equal(
      await codeOf(h.as(t.viewer).dashboardVersions.restore({ id: deleted.versionId })),
      'FORBIDDEN',
      'a viewer cannot undo it either',
    );

    const restored = await h.as(t.editor).dashboardVersions.restore({ id: deleted.versionId });
    assert.deepEqual(restored.skipped, { tabs: 0, placements: 0 });
    const back = restored.dashboard.tabs.find((x) => x.id === second.id);
    assert.ok(back, 'the tab is back under its id');
    assert.deepEqual(
      restored.dashboard.tabs.map((x) => [x.id, x.title, x.position]),
      before.tabs.map((x) => [x.id, x.title, x.position]),
    );
    assert.deepEqual(
      back.placements.map((p) => [p.id, p.slotKey, p.chartId, p.customizations]).sort(),
      [
        [pa.id, 'top-left', a.id, {}],
        [pb.id, 'bottom-right', b.id, { title: 'Kept' }],
      ].sort(),
    );
  });

  test('a team that owns content is refused by name; an empty one goes with its memberships; only admins may', async () => {
    const t = await team(h);
    await dashboard(h, t.admin, { ownerTeamId: t.teamId, title: 'Sales board' });
    const owned = await chart(h, t.admin, { ownerTeamId: t.teamId, title: 'Revenue' });
    const agent = await h.as(t.admin).agents.create({
      name: 'Helper',
      instructions: 'Be brief.',
      capabilities: { tools: ['describe_data'] },
      ownerTeamId: t.teamId,
    });
    await h.as(t.admin).teams.invitations.create({ teamId: t.teamId, email: 'later@example.com', role: 'viewer' });

    for (const who of [t.editor, t.viewer])
      assert.equal(await codeOf(h.as(who).teams.delete({ id: t.teamId })), 'FORBIDDEN', 'members are not admins');
    assert.equal(await codeOf(h.as(t.stranger).teams.delete({ id: t.teamId })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(t.owner).teams.delete({ id: t.teamId })), 'NOT_FOUND');

    const owns = '1 dashboard (Sales board), 1 chart (Revenue) and 1 agent (Helper)';
    assert.deepEqual(await h.as(t.admin).teams.deleteBlockers({ id: t.teamId }), { owns });
    assert.equal(await codeOf(h.as(t.editor).teams.deleteBlockers({ id: t.teamId })), 'FORBIDDEN');
    assert.equal(await codeOf(h.as(t.stranger).teams.deleteBlockers({ id: t.teamId })), 'NOT_FOUND');
    const refused = await h.call(t.admin, 'teams.delete', { id: t.teamId });
    assert.equal(refused.code, 'CONFLICT');
    assert.equal(refused.body.error?.message, `Team T still owns ${owns}: move or delete them first`);
    assert.equal((await h.as(t.admin).teams.get({ id: t.teamId })).memberCount, 3, 'nothing was deleted');

    const board = (await h.as(t.admin).dashboards.list()).find((d) => d.title === 'Sales board')!;
    await h.as(t.admin).dashboards.delete({ id: board.id });
    await h.as(t.admin).charts.delete({ id: owned.id });
    await h.as(t.admin).agents.delete({ id: agent.id });
    assert.deepEqual(await h.as(t.admin).teams.deleteBlockers({ id: t.teamId }), { owns: null });
    await h.as(t.admin).teams.delete({ id: t.teamId });
    for (const who of [t.admin, t.editor, t.viewer]) {
      assert.deepEqual(await h.as(who).teams.list(), [], 'the memberships went with the team');
      assert.equal(await codeOf(h.as(who).teams.get({ id: t.teamId })), 'NOT_FOUND');
    }
  });

  test('a team agent: only its admins delete it, outsiders get NOT_FOUND', async () => {
    const t = await team(h);
    const agent = await h.as(t.editor).agents.create({
      name: 'Drafts',
      instructions: 'Draft charts.',
      capabilities: { tools: ['describe_data'] },
      ownerTeamId: t.teamId,
    });
    assert.equal(await codeOf(h.as(t.stranger).agents.delete({ id: agent.id })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(t.viewer).agents.delete({ id: agent.id })), 'FORBIDDEN');
    assert.equal(await codeOf(h.as(t.editor).agents.delete({ id: agent.id })), 'FORBIDDEN');
    await h.as(t.admin).agents.delete({ id: agent.id });
    assert.equal(await codeOf(h.as(t.editor).agents.get({ id: agent.id })), 'NOT_FOUND');
  });
});
