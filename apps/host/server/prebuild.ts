// `pnpm test` runs this first: one `vite build` per test run (skipped when dist/ is up to date), so the e2e files
// and the `pnpm start` test, which run in parallel, never build at the same time.
import { buildApp } from './build.js';

await buildApp({ log: console.log });
