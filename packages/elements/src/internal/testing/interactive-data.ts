/**
 * A small dashboard for interactivity tests and stories: a month of hourly load at three sites (a time series
 * with a series per site), load by site as bars and as a pie, on one 2×2 tab with a `site` filter.
 */
import type { MemoryData } from '../../provider/memory-data.js';
import { MemoryProvider, type MemoryProviderOptions } from '../../provider/memory-provider.js';
import { demo } from './demo-provider.js';

export const SITES = ['North', 'South', 'East'] as const;
export const HOURS = 30 * 24;
export const START = Date.UTC(2026, 9, 1);
export const IDS = {
  dashboard: '00000000-0000-4000-b000-000000000001',
  tab: '00000000-0000-4000-b000-000000000002',
  load: '00000000-0000-4000-b000-000000000011',
  bars: '00000000-0000-4000-b000-000000000012',
  pie: '00000000-0000-4000-b000-000000000013',
};

function hourly() {
  const time: string[] = [];
  const site: string[] = [];
  const kw: number[] = [];
  for (let h = 0; h < HOURS; h++) {
    SITES.forEach((s, i) => {
      time.push(new Date(START + h * 3_600_000).toISOString());
      site.push(s);
      kw.push(100 * (i + 1) + 40 * Math.sin((h / 24) * 2 * Math.PI) + (h % 7));
    });
  }
  return { time, site, kw };
}

export function interactiveData(
  settings: Record<string, unknown> = {},
  customizations: Record<string, Record<string, unknown>> = {},
): MemoryData {
  const at = new Date(START).toISOString();
  const chart = (id: string, title: string, chartType: string, plotlyConfig: object, dataSourceConfig: object) => ({
    id,
    title,
    description: null,
    chartType,
    ownerUserId: demo.user.id,
    ownerTeamId: null,
    isPublic: false,
    tags: [],
    updatedAt: at,
    createdAt: at,
    plotlyConfig,
    dataSourceConfig,
  });
  const totals = { site: [...SITES], kw: [300, 520, 410] };
  return {
    ...demo,
    charts: [
      chart(
        IDS.load,
        'Load by hour',
        'line',
        { data: [{ type: 'scatter', mode: 'lines' }] },
        {
          kind: 'inline',
          columns: hourly(),
          mapping: { x: 'time', y: ['kw'], series: 'site' },
        },
      ),
      chart(
        IDS.bars,
        'Load by site',
        'bar',
        { data: [{ type: 'bar' }] },
        {
          kind: 'inline',
          columns: totals,
          mapping: { x: 'site', y: ['kw'] },
        },
      ),
      chart(
        IDS.pie,
        'Share by site',
        'pie',
        { data: [{ type: 'pie' }] },
        {
          kind: 'inline',
          columns: totals,
          mapping: { x: 'site', y: ['kw'] },
        },
      ),
    ] as MemoryData['charts'],
    dashboards: [
      {
        id: IDS.dashboard,
        title: 'Sites',
        description: null,
        ownerUserId: demo.user.id,
        ownerTeamId: null,
        isPublic: false,
        updatedAt: at,
        createdAt: at,
        settings: { filters: [{ column: 'site', label: 'Site' }], ...settings },
        tabs: [
          {
            id: IDS.tab,
            title: 'Overview',
            description: null,
            position: 0,
            settings: {},
            templateId: '00000000-0000-4000-8000-000000000003',
            placements: [
              {
                id: `${IDS.tab.slice(0, -2)}21`,
                slotKey: 'top-left',
                chartId: IDS.load,
                customizations: customizations.load ?? {},
              },
              {
                id: `${IDS.tab.slice(0, -2)}22`,
                slotKey: 'top-right',
                chartId: IDS.bars,
                customizations: customizations.bars ?? {},
              },
              {
                id: `${IDS.tab.slice(0, -2)}23`,
                slotKey: 'bottom-left',
                chartId: IDS.pie,
                customizations: customizations.pie ?? {},
              },
            ],
          },
        ],
      },
    ],
  };
}

export function interactiveProvider(
  settings?: Record<string, unknown>,
  customizations?: Record<string, Record<string, unknown>>,
  options?: MemoryProviderOptions,
): MemoryProvider {
  return new MemoryProvider(interactiveData(settings, customizations), options);
}
