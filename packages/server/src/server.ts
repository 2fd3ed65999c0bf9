import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { type AuthAdapter, anonymousAuth } from './auth/adapter.js';
import { createContextInner } from './context.js';
import { createFetchHandler } from './http/fetch.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/headers.js';
import { createNodeHandler } from './http/node.js';
import { appRouter } from './root.js';

export interface OcpServerOptions {
  db: OcpDatabase;
  /** Who is calling. Default: nobody is signed in. */
  auth?: AuthAdapter;
  /** Largest accepted request body (default 1 MB); larger requests get HTTP 413. */
  maxBodyBytes?: number;
  /** Where tRPC is mounted (default `/trpc`). */
  basePath?: string;
}

export interface OcpServer {
  router: typeof appRouter;
  /** Node `http` listener: /healthz, /readyz and tRPC. Calls `next` (if given) for anything else. */
  handler: (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;
  /** Fetch-API handler for Workers, Hono, Next route handlers, Deno, Bun. Returns 404 for other paths. */
  fetch: (req: Request) => Promise<Response>;
  /** Resolves true when the database answers. */
  health: () => Promise<boolean>;
}

export function createOcpServer(options: OcpServerOptions): OcpServer {
  const auth = options.auth ?? anonymousAuth;
  const basePath = (options.basePath ?? '/trpc').replace(/\/$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const createContext = async (headers: Headers, ip: string) =>
    createContextInner({ db: options.db, user: await auth.resolveUser({ headers }), ip });
  const health = async () => {
    try {
      await options.db.execute(sql`select 1`);
      return true;
    } catch {
      return false;
    }
  };
  const shared = { router: appRouter, basePath, maxBodyBytes, createContext, health };
  return {
    router: appRouter,
    handler: createNodeHandler(shared),
    fetch: createFetchHandler(shared),
    health,
  };
}

export interface HandlerDeps {
  router: typeof appRouter;
  basePath: string;
  maxBodyBytes: number;
  createContext: (headers: Headers, ip: string) => Promise<ReturnType<typeof createContextInner>>;
  health: () => Promise<boolean>;
}
