import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { claimDemo, createDb, isNewPgliteDir, loadDemo, type OcpDb, prepareDatabase, waitForDatabase } from '@ocp/db';
import {
  authFromEnv,
  authKindFromEnv,
  createOcpServer,
  generatePassword,
  hashPassword,
  type NotifyHook,
  type OcpServer,
  trackRequests,
} from '@ocp/server';
import { createAppHandler } from './app.js';
import { guarded } from './guard.js';

export interface HostOptions {
  port?: number;
  host?: string;
  /** Load the demo workspace into an empty database (default true; OCP_DEMO=0 turns it off). */
  demo?: boolean;
  log?: (line: string) => void;
  /** Serve the app from its sources through Vite with HMR (`pnpm dev`) instead of the built dist/. */
  dev?: boolean;
  /** Where invitations and sign-up attempts go (default: the server's log line, without tokens). */
  notify?: NotifyHook;
  /** Pages on other origins that may call the API (default: OCP_CORS_ORIGINS). */
  corsOrigins?: string[] | '*';
  /**
   * The address readers reach this host at, for the sharing links it makes (default: OCP_PUBLIC_URL, else the
   * origin each request came to). Set it behind a proxy that terminates TLS or rewrites the host name.
   */
  publicUrl?: string;
}

export interface RunningHost {
  url: string;
  server: http.Server;
  demo: { email: string; password: string } | null;
  /** The database and the API's runtime (its data engine: http policy, sql connections), for embedding code and tests. */
  database: OcpDb;
  runtime: OcpServer['runtime'];
  close(): Promise<void>;
}

export const DEMO_EMAIL = 'demo@ocp.local';

/** A host name with an optional port, as a Host header carries it (anything else is not used in a link). */
const HOST_HEADER = /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/** The origin a request came to: this server speaks plain HTTP (TLS, if any, ends at a proxy: set publicUrl). */
function requestOrigin({ headers }: { headers: Headers }): string | undefined {
  const host = headers.get('host') ?? '';
  return HOST_HEADER.test(host) ? `http://${host}` : undefined;
}

/** A configured public URL, checked at start so a typo fails loudly instead of making broken links. */
function checkedPublicUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
    throw new Error(`OCP_PUBLIC_URL must be an http(s) URL such as https://dash.example.com, got "${value}"`);
  return url.href.replace(/\/$/, '');
}

const ORIGIN_TEXT = {
  initdb: ', new',
  template: ', new from the cached template',
  'demo-template': ', new from the cached template with the demo workspace',
  existing: '',
} as const;

/** Opens the database, migrates, installs templates and (on an empty database) the demo, then listens. */
export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const log = options.log ?? console.log;
  // How long each phase of the start took, printed on one line once it listens (docs/getting-started.md).
  const phases: string[] = [];
  let lap = 0;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${((now - lap) / 1000).toFixed(2)} s`);
    lap = now;
  };
  // `load`: from the process's start (performance's time origin) to here: node, the server's modules, the app build
  // check; in a process that started the host late (a test) it includes whatever ran before.
  phase('load');
  const configuredUrl = checkedPublicUrl(options.publicUrl ?? process.env.OCP_PUBLIC_URL);
  // OCP_AUTH=supabase: Supabase owns the accounts (and a demo password would sign nobody in), so no demo by default.
  // Known before the database opens: a new PGlite directory that gets the demo is copied from the demo template.
  const wantsDemo = options.demo ?? (process.env.OCP_DEMO !== '0' && authKindFromEnv() === 'embedded');
  const password = process.env.OCP_DEMO_PASSWORD || generatePassword();
  let hashed: Promise<string> | undefined;
  const passwordHash = () => (hashed ??= hashPassword(password));
  // A new PGlite directory will want the demo account's password: scrypt (memory-hard, a tenth of a second or more)
  // runs on libuv's pool while the database opens on this thread.
  if (wantsDemo && isNewPgliteDir()) passwordHash().catch(() => {});
  const handle = await createDb({ demoTemplate: wantsDemo });
  // A database that is not up yet (a container starting beside the app, a failover) is waited for with backoff
  // (OCP_DB_WAIT_SECONDS, default 60) instead of ending the start on the first refused connection.
  await waitForDatabase(handle, { log });
  phase('open');
  await prepareDatabase(handle, { log });
  phase('migrate');
  log(
    `Database ready: ${handle.kind}${ORIGIN_TEXT[handle.origin ?? 'existing']}, migrated, system templates installed`,
  );

  const auth = authFromEnv(handle.db);
  const embedded = 'init' in auth && typeof auth.init === 'function';
  let demo: RunningHost['demo'] = null;
  if (wantsDemo) {
    // The first start on a machine loads the demo (a couple of seconds, so say so) and caches it as a template; a
    // later new PGlite directory is copied from that template and only needs the account's password.
    const loaded = await loadDemo(handle, { email: DEMO_EMAIL, log });
    if (await claimDemo(handle.db, DEMO_EMAIL, passwordHash)) {
      demo = { email: DEMO_EMAIL, password };
      const readings = loaded?.energy?.timings.readings;
      phase(readings === undefined ? 'demo' : `demo (readings ${(readings / 1000).toFixed(2)} s)`);
    }
  }

  // Embedded accounts: the first start generates the JWT signing secret and stores it in the database, so every
  // later start (and every other process on the same database) accepts the same tokens; there is no default secret.
  if (embedded) await (auth as { init(): Promise<void> }).init();
  // OCP_CORS_ORIGINS: pages on other origins that may call the API (comma-separated origins, or *).
  const cors = process.env.OCP_CORS_ORIGINS?.trim();
  const corsOrigins =
    options.corsOrigins ?? (!cors ? undefined : cors === '*' ? '*' : cors.split(',').map((o) => o.trim()));
  // Sharing links are absolute: OCP_PUBLIC_URL, else the address each request came to.
  const publicUrl = configuredUrl ?? requestOrigin;
  const ocp = createOcpServer({ db: handle.db, auth, corsOrigins, publicUrl, notify: options.notify });
  // The API first (/trpc, /healthz, /readyz); everything else is /embed/<token> or the app.
  const app = await createAppHandler({ db: handle.db, runtime: ocp.runtime, dev: options.dev });
  const server = http.createServer(guarded('a request', (req, res) => ocp.handler(req, res, () => app(req, res))));
  // Idle connections outlive a load balancer's (60 s on most): otherwise the server may close a socket the balancer
  // is just reusing, and that request fails with a reset.
  server.keepAliveTimeout = 65_000;
  const requests = trackRequests(server);
  phase('app');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve);
  });
  phase('listen');
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  log(`OCP Dashboards is running at ${url}`);
  log(`  database: ${handle.kind} (${handle.location})`);
  log(`  process: ${process.pid} (SIGTERM drains it: in-flight requests finish, /readyz answers 503)`);
  log(`  started in: ${phases.join(' · ')}`);
  if (!embedded) log(`  accounts: Supabase (OCP_AUTH=supabase); tokens verified, no sign-up or sign-in here`);
  else if (demo)
    log(`  demo account: ${demo.email} / ${demo.password}  (shown once; set OCP_DEMO_PASSWORD to choose it)`);
  else log(`  demo account: ${DEMO_EMAIL} (created on first start; its password was printed then)`);

  return {
    url,
    server,
    demo,
    database: handle,
    runtime: ocp.runtime,
    /**
     * Graceful (SIGTERM): /readyz turns 503, no new connections, requests in flight finish (OCP_SHUTDOWN_TIMEOUT_MS,
     * default 10 s), live streams end with a retry hint, then the pool closes.
     */
    async close() {
      ocp.markDraining();
      await requests.drain();
      await app.close();
      await ocp.close();
      await handle.close();
    },
  };
}
