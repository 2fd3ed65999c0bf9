import { chartVersions, installSystemTemplates, seedDemoData } from '@ocp/db';
import { createTestDb, rawExec, type TestDb } from '@ocp/db/testing';
import postgres from 'postgres';
import { measureAsync, onEachDatabase, round, writeResult } from './harness.js';

/**
 * What race-free version numbering costs. Baseline: the seed's own trigger (MAX(version_number) + 1), which is
 * faster per insert but hands out duplicates under concurrency; ours takes the number from a counter row.
 * Sequential inserts on PGlite and PostgreSQL, then 50 concurrent inserts on PostgreSQL (separate connections).
 */
const SEED_TRIGGER = `CREATE OR REPLACE FUNCTION increment_chart_version() RETURNS TRIGGER AS $$
BEGIN
  NEW.version_number := COALESCE((SELECT MAX(version_number) FROM chart_versions WHERE chart_id = NEW.chart_id), 0) + 1;
  RETURN NEW;
END; $$ LANGUAGE plpgsql;`;

async function database(seedTrigger: boolean) {
  const db = await createTestDb();
  await installSystemTemplates(db.db);
  const demo = await seedDemoData(db.db, { email: 'bench@example.test', passwordHash: 'x' }, { energy: false });
  if (seedTrigger) await rawExec(db, SEED_TRIGGER);
  return { db, chartId: demo.chartIds.mix!, userId: demo.userId };
}

const insert = (db: TestDb, chartId: string, userId: string) =>
  db.db
    .insert(chartVersions)
    .values({ chartId, plotlyConfig: { data: [] }, dataSourceConfig: {} as never, createdBy: userId });

async function concurrentFailures(db: TestDb, chartId: string, userId: string): Promise<number> {
  const pool = postgres(db.url!, { max: 50, onnotice: () => {} });
  try {
    await pool`select 1`;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        pool.begin(async (tx) => {
          await tx`INSERT INTO chart_versions (chart_id, plotly_config, data_source_config, created_by)
                   VALUES (${chartId}, '{"data":[]}', '{}', ${userId})`;
          await tx`select pg_sleep(0.01)`;
        }),
      ),
    );
    return results.filter((r) => r.status === 'rejected').length;
  } finally {
    await pool.end();
  }
}

async function compare(kind: 'pglite' | 'postgres') {
  const out: Record<string, unknown> = {};
  const medians: Record<string, number> = {};
  for (const variant of ['seed', 'ours'] as const) {
    const { db, chartId, userId } = await database(variant === 'seed');
    try {
      const m = await measureAsync(() => insert(db, chartId, userId), { warmup: 10, iterations: 300 });
      medians[variant] = m.medianMs;
      const failures = kind === 'postgres' ? await concurrentFailures(db, chartId, userId) : null;
      out[variant] = { insert: m, concurrentFailuresOf50: failures };
    } finally {
      await db.close();
    }
  }
  const ratio = round(medians.ours! / medians.seed!, 3);
  const failures = (v: string) => (out[v] as { concurrentFailuresOf50: number | null }).concurrentFailuresOf50;
  console.log(
    `  ${kind.padEnd(8)} insert: seed trigger ${medians.seed} ms, race-free ${medians.ours} ms (time ×${ratio})` +
      (kind === 'postgres'
        ? `; 50 concurrent: seed ${failures('seed')} failed, race-free ${failures('ours')} failed`
        : ''),
  );
  return { ...out, timeRatio: ratio };
}

export async function run(): Promise<void> {
  const results = await onEachDatabase(compare);
  console.log(`  written to ${writeResult('versions', results)}`);
}
