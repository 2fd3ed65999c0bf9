import { countText, measuredRounds, ratioText, Suite } from '@ocp/bench-kit';
import type { BrowserSuite } from '../browser/bench.js';
import { onFreshPage } from '../browser/bench.js';
import { serveSite } from '../browser/site.js';

const CHARTS = 48;
const VIEWPORT = { width: 1280, height: 800 };

interface Settled {
  tbt: number;
  plotly: number;
  plotlyEval: number;
  longTasks: number;
  longest: number;
  drawnAt: number;
  drawn: number;
}

export const tbt48: BrowserSuite = {
  name: 'tbt-48',
  async run({ browser, quick }) {
    const suite = new Suite({
      suite: 'tbt-48',
      title: `total blocking time of ${CHARTS} charts, lazy against eager`,
      description:
        `A page of ${CHARTS} \`<ocp-chart>\` elements (a ${VIEWPORT.width}×${VIEWPORT.height} viewport shows about a ` +
        'quarter), loading the built standalone bundle; Plotly is loaded by the first chart that draws. Lazy (the ' +
        'default) draws only charts near the viewport; eager draws all. Total blocking time is the sum of every ' +
        'long task beyond 50 ms (PerformanceObserver `longtask`), from navigation until the expected charts have ' +
        'drawn and no long task has run for a second. Each sample is a fresh page. Both variants evaluate the same ' +
        'Plotly bundle, one task whatever the number of charts: its share (the tasks that evaluated a Plotly ' +
        'script, named by the long animation frames) is recorded, and the blocking time without it compared too.',
      params: { charts: CHARTS, viewport: VIEWPORT, quietMs: 1000 },
    });
    const site = await serveSite({ pages: { tbt: { script: 'tbt' } } });
    try {
      const settle = { quietMs: 1000, timeoutMs: 120_000 };
      const seen: Record<'lazy' | 'eager', Settled[]> = { lazy: [], eager: [] };
      const sample = async (variant: 'lazy' | 'eager') => {
        const url = `${site.origin}/tbt.html?charts=${CHARTS}&eager=${variant === 'eager' ? 1 : 0}`;
        const s = await onFreshPage<Settled>(browser, url, 'settle', settle, VIEWPORT);
        seen[variant].push(s);
        return s.tbt;
      };
      const samples = await measuredRounds(quick ? 1 : 7, { lazy: () => sample('lazy'), eager: () => sample('eager') });
      suite.machine('chromium', `Chromium ${browser.version()}`);
      suite.metric({ id: 'lazy', label: 'TBT, lazy (default)', unit: 'ms', samples: samples.lazy });
      suite.metric({ id: 'eager', label: 'TBT, eager', unit: 'ms', samples: samples.eager });
      for (const v of ['lazy', 'eager'] as const) {
        suite.metric({
          id: `${v}.drawing`,
          label: `TBT without evaluating Plotly, ${v}`,
          unit: 'ms',
          samples: seen[v].map((s) => s.tbt - s.plotly),
        });
        suite.metric({
          id: `${v}.plotlyEval`,
          label: `evaluating Plotly, ${v}`,
          unit: 'ms',
          samples: seen[v].map((s) => s.plotlyEval),
        });
        suite.metric({
          id: `${v}.longest`,
          label: `longest task, ${v}`,
          unit: 'ms',
          samples: seen[v].map((s) => s.longest),
        });
        suite.metric({
          id: `${v}.drawnAt`,
          label: `charts drawn at, ${v}`,
          unit: 'ms',
          samples: seen[v].map((s) => s.drawnAt),
        });
        suite.metric({
          id: `${v}.drawn`,
          label: `charts drawn, ${v}`,
          unit: 'count',
          samples: seen[v].map((s) => s.drawn),
        });
      }
      const r = suite.ratio({
        id: 'lazy-vs-eager',
        label: `${CHARTS} charts: total blocking time, lazy ÷ eager`,
        ours: 'lazy',
        baseline: 'eager',
        target: { op: '<=', value: 0.3, source: 'issue 17' },
        headline: true,
      });
      const drawing = suite.ratio({
        id: 'drawing-lazy-vs-eager',
        label: 'total blocking time without evaluating Plotly, lazy ÷ eager',
        ours: 'lazy.drawing',
        baseline: 'eager.drawing',
      });
      suite.ratio({
        id: 'longest',
        label: 'longest task, lazy ÷ eager',
        ours: 'lazy.longest',
        baseline: 'eager.longest',
      });
      suite
        .quote('ratio', ratioText(r.stats.median))
        .quote('drawing-ratio', ratioText(drawing.stats.median))
        .quote('charts', countText(CHARTS));
      suite.save();
    } finally {
      await site.close();
    }
  },
};
