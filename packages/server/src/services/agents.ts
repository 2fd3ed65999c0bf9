import type { AgentView } from '@ocp/contract';
import { agents, chatMessages, type OcpDatabase } from '@ocp/db';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { isToolName, TOOL_NAMES, type ToolName } from '../chat/tools.js';
import type { OcpUser } from '../context.js';
import { authorize, myTeamIdsSql, type Need, ownedRoleSql } from './access.js';
import { resolveOwner } from './dashboards.js';

const AGENT = 'Agent';
const agentRole = (userId: string) => ownedRoleSql(agents, userId);

const columns = {
  id: agents.id,
  name: agents.name,
  description: agents.description,
  instructions: agents.instructions,
  capabilities: sql<Record<string, unknown>>`coalesce(${agents.capabilities}, '{}'::jsonb)`,
  ownerUserId: agents.ownerUserId,
  ownerTeamId: agents.ownerTeamId,
  isPublic: sql<boolean>`coalesce(${agents.isPublic}, false)`,
};

/**
 * Agents the caller can use: their own, their teams', and with `includePublic` (the default) everyone's public
 * ones; own first, then by name.
 */
export async function listAgents(
  db: OcpDatabase,
  user: OcpUser,
  input: { ownerTeamId?: string; includePublic?: boolean; limit?: number },
): Promise<AgentView[]> {
  const visible: SQL[] = [eq(agents.ownerUserId, user.id), inArray(agents.ownerTeamId, myTeamIdsSql(user.id))];
  if (input.includePublic !== false) visible.push(eq(agents.isPublic, true));
  return db
    .select(columns)
    .from(agents)
    .where(and(or(...visible), input.ownerTeamId ? eq(agents.ownerTeamId, input.ownerTeamId) : undefined))
    .orderBy(sql`(${agents.ownerUserId} = ${user.id}) DESC NULLS LAST`, agents.name, agents.id)
    .limit(input.limit ?? 200);
}

async function readAgent(db: OcpDatabase, userId: string, id: string, need: Need, lock = false) {
  const query = db
    .select({ ...columns, role: agentRole(userId) })
    .from(agents)
    .where(eq(agents.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return authorize(row, need, AGENT);
}

export async function getAgent(db: OcpDatabase, user: OcpUser, id: string): Promise<AgentView> {
  const { role: _role, ...agent } = await readAgent(db, user.id, id, 'read');
  return agent;
}

/** The tools an agent may use: `capabilities.tools` when it lists some, else all of them. */
export function agentTools(agent: Pick<AgentView, 'capabilities'> | null): ToolName[] {
  const listed = agent?.capabilities.tools;
  if (!Array.isArray(listed)) return [...TOOL_NAMES];
  return TOOL_NAMES.filter((t) => listed.includes(t) && isToolName(t));
}

export interface AgentInput {
  name: string;
  description?: string | null;
  instructions: string;
  capabilities?: Record<string, unknown>;
  ownerUserId?: string | null;
  ownerTeamId?: string | null;
  isPublic?: boolean;
}

/** Owned by the caller, or by a team where they are editor or admin (admin to make it public), like charts. */
export async function createAgent(db: OcpDatabase, user: OcpUser, input: AgentInput): Promise<AgentView> {
  const id = await db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, user, input);
    const [row] = await tx
      .insert(agents)
      .values({
        name: input.name,
        description: input.description ?? null,
        instructions: input.instructions,
        capabilities: input.capabilities ?? {},
        ...owner,
        isPublic: input.isPublic ?? false,
      })
      .returning({ id: agents.id });
    return row!.id;
  });
  return getAgent(db, user, id);
}

/** Editors change an agent; making it public or private takes the owner or a team admin. */
export async function updateAgent(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string } & Partial<Omit<AgentInput, 'ownerUserId' | 'ownerTeamId'>>,
): Promise<AgentView> {
  await db.transaction(async (tx) => {
    await readAgent(tx, user.id, input.id, input.isPublic !== undefined ? 'manage' : 'write', true);
    await tx
      .update(agents)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.instructions !== undefined ? { instructions: input.instructions } : {}),
        ...(input.capabilities !== undefined ? { capabilities: input.capabilities } : {}),
        ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(agents.id, input.id));
  });
  return getAgent(db, user, input.id);
}

/** Owner or team admin. Messages it wrote keep their text and lose the reference. */
export async function deleteAgent(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    await readAgent(tx, user.id, id, 'manage', true);
    await tx.update(chatMessages).set({ agentId: null }).where(eq(chatMessages.agentId, id));
    await tx.delete(agents).where(eq(agents.id, id));
  });
  return { id };
}
