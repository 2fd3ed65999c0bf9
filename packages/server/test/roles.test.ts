import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DashboardDetail } from '@ocp/contract';
import { addMember, chart, chartInput, dashboard, TEMPLATE, type Team, team } from './fixtures.js';
import { type CallResult, codeOf, type Harness, startHarness, type TestUser } from './harness.js';

// The role matrix of SPEC §4: owner, team admin, editor, viewer, unrelated user and anonymous × read, update and
// delete on every kind of resource. Each cell gets fresh resources, so destructive cells cannot influence others.

type Actor = 'owner' | 'admin' | 'editor' | 'viewer' | 'stranger' | 'anon';
const ACTORS: Actor[] = ['owner', 'admin', 'editor', 'viewer', 'stranger', 'anon'];
type Expect = Record<Actor, string>;
const E = (owner: string, admin: string, editor: string, viewer: string, stranger: string, anon: string): Expect => ({
  owner,
  admin,
  editor,
  viewer,
  stranger,
  anon,
});
const [OK, NF, FB, UA] = ['OK', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED'];

// `owner` owns personal resources (and is in no team); team T (admin, editor, viewer) owns team resources.
const PERSONAL = E(OK, NF, NF, NF, NF, UA);
const TEAM_READ = E(NF, OK, OK, OK, NF, UA);
const TEAM_WRITE = E(NF, OK, OK, FB, NF, UA);
const TEAM_MANAGE = E(NF, OK, FB, FB, NF, UA);
const PUBLIC_READ = E(OK, OK, OK, OK, OK, UA);
const PUBLIC_WRITE = E(OK, FB, FB, FB, FB, UA);

interface Cell<C> {
  name: string;
  setup: () => Promise<C>;
  call: (who: TestUser | null, c: C) => Promise<CallResult>;
  expect: Expect;
}

describe('role matrix', () => {
  let h: Harness;
  let t: Team;
  const who = (a: Actor): TestUser | null => (a === 'anon' ? null : t[a]);

  before(async () => {
    h = await startHarness();
    t = await team(h);
  });
  after(() => h?.close());

  const teamDashboard = () => dashboard(h, t.admin, { ownerTeamId: t.teamId });
  const personalDashboard = (extra = {}) => dashboard(h, t.owner, extra);
  const teamChart = () => chart(h, t.admin, { ownerTeamId: t.teamId });
  const withTwoTabs = async () => {
    const d = await teamDashboard();
    await h.as(t.admin).tabs.create({ dashboardId: d.id, title: 'Second' });
    return d;
  };
  const withPlacement = async () => {
    const d = await teamDashboard();
    const c = await teamChart();
    const p = await h.as(t.admin).placements.place({
      tabId: d.tabs[0]!.id,
      slotKey: 'top-left',
      chartId: c.id,
    });
    return { d, c, p };
  };

  // biome-ignore lint/suspicious/noExplicitAny: a heterogeneous table; each cell's context is typed by its setup
  const cells: Array<Cell<any>> = [
    // Dashboards
    {
      name: 'personal dashboard × read',
      setup: () => personalDashboard(),
      call: (u, d: DashboardDetail) => h.call(u, 'dashboards.get', { id: d.id }),
      expect: PERSONAL,
    },
    {
      name: 'personal dashboard × update',
      setup: () => personalDashboard(),
      call: (u, d: DashboardDetail) =>
        h.call(u, 'dashboards.update', { id: d.id, expectedUpdatedAt: d.updatedAt, title: 'x' }),
      expect: PERSONAL,
    },
    {
      name: 'personal dashboard × delete',
      setup: () => personalDashboard(),
      call: (u, d: DashboardDetail) => h.call(u, 'dashboards.delete', { id: d.id }),
      expect: PERSONAL,
    },
    {
      name: 'team dashboard × read',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'dashboards.get', { id: d.id }),
      expect: TEAM_READ,
    },
    {
      name: 'team dashboard × update',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) =>
        h.call(u, 'dashboards.update', { id: d.id, expectedUpdatedAt: d.updatedAt, title: 'x' }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team dashboard × delete',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'dashboards.delete', { id: d.id }),
      expect: TEAM_MANAGE,
    },
    {
      name: 'public dashboard × read',
      setup: () => personalDashboard({ isPublic: true }),
      call: (u, d: DashboardDetail) => h.call(u, 'dashboards.get', { id: d.id }),
      expect: PUBLIC_READ,
    },
    {
      name: 'public dashboard × update',
      setup: () => personalDashboard({ isPublic: true }),
      call: (u, d: DashboardDetail) =>
        h.call(u, 'dashboards.update', { id: d.id, expectedUpdatedAt: d.updatedAt, title: 'x' }),
      expect: PUBLIC_WRITE,
    },
    {
      name: 'public dashboard × delete',
      setup: () => personalDashboard({ isPublic: true }),
      call: (u, d: DashboardDetail) => h.call(u, 'dashboards.delete', { id: d.id }),
      expect: PUBLIC_WRITE,
    },
    // Tabs (read through the dashboard)
    {
      name: 'team tab × create',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'tabs.create', { dashboardId: d.id, title: 'T2' }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team tab × update',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'tabs.update', { id: d.tabs[0]!.id, title: 'x' }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team tab × reorder',
      setup: withTwoTabs,
      call: async (u, d: DashboardDetail) => {
        const tabs = (await h.as(t.admin).dashboards.get({ id: d.id })).tabs;
        return h.call(u, 'tabs.reorder', { dashboardId: d.id, tabIds: tabs.map((x) => x.id).reverse() });
      },
      expect: TEAM_WRITE,
    },
    {
      name: 'team tab × delete',
      setup: withTwoTabs,
      call: (u, d: DashboardDetail) => h.call(u, 'tabs.delete', { id: d.tabs[0]!.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'personal tab × update',
      setup: () => personalDashboard(),
      call: (u, d: DashboardDetail) => h.call(u, 'tabs.update', { id: d.tabs[0]!.id, title: 'x' }),
      expect: PERSONAL,
    },
    // Placements (read through the dashboard)
    {
      name: 'team placement × place',
      setup: async () => ({
        d: await teamDashboard(),
        c: await chart(h, t.admin, { ownerTeamId: t.teamId, isPublic: true }),
      }),
      call: (u, x: { d: DashboardDetail; c: { id: string } }) =>
        h.call(u, 'placements.place', { tabId: x.d.tabs[0]!.id, slotKey: 'top-left', chartId: x.c.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team placement × read (via dashboards.get)',
      setup: withPlacement,
      call: async (u, x) => {
        const res = await h.call<DashboardDetail>(u, 'dashboards.get', { id: x.d.id });
        if (res.code === 'OK') assert.equal(res.data.tabs[0]!.placements[0]!.id, x.p.id);
        return res;
      },
      expect: TEAM_READ,
    },
    {
      name: 'team placement × update',
      setup: withPlacement,
      call: (u, x) => h.call(u, 'placements.update', { id: x.p.id, customizations: { color: 'red' } }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team placement × move',
      setup: withPlacement,
      call: (u, x) => h.call(u, 'placements.move', { id: x.p.id, slotKey: 'bottom-right' }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team placement × remove',
      setup: withPlacement,
      call: (u, x) => h.call(u, 'placements.remove', { id: x.p.id }),
      expect: TEAM_WRITE,
    },
    // Charts
    {
      name: 'personal chart × read',
      setup: () => chart(h, t.owner),
      call: (u, c) => h.call(u, 'charts.get', { id: c.id }),
      expect: PERSONAL,
    },
    {
      name: 'personal chart × update',
      setup: () => chart(h, t.owner),
      call: (u, c) => h.call(u, 'charts.update', { id: c.id, title: 'x' }),
      expect: PERSONAL,
    },
    {
      name: 'personal chart × delete',
      setup: () => chart(h, t.owner),
      call: (u, c) => h.call(u, 'charts.delete', { id: c.id }),
      expect: PERSONAL,
    },
    {
      name: 'team chart × read',
      setup: teamChart,
      call: (u, c) => h.call(u, 'charts.get', { id: c.id }),
      expect: TEAM_READ,
    },
    {
      name: 'team chart × data',
      setup: teamChart,
      call: (u, c) => h.call(u, 'charts.data', { chartId: c.id }),
      expect: TEAM_READ,
    },
    {
      name: 'team chart × update',
      setup: teamChart,
      call: (u, c) => h.call(u, 'charts.update', { id: c.id, title: 'x' }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team chart × delete',
      setup: teamChart,
      call: (u, c) => h.call(u, 'charts.delete', { id: c.id }),
      expect: TEAM_MANAGE,
    },
    {
      name: 'public chart × read',
      setup: () => chart(h, t.owner, { isPublic: true }),
      call: (u, c) => h.call(u, 'charts.get', { id: c.id }),
      expect: PUBLIC_READ,
    },
    {
      name: 'public chart × update',
      setup: () => chart(h, t.owner, { isPublic: true }),
      call: (u, c) => h.call(u, 'charts.update', { id: c.id, title: 'x' }),
      expect: PUBLIC_WRITE,
    },
    {
      name: 'public chart × delete',
      setup: () => chart(h, t.owner, { isPublic: true }),
      call: (u, c) => h.call(u, 'charts.delete', { id: c.id }),
      expect: PUBLIC_WRITE,
    },
    // Chart versions
    {
      name: 'team chart versions × read',
      setup: teamChart,
      call: (u, c) => h.call(u, 'charts.versions', { chartId: c.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team chart versions × restore',
      setup: teamChart,
      call: (u, c) => h.call(u, 'charts.restoreVersion', { chartId: c.id, versionNumber: 1 }),
      expect: TEAM_WRITE,
    },
    // Dashboard versions
    {
      name: 'team dashboard versions × create',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'dashboardVersions.create', { dashboardId: d.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team dashboard versions × list',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'dashboardVersions.list', { dashboardId: d.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team dashboard versions × get',
      setup: async () =>
        await h.as(t.admin).dashboardVersions.create({
          dashboardId: (await teamDashboard()).id,
        }),
      call: (u, v) => h.call(u, 'dashboardVersions.get', { id: v.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team dashboard versions × restore',
      setup: async () =>
        await h.as(t.admin).dashboardVersions.create({
          dashboardId: (await teamDashboard()).id,
        }),
      call: (u, v) => h.call(u, 'dashboardVersions.restore', { id: v.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'personal dashboard versions × get',
      setup: async () =>
        await h.as(t.owner).dashboardVersions.create({
          dashboardId: (await personalDashboard()).id,
        }),
      call: (u, v) => h.call(u, 'dashboardVersions.get', { id: v.id }),
      expect: PERSONAL,
    },
    // Templates: the creator owns one; teammates may use it; system templates are everyone's (read-only)
    {
      name: 'own template × read',
      setup: () => template(t.owner),
      call: (u, tpl) => h.call(u, 'templates.get', { id: tpl.id }),
      expect: E(OK, NF, NF, NF, NF, NF), // templates.get is public: anonymous callers see system templates only
    },
    {
      name: 'own template × update',
      setup: () => template(t.owner),
      call: (u, tpl) => h.call(u, 'templates.update', { id: tpl.id, name: 'x' }),
      expect: PERSONAL,
    },
    {
      name: 'own template × delete',
      setup: () => template(t.owner),
      call: (u, tpl) => h.call(u, 'templates.delete', { id: tpl.id }),
      expect: PERSONAL,
    },
    {
      name: "team admin's template × read",
      setup: () => template(t.admin),
      call: (u, tpl) => h.call(u, 'templates.get', { id: tpl.id }),
      expect: E(NF, OK, OK, OK, NF, NF),
    },
    {
      name: "team admin's template × update",
      setup: () => template(t.admin),
      call: (u, tpl) => h.call(u, 'templates.update', { id: tpl.id, name: 'x' }),
      expect: E(NF, OK, FB, FB, NF, UA),
    },
    {
      name: "team admin's template × delete",
      setup: () => template(t.admin),
      call: (u, tpl) => h.call(u, 'templates.delete', { id: tpl.id }),
      expect: E(NF, OK, FB, FB, NF, UA),
    },
    {
      name: 'system template × read',
      setup: async () => ({ id: TEMPLATE.single }),
      call: (u, tpl) => h.call(u, 'templates.get', { id: tpl.id }),
      expect: E(OK, OK, OK, OK, OK, OK),
    },
    {
      name: 'system template × update',
      setup: async () => ({ id: TEMPLATE.single }),
      call: (u, tpl) => h.call(u, 'templates.update', { id: tpl.id, name: 'x' }),
      expect: E(FB, FB, FB, FB, FB, UA),
    },
    {
      name: 'system template × delete',
      setup: async () => ({ id: TEMPLATE.single }),
      call: (u, tpl) => h.call(u, 'templates.delete', { id: tpl.id }),
      expect: E(FB, FB, FB, FB, FB, UA),
    },
    // Workspace items: private to their user
    {
      name: 'workspace item × read',
      setup: () => item(t.owner),
      call: (u, i) => h.call(u, 'workspace.items.get', { id: i.id }),
      expect: PERSONAL,
    },
    {
      name: 'workspace item × update',
      setup: () => item(t.owner),
      call: (u, i) => h.call(u, 'workspace.items.update', { id: i.id, isFavorite: true }),
      expect: PERSONAL,
    },
    {
      name: 'workspace item × delete',
      setup: () => item(t.owner),
      call: (u, i) => h.call(u, 'workspace.items.delete', { id: i.id }),
      expect: PERSONAL,
    },
    // Sharing links (editor or above on the resource)
    {
      name: 'team dashboard sharing links × create',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'sharing.create', { resourceType: 'dashboard', resourceId: d.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team dashboard sharing links × list',
      setup: teamDashboard,
      call: (u, d: DashboardDetail) => h.call(u, 'sharing.list', { resourceType: 'dashboard', resourceId: d.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'team dashboard sharing links × revoke',
      setup: async () => {
        const d = await teamDashboard();
        return await h.as(t.admin).sharing.create({ resourceType: 'dashboard', resourceId: d.id });
      },
      call: (u, link) => h.call(u, 'sharing.revoke', { id: link.id }),
      expect: TEAM_WRITE,
    },
    {
      name: 'personal chart sharing links × create',
      setup: () => chart(h, t.owner),
      call: (u, c) => h.call(u, 'sharing.create', { resourceType: 'chart', resourceId: c.id }),
      expect: PERSONAL,
    },
    // Teams
    {
      name: 'team × read',
      setup: async () => ({ id: t.teamId }),
      call: (u, x) => h.call(u, 'teams.get', { id: x.id }),
      expect: TEAM_READ,
    },
    {
      name: 'team × update',
      setup: async () => ({ id: t.teamId }),
      call: (u, x) => h.call(u, 'teams.update', { id: x.id, description: 'x' }),
      expect: TEAM_MANAGE,
    },
    {
      name: 'team × delete (a team of its own each time)',
      setup: async () => {
        const other = await h.as(t.admin).teams.create({ name: 'Disposable' });
        await addMember(h, t.admin, other.id, t.editor, 'editor');
        await addMember(h, t.admin, other.id, t.viewer, 'viewer');
        return other;
      },
      call: (u, x) => h.call(u, 'teams.delete', { id: x.id }),
      expect: TEAM_MANAGE,
    },
    {
      name: 'team invitations × create',
      setup: async () => ({ id: t.teamId, email: (await h.user('newcomer')).email }),
      call: (u, x) => h.call(u, 'teams.invitations.create', { teamId: x.id, email: x.email, role: 'viewer' }),
      expect: TEAM_MANAGE,
    },
  ];

  async function template(owner: TestUser) {
    return await h.as(owner).templates.create({
      name: 'Mine',
      layoutConfig: { columns: 12, rowHeight: 80, gap: 8 },
      slots: [{ slotKey: 'main', positionConfig: { x: 0, y: 0, w: 12, h: 4 } }],
    });
  }

  async function item(owner: TestUser) {
    return await h.as(owner).workspace.items.create({ itemType: 'note', title: 'n', content: {} });
  }

  for (const cell of cells) {
    test(cell.name, async () => {
      const got: Partial<Expect> = {};
      for (const actor of ACTORS) {
        const context = await cell.setup();
        got[actor] = (await cell.call(who(actor), context)).code;
      }
      assert.deepEqual(got, cell.expect);
    });
  }

  test('placing a visible chart you do not own grants nothing over it', async () => {
    const foreign = await chart(h, t.owner, { isPublic: true });
    const d = await teamDashboard();
    await h.as(t.editor).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'top-left', chartId: foreign.id });
    assert.equal(await codeOf(h.as(t.editor).charts.update({ id: foreign.id, title: 'mine now' })), 'FORBIDDEN');
    assert.equal(await codeOf(h.as(t.admin).charts.delete({ id: foreign.id })), 'FORBIDDEN');
    assert.equal(
      await codeOf(h.as(t.editor).sharing.create({ resourceType: 'chart', resourceId: foreign.id })),
      'FORBIDDEN',
    );
    // …but the team now sees it on its dashboard, and can load its data there.
    assert.equal((await h.as(t.viewer).dashboards.get({ id: d.id })).tabs[0]!.placements.length, 1);
    assert.equal(await codeOf(h.as(t.viewer).charts.data({ chartId: foreign.id })), 'OK');
  });

  test('placing an invisible chart is NOT_FOUND', async () => {
    const secret = await chart(h, t.owner);
    const d = await teamDashboard();
    const res = await h.call(t.admin, 'placements.place', {
      tabId: d.tabs[0]!.id,
      slotKey: 'top-left',
      chartId: secret.id,
    });
    assert.equal(res.code, 'NOT_FOUND');
  });

  test('a personal chart placed on a team dashboard by its owner can be read there, not edited', async () => {
    // The owner joins the team as editor, places a private chart, and the viewer reads it through the dashboard.
    const mine = await chart(h, t.editor, chartInput({ title: 'Editor private' }));
    const d = await teamDashboard();
    await h.as(t.editor).placements.place({ tabId: d.tabs[0]!.id, slotKey: 'top-right', chartId: mine.id });
    assert.equal(await codeOf(h.as(t.viewer).charts.data({ chartId: mine.id })), 'OK');
    assert.equal(await codeOf(h.as(t.viewer).charts.get({ id: mine.id })), 'NOT_FOUND');
    assert.equal(await codeOf(h.as(t.stranger).charts.data({ chartId: mine.id })), 'NOT_FOUND');
  });
});
