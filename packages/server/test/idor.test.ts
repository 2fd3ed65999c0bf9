import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DashboardDetail } from '@ocp/contract';
import { addMember, chart, dashboard, randomId, TEMPLATE } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

// IDOR: for every procedure that takes an id, another team's id must produce the very same bytes as a random id
// (and change nothing). The caller is a busy user with a team of their own; the victim is another team.

interface Theirs {
  teamId: string;
  adminId: string;
  dashboard: DashboardDetail;
  tabId: string;
  placementId: string;
  chartId: string;
  templateId: string;
  itemId: string;
  folderId: string;
  versionId: string;
  linkId: string;
  invitationId: string;
}

describe('IDOR: another team’s ids are indistinguishable from random ids', () => {
  let h: Harness;
  let me: TestUser;
  let mine: { dashboard: DashboardDetail; chartId: string; folderId: string; token: string; placementId: string };
  let theirs: Theirs;

  before(async () => {
    h = await startHarness();
    me = await h.user('me');
    const victim = await h.user('victim');
    const member = await h.user('victim-member');
    const myTeam = ok(await h.call<{ id: string }>(me, 'teams.create', { name: 'Mine' }));
    const myDash = await dashboard(h, me, { ownerTeamId: myTeam.id });
    const myChart = await chart(h, me, { ownerTeamId: myTeam.id });
    const myPlacement = ok(
      await h.call<{ id: string }>(me, 'placements.place', {
        tabId: myDash.tabs[0]!.id,
        slotKey: 'top-left',
        chartId: myChart.id,
      }),
    );
    const myFolder = ok(await h.call<{ id: string }>(me, 'workspace.folders.create', { name: 'Mine' }));
    const myLink = ok(
      await h.call<{ token: string }>(me, 'sharing.create', { resourceType: 'dashboard', resourceId: myDash.id }),
    );
    mine = {
      dashboard: myDash,
      chartId: myChart.id,
      folderId: myFolder.id,
      token: myLink.token,
      placementId: myPlacement.id,
    };

    const team = ok(await h.call<{ id: string }>(victim, 'teams.create', { name: 'Theirs' }));
    await addMember(h, victim, team.id, member, 'editor');
    const d = await dashboard(h, victim, { ownerTeamId: team.id });
    ok(await h.call(victim, 'tabs.create', { dashboardId: d.id, title: 'Second' }));
    const c = await chart(h, victim, { ownerTeamId: team.id });
    const p = ok(
      await h.call<{ id: string }>(victim, 'placements.place', {
        tabId: d.tabs[0]!.id,
        slotKey: 'top-left',
        chartId: c.id,
      }),
    );
    const tpl = ok(
      await h.call<{ id: string }>(victim, 'templates.create', {
        name: 'Theirs',
        layoutConfig: { columns: 12, rowHeight: 80, gap: 8 },
        slots: [{ slotKey: 'main', positionConfig: { x: 0, y: 0, w: 12, h: 4 } }],
      }),
    );
    const item = ok(await h.call<{ id: string }>(victim, 'workspace.items.create', { itemType: 'note', title: 'n' }));
    const folder = ok(await h.call<{ id: string }>(victim, 'workspace.folders.create', { name: 'Theirs' }));
    const version = ok(await h.call<{ id: string }>(victim, 'dashboardVersions.create', { dashboardId: d.id }));
    const link = ok(
      await h.call<{ id: string }>(victim, 'sharing.create', { resourceType: 'chart', resourceId: c.id }),
    );
    const invitation = ok(
      await h.call<{ id: string }>(victim, 'teams.invitations.create', {
        teamId: team.id,
        email: 'pending@example.test',
        role: 'viewer',
      }),
    );
    theirs = {
      invitationId: invitation.id,
      teamId: team.id,
      adminId: victim.id,
      dashboard: ok(await h.call<DashboardDetail>(victim, 'dashboards.get', { id: d.id })),
      tabId: d.tabs[0]!.id,
      placementId: p.id,
      chartId: c.id,
      templateId: tpl.id,
      itemId: item.id,
      folderId: folder.id,
      versionId: version.id,
      linkId: link.id,
    };
  });
  after(() => h?.close());

  // [procedure, the input field under test, input builder given that id]
  const cases: Array<[string, string, (id: string) => unknown]> = [
    ['teams.get', 'id', (id) => ({ id })],
    ['teams.update', 'id', (id) => ({ id, name: 'x' })],
    ['teams.delete', 'id', (id) => ({ id })],
    ['teams.deleteBlockers', 'id', (id) => ({ id })],
    ['teams.members.list', 'teamId', (teamId) => ({ teamId })],
    ['teams.invitations.create', 'teamId', (teamId) => ({ teamId, email: 'someone@example.test', role: 'admin' })],
    ['teams.invitations.list', 'teamId', (teamId) => ({ teamId })],
    ['teams.invitations.revoke', 'id', (id) => ({ id })],
    ['teams.invitations.accept', 'id', (id) => ({ id })],
    ['teams.invitations.decline', 'id', (id) => ({ id })],
    ['teams.members.setRole', 'teamId', (teamId) => ({ teamId, userId: theirs.adminId, role: 'viewer' })],
    ['teams.members.remove', 'teamId', (teamId) => ({ teamId, userId: theirs.adminId })],
    ['templates.get', 'id', (id) => ({ id })],
    ['templates.update', 'id', (id) => ({ id, name: 'x' })],
    ['templates.delete', 'id', (id) => ({ id })],
    ['dashboards.get', 'id', (id) => ({ id })],
    ['dashboards.update', 'id', (id) => ({ id, expectedUpdatedAt: theirs.dashboard.updatedAt, title: 'x' })],
    ['dashboards.delete', 'id', (id) => ({ id })],
    ['dashboards.list', 'teamId', (teamId) => ({ teamId })],
    ['dashboards.create', 'templateId', (templateId) => ({ title: 'x', templateId })],
    ['dashboards.create', 'ownerTeamId', (ownerTeamId) => ({ title: 'x', templateId: TEMPLATE.single, ownerTeamId })],
    ['tabs.create', 'dashboardId', (dashboardId) => ({ dashboardId, title: 'x' })],
    ['tabs.create', 'templateId', (templateId) => ({ dashboardId: mine.dashboard.id, title: 'x', templateId })],
    ['tabs.update', 'id', (id) => ({ id, title: 'x' })],
    ['tabs.reorder', 'dashboardId', (dashboardId) => ({ dashboardId, tabIds: theirs.dashboard.tabs.map((t) => t.id) })],
    ['tabs.delete', 'id', (id) => ({ id })],
    ['placements.place', 'tabId', (tabId) => ({ tabId, slotKey: 'top-right', chartId: mine.chartId })],
    [
      'placements.place',
      'chartId',
      (chartId) => ({ tabId: mine.dashboard.tabs[0]!.id, slotKey: 'top-right', chartId }),
    ],
    ['placements.move', 'id', (id) => ({ id, slotKey: 'bottom-left' })],
    ['placements.move', 'tabId', (tabId) => ({ id: mine.placementId, tabId, slotKey: 'bottom-left' })],
    ['placements.update', 'id', (id) => ({ id, customizations: {} })],
    ['placements.remove', 'id', (id) => ({ id })],
    ['charts.get', 'id', (id) => ({ id })],
    ['charts.update', 'id', (id) => ({ id, title: 'x' })],
    ['charts.delete', 'id', (id) => ({ id })],
    ['charts.versions', 'chartId', (chartId) => ({ chartId })],
    ['charts.restoreVersion', 'chartId', (chartId) => ({ chartId, versionNumber: 1 })],
    ['charts.data', 'chartId', (chartId) => ({ chartId })],
    ['charts.list', 'ownerTeamId', (ownerTeamId) => ({ ownerTeamId })],
    ['charts.create', 'ownerTeamId', (ownerTeamId) => ({ ...chartBody, ownerTeamId })],
    ['dashboardVersions.list', 'dashboardId', (dashboardId) => ({ dashboardId })],
    ['dashboardVersions.create', 'dashboardId', (dashboardId) => ({ dashboardId })],
    ['dashboardVersions.get', 'id', (id) => ({ id })],
    ['dashboardVersions.restore', 'id', (id) => ({ id })],
    ['dashboardVersions.restore', 'dashboardId', (dashboardId) => ({ dashboardId, versionNumber: 1 })],
    ['dashboardVersions.get', 'dashboardId', (dashboardId) => ({ dashboardId, versionNumber: 1 })],
    ['workspace.items.get', 'id', (id) => ({ id })],
    ['workspace.items.update', 'id', (id) => ({ id, title: 'x' })],
    ['workspace.items.delete', 'id', (id) => ({ id })],
    ['workspace.items.create', 'referenceId', (referenceId) => ({ itemType: 'chart', title: 'x', referenceId })],
    ['workspace.folders.create', 'parentFolderId', (parentFolderId) => ({ name: 'x', parentFolderId })],
    ['workspace.folders.rename', 'id', (id) => ({ id, name: 'x' })],
    ['workspace.folders.move', 'id', (id) => ({ id, parentFolderId: null })],
    ['workspace.folders.move', 'parentFolderId', (parentFolderId) => ({ id: mine.folderId, parentFolderId })],
    ['workspace.folders.delete', 'id', (id) => ({ id })],
    ['sharing.create', 'resourceId', (resourceId) => ({ resourceType: 'dashboard', resourceId })],
    ['sharing.create', 'resourceId', (resourceId) => ({ resourceType: 'chart', resourceId })],
    ['sharing.create', 'resourceId', (resourceId) => ({ resourceType: 'template', resourceId })],
    ['sharing.list', 'resourceId', (resourceId) => ({ resourceType: 'dashboard', resourceId })],
    ['sharing.revoke', 'id', (id) => ({ id })],
    ['sharing.chartData', 'chartId', (chartId) => ({ token: mine.token, chartId })],
  ];
  const chartBody = {
    title: 'x',
    chartType: 'line',
    plotlyConfig: { data: [] },
    dataSourceConfig: { kind: 'inline', columns: { x: [1] }, mapping: { x: 'x', y: ['x'] } },
  };

  /** The victim's id of the kind a case's input builder expects, by the field it fills. */
  function theirIdFor(path: string, field: string, build: (id: string) => unknown): string {
    if (field === 'teamId' || field === 'ownerTeamId') return theirs.teamId;
    if (field === 'templateId') return theirs.templateId;
    if (field === 'dashboardId') return theirs.dashboard.id;
    if (field === 'tabId') return theirs.tabId;
    if (field === 'chartId' || field === 'referenceId') return theirs.chartId;
    if (field === 'parentFolderId') return theirs.folderId;
    if (field === 'resourceId') {
      const type = (build('x') as { resourceType: string }).resourceType;
      return type === 'dashboard' ? theirs.dashboard.id : type === 'chart' ? theirs.chartId : theirs.templateId;
    }
    // field === 'id': by procedure family
    if (path.startsWith('teams.invitations.')) return theirs.invitationId;
    if (path.startsWith('teams.')) return theirs.teamId;
    if (path.startsWith('templates.')) return theirs.templateId;
    if (path.startsWith('dashboards.')) return theirs.dashboard.id;
    if (path.startsWith('tabs.')) return theirs.tabId;
    if (path.startsWith('placements.')) return theirs.placementId;
    if (path.startsWith('charts.')) return theirs.chartId;
    if (path.startsWith('dashboardVersions.')) return theirs.versionId;
    if (path.startsWith('workspace.items.')) return theirs.itemId;
    if (path.startsWith('workspace.folders.')) return theirs.folderId;
    if (path.startsWith('sharing.')) return theirs.linkId;
    throw new Error(`no id for ${path}`);
  }

  for (const [path, field, build] of cases) {
    test(`${path} (${field})`, async () => {
      const theirId = theirIdFor(path, field, build);
      const a = await h.call(me, path, build(theirId));
      const b = await h.call(me, path, build(randomId()));
      assert.equal(a.status, b.status);
      assert.equal(a.text, b.text, 'byte-for-byte identical');
      assert.ok(['NOT_FOUND', 'OK'].includes(a.code), `${a.code}: ${a.text}`);
      if (a.code === 'OK') assert.deepEqual(a.data, [], 'a list filtered to someone else’s ids is empty');
    });
  }

  test('and none of those calls changed anything of theirs', async () => {
    const victimUser = {
      id: theirs.adminId,
      email: '',
      token: await h.auth.issueToken({ id: theirs.adminId, email: null }),
    };
    const now = ok(await h.call<DashboardDetail>(victimUser, 'dashboards.get', { id: theirs.dashboard.id }));
    assert.deepEqual(now, theirs.dashboard);
    assert.equal((await h.call(victimUser, 'charts.get', { id: theirs.chartId })).code, 'OK');
    assert.equal((await h.call(victimUser, 'workspace.items.get', { id: theirs.itemId })).code, 'OK');
    assert.equal(ok(await h.call<unknown[]>(victimUser, 'sharing.list', {})).length, 1);
    const invitations = ok(
      await h.call<Array<{ id: string }>>(victimUser, 'teams.invitations.list', { teamId: theirs.teamId }),
    );
    assert.deepEqual(
      invitations.map((i) => i.id),
      [theirs.invitationId],
    );
  });
});
