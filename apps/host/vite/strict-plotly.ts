import { createRequire } from 'node:module';

/**
 * Plotly's strict bundle: every trace type of plotly.js-dist-min but the deprecated mapbox ones, with precompiled
 * WebGL shaders instead of eval, so WebGL charts draw under a Content-Security-Policy without 'unsafe-eval' (the
 * app's pages, the embed viewer, customers' pages using the SDK). The elements import `plotly.js-dist-min`; this
 * alias swaps it, resolved from the host app (the elements' own folder does not depend on it).
 */
export function strictPlotlyAlias(appDir: string): Record<string, string> {
  return {
    'plotly.js-dist-min': createRequire(`${appDir}/package.json`).resolve('plotly.js-strict-dist-min'),
  };
}
