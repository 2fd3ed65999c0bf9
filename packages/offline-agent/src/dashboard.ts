import type { DashboardDetail } from '@ocp/contract';
import { slotLabel } from './words.js';
import type { AgentDashboard } from './world.js';

/** A dashboard as the agent reads it: every tab, every slot of its template with its label, rules and chart. */
export function toAgentDashboard(d: DashboardDetail): AgentDashboard {
  return {
    id: d.id,
    title: d.title,
    role: d.role,
    tabs: d.tabs.map((t) => ({
      id: t.id,
      title: t.title,
      templateId: t.template.id,
      templateName: t.template.name,
      slots: t.template.slots.map((s) => {
        const p = t.placements.find((x) => x.slotKey === s.slotKey);
        return {
          slotKey: s.slotKey,
          label: slotLabel(s.slotKey),
          constraints: s.constraints ?? {},
          placement: p
            ? { id: p.id, chartId: p.chartId, title: p.chart?.title ?? null, chartType: p.chart?.chartType ?? null }
            : null,
        };
      }),
    })),
  };
}
