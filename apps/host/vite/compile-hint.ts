import type { Plugin } from 'vite';

/** V8's explicit compile hint (Chromium 136+; other engines read a comment). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
/** A Plotly bundle's module id, under node_modules (plotly.js-dist-min, -basic-, -strict-). */
const PLOTLY_MODULE = /[\\/]node_modules[\\/]plotly\.js-(?:[a-z]+-)?dist-min[\\/]/;

/**
 * Puts V8's compile hint at the top of each chunk that holds a Plotly bundle, as the elements' standalone build does
 * for its plotly*.min.js (see packages/elements/scripts/build.mjs for what it buys and costs): Chromium then compiles
 * the chunk whole on a background thread while it streams, instead of function by function on the main thread when
 * it runs and when the first chart draws. Chunks are found by the modules they hold, not by their names.
 *
 * In generateBundle, after the minifier (which drops `//#` comments) has run. The chunk's source map, if any, gets
 * one empty line in front (a leading `;` in its mappings), so every position still maps. The file name's content hash
 * was computed without the hint; the hint is the same text for every build, so the name still tells contents apart.
 */
export function plotlyCompileHint(): Plugin {
  return {
    name: 'ocp-plotly-compile-hint',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.moduleIds.some((id) => PLOTLY_MODULE.test(id))) continue;
        if (chunk.code.startsWith(COMPILE_HINT)) continue;
        chunk.code = COMPILE_HINT + chunk.code;
        if (!chunk.map) continue;
        chunk.map.mappings = `;${chunk.map.mappings}`;
        const file = bundle[`${chunk.fileName}.map`];
        if (file?.type !== 'asset') this.error(`${chunk.fileName}: only external source maps are supported`);
        file.source = chunk.map.toString();
      }
    },
  };
}
