/** Security headers on every API response: JSON only, never sniffed, never framed, never cached. */
export const API_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** What tRPC tells createContext about a request: the procedure type and the parsed `?connectionParams=`. */
export interface RequestInfo {
  type: 'query' | 'mutation' | 'subscription' | 'unknown';
  connectionParams: Record<string, string | undefined> | null;
}

/**
 * The request's headers, with the token of tRPC connection params (`?connectionParams={"authorization":"Bearer …"}`,
 * or `{"token":"…"}`) as the Authorization header when the request has none: browsers' EventSource cannot send
 * headers, so subscriptions over SSE carry the token this way, and every auth adapter keeps reading headers.
 * Only subscriptions: a token in a URL ends up in logs, history and Referer headers, so queries and mutations
 * (which can always send a header) never accept one.
 */
export function withConnectionParams(headers: Headers, info: RequestInfo | null | undefined): Headers {
  const params = info?.type === 'subscription' ? info.connectionParams : null;
  if (headers.has('authorization') || !params) return headers;
  const value = params.authorization ?? (params.token ? `Bearer ${params.token}` : undefined);
  if (typeof value !== 'string' || !value) return headers;
  const merged = new Headers(headers);
  merged.set('authorization', value);
  return merged;
}
