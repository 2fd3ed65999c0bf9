import { z } from 'zod';

// Zod compiles object parsers with `new Function` when it may, and probes for that when a schema is built. Under a
// strict Content-Security-Policy (script-src without 'unsafe-eval', as the reference host and careful embedders
// send) the probe is blocked and reported as a violation even though zod catches it. Browsers run without the JIT;
// the server keeps it. Imported first by the package's entry, before any schema is built.
if (typeof document !== 'undefined') z.config({ jitless: true });
