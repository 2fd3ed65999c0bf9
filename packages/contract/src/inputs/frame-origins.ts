/**
 * Origins a sharing link may be framed by (`permissions.allowedOrigins`, sent as CSP `frame-ancestors`): exact
 * origins only, `http(s)://host[:port]` as `new URL(x).origin` writes it, with a host of DNS labels or an IP
 * literal. Wildcards (`https://*.example.com`, `*`) are refused, as are characters that would change the meaning of
 * the CSP header (`;`, `,`, quotes, spaces): every site that may frame a link is listed by name.
 */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/;

export const FRAME_ORIGIN_HINT =
  'an origin like https://app.example.com (scheme, host, optional port; no wildcards: list each site)';

export function isFrameOrigin(value: string): boolean {
  if (value.length > 255) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value && HOST.test(url.hostname);
}
