import { navigate, onNavigate, parseRoute, type Route } from './router.js';
import { clearSession, currentSession } from './session.js';
import { h, mount } from './ui/dom.js';
import { notify } from './ui/feedback.js';
import { accountMenu } from './views/account.js';
import { renderChartEditor } from './views/chart-editor.js';
import { renderDashboard } from './views/dashboard.js';
import { renderDashboards } from './views/dashboards.js';
import { renderProfile } from './views/profile.js';
import { renderSignIn } from './views/sign-in.js';
import { renderTeams } from './views/teams.js';
import { renderTemplateBuilder } from './views/template-builder.js';
import { renderTemplates } from './views/templates.js';

/** A view fills `main`; it may return a cleanup function, called when the route changes. */
export type View = (main: HTMLElement, route: Route) => unknown;

const app = document.getElementById('app')!;
let cleanup: (() => void) | undefined;

function header(route: Route): HTMLElement {
  const session = currentSession();
  const link = (href: string, text: string, active: boolean) =>
    h('a', { href, 'aria-current': active ? 'page' : null }, text);
  return h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'brand', href: '/dashboards' }, h('span', { 'aria-hidden': 'true' }, '▦'), ' OCP Dashboards'),
    session
      ? h(
          'nav',
          { 'aria-label': 'Main' },
          link('/dashboards', 'Dashboards', ['dashboards', 'dashboard', 'chart'].includes(route.name)),
          link('/templates', 'Templates', route.name === 'templates' || route.name === 'template'),
          link('/teams', 'Teams', route.name === 'teams'),
        )
      : null,
    session ? accountMenu(session) : null,
  );
}

function render(): void {
  cleanup?.();
  cleanup = undefined;
  let route = parseRoute(new URL(location.href));
  if (!currentSession() && route.name !== 'sign-in') {
    navigate(`/sign-in`, { replace: true });
    return;
  }
  if (currentSession() && route.name === 'sign-in') route = { name: 'dashboards' };
  const main = h('main', { id: 'main', tabindex: '-1' });
  mount(app, header(route), main);
  app.removeAttribute('aria-busy');
  const views: Record<Route['name'], View> = {
    'sign-in': renderSignIn,
    dashboards: renderDashboards,
    dashboard: renderDashboard,
    chart: renderChartEditor,
    teams: renderTeams,
    templates: renderTemplates,
    profile: renderProfile,
    template: renderTemplateBuilder,
    'not-found': (m) =>
      mount(m, h('h1', null, 'Not found'), h('p', null, h('a', { href: '/dashboards' }, 'Back to your dashboards'))),
  };
  const result = views[route.name](main, route);
  cleanup = typeof result === 'function' ? (result as () => void) : undefined;
}

// An expired or revoked session anywhere sends the user back to sign in.
document.addEventListener('ocp-error', (e) => {
  const code = (e as CustomEvent<{ error: { code?: string } }>).detail?.error?.code;
  if (code === 'UNAUTHORIZED' && currentSession()) {
    clearSession();
    notify('Your session ended. Please sign in again.', 'error');
    navigate('/sign-in');
  }
});

onNavigate(render);
render();
