import { startHost } from './boot.js';

// `pnpm start`: PORT (default 3000), HOST (default 127.0.0.1), OCP_DATA_DIR, DATABASE_URL, OCP_DEMO=0.
const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a number between 0 and 65535, got "${process.env.PORT}"`);
  process.exit(1);
}

try {
  const host = await startHost({ port, host: process.env.HOST });
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
