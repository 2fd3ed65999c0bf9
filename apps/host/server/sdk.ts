import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InlineConfig } from 'vite';
import { plotlyCompileHint } from '../vite/compile-hint.js';
import { strictPlotlyAlias } from '../vite/strict-plotly.js';
import { workspaceSources } from '../vite/workspace-sources.js';
import { APP_DIR, DIST_DIR } from './paths.js';

/**
 * The script-tag SDK: `/sdk/<version>/ocp.js` and its chunks (Plotly included), built into a folder of their own so
 * the folder is complete — copy it to a CDN as it is. `/sdk/ocp.js` re-exports the current version for pages that
 * want the latest. The version is `@ocp/elements`' (the SDK is the elements and the client that feeds them).
 */
export const SDK_VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(APP_DIR, 'node_modules/@ocp/elements/package.json'), 'utf8')) as {
    version: string;
  }
).version;
export const SDK_DIR = path.join(DIST_DIR, 'sdk');
const VERSION_DIR = path.join(SDK_DIR, SDK_VERSION);

/** `integrity.json` in the version's folder: the SRI hash of each of its files. */
export interface SdkIntegrity {
  version: string;
  files: Record<string, string>;
}

export function sdkBuildConfig(): InlineConfig {
  return {
    root: APP_DIR,
    configFile: false,
    publicDir: false,
    // Chunks load relative to ocp.js, wherever the page is; no preload hints, which Vite resolves against the page.
    base: './',
    logLevel: 'warn',
    plugins: [workspaceSources(), plotlyCompileHint()], // as in the app: Plotly's chunks carry the compile hint
    // As in the app (vite.config.ts): the CSP-safe Plotly, so pages with a strict policy can use the SDK.
    resolve: { alias: strictPlotlyAlias(APP_DIR) },
    build: {
      outDir: VERSION_DIR,
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: false,
      chunkSizeWarningLimit: 6000, // the Plotly chunks (strict: ~5.2 MB)
      rollupOptions: {
        input: { ocp: path.join(APP_DIR, 'src/sdk.ts') },
        // Keep the entry's exports (an app build would drop them) under a stable name; chunks carry a content hash.
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  };
}

/** SHA-384 Subresource Integrity value of a file. */
export function sriHash(file: string): string {
  return `sha384-${crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64')}`;
}

/** After `vite build` of the SDK: writes integrity.json and the unversioned `/sdk/ocp.js`; returns the integrity. */
export function finishSdkBuild(): SdkIntegrity {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(VERSION_DIR).sort()) {
    if (name.endsWith('.js')) files[name] = sriHash(path.join(VERSION_DIR, name));
  }
  const integrity: SdkIntegrity = { version: SDK_VERSION, files };
  fs.writeFileSync(path.join(VERSION_DIR, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
  fs.writeFileSync(
    path.join(SDK_DIR, 'ocp.js'),
    `// The current SDK version; pin /sdk/${SDK_VERSION}/ocp.js (with its integrity hash) in production.\nexport * from './${SDK_VERSION}/ocp.js';\n`,
  );
  return integrity;
}

/** The integrity of the built SDK, or null before the first build. */
export function readSdkIntegrity(): SdkIntegrity | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(VERSION_DIR, 'integrity.json'), 'utf8')) as SdkIntegrity;
  } catch {
    return null;
  }
}

/** Code holds no data, so any origin may load it (module scripts and SRI checks need CORS). */
const SDK_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

/**
 * Caching and headers of a file under `/sdk/`: a versioned path never changes (immutable, a year), the unversioned
 * entry revalidates. Null for paths outside `/sdk/`.
 */
export function sdkFileHeaders(pathname: string): { cacheControl: string; headers: Record<string, string> } | null {
  if (!pathname.startsWith('/sdk/')) return null;
  const versioned = pathname.split('/').length > 3;
  return {
    cacheControl: versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
    headers: SDK_HEADERS,
  };
}
