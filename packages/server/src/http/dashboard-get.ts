import { byIdInput } from '@ocp/contract';
import type { OcpUser } from '../context.js';
import type { DashboardDocCache } from '../services/dashboard-doc-cache.js';

/**
 * `GET <basePath>/dashboards.get?input={"id":"…"}` answered from the dashboard cache, in tRPC's own wire format, so
 * every tRPC client (ours sends this one call unbatched) and plain HTTP callers get it: bytes without parsing, an
 * `ETag`, and `304 Not Modified` for a matching `If-None-Match`. Anything else about the request (batched, bad
 * input, no caller, not visible, an error) goes the ordinary tRPC way, which answers it exactly as before.
 */
export interface CachedGetDeps {
  basePath: string;
  dashboards: DashboardDocCache;
  resolveUser: (headers: Headers) => Promise<OcpUser | null>;
}

export interface CachedAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** The dashboard id of a plain (unbatched) dashboards.get URL, else null. */
export function cachedDashboardId(basePath: string, method: string | undefined, url: string): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const q = url.indexOf('?');
  if (q < 0 || url.slice(0, q) !== `${basePath}/dashboards.get`) return null;
  const params = new URLSearchParams(url.slice(q + 1));
  const input = params.get('input');
  if (input === null || [...params.keys()].length !== 1 || input.length > 200) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return null;
  }
  const checked = byIdInput.safeParse(parsed);
  return checked.success ? checked.data.id : null;
}

/** The answer from the cache, or null to let tRPC answer (and explain). Access is checked on every call. */
export async function answerCachedDashboard(
  deps: CachedGetDeps,
  headers: Headers,
  dashboardId: string,
): Promise<CachedAnswer | null> {
  const user = await deps.resolveUser(headers);
  if (!user) return null;
  const cached = await deps.dashboards.read(user.id, dashboardId);
  if (!cached) return null;
  const answerHeaders = {
    'content-type': 'application/json',
    etag: cached.etag,
    // Kept by the browser, but asked about every time (a 304 costs the access check and no document).
    'cache-control': 'private, no-cache',
    vary: 'authorization',
  };
  if (matches(headers.get('if-none-match'), cached.etag)) return { status: 304, headers: answerHeaders, body: null };
  return { status: 200, headers: answerHeaders, body: cached.body };
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
