import { countText, measuredRounds, ratioText, Suite } from '@ocp/bench-kit';
import type { BrowserSuite } from '../browser/bench.js';
import { call, openPage } from '../browser/chromium.js';
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
        'figure they show with 1% more points at the end of every trace (new arrays, built before the clock starts).',
      params: { traces, points },
    });
    const site = await serveSite({ pages: { update: { script: 'update', plotly: true } } });
    const { page, close } = await openPage(browser, `${site.origin}/update.html?traces=${traces}&points=${points}`);
    try {
      await call(page, 'setup');
      const samples = await measuredRounds(
        quick ? 2 : 41,
        {
          element: () => call<number>(page, 'element'),
          react: () => call<number>(page, 'react'),
          newPlot: () => call<number>(page, 'newPlot'),
          elementAppend: () => call<number>(page, 'elementAppend'),
          reactAppend: () => call<number>(page, 'reactAppend'),
        },
        { warmup: quick ? 1 : 3 },
      );
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
        .quote('points', countText(traces * points));
      suite.save();
    } finally {
      await close();
      await site.close();
    }
  },
};
