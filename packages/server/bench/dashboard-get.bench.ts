import { databaseName, isQuick, onEachDatabase, ratioText, rounds, Suite } from '@ocp/bench-kit';
import {
  chartPlacements,
  charts,
  claimsOf,
  dashboards,
  dashboardTabs,
  dashboardTemplateSlots,
  dashboardTemplates,
  installSystemTemplates,
  seedDemoData,
  withClaims,
} from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { asc, eq, inArray } from 'drizzle-orm';
import { createCaller, createContextInner } from '../src/index.js';

/**
 * dashboards.get answers with ONE SQL statement (JSON aggregation). The baseline is how the same answer is usually
 * assembled: the dashboard, then its tabs, then per tab its template, slots and placements with their charts —
 * a round trip each. Same database, same dashboard, same run, taking turns. dashboards.get runs as every request
 * does (one transaction as `ocp_app` with the caller's claims, the policies on each table), the headline baseline
 * on the owner connection as it always did; a second ratio runs the baseline as the caller too, so the one-statement
 * gain can be read apart from the price of row-level security (which rls-overhead measures).
 */
async function naiveDashboard(db: TestDb['db'], id: string) {
  const [d] = await db.select().from(dashboards).where(eq(dashboards.id, id));
  const tabs = await db
    .select()
    .from(dashboardTabs)
    .where(eq(dashboardTabs.dashboardId, id))
    .orderBy(asc(dashboardTabs.position));
  const out = [];
  for (const tab of tabs) {
    const [template] = await db.select().from(dashboardTemplates).where(eq(dashboardTemplates.id, tab.templateId));
    const slots = await db
      .select()
      .from(dashboardTemplateSlots)
      .where(eq(dashboardTemplateSlots.templateId, tab.templateId));
    const placements = await db.select().from(chartPlacements).where(eq(chartPlacements.dashboardTabId, tab.id));
    const placed = placements.length
      ? await db
          .select()
          .from(charts)
          .where(
            inArray(
              charts.id,
              placements.map((p) => p.chartId!),
            ),
          )
      : [];
    out.push({
      ...tab,
      template: { ...template, slots },
      placements: placements.map((p) => ({ ...p, chart: placed.find((c) => c.id === p.chartId) })),
    });
  }
  return { ...d, tabs: out };
}

export async function run(): Promise<void> {
  const quick = isQuick();
  const count = quick ? 5 : 30;
  const suite = new Suite({
    suite: 'dashboard-get',
    title: 'dashboards.get: one SQL statement against a query per table',
    description:
      '`dashboards.get` through the router (authorization included) answers with one SQL statement (JSON ' +
      'aggregation), as the caller under row-level security like every request; the baseline assembles the same ' +
      'dashboard with one query per table and tab on the owner connection, and a second ratio runs that baseline ' +
      'as the caller too (same transaction and policies). The demo ' +
      '"Energy overview" dashboard (2 tabs, 6 placements), same database, taking turns.',
    params: { rounds: count, dashboard: 'demo "Energy overview" (2 tabs, 6 placements)' },
  });
  await onEachDatabase(
    async (kind) => {
      let statements = 0;
      const db = await createTestDb({ onQuery: () => statements++ });
      try {
        await installSystemTemplates(db.db);
        const demo = await seedDemoData(db.db, { email: 'bench@example.test', passwordHash: 'x' }, { energy: false });
        const id = demo.dashboardIds[0]!;
        const caller = createCaller(
          createContextInner({ db: db.db, user: { id: demo.userId, email: 'bench@example.test' } }),
        );
        const statementsOf = async (fn: () => Promise<unknown>) => {
          statements = 0;
          await fn();
          return statements;
        };
        const ours = () => caller.dashboards.get({ id });
        const naive = () => naiveDashboard(db.db, id);
        const naiveAsCaller = () =>
          withClaims(db.db, claimsOf({ id: demo.userId }), (tx) => naiveDashboard(tx as TestDb['db'], id));
        const name = databaseName(kind);
        suite.metric({
          id: `${kind}.statements`,
          label: `statements, dashboards.get (${name})`,
          unit: 'count',
          samples: [await statementsOf(ours)],
        });
        suite.metric({
          id: `${kind}.naive-statements`,
          label: `statements, query per table (${name})`,
          unit: 'count',
          samples: [await statementsOf(naive)],
        });
        const s = await rounds(count, { ours, naive, naiveAsCaller }, { warmup: 3 });
        suite.metric({ id: `${kind}.ours`, label: `dashboards.get (${name})`, unit: 'ms', samples: s.ours });
        suite.metric({ id: `${kind}.naive`, label: `query per table (${name})`, unit: 'ms', samples: s.naive });
        suite.metric({
          id: `${kind}.naive-rls`,
          label: `query per table as the caller (${name})`,
          unit: 'ms',
          samples: s.naiveAsCaller,
        });
        const r = suite.ratio({
          id: `${kind}.time`,
          label: `dashboards.get, one statement ÷ query per table (${name}, time)`,
          ours: `${kind}.ours`,
          baseline: `${kind}.naive`,
          headline: true,
        });
        suite.ratio({
          id: `${kind}.time-rls`,
          label: `dashboards.get, one statement ÷ query per table, both as the caller (${name}, time)`,
          ours: `${kind}.ours`,
          baseline: `${kind}.naive-rls`,
        });
        suite.quote(`${kind}.ratio`, ratioText(r.stats.median));
        suite.quote(`${kind}.naive-statements`, String(suite.metricMedian(`${kind}.naive-statements`)));
      } finally {
        await db.close();
      }
    },
    { only: quick ? ['pglite'] : undefined },
  );
  suite.save();
}
