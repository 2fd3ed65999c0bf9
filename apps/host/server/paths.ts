import path from 'node:path';

/** apps/host: Vite's root. */
export const APP_DIR = path.resolve(import.meta.dirname, '..');
/** Where `vite build` writes the app and the embed viewer. */
export const DIST_DIR = path.join(APP_DIR, 'dist');
/** Plain-HTML embedding examples, served as they are at /examples/. */
export const EXAMPLES_DIR = path.join(APP_DIR, 'examples');
