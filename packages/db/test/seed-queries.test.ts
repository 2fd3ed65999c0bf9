import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  getDashboardPlacements,
  listChartsWithUsage,
  listTemplatesWithSlotCount,
  searchWorkspaceCharts,
} from '../src/index.js';
import { rawQuery, type TestDb } from '../src/testing.js';
import { demoDb } from './fixtures.js';
import { seedAvailable, seedMissingMessage, seedQueries } from './seed-file.js';

/** snake_case row from raw SQL → camelCase, so raw and typed rows compare directly. */
function camel(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]),
  );
}
const norm = (rows: unknown[]) => JSON.parse(JSON.stringify(rows)) as Array<Record<string, unknown>>;

describe('the seed example queries, verbatim, agree with the typed functions', {
  skip: seedAvailable ? false : seedMissingMessage,
}, () => {
  let handle: TestDb;
  let ids: Awaited<ReturnType<typeof demoDb>>['ids'];
  let queries: string[];
  before(async () => {
    ({ handle, ids } = await demoDb());
    queries = seedQueries();
  });
  after(() => handle?.close());

  test('the seed has four example queries', () => {
    assert.equal(queries.length, 4);
  });

  test('1: dashboard with template and placements', async () => {
    // The seed selects dt.title, but dashboard_templates has no title column (it is `name`); this one
    // substitution is the only change we make to the verbatim text.
    const fixed = queries[0]!.replace('dt.title as template_name', 'dt.name as template_name');
    assert.notEqual(fixed, queries[0], 'the known seed typo was not found; re-check the substitution');
    for (const dashboardId of ids.dashboardIds) {
      const raw = norm(await rawQuery(handle, fixed, [dashboardId])).map(camel);
      const typed = norm(await getDashboardPlacements(handle.db, dashboardId));
      assert.ok(raw.length >= 4, 'demo dashboards have placements');
      assert.deepEqual(typed, raw);
    }
  });

  test('2: charts with usage counts', async () => {
    const raw = norm(await rawQuery(handle, queries[1]!, [ids.userId])).map((r) => {
      const row = camel(r) as Record<string, unknown>;
      // Unused charts: the seed's ARRAY_AGG gives {NULL}; we return [] (documented in listChartsWithUsage).
      return { ...row, usedInDashboards: (row.usedInDashboards as unknown[]).filter((x) => x !== null) } as Record<
        string,
        unknown
      >;
    });
    const typed = norm(await listChartsWithUsage(handle.db, ids.userId));
    assert.equal(typed.length, 5);
    const byId = (rows: Array<Record<string, unknown>>) =>
      [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    assert.deepEqual(byId(typed), byId(raw.map((r) => ({ ...r, placementCount: Number(r.placementCount) }))));
    // Same order by the seed's keys: placement_count DESC.
    const counts = typed.map((r) => r.placementCount as number);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    assert.ok(
      typed.some((r) => (r.usedInDashboards as string[]).length === 2),
      'a chart used on both dashboards',
    );
  });

  test('3: templates with slot count', async () => {
    const raw = norm(await rawQuery(handle, queries[2]!, [ids.userId])).map(camel);
    const typed = norm(await listTemplatesWithSlotCount(handle.db, ids.userId));
    assert.ok(typed.length >= 6);
    assert.deepEqual(
      typed,
      raw.map((r) => ({ ...r, slotCount: Number(r.slotCount) })),
    );
  });

  test('4: workspace chart search by title and by tag', async () => {
    for (const term of ['energy', 'Load', 'kpi', 'generation', 'nothing-matches']) {
      const raw = norm(await rawQuery(handle, queries[3]!, [ids.userId, term])).map(camel);
      const typed = norm(await searchWorkspaceCharts(handle.db, ids.userId, term));
      const sort = (rows: Array<Record<string, unknown>>) =>
        [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
      assert.deepEqual(sort(typed), sort(raw), `term ${term}`);
    }
    assert.ok((await searchWorkspaceCharts(handle.db, ids.userId, 'kpi')).length === 2, 'tag match');
  });
});
