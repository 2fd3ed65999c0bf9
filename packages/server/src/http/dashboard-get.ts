import { byIdInput } from '@ocp/contract';
import type { TokenCache } from '../caches/token-cache.js';
import type { OcpUser } from '../context.js';
import type { CachedDashboard, DashboardDocCache } from '../services/dashboard-doc-cache.js';

/**
 * `GET <basePath>/dashboards.get?input={"id":"…"}` answered from memory, in tRPC's own wire format, so every tRPC
 * client (ours sends this one call unbatched) and plain HTTP callers get it: bytes without parsing, an `ETag`, and
 * `304 Not Modified` for a matching `If-None-Match`. Warm (the caller's token, role and the document all held), it
 * costs no database round trip and no tRPC; what memory lacks is read from the database. Anything else about the
 * request (batched, bad input, no caller, not visible, an error) goes the ordinary tRPC way, which answers it
 * exactly as before.
 */
export interface CachedGetDeps {
  basePath: string;
  dashboards: DashboardDocCache;
  /** Callers by token, for adapters whose answer may be kept (embedded auth); null: the adapter is asked each time. */
  tokens: TokenCache | null;
  resolveUser: (headers: Headers) => Promise<OcpUser | null>;
  urls: DashboardUrls;
}

export interface CachedAnswer {
  status: 200 | 304;
  /** Every header, security headers included: name, value, name, value… */
  head: string[];
  body: Buffer | null;
}

/** The dashboard ids of recent plain dashboards.get URLs, so a warm read parses nothing. */
export class DashboardUrls {
  readonly #basePath: string;
  readonly #seen = new Map<string, string | null>();

  constructor(basePath: string) {
    this.#basePath = basePath;
  }

  /** The dashboard id of a plain (unbatched) dashboards.get URL, else null. */
  idOf(method: string | undefined, url: string): string | null {
    if (method !== 'GET' && method !== 'HEAD') return null;
    const known = this.#seen.get(url);
    if (known !== undefined) return known;
    const id = cachedDashboardId(this.#basePath, method, url);
    // A bounded memo of a pure function: at most a thousand URLs, the oldest forgotten first.
    if (this.#seen.size >= 1000) this.#seen.delete(this.#seen.keys().next().value!);
    if (url.length <= 300) this.#seen.set(url, id);
    return id;
  }
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

/** The answer from memory alone, or undefined (then answerCachedDashboard). */
export function warmDashboard(
  deps: CachedGetDeps,
  authorization: string | undefined,
  ifNoneMatch: string | undefined,
  dashboardId: string,
): CachedAnswer | undefined {
  if (!deps.tokens || !authorization) return undefined;
  const now = Date.now();
  const user = deps.tokens.get(authorization, now);
  const cached = user && deps.dashboards.warm(user.id, dashboardId, now);
  return cached ? answerOf(cached, ifNoneMatch ?? null) : undefined;
}

/** The answer, reading what memory lacks, or null to let tRPC answer (and explain). */
export async function answerCachedDashboard(
  deps: CachedGetDeps,
  headers: Headers,
  dashboardId: string,
): Promise<CachedAnswer | null> {
  // Listening before anything is read, so that what is read may be kept.
  if (!deps.dashboards.listening()) await deps.dashboards.ready();
  const authorization = headers.get('authorization');
  const user =
    deps.tokens && authorization
      ? (deps.tokens.get(authorization, Date.now()) ??
        (await deps.tokens.resolve(authorization, () => deps.resolveUser(headers))))
      : await deps.resolveUser(headers);
  if (!user) return null;
  const cached = await deps.dashboards.read(user.id, dashboardId);
  return cached ? answerOf(cached, headers.get('if-none-match')) : null;
}

function answerOf(cached: CachedDashboard, ifNoneMatch: string | null): CachedAnswer {
  if (matches(ifNoneMatch, cached.etag)) return { status: 304, head: cached.head304, body: null };
  return { status: 200, head: cached.head200, body: cached.body };
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
