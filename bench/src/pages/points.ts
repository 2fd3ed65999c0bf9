/**
 * A 1,000,000-point series end to end: `<ocp-chart chart-id>` through the real client (@ocp/client over tRPC) from
 * a real server, which reads the dataset and downsamples it to the chart's width, against shipping every raw point
 * as JSON and drawing it with bare `Plotly.newPlot` as `scattergl`. Both into a 1000×400 plot; Plotly is on the page.
 *
 * The clock stops when Plotly has drawn (its promise, the element's render event), before the GPU rasterises: here
 * that is SwiftShader, which takes tens of seconds over a million-vertex line that a real GPU draws in a frame.
 * Each variant then waits, untimed, until the frame is out, so the next one starts on an idle GPU process.
 */
import { createOcpClient, createOcpProvider } from '@ocp/client';
import { frames, loadElements, PLOT_CONFIG, plotly, ready } from './shared.js';

await loadElements();
let provider: ReturnType<typeof createOcpProvider> | undefined;

function box<T extends HTMLElement>(el: T): T {
  el.style.cssText = 'display:block;width:1000px;height:400px;margin:8px';
  document.body.append(el);
  return el;
}

ready({
  setup({ token }: { token: string }) {
    provider = createOcpProvider(createOcpClient({ url: '/trpc', getToken: () => token }), { live: false });
  },

  /** ms from creating the element until it has drawn; the chart's data comes from the server. */
  async element({ chartId }: { chartId: string }) {
    const started = performance.now();
    const chart = document.createElement('ocp-chart');
    chart.provider = provider!;
    chart.chart = { chartType: 'line', title: 'A million points', plotlyConfig: { data: [] } };
    chart.setAttribute('chart-id', chartId);
    chart.toggleAttribute('eager', true);
    const drawn = new Promise<void>((resolve, reject) => {
      chart.addEventListener('ocp-chart-render', () => resolve(), { once: true });
      chart.addEventListener('ocp-error', (e) => reject(new Error(`ocp-error: ${e.detail.error.message}`)), {
        once: true,
      });
    });
    box(chart);
    await drawn;
    const ms = performance.now() - started;
    await frames();
    chart.remove();
    return ms;
  },

  /** ms to fetch and parse every point, then draw them with scattergl. */
  async raw() {
    const started = performance.now();
    const { x, y } = (await (await fetch('/raw-points.json')).json()) as { x: number[]; y: number[] };
    const div = box(document.createElement('div'));
    await plotly().newPlot(div, [{ type: 'scattergl', mode: 'lines', x, y }], {}, PLOT_CONFIG);
    const ms = performance.now() - started;
    await frames();
    plotly().purge(div);
    div.remove();
    return ms;
  },
});
