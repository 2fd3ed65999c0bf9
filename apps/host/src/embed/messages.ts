/** The postMessage protocol between /embed/<token> and the page that frames it. */
export type EmbedMessage =
  | { type: 'ocp:embed-ready' }
  | { type: 'ocp:embed-height'; height: number }
  | { type: 'ocp:request-height' }
  | { type: 'ocp:set-theme'; theme: 'light' | 'dark' };

/**
 * The origin to talk to: the framing page's, when the link allows it. Chromium and WebKit name it in
 * `location.ancestorOrigins`; elsewhere the referrer's origin (the viewer page sends none itself) stands in.
 * Null when not framed, or framed by an origin the link does not allow (CSP should have refused that already).
 */
export function embedTarget(allowed: readonly string[], win: Window): string | null {
  if (win.parent === win) return null;
  const ancestors = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  let parent = ancestors?.length ? ancestors[0]! : null;
  if (!parent && win.document.referrer) {
    try {
      parent = new URL(win.document.referrer).origin;
    } catch {
      parent = null;
    }
  }
  return parent && allowed.includes(parent) ? parent : null;
}

/** Accepts only the two messages an embedding page may send, with valid fields. */
export function parseEmbedMessage(data: unknown): EmbedMessage | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as { type?: unknown; theme?: unknown };
  if (m.type === 'ocp:request-height') return { type: 'ocp:request-height' };
  if (m.type === 'ocp:set-theme' && (m.theme === 'light' || m.theme === 'dark'))
    return { type: 'ocp:set-theme', theme: m.theme };
  return null;
}
