import type { TemplateSummary } from '@ocp/contract';
import type { OcpTemplatePicker } from '../elements.js';
import type { View } from '../main.js';
import { navigate } from '../router.js';
// Elements get the provider explicitly: some load only when their `provider` property changes.
import { api, provider } from '../session.js';
import { deleteWithUndo, flushDeletes } from '../ui/deferred.js';
import { field, openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { publicToggle } from '../ui/public-toggle.js';
import { skeleton } from '../ui/skeleton.js';

type DashboardRow = Awaited<ReturnType<typeof api.dashboards.list.query>>[number];

/** The dashboards the user can see, with search, and "New dashboard" from a template. */
export const renderDashboards: View = (main) => {
  const search = h('input', { type: 'search', placeholder: 'Search dashboards…', 'aria-label': 'Search dashboards' });
  const list = h('section', { 'aria-label': 'Dashboards', 'aria-live': 'polite' });
  let seq = 0;
  let timer = 0;

  const load = async () => {
    const mine = ++seq;
    list.setAttribute('aria-busy', 'true');
    if (!list.firstChild) mount(list, skeleton('cards', 'Loading dashboards…'));
    try {
      const q = search.value.trim();
      const rows = await api.dashboards.list.query(q ? { search: q } : {});
      if (mine !== seq) return;
      mount(
        list,
        rows.length
          ? h('ul', { class: 'cards' }, rows.map(card))
          : statusBlock(
              'empty',
              q ? `No dashboard matches "${q}".` : 'No dashboards yet. Create your first one from a template.',
            ),
      );
    } catch (e) {
      if (mine === seq) mount(list, statusBlock('error', messageOf(e), load));
    } finally {
      if (mine === seq) list.removeAttribute('aria-busy');
    }
  };
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(load, 200);
  });

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Dashboards'),
      search,
      h('button', { type: 'button', class: 'primary', onclick: () => void createDashboard() }, 'New dashboard'),
    ),
    list,
  );
  void load();
  return () => {
    clearTimeout(timer);
    flushDeletes();
  };
};

function card(d: DashboardRow): HTMLElement {
  let updatedAt = d.updatedAt;
  const item = h(
    'li',
    { class: 'card dashboard-card', 'data-dashboard-id': d.id },
    h('a', { href: `/dashboards/${d.id}` }, h('h2', null, d.title)),
    d.description ? h('p', null, d.description) : null,
    h('p', { class: 'muted' }, `Updated ${new Date(d.updatedAt).toLocaleString()}`, d.ownerTeamId ? ' · team' : ''),
    h(
      'div',
      { class: 'actions' },
      publicToggle({
        kind: 'dashboard',
        title: d.title,
        isPublic: d.isPublic,
        save: async (isPublic) => {
          updatedAt = (await api.dashboards.update.mutate({ id: d.id, expectedUpdatedAt: updatedAt, isPublic }))
            .updatedAt;
        },
      }),
      h(
        'button',
        { type: 'button', class: 'danger', 'aria-label': `Delete dashboard ${d.title}`, onclick: () => remove() },
        'Delete',
      ),
    ),
  );
  const remove = async () => {
    const ok = await openDialog({
      title: `Delete dashboard ${d.title}?`,
      body: h(
        'p',
        null,
        'Its tabs, placements, versions and sharing links go with it; the charts stay in your workspace. ',
        'You can undo for a few seconds.',
      ),
      submit: { label: 'Delete dashboard', value: () => true },
    });
    if (!ok) return;
    deleteWithUndo({
      key: `dashboard:${d.id}`,
      message: `Dashboard ${d.title} deleted.`,
      hide: () => {
        item.hidden = true;
      },
      restore: () => {
        item.hidden = false;
      },
      commit: () => api.dashboards.delete.mutate({ id: d.id }),
      committed: () => item.remove(),
      failed: (e) => notify(messageOf(e), 'error'),
    });
  };
  return item;
}

/** Asks for a template (and a title), for a new dashboard or a new tab. */
export async function pickTemplate(options: {
  title: string;
  submit: string;
  nameLabel: string;
  name?: string;
}): Promise<{ template: TemplateSummary; name: string } | null> {
  const name = h('input', { type: 'text', required: true, maxlength: '200', value: options.name ?? '' });
  const picker = h('ocp-template-picker', { '.provider': provider, label: 'Template' }) as OcpTemplatePicker;
  let chosen: TemplateSummary | undefined;
  picker.addEventListener('ocp-template-select', (e) => {
    chosen = (e as CustomEvent<{ template: TemplateSummary }>).detail.template;
  });
  return openDialog({
    title: options.title,
    wide: true,
    body: h(
      'div',
      null,
      field(options.nameLabel, name),
      h('p', { class: 'muted', id: 'pick-hint' }, 'Choose a layout:'),
      picker,
    ),
    submit: {
      label: options.submit,
      value: () => {
        if (!name.value.trim()) throw new Error('Give it a title.');
        if (!chosen) throw new Error('Choose a template.');
        return { template: chosen, name: name.value.trim() };
      },
    },
  });
}

async function createDashboard(): Promise<void> {
  const picked = await pickTemplate({ title: 'New dashboard', submit: 'Create dashboard', nameLabel: 'Title' });
  if (!picked) return;
  const dashboard = await api.dashboards.create.mutate({ title: picked.name, templateId: picked.template.id });
  navigate(`/dashboards/${dashboard.id}`);
}
