// `pnpm test` runs this first: one `vite build` per test run (skipped when dist/ is up to date), so the e2e files
// and the `pnpm start` test, which run in parallel, never build at the same time. `pnpm build` passes --force.
import { buildApp } from './build.js';

await buildApp({ force: process.argv.includes('--force'), log: console.log });
