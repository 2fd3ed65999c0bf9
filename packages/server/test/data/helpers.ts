import type { DataSourceConfigInput, PlotlyConfig } from '@ocp/contract';
import { authUsers, type Chart, charts, teams, userTeamMemberships } from '@ocp/db';
import type { TestDb } from '@ocp/db/testing';
import { eq } from 'drizzle-orm';
import type { ChartForData } from '../../src/data/index.js';

let counter = 0;

export async function addUser(db: TestDb, label = 'user'): Promise<string> {
  const [u] = await db.db
    .insert(authUsers)
    .values({ email: `${label}-${++counter}-${Date.now()}@example.test`, encryptedPassword: 'x' })
    .returning({ id: authUsers.id });
  return u!.id;
}

export async function addTeam(db: TestDb, memberId: string): Promise<string> {
  const [t] = await db.db
    .insert(teams)
    .values({ name: `team ${++counter}`, createdBy: memberId })
    .returning({ id: teams.id });
  await db.db.insert(userTeamMemberships).values({ userId: memberId, teamId: t!.id, role: 'admin' });
  return t!.id;
}

export const LINE: PlotlyConfig = { data: [{ type: 'scatter', mode: 'lines' }] };

/** A stored chart row, as the API would load it before calling resolveChartData. */
export async function addChart(
  db: TestDb,
  owner: { userId?: string; teamId?: string },
  dataSourceConfig: DataSourceConfigInput,
  plotlyConfig: PlotlyConfig = LINE,
): Promise<Chart> {
  const [row] = await db.db
    .insert(charts)
    .values({
      title: `chart ${++counter}`,
      chartType: 'line',
      plotlyConfig,
      dataSourceConfig: dataSourceConfig as never,
      ownerUserId: owner.userId ?? null,
      ownerTeamId: owner.teamId ?? null,
    })
    .returning();
  return row!;
}

export async function reloadChart(db: TestDb, id: string): Promise<Chart> {
  const [row] = await db.db.select().from(charts).where(eq(charts.id, id));
  return row!;
}

export function forData(chart: Chart): ChartForData {
  return {
    id: chart.id,
    updatedAt: chart.updatedAt!,
    plotlyConfig: chart.plotlyConfig,
    dataSourceConfig: chart.dataSourceConfig,
  };
}
