import { type DataSourceConfig, ENERGY_DEFAULT_MAPPING, type PlotlyConfig } from '@ocp/contract';
import {
  batteryStateOfCharge,
  generationMix,
  loadHeatmap,
  monthlyGeneration,
  weeklyEnergyBalance,
  weeklySiteLoad,
} from './energy-data.js';
import { ENERGY_ANOMALY_DETECTOR, ENERGY_FORECAST_MODEL } from './energy-demo.js';

export interface DemoChart {
  key: string;
  title: string;
  description: string;
  chartType: string;
  owner: 'user' | 'team';
  tags: string[];
  folder: string;
  favorite?: boolean;
  plotlyConfig: PlotlyConfig;
  dataSourceConfig: DataSourceConfig;
}

const axes = (x: string, y: string) => ({ xaxis: { title: { text: x } }, yaxis: { title: { text: y } } });
const PALETTE = {
  solar: '#f2b705',
  wind: '#3a9bd9',
  battery: '#7b61ff',
  grid: '#8c8c8c',
  demand: '#d7263d',
  forecast: '#a61e30',
};

/**
 * The `energy` chart type: generation stacked by source, the demand line, the forecast band (lower bound, then the
 * upper bound filled down to it), the forecast line and anomaly markers, fed by an energy source (the energy tables).
 */
function energyChart(c: {
  key: string;
  title: string;
  description: string;
  owner: 'user' | 'team';
  favorite?: boolean;
  range: { from: string; to: string };
}): DemoChart {
  const band = { type: 'scatter', mode: 'lines', line: { width: 0, color: PALETTE.forecast }, hoverinfo: 'skip' };
  return {
    ...c,
    chartType: 'energy',
    tags: ['energy', 'generation', 'demand', 'forecast'],
    folder: '/Energy/Generation',
    plotlyConfig: {
      data: [
        ...(['solar', 'wind', 'battery', 'grid'] as const).map((s) => ({
          type: 'scatter',
          mode: 'lines',
          name: s[0]!.toUpperCase() + s.slice(1),
          stackgroup: 'generation',
          line: { width: 0.5, color: PALETTE[s] },
        })),
        { type: 'scatter', mode: 'lines', name: 'Demand', line: { width: 2, color: PALETTE.demand } },
        { ...band, name: 'Forecast low', showlegend: false },
        { ...band, name: 'Forecast band', fill: 'tonexty', fillcolor: 'rgba(215, 38, 61, 0.12)' },
        { type: 'scatter', mode: 'lines', name: 'Forecast', line: { width: 1, dash: 'dot', color: PALETTE.forecast } },
        { type: 'scatter', mode: 'markers', name: 'Anomaly', marker: { size: 9, symbol: 'x', color: '#111' } },
      ],
      layout: { ...axes('Time (UTC)', 'Average kW'), hovermode: 'x unified', legend: { orientation: 'h' } },
    },
    dataSourceConfig: {
      kind: 'energy',
      range: c.range,
      bucket: 'auto',
      measure: 'power',
      forecastModel: ENERGY_FORECAST_MODEL,
      anomalyDetector: ENERGY_ANOMALY_DETECTOR,
      mapping: ENERGY_DEFAULT_MAPPING,
    },
  };
}

/** The demo's charts: every seed chart type (line, bar, pie, heatmap, energy) plus KPI metrics. */
export function demoCharts(): DemoChart[] {
  const balance = weeklyEnergyBalance();
  const peak = Math.max(...(balance.demand as number[]));
  const renewable =
    (balance.solar as number[]).reduce((a, b) => a + b, 0) + (balance.wind as number[]).reduce((a, b) => a + b, 0);
  const demand = (balance.demand as number[]).reduce((a, b) => a + b, 0);
  return [
    energyChart({
      key: 'energy',
      title: 'Energy balance, week 44',
      description:
        'Generation by source, stacked, against portfolio demand, with the baseline forecast band and flagged anomalies.',
      owner: 'user',
      favorite: true,
      range: { from: '2026-10-26T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' },
    }),
    energyChart({
      key: 'energy-year',
      title: 'Energy balance, 2026',
      description: 'The whole year of 15-minute readings, bucketed in SQL and downsampled to the chart width.',
      owner: 'team',
      range: { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
    }),
    {
      key: 'site-load',
      title: 'Site load, week 44',
      description: 'Hourly demand at each site.',
      chartType: 'line',
      owner: 'user',
      tags: ['demand', 'sites'],
      folder: '/Energy/Demand',
      plotlyConfig: {
        data: [
          { type: 'scatter', mode: 'lines', name: 'North plant' },
          { type: 'scatter', mode: 'lines', name: 'South campus' },
          { type: 'scatter', mode: 'lines', name: 'East depot' },
        ],
        layout: { ...axes('Time (UTC)', 'kW'), legend: { orientation: 'h' } },
      },
      dataSourceConfig: {
        kind: 'inline',
        columns: weeklySiteLoad(),
        mapping: { x: 'time', y: ['north', 'south', 'east'] },
      },
    },
    {
      key: 'monthly',
      title: 'Monthly generation by source',
      description: 'MWh generated per month in 2026.',
      chartType: 'bar',
      owner: 'user',
      tags: ['generation', 'monthly'],
      folder: '/Energy/Generation',
      plotlyConfig: {
        data: [
          { type: 'bar', name: 'Solar', marker: { color: PALETTE.solar } },
          { type: 'bar', name: 'Wind', marker: { color: PALETTE.wind } },
          { type: 'bar', name: 'Grid', marker: { color: PALETTE.grid } },
        ],
        layout: { ...axes('Month', 'MWh'), barmode: 'stack' },
      },
      dataSourceConfig: {
        kind: 'inline',
        columns: monthlyGeneration(),
        mapping: { x: 'month', y: ['solar', 'wind', 'grid'] },
      },
    },
    {
      key: 'mix',
      title: 'Generation mix',
      description: 'Share of each source over the week.',
      chartType: 'pie',
      owner: 'user',
      tags: ['generation', 'mix'],
      folder: '/Energy/Generation',
      favorite: true,
      plotlyConfig: {
        data: [
          { type: 'pie', hole: 0.45, marker: { colors: [PALETTE.solar, PALETTE.wind, PALETTE.battery, PALETTE.grid] } },
        ],
        layout: { showlegend: true },
      },
      dataSourceConfig: { kind: 'inline', columns: generationMix(), mapping: { x: 'source', y: ['energy'] } },
    },
    {
      key: 'heatmap',
      title: 'Load by hour and weekday',
      description: 'Portfolio demand (kW) by hour of day.',
      chartType: 'heatmap',
      owner: 'user',
      tags: ['demand', 'patterns'],
      folder: '/Energy/Demand',
      plotlyConfig: {
        data: [{ type: 'heatmap', colorscale: 'YlOrRd', colorbar: { title: { text: 'kW' } } }],
        layout: axes('Hour of day', 'Weekday'),
      },
      dataSourceConfig: {
        kind: 'inline',
        columns: loadHeatmap(),
        mapping: { x: 'hour', y: ['load'], series: 'weekday' },
      },
    },
    {
      key: 'peak',
      title: 'Peak demand',
      description: 'Highest hourly demand this week.',
      chartType: 'metric',
      owner: 'team',
      tags: ['kpi', 'demand'],
      folder: '/Reports',
      plotlyConfig: {
        data: [{ type: 'indicator', mode: 'number', number: { suffix: ' kW' }, title: { text: 'Peak demand' } }],
      },
      dataSourceConfig: {
        kind: 'inline',
        columns: { label: ['peak'], value: [peak] },
        mapping: { x: 'label', y: ['value'] },
      },
    },
    {
      key: 'renewable',
      title: 'Renewable share',
      description: 'Solar and wind as a share of demand this week.',
      chartType: 'metric',
      owner: 'team',
      tags: ['kpi', 'generation'],
      folder: '/Reports',
      plotlyConfig: {
        data: [{ type: 'indicator', mode: 'number', number: { suffix: ' %' }, title: { text: 'Renewable share' } }],
      },
      dataSourceConfig: {
        kind: 'inline',
        columns: { label: ['share'], value: [Math.round((renewable / demand) * 1000) / 10] },
        mapping: { x: 'label', y: ['value'] },
      },
    },
    {
      key: 'battery',
      title: 'Battery state of charge',
      description: 'Portfolio battery charge level (%).',
      chartType: 'line',
      owner: 'team',
      tags: ['battery', 'storage'],
      folder: '/Energy/Generation',
      plotlyConfig: {
        data: [
          {
            type: 'scatter',
            mode: 'lines',
            name: 'State of charge',
            line: { color: PALETTE.battery },
            fill: 'tozeroy',
          },
        ],
        layout: { ...axes('Time (UTC)', '%'), yaxis: { range: [0, 100], title: { text: '%' } } },
      },
      dataSourceConfig: { kind: 'inline', columns: batteryStateOfCharge(), mapping: { x: 'time', y: ['soc'] } },
    },
  ];
}
