import { countText, measuredRounds, ratioText, Suite } from '@ocp/bench-kit';
import type { BrowserSuite } from '../browser/bench.js';
import { call, openPage } from '../browser/chromium.js';
import { withMainThreadTime } from '../browser/main-thread.js';
import { serveSite } from '../browser/site.js';

export const update: BrowserSuite = {
  name: 'update',
  async run({ browser, quick }) {
    const traces = 4;
    const points = 10_000;
    const suite = new Suite({
      suite: 'update',
      title: 'a chart data update against Plotly.react and Plotly.newPlot',
      description:
        `One \`<ocp-chart>\` (${traces} line traces of ${points.toLocaleString('en')} points, SVG) given a new figure, ` +
        'timed from setting `figure` until its `ocp-chart-render` event, against bare `Plotly.react` and bare ' +
        '`Plotly.newPlot` on divs of the same size, each until its promise resolves. Every update brings fully ' +
        'new data; the three take turns on one page. The append pair gives the chart, and bare `Plotly.react`, the ' +
        'figure they show with 1% more points at the end of every trace (new arrays, built before the clock starts). ' +
        'Garbage is collected before each timed update. Each update is also traced: its main-thread CPU time (what ' +
        'the wall clock shows less the time other processes had the CPU, and less any waiting) gives the ratios ' +
        'marked "main-thread CPU", which stay steady on a busy machine; the targets apply to the wall-clock ratios.',
      params: { traces, points },
    });
    const site = await serveSite({ pages: { update: { script: 'update', plotly: true } } });
    const { page, close } = await openPage(browser, `${site.origin}/update.html?traces=${traces}&points=${points}`);
    try {
      await call(page, 'setup');
      const variants = ['element', 'react', 'newPlot', 'elementAppend', 'reactAppend'] as const;
      type Variant = (typeof variants)[number];
      const cpu = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
      const traced = (name: Variant) => async () => {
        const { value, cpuMs } = await withMainThreadTime(browser, page, () => call<number>(page, name));
        cpu[name].push(cpuMs);
        return value;
      };
      const warmup = quick ? 1 : 3;
      const samples = await measuredRounds(
        quick ? 2 : 41,
        Object.fromEntries(variants.map((v) => [v, traced(v)])) as Record<Variant, () => Promise<number>>,
        { warmup },
      );
      // Every variant runs once per round: its first `warmup` CPU times are the warm-up rounds'.
      for (const v of variants) cpu[v].splice(0, warmup);
      suite.machine('chromium', `Chromium ${browser.version()}`);
      suite.metric({
        id: 'element',
        label: '<ocp-chart> update (figure → render event)',
        unit: 'ms',
        samples: samples.element,
      });
      suite.metric({ id: 'react', label: 'bare Plotly.react', unit: 'ms', samples: samples.react });
      suite.metric({ id: 'newPlot', label: 'bare Plotly.newPlot', unit: 'ms', samples: samples.newPlot });
      suite.metric({
        id: 'elementAppend',
        label: '<ocp-chart>, 1% more points',
        unit: 'ms',
        samples: samples.elementAppend,
      });
      suite.metric({
        id: 'reactAppend',
        label: 'bare Plotly.react, 1% more points',
        unit: 'ms',
        samples: samples.reactAppend,
      });
      for (const v of variants)
        suite.metric({ id: `${v}Cpu`, label: `${v}, main-thread CPU`, unit: 'ms', samples: cpu[v] });
      const vsNewPlot = suite.ratio({
        id: 'element-vs-newPlot',
        label: 'chart data update ÷ bare Plotly.newPlot',
        ours: 'element',
        baseline: 'newPlot',
        headline: true,
      });
      const vsReact = suite.ratio({
        id: 'element-vs-react',
        label: 'chart data update ÷ bare Plotly.react',
        ours: 'element',
        baseline: 'react',
        target: { op: '<=', value: 1.05, source: 'issue 17' },
        headline: true,
      });
      const append = suite.ratio({
        id: 'append-vs-react',
        label: 'append 1% of points: <ocp-chart> ÷ a full bare Plotly.react',
        ours: 'elementAppend',
        baseline: 'reactAppend',
        target: { op: '<=', value: 0.2, source: 'issue 17' },
        headline: true,
      });
      const vsReactCpu = suite.ratio({
        id: 'element-vs-react-cpu',
        label: 'chart data update ÷ bare Plotly.react, main-thread CPU',
        ours: 'elementCpu',
        baseline: 'reactCpu',
      });
      const appendCpu = suite.ratio({
        id: 'append-vs-react-cpu',
        label: 'append 1% of points ÷ a full bare Plotly.react, main-thread CPU',
        ours: 'elementAppendCpu',
        baseline: 'reactAppendCpu',
      });
      const reactVsNewPlot = suite.ratio({
        id: 'react-vs-newPlot',
        label: 'bare Plotly.react ÷ bare Plotly.newPlot (fully new data)',
        ours: 'react',
        baseline: 'newPlot',
      });
      suite
        .quote('vs-newPlot', ratioText(vsNewPlot.stats.median))
        .quote('vs-react', ratioText(vsReact.stats.median))
        .quote('react-vs-newPlot', ratioText(reactVsNewPlot.stats.median))
        .quote('append-vs-react', ratioText(append.stats.median))
        .quote('vs-react-cpu', ratioText(vsReactCpu.stats.median))
        .quote('append-vs-react-cpu', ratioText(appendCpu.stats.median))
        .quote('points', countText(traces * points));
      suite.save();
    } finally {
      await close();
      await site.close();
    }
  },
};
