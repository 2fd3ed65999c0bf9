import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agents, charts, chatSessions, dashboards, teams, workspaceItems } from '@ocp/db';
import { eq } from 'drizzle-orm';
import { createContextInner } from '../src/index.js';
import { authedProcedure, createCallerFactory, router } from '../src/trpc.js';
import { chart, dashboard, type Team, team } from './fixtures.js';
import { type Harness, startHarness, type TestUser } from './harness.js';

/*
 * A service bug, simulated: procedures built exactly like the real ones (authedProcedure) whose queries forgot the
 * API's WHERE clause. Row-level security (the request runs as the app role with the caller's claims) still
 * returns nothing foreign and changes nothing foreign; the same procedures on the owner connection (`rls: false`)
 * show what the bug would have leaked.
 */
const buggy = router({
  everything: authedProcedure.query(async ({ ctx }) => ({
    dashboards: (await ctx.db.select({ id: dashboards.id }).from(dashboards)).map((r) => r.id),
    charts: (await ctx.db.select({ id: charts.id }).from(charts)).map((r) => r.id),
    teams: (await ctx.db.select({ id: teams.id }).from(teams)).map((r) => r.id),
    items: (await ctx.db.select({ id: workspaceItems.id }).from(workspaceItems)).map((r) => r.id),
    sessions: (await ctx.db.select({ id: chatSessions.id }).from(chatSessions)).map((r) => r.id),
    agents: (await ctx.db.select({ id: agents.id }).from(agents)).map((r) => r.id),
  })),
  renameAllCharts: authedProcedure.mutation(async ({ ctx }) =>
    (await ctx.db.update(charts).set({ title: 'renamed by a bug' }).returning({ id: charts.id })).map((r) => r.id),
  ),
  deleteAllDashboards: authedProcedure.mutation(async ({ ctx }) =>
    (await ctx.db.delete(dashboards).returning({ id: dashboards.id })).map((r) => r.id),
  ),
});
const callerOf = createCallerFactory(buggy);

let h: Harness;
let t: Team;
let theirs: { dashboard: string; chart: string; item: string; session: string; agent: string; publicChart: string };
let mine: { dashboard: string; chart: string };

function as(who: TestUser, rls = true) {
  return callerOf(createContextInner({ db: h.db.db, user: { id: who.id, email: who.email }, runtime: h.runtime, rls }));
}

before(async () => {
  h = await startHarness();
  t = await team(h);
  const d = await dashboard(h, t.editor, { ownerTeamId: t.teamId });
  const c = await chart(h, t.editor, { ownerTeamId: t.teamId });
  const pub = await chart(h, t.owner, { isPublic: true });
  const item = await h
    .as(t.owner)
    .workspace.items.create({ itemType: 'note', title: 'private note', content: { text: 'x' } });
  const session = await h.as(t.owner).chat.sessions.create({ title: 'private chat' });
  const agent = await h.as(t.admin).agents.create({ name: 'Team agent', instructions: 'x', ownerTeamId: t.teamId });
  theirs = { dashboard: d.id, chart: c.id, item: item.id, session: session.id, agent: agent.id, publicChart: pub.id };
  const md = await dashboard(h, t.stranger);
  const mc = await chart(h, t.stranger);
  mine = { dashboard: md.id, chart: mc.id };
});
after(() => h?.close());

describe('row-level security catches a service that forgot its WHERE clause', () => {
  test('reads: the stranger gets their own rows and public ones, nothing of the team or the owner', async () => {
    const got = await as(t.stranger).everything();
    assert.deepEqual(got.dashboards, [mine.dashboard]);
    assert.deepEqual(got.charts.sort(), [mine.chart, theirs.publicChart].sort());
    assert.deepEqual(got.teams, []);
    assert.deepEqual(got.items, []);
    assert.deepEqual(got.sessions, []);
    assert.deepEqual(got.agents, []);
    // The same bug on the owner connection leaks all of it: the test above is not vacuous.
    const leaked = await as(t.stranger, false).everything();
    assert.ok(leaked.dashboards.includes(theirs.dashboard));
    assert.ok(leaked.items.includes(theirs.item));
    assert.ok(leaked.sessions.includes(theirs.session));
    assert.ok(leaked.agents.includes(theirs.agent));
  });

  test('a team viewer reads the team rows, and a write without WHERE changes only what they may write', async () => {
    const got = await as(t.viewer).everything();
    assert.ok(got.dashboards.includes(theirs.dashboard));
    assert.ok(got.charts.includes(theirs.chart));
    assert.deepEqual(got.items, []);
    // The viewer may write nothing here: the database refuses the statement (FORBIDDEN), nothing changes.
    await assert.rejects(as(t.viewer).renameAllCharts(), (e: { code?: string }) => e.code === 'FORBIDDEN');
    const [teamChart] = await h.db.db.select({ title: charts.title }).from(charts).where(eq(charts.id, theirs.chart));
    assert.notEqual(teamChart!.title, 'renamed by a bug');
  });

  test('writes: the stranger deletes only their own rows, and cannot rename a public chart they see', async () => {
    // An update reaches every row the caller sees (a public chart among them), and the database refuses the lot.
    await assert.rejects(as(t.stranger).renameAllCharts(), (e: { code?: string }) => e.code === 'FORBIDDEN');
    assert.deepEqual(await as(t.stranger).deleteAllDashboards(), [mine.dashboard]);
    const [teamChart] = await h.db.db.select({ title: charts.title }).from(charts).where(eq(charts.id, theirs.chart));
    assert.notEqual(teamChart!.title, 'renamed by a bug');
    const [teamDashboard] = await h.db.db
      .select({ id: dashboards.id })
      .from(dashboards)
      .where(eq(dashboards.id, theirs.dashboard));
    assert.ok(teamDashboard, 'the team dashboard survives');
  });
});
