import { countText, measuredRounds, ratioText, Suite } from '@ocp/bench-kit';
import type { BrowserSuite } from '../browser/bench.js';
import { onFreshPage } from '../browser/bench.js';
import { serveSite } from '../browser/site.js';

const CHARTS = 24;
const VIEWPORT = { width: 1400, height: 1500 };

export const render24: BrowserSuite = {
  name: 'render-24',
  async run({ browser, quick }) {
    const suite = new Suite({
      suite: 'render-24',
      title: `a ${CHARTS}-chart dashboard against bare Plotly.newPlot`,
      description:
        `Time from creating \`<ocp-dashboard>\` (in-memory provider, ${CHARTS} charts of lines, bars, markers and areas, ` +
        'all in the viewport) until every chart has drawn and been painted, against the same traces and layouts ' +
        'drawn with bare `Plotly.newPlot` into a grid of the same cell size. Plotly is on the page before either ' +
        'starts; each sample is a fresh page. The bare calls are made back to back in one task (one long task, ' +
        'nothing painted until the end); a second baseline makes them one chart per task after `scheduler.yield()`, ' +
        'as the elements draw, so that the cost of yielding and what the elements add can be told apart.',
      params: { charts: CHARTS, viewport: VIEWPORT },
    });
    const site = await serveSite({ pages: { dashboard: { script: 'dashboard', plotly: true } } });
    try {
      const url = `${site.origin}/dashboard.html?charts=${CHARTS}`;
      const samples = await measuredRounds(
        quick ? 1 : 7,
        {
          elements: () => onFreshPage<number>(browser, url, 'elements', undefined, VIEWPORT),
          bare: () => onFreshPage<number>(browser, url, 'bare', undefined, VIEWPORT),
          bareYielding: () => onFreshPage<number>(browser, url, 'bareYielding', undefined, VIEWPORT),
        },
        { warmup: quick ? 0 : 1 },
      );
      suite.machine('chromium', `Chromium ${browser.version()}`);
      suite.metric({
        id: 'elements',
        label: `<ocp-dashboard>, ${CHARTS} charts`,
        unit: 'ms',
        samples: samples.elements,
      });
      suite.metric({ id: 'bare', label: `bare Plotly.newPlot × ${CHARTS}`, unit: 'ms', samples: samples.bare });
      suite.metric({
        id: 'bareYielding',
        label: `bare Plotly.newPlot × ${CHARTS}, one per task`,
        unit: 'ms',
        samples: samples.bareYielding,
      });
      const r = suite.ratio({
        id: 'elements-vs-bare',
        label: `${CHARTS}-chart dashboard ÷ bare Plotly.newPlot (time to drawn)`,
        ours: 'elements',
        baseline: 'bare',
        headline: true,
      });
      const yielding = suite.ratio({
        id: 'elements-vs-bare-yielding',
        label: `${CHARTS}-chart dashboard ÷ bare Plotly.newPlot one per task (time to drawn)`,
        ours: 'elements',
        baseline: 'bareYielding',
        headline: true,
      });
      suite
        .quote('ratio', ratioText(r.stats.median))
        .quote('yielding-ratio', ratioText(yielding.stats.median))
        .quote('charts', countText(CHARTS));
      suite.save();
    } finally {
      await site.close();
    }
  },
};
