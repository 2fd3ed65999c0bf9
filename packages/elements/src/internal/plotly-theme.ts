/**
 * Makes a figure follow the element's theme without overriding what the figure sets itself: transparent
 * backgrounds, text and grid colours derived from the element's resolved text colour, all through a Plotly
 * `template` (which applies to every axis and which any explicit layout attribute overrides).
 * Fixed `width`/`height` are dropped: the chart fills its slot and follows it on resize.
 */
export function themedLayout(layout: Record<string, unknown>, textColor: string): Record<string, unknown> {
  const { width: _w, height: _h, ...rest } = layout;
  const grid = withAlpha(textColor, 0.14);
  const line = withAlpha(textColor, 0.35);
  const axis = { gridcolor: grid, linecolor: line, zerolinecolor: line, tickcolor: line };
  const template = {
    layout: {
      font: { color: textColor },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      xaxis: axis,
      yaxis: axis,
      polar: { bgcolor: 'rgba(0,0,0,0)', angularaxis: axis, radialaxis: axis },
      legend: { bgcolor: 'rgba(0,0,0,0)' },
      modebar: { bgcolor: 'rgba(0,0,0,0)', color: line, activecolor: textColor },
      colorway: ['#3a7bd5', '#f2b705', '#d7263d', '#2ca58d', '#7b61ff', '#ff8c42', '#8c8c8c', '#00a6ed'],
    },
  };
  // Plotly puts a horizontal legend under the plot, where it collides with the x-axis title; unless the figure
  // places it, it goes above the plot instead.
  const legend = rest.legend as Record<string, unknown> | undefined;
  const placedLegend =
    legend?.orientation === 'h' && legend.y === undefined
      ? { legend: { x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom', ...legend } }
      : {};
  return {
    autosize: true,
    margin: { l: 48, r: 16, t: rest.title ? 40 : 16, b: 40 },
    ...rest,
    ...placedLegend,
    template: rest.template ?? template,
  };
}

/** `rgb(r, g, b)` → `rgba(r, g, b, a)`; anything else is returned as is. */
function withAlpha(color: string, alpha: number): string {
  const m = /^rgba?\(([^,]+),\s*([^,]+),\s*([^,)]+)/.exec(color);
  return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})` : color;
}
