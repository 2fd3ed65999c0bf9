export type OcpChartRenderDetail = { renderer: 'svg' | 'webgl'; initial: boolean };

/**
 * `ocp-chart-render`: Fired by `<ocp-chart>` after Plotly drew the chart: `initial` is true for the first draw (newPlot), false for updates (react).
 * Bubbles and crosses shadow roots (composed).
 */
export class OcpChartRenderEvent extends CustomEvent<OcpChartRenderDetail> {
  static readonly eventName = 'ocp-chart-render';
  constructor(detail: OcpChartRenderDetail) {
    super(OcpChartRenderEvent.eventName, { detail, bubbles: true, composed: true, cancelable: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ocp-chart-render': OcpChartRenderEvent;
  }
}
