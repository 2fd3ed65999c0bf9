/**
 * 24 charts in one dashboard: `<ocp-dashboard>` over the in-memory provider (lines, bars, markers, areas, inline
 * data), against the same traces and layouts drawn with bare `Plotly.newPlot` into a CSS grid of the same cell size.
 * Plotly is on the page before either starts; each variant runs on a fresh page.
 */
import type { MemoryChart, MemoryData } from '@ocp/elements/memory';
import {
  frames,
  loadElements,
  loadMemory,
  mixedFigure,
  PLOT_CONFIG,
  params,
  plotly,
  ready,
  rendered,
} from './shared.js';

const COUNT = Number(params.get('charts') ?? 24);
const COLUMNS = 4;
const ROW_HEIGHT = 100;
const GAP = 8;
const USER = '00000000-0000-4000-a000-0000000000b1';
const TEMPLATE = '00000000-0000-4000-8000-0000000000b1';
const DASHBOARD = '00000000-0000-4000-8003-0000000000b1';
const uuid = (group: string, i: number) => `00000000-0000-4000-${group}-${String(i + 1).padStart(12, '0')}`;
const when = '2026-01-01T00:00:00.000Z';

/** The figure split the way the server stores a chart: trace styles in plotlyConfig, values in inline columns. */
function chart(i: number): MemoryChart {
  const figure = mixedFigure(i);
  const columns: Record<string, (number | string)[]> = { x: figure.data[0]!.x as (number | string)[] };
  const y: string[] = [];
  figure.data.forEach((t, k) => {
    columns[`y${k}`] = t.y as number[];
    y.push(`y${k}`);
  });
  return {
    id: uuid('8002', i),
    title: `Chart ${i + 1}`,
    description: null,
    chartType: String(figure.data[0]!.type),
    ownerUserId: USER,
    ownerTeamId: null,
    isPublic: false,
    tags: [],
    plotlyConfig: { data: figure.data.map(({ x: _x, y: _y, ...style }) => style), layout: figure.layout },
    dataSourceConfig: { kind: 'inline', columns, mapping: { x: 'x', y } },
    createdAt: when,
    updatedAt: when,
  } as MemoryChart;
}

function data(base: MemoryData): MemoryData {
  const charts = Array.from({ length: COUNT }, (_, i) => chart(i));
  return {
    ...base,
    user: { id: USER, displayName: 'Bench' },
    templates: [
      {
        id: TEMPLATE,
        name: `${COUNT} charts`,
        description: null,
        layoutConfig: { columns: COLUMNS, rowHeight: ROW_HEIGHT, gap: GAP },
        previewImageUrl: null,
        isSystemTemplate: false,
        createdBy: USER,
        slots: charts.map((_, i) => ({
          id: uuid('8001', i),
          slotKey: `s${i}`,
          slotType: 'chart',
          positionConfig: { x: i % COLUMNS, y: Math.floor(i / COLUMNS) * 2, w: 1, h: 2 },
          constraints: {},
        })),
      },
    ] as MemoryData['templates'],
    charts,
    dashboards: [
      {
        id: DASHBOARD,
        title: 'Bench dashboard',
        description: null,
        ownerUserId: USER,
        ownerTeamId: null,
        isPublic: false,
        settings: {},
        createdAt: when,
        updatedAt: when,
        tabs: [
          {
            id: uuid('8004', 0),
            title: 'All',
            description: null,
            position: 0,
            settings: {},
            templateId: TEMPLATE,
            placements: charts.map((c, i) => ({
              id: uuid('8005', i),
              slotKey: `s${i}`,
              chartId: c.id,
              customizations: {},
            })),
          },
        ],
      },
    ] as MemoryData['dashboards'],
  };
}

const elements = await loadElements();
const memory = await loadMemory();
const provider = new memory.MemoryProvider(data(memory.demoData));

ready({
  /** ms from creating the dashboard until every chart has drawn (and been painted). */
  async elements(): Promise<number> {
    const started = performance.now();
    const dashboard = document.createElement('ocp-dashboard') as InstanceType<typeof elements.OcpDashboard>;
    dashboard.provider = provider;
    dashboard.setAttribute('dashboard-id', DASHBOARD);
    const done = rendered(document, COUNT);
    document.body.append(dashboard);
    await done;
    await frames();
    return performance.now() - started;
  },

  /** The same traces and layouts with bare Plotly.newPlot, all started at once; fetched before the clock starts. */
  bare: () => drawBare(false),

  /**
   * The same, one chart per task: bare Plotly.newPlot after `scheduler.yield()` each time, as the elements' draw
   * queue does. What the dashboard adds beyond that is the elements' own work; the rest is the cost of yielding.
   */
  bareYielding: () => drawBare(true),
});

async function drawBare(yielding: boolean): Promise<number> {
  const figures = await Promise.all(
    Array.from({ length: COUNT }, async (_, i) => {
      const c = chart(i);
      const { traces } = await provider.getChartData(c.id);
      return { data: traces, layout: c.plotlyConfig.layout };
    }),
  );
  const started = performance.now();
  const grid = document.createElement('div');
  grid.style.cssText = `display:grid;grid-template-columns:repeat(${COLUMNS},1fr);gap:${GAP}px;padding:16px`;
  document.body.append(grid);
  const divs = figures.map(() => {
    const div = document.createElement('div');
    div.style.height = `${2 * ROW_HEIGHT + GAP}px`;
    grid.append(div);
    return div;
  });
  if (yielding) {
    for (const [i, f] of figures.entries()) {
      await yieldToMain();
      await plotly().newPlot(divs[i]!, f.data as unknown[], f.layout, PLOT_CONFIG);
    }
  } else {
    await Promise.all(figures.map((f, i) => plotly().newPlot(divs[i]!, f.data as unknown[], f.layout, PLOT_CONFIG)));
  }
  await frames();
  return performance.now() - started;
}

/** `scheduler.yield()`, or a message-channel task where the browser has no scheduler (as the elements do). */
function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
