import type { DashboardDetail, DashboardEvent, PlacementView, TabView } from '@ocp/contract';

/**
 * A dashboard with one live event applied, or `'reload'` when the event cannot be applied in place (a restore, a
 * resync, a tab this copy does not have). Everything the event does not name keeps its identity, and so does a
 * chart whose version (`updatedAt`) did not change: Lit leaves those elements alone, and `<ocp-chart>` fetches no
 * data for them.
 */
export function applyEvent(d: DashboardDetail, event: DashboardEvent): DashboardDetail | 'reload' {
  switch (event.type) {
    case 'placement': {
      if (event.action === 'removed') return withTabs(d, (t) => dropPlacement(t, event.placementId));
      if (!d.tabs.some((t) => t.id === event.tabId)) return 'reload';
      const incoming = event.placement;
      const current = d.tabs.flatMap((t) => t.placements).find((p) => p.id === incoming.id);
      const placement = keepChart(current, incoming);
      return withTabs(d, (t) => {
        if (t.id !== event.tabId) return dropPlacement(t, placement.id);
        // In place when the tab has it (a moved DOM node would be a new chart element, fetching its data again).
        if (t.placements.some((p) => p.id === placement.id))
          return placement === current
            ? t
            : { ...t, placements: t.placements.map((p) => (p.id === placement.id ? placement : p)) };
        return { ...t, placements: [...t.placements, placement] };
      });
    }
    case 'chart': {
      if (event.action === 'deleted')
        return withTabs(d, (t) =>
          t.placements.some((p) => p.chartId === event.chartId)
            ? { ...t, placements: t.placements.filter((p) => p.chartId !== event.chartId) }
            : t,
        );
      const chart = event.chart;
      return withTabs(d, (t) =>
        t.placements.some((p) => p.chartId === event.chartId)
          ? {
              ...t,
              placements: t.placements.map(
                (p): PlacementView =>
                  p.chartId !== event.chartId
                    ? p
                    : chart && typeof p.customizations.pinnedVersion === 'number' && !p.unavailable
                      ? // A pinned placement keeps its version's figure: only the chart's name and tags follow.
                        keepChart(p, { ...p, chart: { ...chart, plotlyConfig: p.chart.plotlyConfig } })
                      : chart
                        ? keepChart(p, { ...p, unavailable: false, chart })
                        : { ...p, unavailable: true, chart: null },
              ),
            }
          : t,
      );
    }
    case 'tab': {
      if (event.action === 'deleted') {
        const tabs = d.tabs.filter((t) => t.id !== event.tabId);
        return tabs.length === d.tabs.length ? d : { ...d, tabs };
      }
      if (event.action === 'reordered') {
        const byId = new Map(d.tabs.map((t) => [t.id, t]));
        if (event.tabIds.length !== d.tabs.length || !event.tabIds.every((id) => byId.has(id))) return 'reload';
        return { ...d, tabs: event.tabIds.map((id, position) => ({ ...byId.get(id)!, position })) };
      }
      const old = d.tabs.find((t) => t.id === event.tabId);
      const tab = mergeTab(old, event.tab);
      const tabs = old ? d.tabs.map((t) => (t.id === tab.id ? tab : t)) : [...d.tabs, tab];
      return { ...d, tabs: tabs.sort((a, b) => a.position - b.position) };
    }
    case 'dashboard':
      return event.action === 'updated' ? { ...d, ...event.dashboard } : 'reload';
    case 'resync':
      return 'reload';
  }
}

function withTabs(d: DashboardDetail, fn: (t: TabView) => TabView): DashboardDetail {
  let changed = false;
  const tabs = d.tabs.map((t) => {
    const next = fn(t);
    if (next !== t) changed = true;
    return next;
  });
  return changed ? { ...d, tabs } : d;
}

function dropPlacement(t: TabView, id: string): TabView {
  return t.placements.some((p) => p.id === id) ? { ...t, placements: t.placements.filter((p) => p.id !== id) } : t;
}

/** The incoming placement, with the current chart object when it is the same chart at the same version. */
function keepChart(current: PlacementView | undefined, incoming: PlacementView): PlacementView {
  if (
    current?.chart &&
    incoming.chart &&
    current.chart.id === incoming.chart.id &&
    current.chart.updatedAt === incoming.chart.updatedAt
  ) {
    if (current.slotKey === incoming.slotKey && sameJson(current.customizations, incoming.customizations))
      return current;
    return { ...incoming, chart: current.chart };
  }
  return incoming;
}

/** A tab as sent, keeping the placements (and charts) that did not change. */
function mergeTab(old: TabView | undefined, incoming: TabView): TabView {
  if (!old) return incoming;
  const before = new Map(old.placements.map((p) => [p.id, p]));
  const after = new Map(incoming.placements.map((p) => [p.id, p]));
  // The order the element already has first: moved DOM nodes would be new chart elements.
  const placements = [
    ...old.placements.filter((p) => after.has(p.id)).map((p) => keepChart(p, after.get(p.id)!)),
    ...incoming.placements.filter((p) => !before.has(p.id)),
  ];
  return { ...incoming, placements };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
