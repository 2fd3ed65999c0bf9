import { defineConfig } from 'vite';
import { plotlyCompileHint } from './vite/compile-hint.js';
import { strictPlotlyAlias } from './vite/strict-plotly.js';
import { workspaceSources } from './vite/workspace-sources.js';

/**
 * Two entries: the app (index.html) and the sharing-link viewer for iframes (embed.html, served at /embed/<token>
 * by server/embed.ts). The SDK for plain-HTML pages (/sdk/<version>/ocp.js) is a build of its own
 * (server/sdk.ts), so that its chunks live beside it and the folder can be copied to a CDN as it is.
 */
export default defineConfig({
  publicDir: 'public', // favicon.ico
  // The workspace packages bundle from their TypeScript sources; everything else (Lit) in its production build.
  // Plotly's chunk carries V8's compile hint, so Chromium compiles it off the main thread while it streams.
  plugins: [workspaceSources(), plotlyCompileHint()],
  // Plotly's CSP-safe bundle, so WebGL charts draw under the pages' Content-Security-Policy (script-src 'self').
  resolve: { alias: strictPlotlyAlias(import.meta.dirname) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true, // the server reads it to preload Plotly on the embed page
    chunkSizeWarningLimit: 6000, // Plotly is one lazy ~5.2 MB chunk, loaded when the first chart draws
    rollupOptions: {
      input: { index: 'index.html', embed: 'embed.html' },
    },
  },
});
