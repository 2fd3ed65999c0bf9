import { type ChangeFacts, type ChatChange, describeChange, pairIds, remapIds } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { rows } from '../services/sql.js';
import type { ToolScope } from './tools.js';

/**
 * Trial runs: what an agent changes is proposed, never written by the agent (issue 14). A change runs for real —
 * same services, same permissions, same constraints — inside a transaction that is then rolled back; the change is
 * recorded with what it answered. The next change replays the recorded ones first (in a new trial transaction), so
 * it sees them; ids made by an earlier trial are mapped to those of the replay. Nothing is written, no live event
 * leaves (NOTIFY is delivered at commit only), and no transaction stays open between tool calls (a model may take
 * minutes; PGlite has one connection).
 */

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('trial run rolled back');
  }
}

/** Runs `fn` in a transaction that is always rolled back, and returns what it returned. */
export async function trial<T>(db: OcpDatabase, fn: (tx: OcpDatabase) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new Rollback(await fn(tx as unknown as OcpDatabase));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.value as T;
    throw e;
  }
  throw new Error('unreachable');
}

/** Runs one write tool (its `run`) as the scope's user, on the scope's database handle. */
export type RunWrite = (scope: ToolScope, name: string, args: Record<string, unknown>) => Promise<unknown>;

/** Replays recorded changes on `scope.db`; returns the map from their recorded ids to this run's ids. */
export async function replay(scope: ToolScope, changes: ChatChange[], run: RunWrite): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const change of changes) {
    const result = await run(scope, change.tool, remapIds(change.arguments, map));
    pairIds(map, change.result, result);
  }
  return map;
}

const inverse = (map: Map<string, string>) => new Map([...map].map(([a, b]) => [b, a]));

async function one<T>(db: OcpDatabase, query: ReturnType<typeof sql>): Promise<T | null> {
  const [row] = await rows<T>(db, query);
  return row ?? null;
}

const chartFacts = (db: OcpDatabase, id: unknown) =>
  one<{ title: string; chartType: string }>(
    db,
    sql`SELECT title, chart_type AS "chartType" FROM charts WHERE id = ${String(id)}::uuid`,
  );
const tabFacts = (db: OcpDatabase, id: unknown) =>
  one<{ title: string; dashboardId: string }>(
    db,
    sql`SELECT title, dashboard_id AS "dashboardId" FROM dashboard_tabs WHERE id = ${String(id)}::uuid`,
  );
const templateFacts = (db: OcpDatabase, id: unknown) =>
  one<{ name: string; slots: number }>(
    db,
    sql`SELECT t.name, (SELECT count(*)::int FROM dashboard_template_slots s WHERE s.template_id = t.id) AS slots
          FROM dashboard_templates t WHERE t.id = ${String(id)}::uuid`,
  );
const dashboardFacts = (db: OcpDatabase, id: unknown) =>
  one<{ title: string }>(db, sql`SELECT title FROM dashboards WHERE id = ${String(id)}::uuid`);
const placementFacts = (db: OcpDatabase, id: unknown) =>
  one<{ chartId: string; tabId: string; slotKey: string }>(
    db,
    sql`SELECT p.chart_id AS "chartId", p.dashboard_tab_id AS "tabId", s.slot_key AS "slotKey"
          FROM chart_placements p JOIN dashboard_template_slots s ON s.id = p.template_slot_id
         WHERE p.id = ${String(id)}::uuid`,
  );

/** What a change is about, before it runs (what it removes or changes is gone or different after). */
async function factsBefore(db: OcpDatabase, tool: string, a: Record<string, unknown>): Promise<ChangeFacts> {
  if (tool === 'update_chart') return { before: await chartFacts(db, a.id) };
  if (tool === 'remove_chart') {
    const p = await placementFacts(db, a.id);
    return p ? { chart: await chartFacts(db, p.chartId), tab: await tabFacts(db, p.tabId), slotKey: p.slotKey } : {};
  }
  return {};
}

/** …and after it ran, from its answer. */
async function factsAfter(
  db: OcpDatabase,
  tool: string,
  a: Record<string, unknown>,
  r: Record<string, unknown>,
  f: ChangeFacts,
): Promise<ChangeFacts> {
  switch (tool) {
    case 'create_chart':
      return { chart: { title: String(r.title), chartType: String(r.chartType) } };
    case 'update_chart':
      return {
        ...f,
        chart: await chartFacts(db, a.id),
        fields: Object.keys(a).filter((k) => !['id', 'expectedUpdatedAt', 'changeSummary'].includes(k)),
      };
    case 'place_chart':
    case 'move_chart':
      return { chart: await chartFacts(db, r.chartId), tab: await tabFacts(db, r.tabId), slotKey: String(r.slotKey) };
    case 'create_dashboard':
      return { dashboard: { title: String(r.title) }, template: await templateFacts(db, a.templateId) };
    case 'create_tab':
      return {
        tab: { title: String(r.title) },
        dashboard: await dashboardFacts(db, a.dashboardId),
        template: a.templateId ? await templateFacts(db, a.templateId) : null,
      };
    case 'set_tab_template':
      return { tab: await tabFacts(db, a.id), template: await templateFacts(db, a.templateId) };
    case 'create_template':
      return { template: { name: String(a.name), slots: Array.isArray(a.slots) ? a.slots.length : 0 } };
    default:
      return f;
  }
}

/**
 * Proposes one change: replays `scope.drafts` and runs it, all rolled back. Returns the answer the agent sees (its
 * ids are this trial's, which later trials map), after recording the change; throws what the tool threw.
 */
export async function propose(
  scope: ToolScope & { drafts: ChatChange[] },
  tool: string,
  args: Record<string, unknown>,
  run: RunWrite,
): Promise<Record<string, unknown>> {
  const { result, summary } = await trial(scope.db, async (tx) => {
    const inner: ToolScope = { ...scope, db: tx, created: [], routes: [], onCreated: undefined };
    const map = await replay(inner, scope.drafts, run);
    const mapped = remapIds(args, map);
    const before = await factsBefore(tx, tool, mapped);
    const answer = remapIds((await run(inner, tool, mapped)) as Record<string, unknown>, inverse(map));
    const facts = await factsAfter(tx, tool, mapped, remapIds(answer, map), before);
    return { result: answer, summary: describeChange(tool, facts) };
  });
  scope.drafts.push({ tool, arguments: args, summary, result });
  return result;
}
