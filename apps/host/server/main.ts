import { startHost } from './boot.js';
import { buildApp } from './build.js';

// `pnpm start`: PORT (default 3000), HOST (default 127.0.0.1), OCP_DATA_DIR, DATABASE_URL, OCP_DEMO=0.
// `pnpm dev` (--dev): the same server with the app served by Vite's dev middleware and HMR instead of dist/.
const dev = process.argv.includes('--dev');
const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a number between 0 and 65535, got "${process.env.PORT}"`);
  process.exit(1);
}

// Request handlers answer their own errors (server/guard.ts); this is the last line for background work (a stream,
// a listener) that rejects with nobody awaiting it: log it and keep serving everyone else.
process.on('unhandledRejection', (error) => console.error('[ocp] unexpected error (still serving):', error));

try {
  // Builds the app only when dist/ is missing or older than its sources.
  if (!dev) await buildApp({ log: console.log });
  const host = await startHost({ port, host: process.env.HOST, dev });
  const stop = async () => {
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') console.error(`Port ${port} is already in use. Try PORT=${port + 1} pnpm start`);
  else console.error('Could not start OCP Dashboards:', e.message);
  process.exit(1);
}
