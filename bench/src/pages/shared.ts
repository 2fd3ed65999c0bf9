/**
 * In-page helpers shared by the bench pages (bundled by esbuild; they run in Chromium). The elements come from
 * the built standalone bundle at /elements/, exactly what a plain page loads; only their types are imported here.
 */
import type * as Elements from '@ocp/elements';
import type * as Demo from '@ocp/elements/demo';
import type * as Memory from '@ocp/elements/memory';

export type { Elements };

export async function loadElements(): Promise<typeof Elements> {
  const url = '/elements/ocp-elements.js';
  return (await import(/* @vite-ignore */ url)) as typeof Elements;
}

/** The standalone ocp-memory.js: the in-memory provider and the demo workspace. */
export async function loadMemory(): Promise<typeof Memory & typeof Demo> {
  const url = '/elements/ocp-memory.js';
  return (await import(/* @vite-ignore */ url)) as typeof Memory & typeof Demo;
}

/** Plotly as the page has it (a classic <script> before the page's module), for the bare-Plotly baselines. */
export interface Plotly {
  newPlot(root: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  react(root: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  purge(root: HTMLElement): void;
}

export function plotly(): Plotly {
  const p = (window as unknown as { Plotly?: Plotly }).Plotly;
  if (!p) throw new Error('Plotly is not on the page');
  return p;
}

/** The config <ocp-chart> gives Plotly, so the bare baselines draw the same way. */
export const PLOT_CONFIG = { displayModeBar: 'hover', displaylogo: false, responsive: false, editable: false };

/** Resolves after two animation frames: what was drawn has been laid out and painted. */
export function frames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Resolves when `count` ocp-chart-render events have reached `target` (they bubble and cross shadow roots). */
export function rendered(target: EventTarget, count: number, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const timer = setTimeout(() => reject(new Error(`${seen} of ${count} charts rendered`)), timeoutMs);
    const on = () => {
      if (++seen >= count) {
        target.removeEventListener('ocp-chart-render', on);
        clearTimeout(timer);
        resolve();
      }
    };
    target.addEventListener('ocp-chart-render', on);
  });
}

/** A small deterministic generator, so every run draws the same figures. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 4_294_967_296;
  };
}

/** `traces` noisy lines of `points` points each, seeded. */
export function lineTraces(seed: number, traces: number, points: number, type = 'scatter'): Record<string, unknown>[] {
  const rand = random(seed);
  return Array.from({ length: traces }, (_, t) => {
    const x = new Array<number>(points);
    const y = new Array<number>(points);
    let v = 50 + t * 10;
    for (let i = 0; i < points; i++) {
      v += (rand() - 0.5) * 4;
      x[i] = i;
      y[i] = Math.round(v * 100) / 100;
    }
    return { type, mode: 'lines', name: `series ${t + 1}`, x, y };
  });
}

/** A mix of chart kinds a dashboard has: lines, bars, markers, an area. */
export function mixedFigure(i: number): { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
  const rand = random(1000 + i);
  const layout = { title: { text: `Chart ${i + 1}` }, margin: { t: 32, r: 8, b: 28, l: 36 }, showlegend: false };
  switch (i % 4) {
    case 0:
      return { data: lineTraces(i, 2, 500), layout };
    case 1: {
      const x = Array.from({ length: 12 }, (_, k) => `M${k + 1}`);
      const bar = (n: number) => ({ type: 'bar', name: `b${n}`, x, y: x.map(() => Math.round(rand() * 100)) });
      return { data: [bar(1), bar(2)], layout };
    }
    case 2: {
      const x = Array.from({ length: 300 }, () => rand() * 100);
      return { data: [{ type: 'scatter', mode: 'markers', x, y: x.map((v) => v + rand() * 30) }], layout };
    }
    default:
      return { data: lineTraces(i, 1, 300).map((t) => ({ ...t, fill: 'tozeroy' })), layout };
  }
}

interface Span {
  start: number;
  duration: number;
}

/**
 * Total blocking time up to `until` (ms since navigation): the sum of each long task's time beyond 50 ms. `plotly`
 * is the part of it in tasks that evaluated a Plotly bundle (named by the long animation frames' scripts), and
 * `plotlyEval` how long those evaluations took: a cost of loading Plotly, the same however many charts draw.
 */
export function blocking(until: number): {
  tbt: number;
  longTasks: number;
  longest: number;
  plotly: number;
  plotlyEval: number;
} {
  const w = window as unknown as { __longTasks: Span[]; __evaluated: (Span & { url: string })[] };
  const tasks = w.__longTasks.filter((t) => t.start <= until);
  const evaluations = w.__evaluated.filter((s) => /\/plotly[\w.-]*\.js$/.test(new URL(s.url, location.href).pathname));
  const evaluates = (t: Span) =>
    evaluations.some((s) => s.start < t.start + t.duration && t.start < s.start + s.duration);
  const excess = (list: Span[]) => list.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  return {
    tbt: excess(tasks),
    longTasks: tasks.length,
    longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    plotly: excess(tasks.filter(evaluates)),
    plotlyEval: evaluations.reduce((sum, s) => sum + s.duration, 0),
  };
}

/** Publishes the page's bench functions and tells the runner the page is ready. */
export function ready(bench: Record<string, (arg: never) => unknown>): void {
  const w = window as unknown as { bench: typeof bench; benchReady: boolean };
  w.bench = bench;
  w.benchReady = true;
}

export const params = new URLSearchParams(location.search);
