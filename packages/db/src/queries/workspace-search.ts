import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { charts } from '../schema/charts.js';
import { workspaceItems } from '../schema/workspace.js';

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Seed example query 4: the user's workspace charts whose title contains the term (case-insensitive)
 * or that carry it as a tag, newest first.
 */
export function searchWorkspaceCharts(db: OcpDatabase, userId: string, term: string) {
  return db
    .select({
      id: workspaceItems.id,
      title: workspaceItems.title,
      tags: workspaceItems.tags,
      folderPath: workspaceItems.folderPath,
      chartType: charts.chartType,
      chartConfigTitle: sql<string | null>`${charts.plotlyConfig}->>'title'`,
    })
    .from(workspaceItems)
    .innerJoin(charts, eq(workspaceItems.referenceId, charts.id))
    .where(
      and(
        eq(workspaceItems.userId, userId),
        eq(workspaceItems.itemType, 'chart'),
        or(ilike(workspaceItems.title, `%${escapeLike(term)}%`), sql`${term} = ANY(${workspaceItems.tags})`),
      ),
    )
    .orderBy(desc(workspaceItems.updatedAt), workspaceItems.id);
}

export type WorkspaceChartRow = Awaited<ReturnType<typeof searchWorkspaceCharts>>[number];
