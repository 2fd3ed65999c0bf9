import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authUsers, installSystemTemplates, seedDemoData, userProfiles } from '@ocp/db';
import { createTestDb, type TestDb } from '@ocp/db/testing';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { TRPCError } from '@trpc/server';
import {
  type AppRouter,
  appRouter,
  createCaller,
  createContextInner,
  createOcpServer,
  type EmbeddedAuth,
  embeddedAuth,
  type OcpRuntime,
  type OcpServer,
  type OcpServerOptions,
} from '../src/index.js';

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export interface CallResult<T = unknown> {
  status: number;
  /** The raw response text (for byte-for-byte comparisons). */
  text: string;
  body: { result?: { data: T }; error?: { message: string; code: number; data: { code: string; httpStatus: number } } };
  /** `OK` or the tRPC error code. */
  code: string;
  data: T;
}

export interface Harness {
  db: TestDb;
  url: string;
  /** The demo workspace, when started with `demo: true` (it costs seconds: a year of energy readings). */
  demo: Awaited<ReturnType<typeof seedDemoData>> | null;
  auth: EmbeddedAuth;
  /** The server's state: its data engine, live-event bus, chat runtime, rate limits. */
  runtime: OcpRuntime;
  /** SQL statements sent so far (when started with `countQueries`). */
  queries: string[];
  /** A fresh account (inserted directly, no rate limit) with a valid token. */
  user(name: string): Promise<TestUser>;
  /** Calls a procedure over real HTTP with raw fetch: GET for queries, POST for mutations. */
  call<T = unknown>(who: TestUser | string | null, path: string, input?: unknown): Promise<CallResult<T>>;
  /** A typed tRPC client acting as `who`. */
  client(who: TestUser | null): TRPCClient<AppRouter>;
  /**
   * The procedures called directly (appRouter.createCaller) as `who`, on this server's runtime: typed inputs and
   * outputs, no HTTP. For every test where HTTP is not what is tested.
   */
  as(who: TestUser | null): Caller;
  close(): Promise<void>;
}

const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures;

let counter = 0;
const DEMO_EMAIL = 'demo@example.test';

/** A migrated test database with templates and demo data, served over real HTTP on an ephemeral port. */
export async function startHarness(
  options: Partial<OcpServerOptions> & { countQueries?: boolean; demo?: boolean } = {},
): Promise<Harness> {
  const queries: string[] = [];
  const { countQueries, demo: withDemo, ...serverOptions } = options;
  const db = await createTestDb(countQueries ? { onQuery: (q) => queries.push(q) } : {});
  await installSystemTemplates(db.db);
  const demo = withDemo ? await seedDemoData(db.db, { email: DEMO_EMAIL, passwordHash: 'x' }) : null;
  const auth = embeddedAuth({ db: db.db });
  // Quiet by default: the default notify hook logs a line per invitation (tests that check it pass their own).
  const ocp = createOcpServer({ db: db.db, auth, notify: () => {}, ...serverOptions });
  const served = await serve(ocp);
  const { url } = served;
  const bearer = (who: TestUser | string | null): Record<string, string> => {
    const token = typeof who === 'string' ? who : who?.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  };

  return {
    db,
    demo,
    url,
    auth,
    runtime: ocp.runtime,
    queries,
    async user(name) {
      const email = `${name}-${++counter}-${process.pid}@example.test`;
      const [u] = await db.db.insert(authUsers).values({ email }).returning({ id: authUsers.id });
      await db.db.insert(userProfiles).values({ id: u!.id, displayName: name });
      return { id: u!.id, email, token: await auth.issueToken({ id: u!.id, email }) };
    },
    async call<T>(who: TestUser | string | null, path: string, input?: unknown) {
      const type = procedures[path]?._def.type ?? 'query';
      const encoded = input === undefined ? '' : JSON.stringify(input);
      const res =
        type === 'query'
          ? await fetch(`${url}/trpc/${path}${encoded ? `?input=${encodeURIComponent(encoded)}` : ''}`, {
              headers: bearer(who),
            })
          : await fetch(`${url}/trpc/${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...bearer(who) },
              body: encoded || undefined,
            });
      const text = await res.text();
      const body = JSON.parse(text) as CallResult<T>['body'];
      return {
        status: res.status,
        text,
        body,
        code: body.error ? body.error.data.code : 'OK',
        data: body.result?.data as T,
      };
    },
    client(who) {
      return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: () => bearer(who) })] });
    },
    as(who) {
      const user = who ? { id: who.id, email: who.email } : null;
      // As the server's own contexts: its runtime, sharing URLs and notify hook.
      const configured = serverOptions.publicUrl;
      const publicUrl = (typeof configured === 'function' ? configured({ headers: new Headers() }) : configured) ?? '';
      return createCaller(
        createContextInner({
          db: db.db,
          user,
          auth,
          runtime: ocp.runtime,
          ip: '127.0.0.1',
          shareUrl: (token) => `${publicUrl.replace(/\/$/, '')}/embed/${token}`,
          notify: serverOptions.notify ?? (() => {}),
        }),
      );
    },
    async close() {
      await served.close();
      await ocp.close();
      await db.close();
    },
  };
}

export type Caller = ReturnType<typeof createCaller>;

/**
 * An OcpServer over real HTTP on an ephemeral loopback port (the harness's own, or a second one with other options
 * or another database handle). `close` stops the HTTP server only; the OcpServer is the caller's to close.
 */
export async function serve(ocp: Pick<OcpServer, 'handler'>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => ocp.handler(req, res));
  // fetch (undici) reuses idle connections for 4 s and the server drops them after 5 s; on a loaded machine the two
  // timers cross and a reused socket is reset (ECONNRESET). The server keeping them longer than any client removes it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The demo workspace's user, signed in, and its 'Energy overview' dashboard (a harness started with `demo: true`). */
export async function demoUser(h: Harness): Promise<{ demo: TestUser; dashboardId: string }> {
  const id = h.demo!.userId;
  const demo = { id, email: DEMO_EMAIL, token: await h.auth.issueToken({ id, email: DEMO_EMAIL }) };
  const dashboardId = (await h.as(demo).dashboards.list({})).find((d) => d.title === 'Energy overview')!.id;
  return { demo, dashboardId };
}

/** `OK`, or the tRPC code a direct call failed with (anything else that was thrown is rethrown). */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** Unwraps a successful call, failing loudly with the server's error otherwise. */
export function ok<T>(result: CallResult<T>): T {
  if (result.code !== 'OK') throw new Error(`expected success, got ${result.status} ${result.text}`);
  return result.data;
}
