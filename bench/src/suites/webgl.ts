import { countText, measuredRounds, ratioText, Suite } from '@ocp/bench-kit';
import type { BrowserSuite } from '../browser/bench.js';
import { onFreshPage } from '../browser/bench.js';
import { serveSite } from '../browser/site.js';

/** Counts WebGL contexts as they are created and lost; runs before any other script of the page. */
const COUNT_CONTEXTS = `<script>
window.__gl = { created: 0, lost: 0, canvases: [], lostSet: new WeakSet() };
const getContext = HTMLCanvasElement.prototype.getContext;
HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
  const fresh = !this.__glContext;
  const ctx = getContext.call(this, type, ...rest);
  if (ctx && /webgl/.test(type) && fresh) {
    this.__glContext = ctx;
    window.__gl.created++;
    window.__gl.canvases.push(this);
    this.addEventListener('webglcontextlost', () => { window.__gl.lost++; window.__gl.lostSet.add(this); });
  }
  return ctx;
};
</script>`;

interface Drawn {
  ms: number;
  created: number;
  lost: number;
  live: number;
  webglCharts: number;
}

export const webgl: BrowserSuite = {
  name: 'webgl',
  async run({ browser, quick }) {
    const charts = 12;
    // More than <ocp-chart> draws as SVG anyway (SVG_LINE_POINTS, 10,000 points of lines): every chart asks for WebGL.
    const points = 12_000;
    const suite = new Suite({
      suite: 'webgl',
      title: `WebGL contexts of ${charts} scattergl charts`,
      description:
        `${charts} \`scattergl\` charts of ${points.toLocaleString('en')} points on one page, all in view (more ` +
        'points than `<ocp-chart>` draws as SVG in any case, so every chart asks for WebGL): ' +
        '`<ocp-chart>` keeps its WebGL budget and draws the rest with SVG twins; bare `Plotly.newPlot` creates two ' +
        'contexts per chart and Chromium drops the oldest past its per-page limit (a blank chart each). Contexts ' +
        'are counted by wrapping `getContext` before any script runs; "lost" are `webglcontextlost` events. Each ' +
        'sample is a fresh page.',
      params: { charts, points },
    });
    const site = await serveSite({ pages: { webgl: { script: 'webgl', plotly: true, head: COUNT_CONTEXTS } } });
    try {
      const url = `${site.origin}/webgl.html?charts=${charts}&points=${points}`;
      const seen: Record<'elements' | 'bare', Drawn[]> = { elements: [], bare: [] };
      const sample = async (v: 'elements' | 'bare') => {
        const d = await onFreshPage<Drawn>(browser, url, v, undefined, { width: 1280, height: 900 });
        seen[v].push(d);
        return d.ms;
      };
      const samples = await measuredRounds(quick ? 1 : 5, {
        elements: () => sample('elements'),
        bare: () => sample('bare'),
      });
      suite.machine('chromium', `Chromium ${browser.version()}`);
      for (const v of ['elements', 'bare'] as const) {
        const who = v === 'elements' ? '<ocp-chart>' : 'bare Plotly';
        suite.metric({
          id: `${v}.live`,
          label: `live WebGL contexts, ${who}`,
          unit: 'count',
          samples: seen[v].map((d) => d.live),
        });
        suite.metric({
          id: `${v}.lost`,
          label: `lost WebGL contexts, ${who}`,
          unit: 'count',
          samples: seen[v].map((d) => d.lost),
        });
        suite.metric({
          id: `${v}.webglCharts`,
          label: `charts drawn with WebGL, ${who}`,
          unit: 'count',
          samples: seen[v].map((d) => d.webglCharts),
        });
        suite.metric({ id: `${v}.ms`, label: `time to drawn, ${who}`, unit: 'ms', samples: samples[v] });
      }
      const live = suite.ratio({
        id: 'live',
        label: `${charts} scattergl charts: live WebGL contexts, <ocp-chart> ÷ bare Plotly`,
        ours: 'elements.live',
        baseline: 'bare.live',
        headline: true,
      });
      suite.ratio({
        id: 'time',
        label: `${charts} scattergl charts: time to drawn, <ocp-chart> ÷ bare Plotly`,
        ours: 'elements.ms',
        baseline: 'bare.ms',
      });
      const median = (v: 'elements' | 'bare', k: 'live' | 'lost') =>
        countText([...seen[v].map((d) => d[k])].sort((a, b) => a - b)[Math.floor(seen[v].length / 2)]!);
      suite
        .quote('live-ratio', ratioText(live.stats.median))
        .quote('elements-live', median('elements', 'live'))
        .quote('bare-live', median('bare', 'live'))
        .quote('bare-lost', median('bare', 'lost'))
        .quote('elements-lost', median('elements', 'lost'));
      suite.save();
    } finally {
      await site.close();
    }
  },
};
