import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bytesText, ratioText, Suite } from '@ocp/bench-kit';
import type { BrowserSuite } from '../browser/bench.js';
import { elementsDist } from '../browser/elements-dist.js';

/** Sizes of the built files a page downloads (exact, so one sample each), raw and gzipped (level 9). */
export const bundleSize: BrowserSuite = {
  name: 'bundle-size',
  async run() {
    const standalone = elementsDist();
    const suite = new Suite({
      suite: 'bundle-size',
      title: 'what a page downloads: the elements against Plotly',
      description:
        'Sizes of the built files, raw and gzipped (level 9): the standalone `ocp-elements.js` (every element and ' +
        'Lit, minified), the npm entry `dist/index.js` (Lit and Plotly stay imports, not minified: the host bundler ' +
        'minifies), and `plotly.min.js` (plotly.js-dist-min, loaded only when the first chart draws). Exact, so one ' +
        'sample each.',
    });
    const files = {
      standalone: path.join(standalone, 'ocp-elements.js'),
      npm: path.resolve(standalone, '../index.js'),
      plotly: path.join(standalone, 'plotly.min.js'),
    };
    const labels = {
      standalone: 'standalone ocp-elements.js',
      npm: 'npm entry dist/index.js',
      plotly: 'plotly.min.js',
    };
    for (const [key, file] of Object.entries(files) as [keyof typeof files, string][]) {
      const buf = fs.readFileSync(file);
      const gzip = gzipSync(buf, { level: 9 }).length;
      suite.metric({ id: `${key}.raw`, label: `${labels[key]}, raw`, unit: 'bytes', samples: [buf.length] });
      suite.metric({ id: `${key}.gzip`, label: `${labels[key]}, gzip`, unit: 'bytes', samples: [gzip] });
      suite.quote(`${key}.raw`, bytesText(buf.length)).quote(`${key}.gzip`, bytesText(gzip));
    }
    const r = suite.ratio({
      id: 'elements-vs-plotly',
      label: 'standalone elements ÷ Plotly (gzip bytes)',
      ours: 'standalone.gzip',
      baseline: 'plotly.gzip',
      headline: true,
    });
    suite.quote('ratio', ratioText(r.stats.median));
    suite.save();
  },
};
