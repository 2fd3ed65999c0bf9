import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { rows } from './sql.js';

/** How many names of each kind a refusal spells out before "and N more". */
const NAMED = 3;

const KINDS = [
  { kind: 'dashboard', plural: 'dashboards' },
  { kind: 'chart', plural: 'charts' },
  { kind: 'agent', plural: 'agents' },
  { kind: 'energy site', plural: 'energy sites' },
  { kind: 'template', plural: 'templates' },
] as const;

/**
 * What a team still owns, as a phrase for a refusal ("2 dashboards (Sales, Costs) and 1 agent (Helper)"), or null
 * when it owns nothing (dashboards, charts, agents, energy sites, templates). Deleting a team never takes its content with it: the caller moves or deletes that first.
 */
export async function teamHoldings(tx: OcpDatabase, teamId: string): Promise<string | null> {
  const found = await rows<{ kind: string; name: string; total: number }>(
    tx,
    sql`SELECT kind, name, (count(*) OVER (PARTITION BY kind))::int AS total FROM (
          SELECT 'dashboard' AS kind, title AS name FROM dashboards WHERE owner_team_id = ${teamId}
          UNION ALL SELECT 'chart', title FROM charts WHERE owner_team_id = ${teamId}
          UNION ALL SELECT 'agent', name FROM agents WHERE owner_team_id = ${teamId}
          UNION ALL SELECT 'energy site', name FROM energy_sites WHERE owner_team_id = ${teamId}
          UNION ALL SELECT 'template', name FROM dashboard_templates WHERE owner_team_id = ${teamId}
        ) owned ORDER BY kind, name`,
  );
  const parts = KINDS.flatMap(({ kind, plural }) => {
    const mine = found.filter((r) => r.kind === kind);
    if (mine.length === 0) return [];
    const total = mine[0]!.total;
    const names = mine.slice(0, NAMED).map((r) => r.name);
    const more = total > NAMED ? ` and ${total - NAMED} more` : '';
    return [`${total} ${total === 1 ? kind : plural} (${names.join(', ')}${more})`];
  });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
