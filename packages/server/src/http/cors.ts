/**
 * Cross-origin access to the API, for hosts that embed the elements on their own origin and call us on ours.
 * Tokens travel in the Authorization header, never in cookies, so responses never allow credentials: an allowed
 * origin can call the API only with a token it already holds.
 */
export type CorsOrigins = readonly string[] | '*';

const PREFLIGHT: Record<string, string> = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, trpc-accept, trpc-batch-mode, x-trpc-source',
  'access-control-max-age': '600',
};

/** The CORS headers for a request from `origin`, or null when that origin is not allowed (or none is sent). */
export function corsHeaders(
  origins: CorsOrigins | undefined,
  origin: string | null | undefined,
  preflight: boolean,
): Record<string, string> | null {
  if (!origins || !origin) return null;
  if (origins !== '*' && !origins.includes(origin)) return null;
  return { 'access-control-allow-origin': origin, ...(preflight ? PREFLIGHT : {}) };
}

/** Adds `origin` to a Vary header value (tRPC sets its own Vary, which must be kept). */
export function varyWithOrigin(value: string | number | readonly string[] | null | undefined): string {
  const parts = (Array.isArray(value) ? value.join(',') : String(value ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set([...parts, 'origin'])].join(', ');
}

/** Checks configured origins: scheme://host[:port], nothing more (a path or a trailing slash never matches). */
export function validateCorsOrigins(origins: CorsOrigins | undefined): CorsOrigins | undefined {
  if (!origins || origins === '*') return origins;
  for (const o of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(o);
    } catch {}
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== o) {
      throw new Error(`corsOrigins: "${o}" is not an origin like https://app.example.com`);
    }
  }
  return origins;
}
