import type { ChatCreatedItem, ToolName } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import {
  type AgentWorld,
  type ColumnType,
  type DataSummary,
  energySummary,
  reply,
  type ToolOutcome,
  toAgentDashboard,
} from '@ocp/offline-agent';
import { sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { parseCsv, parseJson } from '../data/import/parse.js';
import { getChart } from '../services/charts.js';
import { getDashboard } from '../services/dashboards.js';
import { rows } from '../services/sql.js';
import { getTemplate, listTemplates } from '../services/templates.js';
import { searchItems } from '../services/workspace-items.js';
import { listData, readColumns } from './data-catalog.js';

/**
 * The server's side of the built-in offline agent (SPEC §7): the grammar lives in `@ocp/offline-agent`, shared with
 * the in-memory provider; this gives it the server's world — the user's data, dashboards and templates read through
 * the services with the user's permissions, and the chat's tools to act.
 */

export interface OfflineContext {
  db: OcpDatabase;
  user: OcpUser;
  text: string;
  session: { contextType: string | null; contextId: string | null };
  /** Charts made earlier in this chat, newest first. */
  recentCharts: ChatCreatedItem[];
  /** Runs a tool as the user (and reports the call on the stream). */
  tool: (name: ToolName, args: Record<string, unknown>) => Promise<ToolOutcome>;
}

/** The energy tables as a source, when the user can see any site (columns of an energy source, per bucket). */
async function energySource(db: OcpDatabase, user: OcpUser): Promise<DataSummary | null> {
  const [site] = await rows<{ id: string }>(
    db,
    sql`SELECT e.id FROM energy_sites e
         WHERE e.owner_user_id = ${user.id}
            OR e.owner_team_id IN (SELECT m.team_id FROM user_team_memberships m WHERE m.user_id = ${user.id})
         LIMIT 1`,
  );
  return site ? energySummary() : null;
}

const PASTE_LIMITS = { maxRows: 5000, maxColumns: 64, maxBytes: 64 * 1024 };

export function serverWorld(ctx: OfflineContext): AgentWorld {
  let dashboard: ReturnType<AgentWorld['dashboard']> | null = null;
  const inDashboard = ctx.session.contextType === 'dashboard' && ctx.session.contextId;
  return {
    text: ctx.text,
    recentCharts: ctx.recentCharts.map((c) => ({ id: c.id, title: c.title ?? 'Chart', chartType: c.chartType ?? '' })),
    datasetId: ctx.session.contextType === 'dataset' ? ctx.session.contextId : null,
    // Read once per request (a reply's own changes are reported by its tools, not re-read).
    dashboard() {
      dashboard ??= inDashboard
        ? getDashboard(ctx.db, ctx.user, ctx.session.contextId!)
            .then(toAgentDashboard)
            .catch(() => null)
        : Promise.resolve(null);
      return dashboard;
    },
    async listData() {
      const [data, energy] = await Promise.all([listData(ctx.db, ctx.user), energySource(ctx.db, ctx.user)]);
      return energy ? [...data, energy] : data;
    },
    readColumns: (source, names) =>
      readColumns(ctx.db, ctx.user, source as DataSummary & { source: 'dataset' | 'chart' }, names),
    async chart(id) {
      const c = await getChart(ctx.db, ctx.user, id).catch(() => null);
      return (
        c && {
          id: c.id,
          title: c.title,
          chartType: c.chartType,
          plotlyConfig: c.plotlyConfig,
          dataSourceConfig: c.dataSourceConfig,
        }
      );
    },
    async templates() {
      const all = await listTemplates(ctx.db, ctx.user);
      const details = await Promise.all(all.map((t) => getTemplate(ctx.db, ctx.user, t.id)));
      return details.map((t) => ({ id: t.id, name: t.name, slotKeys: t.slots.map((s) => s.slotKey) }));
    },
    async search(q) {
      const found = await searchItems(ctx.db, ctx.user, { q, limit: 20 });
      return found.map((i) => ({ id: i.id, itemType: i.itemType, title: i.title, referenceId: i.referenceId }));
    },
    async parse(body) {
      try {
        const parsed = /^[[{]/.test(body)
          ? await parseJson([body], PASTE_LIMITS)
          : await parseCsv([body], PASTE_LIMITS);
        return {
          columns: parsed.columns,
          schema: parsed.schema.map((s) => ({
            name: s.name,
            type: (s.type === 'empty' ? 'empty' : s.type) as ColumnType,
          })),
        };
      } catch {
        return null;
      }
    },
    tool: ctx.tool,
  };
}

/** The reply text; tool calls happen through `ctx.tool` along the way. */
export function offlineReply(ctx: OfflineContext): Promise<string> {
  return reply(serverWorld(ctx));
}
