import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChartData, DashboardDetail, DashboardVersionView, PlacementView, SharedResource } from '@ocp/contract';
import { rawQuery } from '@ocp/db/testing';
import { openSse, type SseStream } from './events-sse.js';
import { addMember, chart, dashboard, TEMPLATE, type Team, team } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

// Issue 10.2: a chart placed on a dashboard is shown (config and data, through the dashboard and its links) only
// while the dashboard's owner may read it now; a link serves a chart only while its creator holds a role on it.

const SECRET_TITLE = 'Quarterly margin by customer';
/** A value only the chart's newest data holds: served anywhere after access ended, it would be the leak. */
const NEW_VALUE = 987_654_321;

describe('access through placements and links ends with the access it came from', () => {
  let h: Harness;
  let t: Team;
  const streams: SseStream[] = [];

  before(async () => {
    h = await startHarness({ rateLimits: { shareToken: { capacity: 100_000, perMinute: 100_000 } } });
    t = await team(h);
  });
  after(async () => {
    for (const s of streams) s.close();
    await h?.close();
  });

  const place = (who: TestUser, d: DashboardDetail, slotKey: string, chartId: string) =>
    h.call<PlacementView & { tabId: string }>(who, 'placements.place', { tabId: d.tabs[0]!.id, slotKey, chartId });
  const link = async (who: TestUser, resourceType: string, resourceId: string) =>
    ok(await h.call<{ token: string }>(who, 'sharing.create', { resourceType, resourceId })).token;
  const newData = (chartId: string, who: TestUser) =>
    h.call(who, 'charts.update', {
      id: chartId,
      dataSourceConfig: { kind: 'inline', columns: { t: [1, 2], kw: [5, NEW_VALUE] }, mapping: { x: 't', y: ['kw'] } },
    });
  const teamChart = async (ownerTeamId: string, who: TestUser = t.admin) =>
    chart(h, who, { title: SECRET_TITLE, ownerTeamId });

  /** Every way the chart could still be read through `dashboardId` (as `reader`) and through the two links. */
  async function surfaces(
    reader: TestUser,
    dashboardId: string,
    chartId: string,
    links: { dashboard: string; chart?: string },
  ) {
    const get = await h.call<DashboardDetail>(reader, 'dashboards.get', { id: dashboardId });
    const resolved = await h.call<SharedResource>(null, 'sharing.resolve', { token: links.dashboard });
    return {
      get,
      placement: ok(get).tabs[0]!.placements.find((p) => p.chartId === chartId)!,
      data: await h.call<ChartData>(reader, 'charts.data', { chartId }),
      resolved,
      sharedPlacement: (ok(resolved) as Extract<SharedResource, { resourceType: 'dashboard' }>).dashboard.tabs[0]!
        .placements[0]!,
      sharedData: await h.call<ChartData>(null, 'sharing.chartData', { token: links.dashboard, chartId }),
      chartLink: links.chart ? await h.call<SharedResource>(null, 'sharing.resolve', { token: links.chart }) : null,
      chartLinkData: links.chart
        ? await h.call<ChartData>(null, 'sharing.chartData', { token: links.chart, chartId })
        : null,
    };
  }

  function assertShown(s: Awaited<ReturnType<typeof surfaces>>) {
    assert.notEqual(s.placement.unavailable, true);
    assert.equal(s.placement.chart?.title, SECRET_TITLE);
    assert.equal(s.data.code, 'OK');
    assert.equal(s.sharedPlacement.chart?.title, SECRET_TITLE);
    assert.equal(s.sharedData.code, 'OK');
    if (s.chartLink) assert.equal(s.chartLink.code, 'OK');
    if (s.chartLinkData) assert.equal(s.chartLinkData.code, 'OK');
  }

  function assertGone(s: Awaited<ReturnType<typeof surfaces>>) {
    // The slot stays, marked unavailable: no title, no config, no data.
    assert.deepEqual(
      { unavailable: s.placement.unavailable, chart: s.placement.chart },
      { unavailable: true, chart: null },
    );
    assert.equal(s.sharedPlacement.unavailable, true);
    assert.equal(s.sharedPlacement.chart, null);
    for (const text of [s.get.text, s.resolved.text]) {
      assert.ok(!text.includes(SECRET_TITLE), 'no title');
      assert.ok(!text.includes('plotlyConfig'), 'no config');
    }
    assert.equal(s.data.code, 'NOT_FOUND');
    assert.equal(s.sharedData.code, 'NOT_FOUND');
    for (const r of [s.data, s.sharedData, s.chartLinkData]) assert.ok(!r?.text.includes(String(NEW_VALUE)));
    if (s.chartLink) assert.equal(s.chartLink.code, 'NOT_FOUND');
    if (s.chartLinkData) assert.equal(s.chartLinkData.code, 'NOT_FOUND');
  }

  test('removal from the team: a team chart on a personal dashboard, and its links', async () => {
    const member = await h.user('leaving-editor');
    await addMember(h, t.admin, t.teamId, member, 'editor');
    const c = await teamChart(t.teamId);
    const mine = await dashboard(h, member, { templateId: TEMPLATE.grid });
    ok(await place(member, mine, 'top-left', c.id));
    const links = { dashboard: await link(member, 'dashboard', mine.id), chart: await link(member, 'chart', c.id) };
    assertShown(await surfaces(member, mine.id, c.id, links));
    const version = ok(
      await h.call<DashboardVersionView>(member, 'dashboardVersions.create', { dashboardId: mine.id }),
    );
    const stream = await openSse(h.url, member, mine.id);
    streams.push(stream);
    await stream.next((m) => m.event === 'connected');

    ok(await h.call(t.admin, 'teams.members.remove', { teamId: t.teamId, userId: member.id }));
    ok(await newData(c.id, t.admin));
    assertGone(await surfaces(member, mine.id, c.id, links));
    // The open dashboard heard of it, with the placeholder itself: the chart as it shows there now, none.
    assert.deepEqual((await stream.nextEvent()).event, {
      type: 'chart',
      dashboardId: mine.id,
      chartId: c.id,
      action: 'updated',
      chart: null,
      dataChanged: false,
    });
    // Its saved versions do not show the chart either, and a restore does not bring it back.
    const saved = await h.call<DashboardVersionView>(member, 'dashboardVersions.get', { id: version.id });
    assert.ok(!saved.text.includes(SECRET_TITLE));
    const snapshot = ok(saved).snapshot as unknown as DashboardDetail;
    assert.deepEqual(
      snapshot.tabs[0]!.placements.map((p) => [p.chartId, p.unavailable, p.chart]),
      [[c.id, true, null]],
    );
    const restored = ok(
      await h.call<{ dashboard: DashboardDetail; skipped: { placements: number } }>(
        member,
        'dashboardVersions.restore',
        { id: version.id },
      ),
    );
    assert.equal(restored.skipped.placements, 1);
    assert.equal(restored.dashboard.tabs[0]!.placements.length, 0);
  });

  test("removal from the team: a member's own chart on the team's dashboard", async () => {
    const member = await h.user('leaving-author');
    await addMember(h, t.admin, t.teamId, member, 'editor');
    const own = await chart(h, member, { title: SECRET_TITLE });
    const teamDashboard = await dashboard(h, t.admin, { ownerTeamId: t.teamId, templateId: TEMPLATE.grid });
    ok(await place(member, teamDashboard, 'top-left', own.id));
    const links = { dashboard: await link(t.admin, 'dashboard', teamDashboard.id) };
    assertShown(await surfaces(t.viewer, teamDashboard.id, own.id, links));
    ok(await h.call(t.admin, 'teams.members.remove', { teamId: t.teamId, userId: member.id }));
    ok(await newData(own.id, member));
    assertGone(await surfaces(t.viewer, teamDashboard.id, own.id, links));
  });

  test('a public chart made private again', async () => {
    const author = await h.user('publisher');
    const c = await chart(h, author, { title: SECRET_TITLE, isPublic: true });
    const reader = await h.user('reader');
    const mine = await dashboard(h, reader, { templateId: TEMPLATE.grid });
    ok(await place(reader, mine, 'top-left', c.id));
    const links = { dashboard: await link(reader, 'dashboard', mine.id) };
    assertShown(await surfaces(reader, mine.id, c.id, links));
    const stream = await openSse(h.url, reader, mine.id);
    streams.push(stream);
    await stream.next((m) => m.event === 'connected');

    ok(await h.call(author, 'charts.update', { id: c.id, isPublic: false }));
    ok(await newData(c.id, author));
    assertGone(await surfaces(reader, mine.id, c.id, links));
    // Told once, by the change that made it unavailable; the next update is not told where it no longer shows.
    assert.equal((await stream.nextEvent()).event.type, 'chart');
    await assert.rejects(stream.nextEvent(300));
    // Public again: the same placement shows it again.
    ok(await h.call(author, 'charts.update', { id: c.id, isPublic: true }));
    assertShown(await surfaces(reader, mine.id, c.id, links));
  });

  test('a team chart moved to another team', async () => {
    const other = ok(await h.call<{ id: string }>(t.admin, 'teams.create', { name: 'Other team' }));
    const c = await teamChart(t.teamId);
    const teamDashboard = await dashboard(h, t.admin, { ownerTeamId: t.teamId, templateId: TEMPLATE.grid });
    ok(await place(t.admin, teamDashboard, 'top-left', c.id));
    const viewerDashboard = await dashboard(h, t.viewer, { templateId: TEMPLATE.grid });
    ok(await place(t.viewer, viewerDashboard, 'top-left', c.id));
    const teamLinks = {
      dashboard: await link(t.admin, 'dashboard', teamDashboard.id),
      chart: await link(t.editor, 'chart', c.id),
    };
    const viewerLinks = { dashboard: await link(t.viewer, 'dashboard', viewerDashboard.id) };
    assertShown(await surfaces(t.viewer, teamDashboard.id, c.id, teamLinks));
    assertShown(await surfaces(t.viewer, viewerDashboard.id, c.id, viewerLinks));

    // There is no procedure for moving a chart between teams: a database administrator does it.
    await rawQuery(h.db, 'UPDATE charts SET owner_team_id = $1 WHERE id = $2', [other.id, c.id]);
    ok(await newData(c.id, t.admin)); // admin of both teams: the chart is still theirs to edit
    assertGone(await surfaces(t.viewer, teamDashboard.id, c.id, teamLinks));
    assertGone(await surfaces(t.viewer, viewerDashboard.id, c.id, viewerLinks));
    // Even the admin, who may read the chart in its new team, sees no other team's chart on this team's dashboard.
    const asAdmin = ok(await h.call<DashboardDetail>(t.admin, 'dashboards.get', { id: teamDashboard.id }));
    assert.equal(asAdmin.tabs[0]!.placements[0]!.unavailable, true);
    // …and cannot place it there again.
    const again = await place(t.admin, teamDashboard, 'top-right', c.id);
    assert.equal(again.code, 'BAD_REQUEST');
    assert.match(again.body.error!.message, /dashboard's owner cannot read this chart/);
  });

  test('a chart the dashboard may read still shows: a public chart on a team dashboard, for every team role', async () => {
    const c = await chart(h, t.owner, { title: SECRET_TITLE, isPublic: true });
    const teamDashboard = await dashboard(h, t.editor, { ownerTeamId: t.teamId, templateId: TEMPLATE.grid });
    const placed = ok(await place(t.editor, teamDashboard, 'top-left', c.id));
    assert.equal(placed.chart?.title, SECRET_TITLE);
    const links = { dashboard: await link(t.editor, 'dashboard', teamDashboard.id) };
    for (const reader of [t.admin, t.editor, t.viewer])
      assertShown(await surfaces(reader, teamDashboard.id, c.id, links));
  });
});
