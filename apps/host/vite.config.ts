import { defaultClientConditions, defineConfig } from 'vite';

/**
 * Three entries: the app (index.html), the sharing-link viewer for iframes (embed.html, served at /embed/<token>
 * by server/embed.ts), and the SDK for plain-HTML pages (/sdk/ocp.js: the elements, the client and the provider).
 */
export default defineConfig({
  publicDir: false,
  // The workspace packages' `development` export is their TypeScript source: the app bundles it, so `pnpm start`
  // works on a fresh clone without building @ocp/elements first.
  resolve: { conditions: ['development', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true, // the server reads it to preload Plotly on the embed page
    chunkSizeWarningLimit: 5000, // Plotly is one lazy ~4.6 MB chunk, loaded when the first chart draws
    rollupOptions: {
      input: { index: 'index.html', embed: 'embed.html', sdk: 'src/sdk.ts' },
      // The SDK entry keeps its exports (an app build would drop them) and a stable URL.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sdk' ? 'sdk/ocp.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
