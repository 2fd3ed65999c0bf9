import type { DashboardDetail, TabView } from '@ocp/contract';
import type { OcpDashboard, OcpShareDialog, OcpWorkspace } from '../elements.js';
import type { View } from '../main.js';
import { navigate } from '../router.js';
// Elements get the provider explicitly: some load only when their `provider` property changes.
import { api, provider } from '../session.js';
import { field, openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, notifyUndo } from '../ui/feedback.js';
import { settle } from '../ui/skeleton.js';
import { dashboardChat } from './dashboard-chat.js';
import { pickTemplate } from './dashboards.js';

/**
 * One dashboard. Edit mode: the tab manager (add, rename, reorder, per-tab template, delete), the workspace panel whose
 * charts drag into slots (or "Place" + arrow keys + Enter), version history, sharing, and links to the chart editor.
 * View mode, and any mode for a user who may only read the dashboard (viewer role, public): the dashboard alone.
 */
export const renderDashboard: View = (main, route) => {
  if (route.name !== 'dashboard') return;
  const { id, mode } = route;
  let current: DashboardDetail | undefined;
  let selectedTab: string | undefined;

  const board = h('ocp-dashboard', {
    '.provider': provider,
    'dashboard-id': id,
    mode,
    'hide-header': true,
    // The viewer's range, filters and cross-filter live in the URL: shareable, and Back undoes them.
    'url-state': true,
  }) as OcpDashboard;
  // Relative ranges (today, this month) in the user's profile time zone.
  void api.me.get.query().then(
    (me) => {
      board.timezone = me.timezone;
    },
    () => {},
  );
  const title = h('h1', { class: 'dashboard-title' }, 'Dashboard');
  const tabBar = h('div', { class: 'tab-manager', role: 'toolbar', 'aria-label': 'Tabs' });
  const placed = h('ul', { class: 'placed-list', 'aria-label': 'Charts on this tab' });
  const share = h('ocp-share-dialog', {
    '.provider': provider,
    'resource-type': 'dashboard',
    'resource-id': id,
  }) as OcpShareDialog;

  /** Opens the share dialog, offering the view on screen (range, filters, cross-filter) as a lock. */
  const shareView = () => {
    const cross = board.crossFilter;
    const filters = [...board.filters, ...(cross ? [{ column: cross.column, values: [cross.value] }] : [])];
    share.lockable = { range: board.effectiveRange, filters };
    share.show();
  };

  /** The range the editor picked becomes the dashboard's default (settings.timeRange). */
  const saveRange = async () => {
    const range = board.range;
    if (!current) return;
    if (!range) {
      notify('Pick a time range first: the dashboard already opens on the one shown.');
      return;
    }
    try {
      await api.dashboards.update.mutate({
        id,
        expectedUpdatedAt: current.updatedAt,
        settings: { ...current.settings, timeRange: { ...range } },
      });
      notify('Saved as the default time range.');
      await board.reload();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const tab = (): TabView | undefined => current?.tabs.find((t) => t.id === selectedTab) ?? current?.tabs[0];
  const canEdit = () =>
    mode === 'edit' && current !== undefined && current.role !== 'viewer' && current.role !== 'public';

  /**
   * Runs a change (keeping `focusTab` selected); failures are announced. The dashboard is not reloaded: the change
   * comes back as a live event, which `<ocp-dashboard>` applies to the one tab or title it concerns.
   */
  const change = async (fn: () => Promise<unknown>, done: string, focusTab?: string) => {
    try {
      await fn();
      if (focusTab) selectedTab = focusTab;
      board.tab = selectedTab;
      notify(done);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const renderTabs = () => {
    if (!current || !canEdit()) {
      tabBar.hidden = true;
      return;
    }
    tabBar.hidden = false;
    const tabs = current.tabs;
    const active = tab();
    mount(
      tabBar,
      tabs.map((t, i) =>
        h(
          'div',
          { class: 'tab-chip', 'data-tab-id': t.id, 'aria-current': t.id === active?.id ? 'true' : null },
          h('span', { class: 'tab-name' }, t.title),
          h('span', { class: 'muted' }, ` · ${t.template.name}`),
          h(
            'button',
            { type: 'button', class: 'icon', 'aria-label': `Rename tab ${t.title}`, onclick: () => renameTab(t) },
            '✎',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              'aria-label': `Change the template of tab ${t.title}`,
              onclick: () => retemplateTab(t),
            },
            '▦',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              'aria-label': `Move tab ${t.title} left`,
              disabled: i === 0,
              onclick: () => moveTab(i, -1),
            },
            '←',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              'aria-label': `Move tab ${t.title} right`,
              disabled: i === tabs.length - 1,
              onclick: () => moveTab(i, 1),
            },
            '→',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon danger',
              'aria-label': `Delete tab ${t.title}`,
              disabled: tabs.length === 1,
              onclick: () => deleteTab(t),
            },
            '✕',
          ),
        ),
      ),
      h('button', { type: 'button', onclick: addTab }, '+ Add tab'),
    );
  };

  const renderPlaced = () => {
    const t = tab();
    mount(
      placed,
      t?.placements.length
        ? t.placements.map((p) =>
            h(
              'li',
              null,
              p.chart
                ? h('a', { href: `/charts/${p.chartId}?dashboard=${id}` }, `Edit ${p.chart.title}`)
                : h('span', null, 'Chart not available'),
              h('span', { class: 'muted' }, ` in ${p.slotKey}`),
            ),
          )
        : h('li', { class: 'muted' }, 'No charts on this tab yet.'),
    );
  };

  const addTab = async () => {
    const picked = await pickTemplate({ title: 'Add a tab', submit: 'Add tab', nameLabel: 'Tab title' });
    if (!picked) return;
    // The new tab becomes the selected one (change() selects `selectedTab` before reloading).
    await change(async () => {
      const tab = await api.tabs.create.mutate({ dashboardId: id, title: picked.name, templateId: picked.template.id });
      selectedTab = tab.id;
    }, `Tab ${picked.name} added.`);
  };
  const renameTab = async (t: TabView) => {
    const input = h('input', { type: 'text', required: true, maxlength: '200', value: t.title });
    const name = await openDialog({
      title: 'Rename tab',
      body: field('Tab title', input),
      submit: { label: 'Rename', value: () => input.value.trim() || undefined },
    });
    if (name) await change(() => api.tabs.update.mutate({ id: t.id, title: name }), `Tab renamed to ${name}.`, t.id);
  };
  const retemplateTab = async (t: TabView) => {
    const picked = await pickTemplate({
      title: `Template of ${t.title}`,
      submit: 'Apply',
      nameLabel: 'Tab title',
      name: t.title,
    });
    if (picked)
      await change(
        () => api.tabs.update.mutate({ id: t.id, title: picked.name, templateId: picked.template.id }),
        `Tab ${picked.name} now uses ${picked.template.name}.`,
        t.id,
      );
  };
  const moveTab = async (index: number, delta: number) => {
    if (!current) return;
    const ids = current.tabs.map((t) => t.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    await change(() => api.tabs.reorder.mutate({ dashboardId: id, tabIds: ids }), 'Tabs reordered.', moved);
    tabBar
      .querySelector<HTMLElement>(
        `[data-tab-id="${moved}"] button[aria-label*="${delta < 0 ? 'left' : 'right'}"]:not([disabled])`,
      )
      ?.focus();
  };
  /** Deleting a tab saves a dashboard version first; undo restores it (tab, placements, their ids). */
  const deleteTab = async (t: TabView) => {
    const count = t.placements.length;
    const ok = await openDialog({
      title: `Delete tab ${t.title}?`,
      body: h(
        'p',
        null,
        count
          ? `Its ${count} placed chart${count === 1 ? ' is' : 's are'} taken off; the charts stay in your workspace.`
          : 'It holds no charts.',
        ' You can undo right after, or later from History.',
      ),
      submit: { label: 'Delete tab', value: () => true },
    });
    if (!ok) return;
    try {
      const { versionId } = await api.tabs.delete.mutate({ id: t.id });
      if (selectedTab === t.id) selectedTab = undefined;
      notifyUndo(`Tab ${t.title} deleted.`, async () => {
        await api.dashboardVersions.restore.mutate({ id: versionId });
        selectedTab = t.id;
        board.tab = t.id;
        await board.reload();
        return `Tab ${t.title} is back.`;
      });
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const rename = async () => {
    if (!current) return;
    const input = h('input', { type: 'text', required: true, maxlength: '200', value: current.title });
    const name = await openDialog({
      title: 'Rename dashboard',
      body: field('Title', input),
      submit: { label: 'Rename', value: () => input.value.trim() || undefined },
    });
    if (name && current)
      await change(
        () => api.dashboards.update.mutate({ id, expectedUpdatedAt: current!.updatedAt, title: name }),
        'Dashboard renamed.',
      );
  };

  const history = async () => {
    const versions = h('ocp-version-history', { '.provider': provider, 'dashboard-id': id });
    versions.addEventListener('ocp-version-restore', (e) => {
      notify(`Restored version ${e.detail.versionNumber}.`);
      void board.reload();
    });
    await openDialog({ title: 'Version history', body: versions, wide: true });
  };

  const onDashboard = (e: { detail: { dashboard: DashboardDetail } }) => {
    current = e.detail.dashboard;
    if (!current.tabs.some((t) => t.id === selectedTab)) selectedTab = board.tab ?? current.tabs[0]?.id;
    title.textContent = current.title;
    document.title = `${current.title} · OCP Dashboards`;
    renderToolbar();
    renderTabs();
    renderPlaced();
  };
  board.addEventListener('ocp-dashboard-load', onDashboard);
  board.addEventListener('ocp-dashboard-change', onDashboard);
  // Taking a chart off a slot is undone by placing it there again.
  board.addEventListener('ocp-placement-removed', (e) => {
    const { tabId, slotKey, chartId, placement } = e.detail;
    notifyUndo(`${placement.chart?.title ?? 'The chart'} taken off slot ${slotKey}.`, async () => {
      await api.placements.place.mutate({ tabId, slotKey, chartId, customizations: placement.customizations });
      return `${placement.chart?.title ?? 'The chart'} is back in slot ${slotKey}.`;
    });
  });
  board.addEventListener('ocp-tab-change', (e) => {
    selectedTab = e.detail.tabId;
    renderTabs();
    renderPlaced();
  });

  const workspace = h('ocp-workspace', { '.provider': provider }) as OcpWorkspace;
  workspace.addEventListener('ocp-item-select', (e) => {
    const item = e.detail.item;
    if (item.itemType === 'chart' && item.referenceId) navigate(`/charts/${item.referenceId}?dashboard=${id}`);
  });

  /** What the caller may do shows once their role is known: a viewer gets the dashboard and nothing to edit it with. */
  const mayEdit = () => current !== undefined && current.role !== 'viewer' && current.role !== 'public';
  const toolbar = h('div', { class: 'toolbar' });
  const boardSection = h('section', { class: 'board view', 'aria-label': 'Dashboard' }, board);
  // <ocp-dashboard> draws its own skeleton while it fetches; the region says it is busy until the element is done.
  const showLoading = () => {
    if (board.state === 'idle' || board.state === 'loading') boardSection.setAttribute('aria-busy', 'true');
    else settle(boardSection);
  };
  new MutationObserver(showLoading).observe(board, { attributes: true, attributeFilter: ['state'] });
  showLoading();
  const chat = mode === 'edit' ? dashboardChat(id, board) : null;
  const side =
    mode === 'edit'
      ? h(
          'aside',
          { class: 'side', 'aria-label': 'Workspace', hidden: true },
          chat?.panel,
          h('h2', null, 'Workspace'),
          h('p', { class: 'muted' }, 'Drag a chart onto a slot, or press Place, then arrow keys and Enter.'),
          workspace,
          h('h2', null, 'On this tab'),
          placed,
        )
      : null;
  const layout = h('div', null, boardSection, side);
  const renderToolbar = () => {
    const editing = canEdit();
    if (!editing) board.mode = 'view';
    layout.className = editing ? 'editor' : '';
    boardSection.classList.toggle('view', !editing);
    if (side) side.hidden = !editing;
    mount(
      toolbar,
      editing
        ? [
            h('button', { type: 'button', onclick: rename }, 'Rename'),
            h('button', { type: 'button', onclick: history }, 'History'),
            h('button', { type: 'button', onclick: () => shareView() }, 'Share'),
            h('button', { type: 'button', onclick: () => void saveRange() }, 'Save range as default'),
            chat?.toggle,
            h('a', { class: 'button', href: `/charts/new?dashboard=${id}` }, 'New chart'),
            h('a', { class: 'button', href: `/dashboards/${id}?mode=view` }, 'View'),
          ]
        : mayEdit()
          ? h('a', { class: 'button', href: `/dashboards/${id}` }, 'Edit')
          : [],
    );
  };

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('a', { href: '/dashboards', class: 'back', 'aria-label': 'All dashboards' }, '←'),
      title,
      toolbar,
    ),
    tabBar,
    layout,
    share,
  );
  tabBar.hidden = true;
};
