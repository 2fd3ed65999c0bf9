import type { LayoutConfig, PositionConfig, SlotConstraints } from '@ocp/contract';
import { sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { dashboardTemplateSlots, dashboardTemplates } from '../schema/templates.js';
import { installSystemModels } from './system-models.js';

export interface SystemTemplate {
  /** Fixed ids make the install idempotent and let docs/tests refer to them. */
  id: string;
  name: string;
  description: string;
  layoutConfig: LayoutConfig;
  slots: Array<{
    slotKey: string;
    positionConfig: PositionConfig;
    slotType?: 'chart' | 'metric' | 'text';
    constraints?: SlotConstraints;
  }>;
}

// Below 640px every template collapses to one column; between 640 and 1024px to six.
const breakpoints = {
  sm: { minWidth: 0, columns: 1 },
  md: { minWidth: 640, columns: 6 },
  lg: { minWidth: 1024, columns: 12 },
};
const grid12: LayoutConfig = { columns: 12, rowHeight: 80, gap: 12, breakpoints };
const KPI_TYPES = ['metric', 'indicator'];

export const SYSTEM_TEMPLATES: SystemTemplate[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Single',
    description: 'One chart using the whole canvas.',
    layoutConfig: grid12,
    slots: [{ slotKey: 'main', positionConfig: { x: 0, y: 0, w: 12, h: 6 } }],
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'Two columns',
    description: 'Two charts side by side.',
    layoutConfig: grid12,
    slots: [
      { slotKey: 'left', positionConfig: { x: 0, y: 0, w: 6, h: 5 } },
      { slotKey: 'right', positionConfig: { x: 6, y: 0, w: 6, h: 5 } },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    name: '2×2 grid',
    description: 'Four equal charts.',
    layoutConfig: grid12,
    slots: [
      { slotKey: 'top-left', positionConfig: { x: 0, y: 0, w: 6, h: 4 } },
      { slotKey: 'top-right', positionConfig: { x: 6, y: 0, w: 6, h: 4 } },
      { slotKey: 'bottom-left', positionConfig: { x: 0, y: 4, w: 6, h: 4 } },
      { slotKey: 'bottom-right', positionConfig: { x: 6, y: 4, w: 6, h: 4 } },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    name: 'Hero + 3',
    description: 'A wide hero chart over three smaller ones.',
    layoutConfig: grid12,
    slots: [
      { slotKey: 'hero', positionConfig: { x: 0, y: 0, w: 12, h: 5, minH: 3 } },
      { slotKey: 'bottom-left', positionConfig: { x: 0, y: 5, w: 4, h: 4 } },
      { slotKey: 'bottom-center', positionConfig: { x: 4, y: 5, w: 4, h: 4 } },
      { slotKey: 'bottom-right', positionConfig: { x: 8, y: 5, w: 4, h: 4 } },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000005',
    name: 'Sidebar + main',
    description: 'A narrow column of context beside a large main chart.',
    layoutConfig: grid12,
    slots: [
      { slotKey: 'sidebar-top', positionConfig: { x: 0, y: 0, w: 3, h: 3 } },
      { slotKey: 'sidebar-bottom', positionConfig: { x: 0, y: 3, w: 3, h: 3 } },
      { slotKey: 'main', positionConfig: { x: 3, y: 0, w: 9, h: 6 } },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000006',
    name: '12-col KPI row + charts',
    description: 'Four KPI tiles across the top, two charts below.',
    layoutConfig: grid12,
    slots: [
      ...[0, 1, 2, 3].map((i) => ({
        slotKey: `kpi-${i + 1}`,
        positionConfig: { x: i * 3, y: 0, w: 3, h: 2 },
        slotType: 'metric' as const,
        constraints: { allowedChartTypes: KPI_TYPES },
      })),
      { slotKey: 'chart-left', positionConfig: { x: 0, y: 2, w: 6, h: 5 } },
      { slotKey: 'chart-right', positionConfig: { x: 6, y: 2, w: 6, h: 5 } },
    ],
  },
];

/**
 * Installs or refreshes the system data: the system templates and the built-in offline chat model
 * ({@link installSystemModels}). Safe to run on every start, and writes nothing when they are already current: rows are keyed by fixed ids and (template_id, slot_key);
 * slots are never deleted because placements may point at them.
 */
export async function installSystemTemplates(db: OcpDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    for (const t of SYSTEM_TEMPLATES) {
      await tx
        .insert(dashboardTemplates)
        .values({
          id: t.id,
          name: t.name,
          description: t.description,
          layoutConfig: t.layoutConfig,
          isSystemTemplate: true,
        })
        .onConflictDoUpdate({
          target: dashboardTemplates.id,
          set: { name: t.name, description: t.description, layoutConfig: t.layoutConfig, isSystemTemplate: true },
          // Unchanged rows are not rewritten: most starts find them as they are.
          setWhere: sql`(dashboard_templates.name, dashboard_templates.description, dashboard_templates.layout_config,
            dashboard_templates.is_system_template) IS DISTINCT FROM (excluded.name, excluded.description, excluded.layout_config, excluded.is_system_template)`,
        });
      await tx
        .insert(dashboardTemplateSlots)
        .values(
          t.slots.map((s) => ({
            templateId: t.id,
            slotKey: s.slotKey,
            positionConfig: s.positionConfig,
            slotType: s.slotType ?? 'chart',
            constraints: s.constraints ?? {},
          })),
        )
        .onConflictDoUpdate({
          target: [dashboardTemplateSlots.templateId, dashboardTemplateSlots.slotKey],
          set: {
            positionConfig: sql`excluded.position_config`,
            slotType: sql`excluded.slot_type`,
            constraints: sql`excluded.constraints`,
          },
          setWhere: sql`(dashboard_template_slots.position_config, dashboard_template_slots.slot_type,
            dashboard_template_slots.constraints) IS DISTINCT FROM (excluded.position_config, excluded.slot_type, excluded.constraints)`,
        });
    }
  });
  await installSystemModels(db);
}
