import { databaseName, isQuick, onEachDatabase, ratioText, rounds, Suite } from '@ocp/bench-kit';
import { chartVersions, installSystemTemplates, seedDemoData } from '@ocp/db';
import { createTestDb, rawExec, type TestDb } from '@ocp/db/testing';
import postgres from 'postgres';

/**
 * What race-free version numbering costs. Baseline: the seed's own trigger (MAX(version_number) + 1), which is
 * faster per insert but hands out duplicates under concurrency; ours takes the number from a counter row.
 * Sequential inserts into two databases side by side (taking turns), then 50 concurrent inserts on PostgreSQL
 * (separate connections).
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

type Db = Awaited<ReturnType<typeof database>>;

const insert = ({ db, chartId, userId }: Db) =>
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

export async function run(): Promise<void> {
  const quick = isQuick();
  const count = quick ? 20 : 300;
  const suite = new Suite({
    suite: 'versions',
    title: 'race-free version numbers against the seed trigger',
    description:
      'Inserting a chart version with race-free numbering (a counter row) against the seed schema’s ' +
      '`MAX(version_number) + 1` trigger, in two databases side by side taking turns; on PostgreSQL also how ' +
      'many of 50 concurrent inserts (separate connections) fail.',
    params: { inserts: count, concurrent: 50 },
  });
  await onEachDatabase(
    async (kind) => {
      const seed = await database(true);
      const ours = await database(false);
      try {
        const s = await rounds(count, { seed: () => insert(seed), ours: () => insert(ours) }, { warmup: 10 });
        const name = databaseName(kind);
        suite.metric({ id: `${kind}.ours`, label: `insert, race-free (${name})`, unit: 'ms', samples: s.ours });
        suite.metric({ id: `${kind}.seed`, label: `insert, seed trigger (${name})`, unit: 'ms', samples: s.seed });
        const r = suite.ratio({
          id: `${kind}.insert`,
          label: `chart version insert, race-free ÷ seed trigger (${name})`,
          ours: `${kind}.ours`,
          baseline: `${kind}.seed`,
        });
        suite.quote(`${kind}.ratio`, ratioText(r.stats.median));
        if (kind === 'postgres') {
          for (const [id, d] of [
            ['seed', seed],
            ['ours', ours],
          ] as const) {
            const failed = await concurrentFailures(d.db, d.chartId, d.userId);
            suite.metric({
              id: `postgres.${id}.failed`,
              label: `50 concurrent inserts failed, ${id}`,
              unit: 'count',
              samples: [failed],
            });
            suite.quote(`postgres.${id}.failed`, String(failed));
          }
        }
      } finally {
        await seed.db.close();
        await ours.db.close();
      }
    },
    { only: quick ? ['pglite'] : undefined },
  );
  suite.save();
}
