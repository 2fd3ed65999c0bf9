import {
  type LayoutConfig,
  type PositionConfig,
  type SlotConstraints,
  slotAllowsChartType,
  type TemplateDetail,
  type TemplateSummary,
} from '@ocp/contract';
import { dashboards, dashboardTabs, dashboardTemplateSlots, dashboardTemplates, type OcpDatabase } from '@ocp/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { publishTemplateEvents } from '../events/publish.js';
import { authorize, type Need, templateRoleSql } from './access.js';
import { TEMPLATE_DETAIL_JSON } from './dashboard-json.js';
import { badRequest, conflict, notFound } from './errors.js';
import { parseJson, rows } from './sql.js';
import { readTeam } from './teams.js';

export interface SlotInput {
  slotKey: string;
  slotType: 'chart' | 'metric' | 'text';
  positionConfig: PositionConfig;
  constraints: SlotConstraints;
}

export interface TemplateInput {
  name: string;
  description?: string | null;
  layoutConfig: LayoutConfig;
  previewImageUrl?: string | null;
  slots: SlotInput[];
  /** Shared with this team (the caller must be its editor or admin); null: the caller's own. */
  ownerTeamId?: string | null;
}

/**
 * A template may be shared with a team the caller edits in (editor or admin): a viewer is FORBIDDEN, and a team
 * the caller is not in is NOT_FOUND, as everywhere else.
 */
async function checkOwnerTeam(tx: OcpDatabase, user: OcpUser, teamId: string | null | undefined) {
  if (teamId) await readTeam(tx, user, teamId, 'write');
}

const TEMPLATE = 'Template';
const role = (userId: string | null) => templateRoleSql(dashboardTemplates, userId);

/**
 * Templates the caller can use: system templates, their own, and those created by members of their teams
 * (seed query 3 extended to teams), with slot counts. Anonymous callers see system templates only.
 */
export async function listTemplates(db: OcpDatabase, user: OcpUser | null): Promise<TemplateSummary[]> {
  return db
    .select({
      id: dashboardTemplates.id,
      name: dashboardTemplates.name,
      description: dashboardTemplates.description,
      layoutConfig: dashboardTemplates.layoutConfig,
      previewImageUrl: dashboardTemplates.previewImageUrl,
      isSystemTemplate: sql<boolean>`coalesce(${dashboardTemplates.isSystemTemplate}, false)`,
      createdBy: dashboardTemplates.createdBy,
      ownerTeamId: dashboardTemplates.ownerTeamId,
      slotCount: sql<number>`count(${dashboardTemplateSlots.id})::int`,
    })
    .from(dashboardTemplates)
    .leftJoin(dashboardTemplateSlots, eq(dashboardTemplates.id, dashboardTemplateSlots.templateId))
    .where(sql`${role(user?.id ?? null)} IS NOT NULL`)
    .groupBy(dashboardTemplates.id)
    .orderBy(asc(dashboardTemplates.name), asc(dashboardTemplates.id));
}

/** A template with its slots, or null when missing or not visible to the caller. */
export async function findTemplate(db: OcpDatabase, userId: string | null, id: string) {
  const [row] = await rows<{ doc: unknown; role: string | null }>(
    db,
    sql`SELECT ${sql.raw(TEMPLATE_DETAIL_JSON)} AS doc, ${templateRoleSql({ createdBy: sql`tpl.created_by`, isSystemTemplate: sql`tpl.is_system_template`, ownerTeamId: sql`tpl.owner_team_id` }, userId)} AS role
          FROM dashboard_templates tpl WHERE tpl.id = ${id}`,
  );
  if (!row?.role) return null;
  return { ...parseJson<TemplateDetail>(row.doc), role: row.role as 'owner' | 'viewer' | 'public' };
}

export async function getTemplate(db: OcpDatabase, user: OcpUser | null, id: string): Promise<TemplateDetail> {
  const found = await findTemplate(db, user?.id ?? null, id);
  if (!found) throw notFound(TEMPLATE);
  const { role: _role, ...detail } = found;
  return detail;
}

/** Slot keys are unique and every slot fits the grid's columns. */
function checkSlots(layout: LayoutConfig, slots: SlotInput[]) {
  const keys = new Set<string>();
  for (const slot of slots) {
    if (keys.has(slot.slotKey)) throw badRequest(`Slot key "${slot.slotKey}" is used twice`);
    keys.add(slot.slotKey);
    const { x, w } = slot.positionConfig;
    if (x + w > layout.columns)
      throw badRequest(`Slot "${slot.slotKey}" is wider than the ${layout.columns}-column grid`);
  }
}

export async function createTemplate(db: OcpDatabase, user: OcpUser, input: TemplateInput): Promise<TemplateDetail> {
  checkSlots(input.layoutConfig, input.slots);
  const id = await db.transaction(async (tx) => {
    await checkOwnerTeam(tx, user, input.ownerTeamId);
    const [tpl] = await tx
      .insert(dashboardTemplates)
      .values({
        name: input.name,
        description: input.description ?? null,
        layoutConfig: input.layoutConfig,
        previewImageUrl: input.previewImageUrl ?? null,
        isSystemTemplate: false,
        createdBy: user.id,
        ownerTeamId: input.ownerTeamId ?? null,
      })
      .returning({ id: dashboardTemplates.id });
    await tx.insert(dashboardTemplateSlots).values(input.slots.map((s) => ({ ...s, templateId: tpl!.id })));
    return tpl!.id;
  });
  return getTemplate(db, user, id);
}

/** Locks the template row and checks the caller's role on it. */
async function lockTemplate(tx: OcpDatabase, userId: string, id: string, need: Need) {
  const [row] = await tx
    .select({ layoutConfig: dashboardTemplates.layoutConfig, role: role(userId) })
    .from(dashboardTemplates)
    .where(eq(dashboardTemplates.id, id))
    .for('update');
  return authorize(row, need, TEMPLATE);
}

/**
 * Updates fields and, when `slots` is given, replaces the slot set by key: kept keys are updated in place
 * (placements stay), new keys are added, and removing a slot that holds a chart, or narrowing its constraints
 * so a placed chart no longer fits, is CONFLICT.
 */
export async function updateTemplate(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string } & Partial<TemplateInput>,
): Promise<TemplateDetail> {
  await db.transaction(async (tx) => {
    const current = await lockTemplate(tx, user.id, input.id, 'write');
    await checkOwnerTeam(tx, user, input.ownerTeamId);
    const layout = input.layoutConfig ?? current.layoutConfig;
    const existing = await tx
      .select({
        id: dashboardTemplateSlots.id,
        slotKey: dashboardTemplateSlots.slotKey,
        positionConfig: dashboardTemplateSlots.positionConfig,
        slotType: dashboardTemplateSlots.slotType,
        constraints: dashboardTemplateSlots.constraints,
      })
      .from(dashboardTemplateSlots)
      .where(eq(dashboardTemplateSlots.templateId, input.id));
    const finalSlots: SlotInput[] =
      input.slots ??
      existing.map((s) => ({
        slotKey: s.slotKey,
        slotType: (s.slotType ?? 'chart') as SlotInput['slotType'],
        positionConfig: s.positionConfig,
        constraints: s.constraints ?? {},
      }));
    checkSlots(layout, finalSlots);

    if (input.slots) {
      const next = new Map(input.slots.map((s) => [s.slotKey, s]));
      const placed = await rows<{ slot_key: string; chart_type: string }>(
        tx,
        sql`SELECT s.slot_key, c.chart_type FROM chart_placements cp
              JOIN dashboard_template_slots s ON s.id = cp.template_slot_id
              JOIN charts c ON c.id = cp.chart_id
             WHERE s.template_id = ${input.id}`,
      );
      for (const p of placed) {
        const slot = next.get(p.slot_key);
        if (!slot) throw conflict(`Slot "${p.slot_key}" holds a chart; remove the chart before removing the slot`);
        if (!slotAllowsChartType(slot.constraints, p.chart_type)) {
          throw conflict(`Slot "${p.slot_key}" holds a ${p.chart_type} chart that the new constraints would not allow`);
        }
      }
      const byKey = new Map(existing.map((s) => [s.slotKey, s]));
      for (const s of existing) {
        if (!next.has(s.slotKey)) await tx.delete(dashboardTemplateSlots).where(eq(dashboardTemplateSlots.id, s.id));
      }
      for (const s of input.slots) {
        const old = byKey.get(s.slotKey);
        if (old) {
          await tx
            .update(dashboardTemplateSlots)
            .set({ positionConfig: s.positionConfig, slotType: s.slotType, constraints: s.constraints })
            .where(eq(dashboardTemplateSlots.id, old.id));
        } else {
          await tx.insert(dashboardTemplateSlots).values({ ...s, templateId: input.id });
        }
      }
    }
    await tx
      .update(dashboardTemplates)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.previewImageUrl !== undefined ? { previewImageUrl: input.previewImageUrl } : {}),
        ...(input.ownerTeamId !== undefined ? { ownerTeamId: input.ownerTeamId } : {}),
        layoutConfig: layout,
      })
      .where(eq(dashboardTemplates.id, input.id));
    // Tabs drawn on this template change shape with it.
    if (input.layoutConfig || input.slots) await publishTemplateEvents(tx, input.id);
  });
  return getTemplate(db, user, input.id);
}

/** Deletes a template the caller created; CONFLICT while any dashboard or tab uses it. */
export async function deleteTemplate(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    await lockTemplate(tx, user.id, id, 'manage');
    const [use] = await rows<{ used: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM ${dashboards} WHERE template_id = ${id})
              OR EXISTS (SELECT 1 FROM ${dashboardTabs} WHERE template_id = ${id}) AS used`,
    );
    if (use?.used) throw conflict('The template is in use by a dashboard; change those tabs first');
    await tx.delete(dashboardTemplates).where(eq(dashboardTemplates.id, id));
  });
  return { id };
}
