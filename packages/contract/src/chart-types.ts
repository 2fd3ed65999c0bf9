import type { PlotlyTrace } from './json/plotly.js';

/**
 * The chart type that a chart's first trace template draws, for chart versions written before versions kept their
 * type (migration 0010). Null when the template says nothing recognisable: the caller then keeps the type it has.
 * Zod-free, like slot-rules, so browser code can share it.
 */
export function chartTypeOfTraces(data: readonly PlotlyTrace[] | undefined): string | null {
  const t = data?.[0];
  if (!t || typeof t.type !== 'string') return null;
  const mode = typeof t.mode === 'string' ? t.mode : '';
  switch (t.type) {
    case 'scatter':
    case 'scattergl':
      if (t.fill && t.fill !== 'none') return 'area';
      return mode && !mode.includes('lines') ? 'scatter' : 'line';
    case 'indicator':
      return mode.includes('gauge') || mode.includes('delta') ? 'indicator' : 'metric';
    default:
      return t.type;
  }
}
