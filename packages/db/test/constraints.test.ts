import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  authUsers,
  chartPlacements,
  charts,
  chartVersions,
  chatMessages,
  chatSessions,
  dashboards,
  dashboardTabs,
  dashboardTemplateSlots,
  dashboardTemplates,
  dashboardVersions,
  SYSTEM_TEMPLATES,
  teams,
  userProfiles,
  userTeamMemberships,
  workspaceFolders,
  workspaceItems,
} from '../src/index.js';
import { pgErrorCode, rawQuery, type TestDb } from '../src/testing.js';
import { demoDb } from './fixtures.js';

async function rejectsWith(code: string, promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    assert.equal(pgErrorCode(error), code, String(error));
    return;
  }
  assert.fail(`expected SQLSTATE ${code}, but the statement succeeded`);
}

const count = async (handle: TestDb, table: string, where = 'true', params: unknown[] = []) =>
  (await rawQuery<{ n: number }>(handle, `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;

describe('constraints and cascades behave as in the seed', () => {
  let handle: TestDb;
  let ids: Awaited<ReturnType<typeof demoDb>>['ids'];
  before(async () => {
    ({ handle, ids } = await demoDb());
  });
  after(() => handle?.close());

  const chart = (owner: { ownerUserId?: string | null; ownerTeamId?: string | null }) => ({
    title: 't',
    chartType: 'line',
    plotlyConfig: { data: [] },
    dataSourceConfig: { kind: 'inline' as const, columns: {}, mapping: { x: 'x', y: ['y'] } },
    ...owner,
  });

  test('owner XOR: a chart, dashboard or agent with both owners or none is rejected (23514)', async () => {
    const db = handle.db;
    await rejectsWith('23514', db.insert(charts).values(chart({ ownerUserId: ids.userId, ownerTeamId: ids.teamId })));
    await rejectsWith('23514', db.insert(charts).values(chart({})));
    const templateId = SYSTEM_TEMPLATES[0]!.id;
    await rejectsWith('23514', db.insert(dashboards).values({ title: 'd', templateId }));
    await rejectsWith(
      '23514',
      rawQuery(
        handle,
        `INSERT INTO agents (name, instructions, owner_user_id, owner_team_id) VALUES ('a', 'i', $1, $2)`,
        [ids.userId, ids.teamId],
      ),
    );
    // Exactly one owner works.
    await db.insert(charts).values(chart({ ownerTeamId: ids.teamId }));
  });

  test('one chart per slot per tab (23505)', async () => {
    const [placement] = await handle.db.select().from(chartPlacements).limit(1);
    await rejectsWith(
      '23505',
      handle.db.insert(chartPlacements).values({
        dashboardTabId: placement!.dashboardTabId,
        templateSlotId: placement!.templateSlotId,
        chartId: ids.chartIds.mix!,
      }),
    );
  });

  test('deleting a dashboard removes its tabs, placements and versions', async () => {
    const dashboardId = ids.dashboardIds[1]!;
    await handle.db.insert(dashboardVersions).values({ dashboardId, snapshot: {}, createdBy: ids.userId });
    const tabIds = (
      await handle.db
        .select({ id: dashboardTabs.id })
        .from(dashboardTabs)
        .where(eq(dashboardTabs.dashboardId, dashboardId))
    ).map((t) => t.id);
    assert.ok(tabIds.length === 2);
    assert.ok((await count(handle, 'chart_placements', 'dashboard_tab_id = ANY($1)', [tabIds])) > 0);
    await handle.db.delete(dashboards).where(eq(dashboards.id, dashboardId));
    assert.equal(await count(handle, 'dashboard_tabs', 'dashboard_id = $1', [dashboardId]), 0);
    assert.equal(await count(handle, 'chart_placements', 'dashboard_tab_id = ANY($1)', [tabIds]), 0);
    assert.equal(await count(handle, 'dashboard_versions', 'dashboard_id = $1', [dashboardId]), 0);
    // The charts themselves are reusable and stay.
    assert.equal(await count(handle, 'charts', 'id = $1', [ids.chartIds.peak]), 1);
  });

  test('deleting a chart removes its placements and versions', async () => {
    const chartId = ids.chartIds['site-load']!;
    await handle.db
      .insert(chartVersions)
      .values({ chartId, plotlyConfig: { data: [] }, dataSourceConfig: {} as never, createdBy: ids.userId });
    assert.ok((await count(handle, 'chart_placements', 'chart_id = $1', [chartId])) > 0);
    await handle.db.delete(charts).where(eq(charts.id, chartId));
    assert.equal(await count(handle, 'chart_placements', 'chart_id = $1', [chartId]), 0);
    assert.equal(await count(handle, 'chart_versions', 'chart_id = $1', [chartId]), 0);
  });

  test('a template in use cannot be deleted (23503); an unused one takes its slots with it', async () => {
    await rejectsWith(
      '23503',
      handle.db.delete(dashboardTemplates).where(eq(dashboardTemplates.id, SYSTEM_TEMPLATES[3]!.id)),
    );
    const [tpl] = await handle.db
      .insert(dashboardTemplates)
      .values({ name: 'mine', layoutConfig: { columns: 4, rowHeight: 50, gap: 4 }, createdBy: ids.userId })
      .returning();
    await handle.db
      .insert(dashboardTemplateSlots)
      .values({ templateId: tpl!.id, slotKey: 'a', positionConfig: { x: 0, y: 0, w: 1, h: 1 } });
    await handle.db.delete(dashboardTemplates).where(eq(dashboardTemplates.id, tpl!.id));
    assert.equal(await count(handle, 'dashboard_template_slots', 'template_id = $1', [tpl!.id]), 0);
  });

  test('slot keys are unique within a template (23505)', async () => {
    const t = SYSTEM_TEMPLATES[0]!;
    await rejectsWith(
      '23505',
      handle.db
        .insert(dashboardTemplateSlots)
        .values({ templateId: t.id, slotKey: 'main', positionConfig: { x: 0, y: 0, w: 1, h: 1 } }),
    );
  });

  test('deleting a team removes memberships; team-owned charts block it (no cascade in the seed)', async () => {
    const [team] = await handle.db.insert(teams).values({ name: 'temp', createdBy: ids.userId }).returning();
    await handle.db.insert(userTeamMemberships).values({ userId: ids.userId, teamId: team!.id, role: 'editor' });
    await handle.db.delete(teams).where(eq(teams.id, team!.id));
    assert.equal(await count(handle, 'user_team_memberships', 'team_id = $1', [team!.id]), 0);
    await rejectsWith('23503', handle.db.delete(teams).where(eq(teams.id, ids.teamId)));
  });

  test('deleting a chat session removes its messages', async () => {
    const [s] = await handle.db.insert(chatSessions).values({ userId: ids.userId, title: 'hi' }).returning();
    await handle.db.insert(chatMessages).values({ chatSessionId: s!.id, role: 'user', content: { text: 'hello' } });
    await handle.db.delete(chatSessions).where(eq(chatSessions.id, s!.id));
    assert.equal(await count(handle, 'chat_messages', 'chat_session_id = $1', [s!.id]), 0);
  });

  test('deleting a user removes their profile, memberships, workspace and chats', async () => {
    const [u] = await handle.db.insert(authUsers).values({ email: 'leaver@example.test' }).returning();
    const userId = u!.id;
    await handle.db.insert(userProfiles).values({ id: userId, displayName: 'Leaver' });
    await handle.db.insert(userTeamMemberships).values({ userId, teamId: ids.teamId, role: 'viewer' });
    await handle.db.insert(workspaceFolders).values({ userId, name: 'x', path: '/x' });
    await handle.db.insert(workspaceItems).values({ userId, itemType: 'note', title: 'n', content: {} });
    await handle.db.insert(chatSessions).values({ userId, title: 's' });
    await handle.db.delete(authUsers).where(eq(authUsers.id, userId));
    for (const [table, column] of [
      ['user_profiles', 'id'],
      ['user_team_memberships', 'user_id'],
      ['workspace_folders', 'user_id'],
      ['workspace_items', 'user_id'],
      ['chat_sessions', 'user_id'],
    ] as const) {
      assert.equal(await count(handle, table, `${column} = $1`, [userId]), 0, table);
    }
  });

  test('folder paths are unique per user (23505); a user cannot be removed while owning charts (23503)', async () => {
    await rejectsWith(
      '23505',
      handle.db.insert(workspaceFolders).values({ userId: ids.userId, name: 'Energy', path: '/Energy' }),
    );
    await rejectsWith('23503', handle.db.delete(authUsers).where(eq(authUsers.id, ids.userId)));
  });

  test('updated_at moves forward on update', async () => {
    const [before] = await handle.db.select().from(charts).where(eq(charts.id, ids.chartIds.mix!));
    await new Promise((r) => setTimeout(r, 5));
    const [after] = await handle.db
      .update(charts)
      .set({ title: 'Generation mix (renamed)' })
      .where(eq(charts.id, ids.chartIds.mix!))
      .returning();
    assert.ok(new Date(after!.updatedAt!).getTime() > new Date(before!.updatedAt!).getTime());
  });
});
