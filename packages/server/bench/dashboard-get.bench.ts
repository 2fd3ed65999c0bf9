import {
  chartPlacements,
  charts,
  dashboards,
  dashboardTabs,
  dashboardTemplateSlots,
  dashboardTemplates,
  installSystemTemplates,
  seedDemoData,
} from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { asc, eq, inArray } from 'drizzle-orm';
import { createCaller, createContextInner } from '../src/index.js';
import { measureAsync, onEachDatabase, round, writeResult } from './harness.js';

/**
 * dashboards.get answers with ONE SQL statement (JSON aggregation). The baseline is how the same answer is usually
 * assembled: the dashboard, then its tabs, then per tab its template, slots and placements with their charts —
 * a round trip each. Same database, same dashboard, same run; ratios are ours ÷ baseline.
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

async function target(kind: 'pglite' | 'postgres') {
  let statements = 0;
  const db = await createTestDb({ onQuery: () => statements++ });
  try {
    await installSystemTemplates(db.db);
    const demo = await seedDemoData(db.db, { email: 'bench@example.test', passwordHash: 'x' }, { energy: false });
    const id = demo.dashboardIds[0]!;
    const caller = createCaller(
      createContextInner({ db: db.db, user: { id: demo.userId, email: 'bench@example.test' } }),
    );
    const count = async (fn: () => Promise<unknown>) => {
      statements = 0;
      await fn();
      return statements;
    };
    const oursStatements = await count(() => caller.dashboards.get({ id }));
    const naiveStatements = await count(() => naiveDashboard(db.db, id));
    const ours = await measureAsync(() => caller.dashboards.get({ id }));
    const naive = await measureAsync(() => naiveDashboard(db.db, id));
    const ratio = round(ours.medianMs / naive.medianMs, 3);
    console.log(
      `  ${kind.padEnd(8)} dashboards.get ${ours.medianMs} ms (${oursStatements} statement)  vs  query per table ${naive.medianMs} ms (${naiveStatements} statements)  time ×${ratio}`,
    );
    return {
      ours: { ...ours, statements: oursStatements },
      baseline: { ...naive, statements: naiveStatements },
      timeRatio: ratio,
    };
  } finally {
    await db.close();
  }
}

export async function run(): Promise<void> {
  const results = await onEachDatabase(target);
  console.log(
    `  written to ${writeResult('dashboard-get', { dashboard: 'demo "Energy overview" (2 tabs, 6 placements)', ...results })}`,
  );
}
