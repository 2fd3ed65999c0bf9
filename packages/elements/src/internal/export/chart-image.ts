import { bundleFor, loadPlotly, type PlotlyLike, traceTypes } from '../plotly-loader.js';
import { dataUrlToBlob } from './download.js';

/** Plotly's image export, which the page's Plotly bundle has (every official bundle does). */
interface PlotlyImages {
  toImage(
    root: HTMLElement,
    options: { format: 'png' | 'svg' | 'jpeg'; width?: number; height?: number; scale?: number },
  ): Promise<string>;
}

/** The part of `<ocp-chart>` an export needs. */
export interface ExportableChart extends HTMLElement {
  readonly plotElement: HTMLDivElement | undefined;
  plotlyLoader?: Parameters<typeof loadPlotly>[0];
}

/**
 * The chart as drawn, as a PNG or SVG Blob (Plotly.toImage at the plot's size; PNG at twice the pixels, for
 * screens and print). Rejects when the chart has not been drawn yet.
 */
export async function chartImage(
  chart: ExportableChart,
  format: 'png' | 'svg' | 'jpeg',
  scale = format === 'svg' ? 1 : 2,
): Promise<Blob> {
  const plot = chart.plotElement;
  if (!plot) throw new Error('The chart has not been drawn yet.');
  // The bundle that drew the chart (Plotly by need): the full one is not loaded just to export a bar chart.
  const bundle = bundleFor(traceTypes((plot as unknown as { data?: unknown[] }).data));
  const plotly = (await loadPlotly(chart.plotlyLoader, bundle)) as PlotlyLike & Partial<PlotlyImages>;
  if (!plotly.toImage) throw new Error("This page's Plotly bundle cannot export images.");
  const { width, height } = plot.getBoundingClientRect();
  const url = await plotly.toImage(plot, {
    format,
    width: Math.max(1, Math.round(width)),
    height: Math.max(1, Math.round(height)),
    scale,
  });
  return dataUrlToBlob(url);
}
