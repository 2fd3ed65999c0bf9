import { sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { encodeCells } from '../dataset-codec.js';
import { authUsers } from '../schema/auth.js';
import { chartPlacements, charts, chartVersions } from '../schema/charts.js';
import { dashboards, dashboardTabs } from '../schema/dashboards.js';
import { dashboardTemplateSlots } from '../schema/templates.js';
import { teams, userProfiles, userTeamMemberships } from '../schema/users-teams.js';
import { datasetChunks, workspaceFolders, workspaceItems } from '../schema/workspace.js';
import { demoCharts } from './demo-charts.js';
import { DEMO_DASHBOARDS, DEMO_FOLDERS } from './demo-dashboards.js';
import { type EnergyDemoOptions, type EnergyDemoResult, seedEnergyDemo } from './energy-demo.js';
import { SYSTEM_TEMPLATES } from './system-templates.js';

export interface DemoUser {
  email: string;
  /** Already hashed by the caller (the server owns password hashing). */
  passwordHash: string;
  displayName?: string;
}

export interface DemoIds {
  userId: string;
  teamId: string;
  chartIds: Record<string, string>;
  dashboardIds: string[];
  /** The energy tables' demo (null when `energy: false`). */
  energy: EnergyDemoResult | null;
}

export interface DemoOptions {
  /**
   * The energy demo (sites, meters, readings, forecast, anomalies) owned by the demo team. Default: a year of
   * 15-minute readings (see seedEnergyDemo for timings); `{ start, days }` for a shorter window; false for none.
   */
  energy?: false | Pick<EnergyDemoOptions, 'start' | 'days'>;
}

const templateId = (name: string) => {
  const t = SYSTEM_TEMPLATES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown system template ${name}`);
  return t.id;
};

/** True when nobody has signed up yet: `pnpm start` loads the demo only then. */
export async function hasAnyUser(db: OcpDatabase): Promise<boolean> {
  const rows = await db.select({ one: sql`1` }).from(authUsers).limit(1);
  return rows.length > 0;
}

/**
 * Loads the demo workspace in one transaction: a user, a team, charts of every type with realistic energy data,
 * two dashboards (tabs on different templates), and workspace items in folders; then the energy tables' demo
 * (owned by the team, read by the energy charts) in a second one. Needs the system templates.
 */
export async function seedDemoData(db: OcpDatabase, user: DemoUser, options: DemoOptions = {}): Promise<DemoIds> {
  const ids = await seedWorkspace(db, user);
  const energy =
    options.energy === false ? null : await seedEnergyDemo(db, { ...options.energy, ownerTeamId: ids.teamId });
  return { ...ids, energy };
}

async function seedWorkspace(db: OcpDatabase, user: DemoUser): Promise<Omit<DemoIds, 'energy'>> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .insert(authUsers)
      .values({ email: user.email, encryptedPassword: user.passwordHash })
      .returning({ id: authUsers.id });
    const userId = u!.id;
    await tx.insert(userProfiles).values({ id: userId, displayName: user.displayName ?? 'Demo User', timezone: 'UTC' });
    const [team] = await tx
      .insert(teams)
      .values({ name: 'Energy Ops', description: 'Operations team for the three demo sites.', createdBy: userId })
      .returning({ id: teams.id });
    const teamId = team!.id;
    await tx.insert(userTeamMemberships).values({ userId, teamId, role: 'admin' });

    const chartIds: Record<string, string> = {};
    const specs = demoCharts();
    for (const c of specs) {
      const [row] = await tx
        .insert(charts)
        .values({
          title: c.title,
          description: c.description,
          chartType: c.chartType,
          plotlyConfig: c.plotlyConfig,
          dataSourceConfig: c.dataSourceConfig,
          ownerUserId: c.owner === 'user' ? userId : null,
          ownerTeamId: c.owner === 'team' ? teamId : null,
          tags: c.tags,
        })
        .returning({ id: charts.id });
      chartIds[c.key] = row!.id;
      // Version 1, as charts.create writes it: a demo chart has a history to show and restore like any other.
      await tx.insert(chartVersions).values({
        chartId: row!.id,
        chartType: c.chartType,
        title: c.title,
        plotlyConfig: c.plotlyConfig,
        dataSourceConfig: c.dataSourceConfig,
        changeSummary: 'Created',
        createdBy: userId,
      });
    }

    const slotIds = new Map<string, string>();
    const slots = await tx.select().from(dashboardTemplateSlots);
    for (const s of slots) slotIds.set(`${s.templateId}/${s.slotKey}`, s.id);

    const dashboardIds: string[] = [];
    for (const d of DEMO_DASHBOARDS) {
      const [dash] = await tx
        .insert(dashboards)
        .values({
          title: d.title,
          description: d.description,
          templateId: templateId(d.tabs[0]!.template),
          ownerUserId: d.owner === 'user' ? userId : null,
          ownerTeamId: d.owner === 'team' ? teamId : null,
        })
        .returning({ id: dashboards.id });
      dashboardIds.push(dash!.id);
      for (const [position, tab] of d.tabs.entries()) {
        const tplId = templateId(tab.template);
        const [t] = await tx
          .insert(dashboardTabs)
          .values({ dashboardId: dash!.id, title: tab.title, templateId: tplId, position })
          .returning({ id: dashboardTabs.id });
        for (const [slotKey, chartKey] of Object.entries(tab.place)) {
          await tx.insert(chartPlacements).values({
            dashboardTabId: t!.id,
            chartId: chartIds[chartKey]!,
            templateSlotId: slotIds.get(`${tplId}/${slotKey}`)!,
          });
        }
      }
    }

    // Folders, parents first, then one workspace item per chart plus a dataset and a note.
    const folderIds = new Map<string, string>();
    for (const path of DEMO_FOLDERS) {
      const parent = path.slice(0, path.lastIndexOf('/')) || null;
      const [f] = await tx
        .insert(workspaceFolders)
        .values({
          userId,
          name: path.slice(path.lastIndexOf('/') + 1),
          parentFolderId: parent ? folderIds.get(parent)! : null,
          path,
        })
        .returning({ id: workspaceFolders.id });
      folderIds.set(path, f!.id);
    }
    await tx.insert(workspaceItems).values([
      ...specs.map((c) => ({
        userId,
        itemType: 'chart',
        title: c.title,
        content: { chartType: c.chartType, description: c.description },
        referenceId: chartIds[c.key]!,
        tags: c.tags,
        folderPath: c.folder,
        isFavorite: c.favorite ?? false,
      })),
      {
        userId,
        itemType: 'dataset',
        title: 'Site readings (sample)',
        content: DEMO_DATASET.content,
        tags: ['sites', 'reference'],
        folderPath: '/Energy',
      },
      {
        userId,
        itemType: 'note',
        title: 'How to read the energy balance',
        content: {
          text: 'Stacked areas are generation by source; the red line is demand. Negative battery values are charging.',
        },
        tags: ['help'],
        folderPath: '/Reports',
      },
    ]);
    const [dataset] = await tx
      .select({ id: workspaceItems.id })
      .from(workspaceItems)
      .where(sql`${workspaceItems.userId} = ${userId} AND ${workspaceItems.itemType} = 'dataset'`);
    await tx.insert(datasetChunks).values(DEMO_DATASET.chunks(dataset!.id));
    return { userId, teamId, chartIds, dashboardIds };
  });
}

/** The demo's dataset, stored as an import stores one: binary columns in one chunk (migration 0016). */
const DEMO_DATASET = (() => {
  const schema = [
    { name: 'site', type: 'string' },
    { name: 'capacityKw', type: 'number' },
  ] as const;
  const columns = { site: ['North plant', 'South campus', 'East depot'], capacityKw: [900, 550, 300] };
  return {
    content: {
      format: 'columnar',
      storage: 'chunks',
      schema,
      rowCount: 3,
      head: columns,
      source: { format: 'json', bytes: JSON.stringify(columns).length, importedAt: '2026-01-01T00:00:00.000Z' },
    },
    chunks: (itemId: string) =>
      schema.map(({ name, type }) => ({
        itemId,
        name,
        chunkNo: 0,
        type,
        rowCount: 3,
        data: encodeCells(columns[name], type),
      })),
  };
})();
