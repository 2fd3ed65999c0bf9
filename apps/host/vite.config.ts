import { defineConfig } from 'vite';

/**
 * Three entries: the app (index.html), the sharing-link viewer for iframes (embed.html, served at /embed/<token>
 * by server/embed.ts), and the SDK for plain-HTML pages (/sdk/ocp.js: the elements, the client and the provider).
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
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
