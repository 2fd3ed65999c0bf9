/** The app's routes, parsed from `location.pathname` (history API; the server answers every route with index.html). */
export type Route =
  | { name: 'sign-in' }
  | { name: 'dashboards' }
  | { name: 'dashboard'; id: string; mode: 'view' | 'edit' }
  | { name: 'chart'; id: string | null; dashboardId: string | null }
  | { name: 'teams'; id: string | null }
  | { name: 'templates' }
  | { name: 'profile' }
  | { name: 'template'; id: string | null }
  | { name: 'not-found' };

export function parseRoute(url: URL): Route {
  const parts = url.pathname.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0) return { name: 'dashboards' };
  if (first === 'sign-in' && parts.length === 1) return { name: 'sign-in' };
  if (first === 'dashboards' && parts.length === 1) return { name: 'dashboards' };
  if (first === 'dashboards' && second && parts.length === 2)
    return { name: 'dashboard', id: second, mode: url.searchParams.get('mode') === 'view' ? 'view' : 'edit' };
  if (first === 'charts' && second && parts.length === 2)
    return { name: 'chart', id: second === 'new' ? null : second, dashboardId: url.searchParams.get('dashboard') };
  if (first === 'profile' && parts.length === 1) return { name: 'profile' };
  if (first === 'templates' && parts.length === 1) return { name: 'templates' };
  if (first === 'templates' && second && parts.length === 2)
    return { name: 'template', id: second === 'new' ? null : second };
  if (first === 'teams' && parts.length <= 2) return { name: 'teams', id: second ?? null };
  return { name: 'not-found' };
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Goes to an app path without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const l of listeners) l();
}

/** Calls `listener` on every navigation (links, back/forward, `navigate`). */
export function onNavigate(listener: Listener): void {
  listeners.add(listener);
}

window.addEventListener('popstate', () => {
  for (const l of listeners) l();
});

// Same-origin links navigate in place (modifier clicks still open new tabs).
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!a || a.target || a.hasAttribute('download') || e.defaultPrevented || e.button !== 0) return;
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/embed/') || url.pathname.startsWith('/examples/'))
    return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
