/**
 * Data updates of one chart: `<ocp-chart>` given a new figure (it calls Plotly.react) against bare `Plotly.react`
 * and bare `Plotly.newPlot` on divs of the same size. Every update brings fully new data (new arrays, new values),
 * generated before the clock starts; the `…Append` pair appends 1% more points to every trace instead.
 */
import { frames, lineTraces, loadElements, PLOT_CONFIG, params, plotly, ready } from './shared.js';

const TRACES = Number(params.get('traces') ?? 4);
const POINTS = Number(params.get('points') ?? 2500);
/**
 * A fresh layout for every figure: Plotly writes into the layout it is given (the autoranged `xaxis.range`…), so a
 * layout shared by the bare drawings and the chart would change between the chart's figures and make every one of
 * them look like a new layout to it (never an append).
 */
const layout = () => ({ margin: { t: 24, r: 8, b: 28, l: 40 }, showlegend: false });

await loadElements();
const box = <T extends HTMLElement>(el: T): T => {
  el.style.cssText = 'display:block;width:900px;height:360px;margin:8px';
  document.body.append(el);
  return el;
};
const chart = box(document.createElement('ocp-chart'));
chart.toggleAttribute('eager', true);
const reactDiv = box(document.createElement('div'));
const newPlotDiv = box(document.createElement('div'));
let seed = 1;
const figure = () => ({ data: lineTraces(seed++, TRACES, POINTS), layout: layout() });
type Figure = ReturnType<typeof figure>;

/** The same figure with 1% more points at the end of every trace (new arrays, the old values first). */
function grown(f: Figure): Figure {
  const data = f.data.map((t) => {
    const x = t.x as number[];
    const y = t.y as number[];
    const n = Math.max(1, Math.round(x.length * 0.01));
    const last = x[x.length - 1]!;
    const more = Array.from({ length: n }, (_, i) => i);
    return { ...t, x: x.concat(more.map((i) => last + 1 + i)), y: y.concat(more.map((i) => y[(i * 7) % y.length]!)) };
  });
  return { data, layout: layout() };
}
let reactFigure: Figure;

/**
 * Times `work` (ms), then waits until it is painted. The garbage of earlier rounds and of building this round's
 * figure is collected before the clock starts (Chromium runs with --expose-gc), so that no side pays for a
 * collection the other one left behind. The marks let a trace tell the main thread's own time in between.
 */
async function timed(work: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  performance.mark('bench-start');
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  performance.mark('bench-end');
  await frames();
  return ms;
}

function once(target: EventTarget, type: string): Promise<void> {
  return new Promise((resolve) => target.addEventListener(type, () => resolve(), { once: true }));
}

ready({
  /** First drawing of all three (untimed). */
  async setup() {
    const drawn = once(chart, 'ocp-chart-render');
    chart.figure = figure() as never;
    await drawn;
    const f = figure();
    reactFigure = f;
    await plotly().newPlot(reactDiv, f.data, f.layout, PLOT_CONFIG);
    await plotly().newPlot(newPlotDiv, f.data, f.layout, PLOT_CONFIG);
    await frames();
  },
  /** ms from setting `figure` until the element reports the redraw. */
  async element() {
    const f = figure();
    const drawn = once(chart, 'ocp-chart-render');
    return timed(() => {
      chart.figure = f as never;
      return drawn;
    });
  },
  async react() {
    const f = figure();
    reactFigure = f;
    return timed(() => plotly().react(reactDiv, f.data, f.layout, PLOT_CONFIG));
  },
  /** ms from setting a figure with 1% more points at the end until the element reports the redraw. */
  async elementAppend() {
    const f = grown(chart.figure as unknown as Figure);
    const drawn = once(chart, 'ocp-chart-render');
    return timed(() => {
      chart.figure = f as never;
      return drawn;
    });
  },
  /** The same growth drawn by bare Plotly.react (the whole figure). */
  async reactAppend() {
    const f = grown(reactFigure);
    reactFigure = f;
    return timed(() => plotly().react(reactDiv, f.data, f.layout, PLOT_CONFIG));
  },
  async newPlot() {
    const f = figure();
    return timed(() => plotly().newPlot(newPlotDiv, f.data, f.layout, PLOT_CONFIG));
  },
});
