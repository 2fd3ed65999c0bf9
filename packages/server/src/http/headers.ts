/** Security headers on every API response: JSON only, never sniffed, never framed, never cached. */
export const API_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
