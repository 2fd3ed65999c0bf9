import { countText, measuredRounds, ratioText, Suite } from '@ocp/bench-kit';
import type { Page } from 'playwright-core';
import type { BrowserSuite } from '../browser/bench.js';
import { call, openPage } from '../browser/chromium.js';
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
  /** Main-thread task time of the page's renderer until settled (ms), from Chromium's own counter. */
  busy: number;
}

/**
 * Chromium's `TaskDuration` (Performance domain): time the page's main thread spent in tasks since the domain was
 * enabled, which is before navigation. Returns its reader, in ms.
 */
async function countTaskTime(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const task = metrics.find((m) => m.name === 'TaskDuration');
    if (!task) throw new Error('Chromium reported no TaskDuration');
    return task.value * 1000;
  };
}

export const tbt48: BrowserSuite = {
  name: 'tbt-48',
  async run({ browser, quick }) {
    const suite = new Suite({
      suite: 'tbt-48',
      title: `main-thread work and blocking time of ${CHARTS} charts, lazy against eager`,
      description:
        `A page of ${CHARTS} \`<ocp-chart>\` elements (a ${VIEWPORT.width}×${VIEWPORT.height} viewport shows about a ` +
        'quarter), loading the built standalone bundle; Plotly is loaded by the first chart that draws. Lazy (the ' +
        'default) draws only charts near the viewport; eager draws all. Each sample is a fresh page, measured from ' +
        'navigation until the expected charts have drawn and no long task has run for a second. Total blocking time ' +
        'is the sum of every long task beyond 50 ms (PerformanceObserver `longtask`). Since the elements draw one ' +
        'chart per task and Plotly is compiled off the main thread, neither page has to block: both totals are ' +
        'often 0 ms, and 0 ÷ 0 is no ratio. So the ratio is taken of the work that ' +
        "could block: the main thread's task time (Chromium's `TaskDuration`, counted from before " +
        'navigation until settled); the blocking times and the longest task are recorded beside it. Both ' +
        'variants evaluate the same Plotly bundle, one task whatever the number of charts; its share is recorded.',
      params: { charts: CHARTS, viewport: VIEWPORT, quietMs: 1000 },
    });
    const site = await serveSite({ pages: { tbt: { script: 'tbt' } } });
    try {
      const settle = { quietMs: 1000, timeoutMs: 120_000 };
      const seen: Record<'lazy' | 'eager', Settled[]> = { lazy: [], eager: [] };
      const sample = async (variant: 'lazy' | 'eager') => {
        const url = `${site.origin}/tbt.html?charts=${CHARTS}&eager=${variant === 'eager' ? 1 : 0}`;
        let taskTime: (() => Promise<number>) | undefined;
        const beforeNavigate = async (p: Page) => {
          taskTime = await countTaskTime(p);
        };
        const { page, close } = await openPage(browser, url, { ...VIEWPORT, beforeNavigate });
        try {
          const settled = await call<Omit<Settled, 'busy'>>(page, 'settle', settle);
          const s = { ...settled, busy: await taskTime!() };
          seen[variant].push(s);
          return s.busy;
        } finally {
          await close();
        }
      };
      const samples = await measuredRounds(quick ? 1 : 7, { lazy: () => sample('lazy'), eager: () => sample('eager') });
      suite.machine('chromium', `Chromium ${browser.version()}`);
      suite.metric({ id: 'lazy', label: 'main-thread task time, lazy (default)', unit: 'ms', samples: samples.lazy });
      suite.metric({ id: 'eager', label: 'main-thread task time, eager', unit: 'ms', samples: samples.eager });
      for (const v of ['lazy', 'eager'] as const) {
        suite.metric({
          id: `${v}.tbt`,
          label: `total blocking time, ${v}`,
          unit: 'ms',
          samples: seen[v].map((s) => s.tbt),
        });
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
        label: `${CHARTS} charts: main-thread task time until drawn, lazy ÷ eager`,
        ours: 'lazy',
        baseline: 'eager',
        headline: true,
      });
      const median = (v: 'lazy' | 'eager', k: 'tbt' | 'longest') =>
        seen[v].map((s) => s[k]).sort((x, y) => x - y)[Math.floor(seen[v].length / 2)]!;
      for (const v of ['lazy', 'eager'] as const)
        suite.note(
          `${v}: total blocking time ${Math.round(median(v, 'tbt'))} ms, longest task ${Math.round(median(v, 'longest'))} ms (medians; 0 = no task over 50 ms)`,
        );
      suite
        .quote('ratio', ratioText(r.stats.median))
        .quote('tbt-lazy', `${Math.round(median('lazy', 'tbt'))} ms`)
        .quote('tbt-eager', `${Math.round(median('eager', 'tbt'))} ms`)
        .quote('charts', countText(CHARTS));
      suite.save();
    } finally {
      await site.close();
    }
  },
};
