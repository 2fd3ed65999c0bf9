import type { ChartData, DataSourceConfig, DatasetPreview, PlotlyConfig, SourceOptions } from '@ocp/contract';
import { charts, type OcpDatabase, workspaceItems } from '@ocp/db';
import { and, eq, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import type { DataEngine } from '../data/engine.js';
import { type ChartOwner, readDatasetHead } from '../data/sources/db-sources.js';
import { nextSecrets, readSourceSecrets, type SourceSecrets, separateSecrets } from '../data/sources/http-secrets.js';
import { authorize } from './access.js';
import { chartRole } from './charts.js';
import { conflict, notFound } from './errors.js';
import { rows } from './sql.js';

/**
 * What the chart editor needs to build a source before it is saved: a draft's data, a dataset's first rows, and
 * the energy sites and sql connections the caller may choose from. Each read goes through the same checks the
 * saved chart's reads do.
 */

/**
 * charts.preview: a draft's data as charts.data will resolve it once saved. An existing chart (which the caller
 * must be able to edit) reads as its owner, with its stored secrets for as long as the URL keeps their origin; a
 * new chart reads as the caller's own.
 */
export async function previewChart(
  db: OcpDatabase,
  user: OcpUser,
  input: { chartId?: string; plotlyConfig: PlotlyConfig; dataSourceConfig: DataSourceConfig; width?: number },
  engine: DataEngine,
): Promise<ChartData> {
  let owner: ChartOwner = { ownerUserId: user.id, ownerTeamId: null };
  let previous: SourceSecrets | null = null;
  if (input.chartId) {
    const [row] = await db
      .select({ ownerUserId: charts.ownerUserId, ownerTeamId: charts.ownerTeamId, role: chartRole(user.id) })
      .from(charts)
      .where(eq(charts.id, input.chartId));
    const chart = authorize(row, 'write', 'Chart');
    owner = { ownerUserId: chart.ownerUserId, ownerTeamId: chart.ownerTeamId };
    previous = await readSourceSecrets(db, input.chartId);
  }
  const { config, given } = separateSecrets(input.dataSourceConfig);
  return engine.draft(
    db,
    {
      id: input.chartId ?? 'draft',
      updatedAt: 'draft',
      plotlyConfig: input.plotlyConfig,
      dataSourceConfig: config,
      ...owner,
      secrets: nextSecrets(previous, config, given),
    },
    { width: input.width },
  );
}

/** charts.datasetPreview: one of the caller's datasets, its columns in the file's order and its first rows. */
export async function previewDataset(
  db: OcpDatabase,
  user: OcpUser,
  input: { datasetId: string; rows?: number },
): Promise<DatasetPreview> {
  const [item] = await db
    .select({ id: workspaceItems.id, title: workspaceItems.title, content: workspaceItems.content })
    .from(workspaceItems)
    .where(
      and(
        eq(workspaceItems.id, input.datasetId),
        eq(workspaceItems.userId, user.id),
        eq(workspaceItems.itemType, 'dataset'),
      ),
    );
  if (!item) throw notFound('Dataset');
  const content = item.content as { status?: string; schema?: DatasetPreview['schema']; rowCount?: number };
  if (content.status === 'importing') throw conflict('The dataset is still importing; try again shortly');
  const schema = Array.isArray(content.schema) ? content.schema : [];
  const head = await readDatasetHead(
    db,
    item.id,
    schema.map((c) => c.name),
    input.rows ?? 10,
  );
  return { id: item.id, title: item.title, rowCount: content.rowCount ?? 0, schema, rows: head };
}

/** charts.sourceOptions: energy sites the caller can see, and the sql connections their own charts may use. */
export async function sourceOptions(db: OcpDatabase, user: OcpUser, engine: DataEngine): Promise<SourceOptions> {
  const energySites = await rows<{ id: string; name: string }>(
    db,
    sql`SELECT e.id, e.name FROM energy_sites e
         WHERE e.owner_user_id = ${user.id} OR ocp_private.is_member(${user.id}::uuid, e.owner_team_id)
         ORDER BY e.name, e.id LIMIT 500`,
  );
  const owner: ChartOwner = { ownerUserId: user.id, ownerTeamId: null };
  const allowed = await Promise.all(
    engine.sql.names().map((name) =>
      engine.sql.authorize(db, name, owner).then(
        () => name,
        () => null,
      ),
    ),
  );
  return { energySites, sqlConnections: allowed.filter((n): n is string => n !== null) };
}
