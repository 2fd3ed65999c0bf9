import type { ChartDetail } from '@ocp/contract';
import { navigate } from '../../router.js';
import { api } from '../../session.js';
import { deleteWithUndo } from '../../ui/deferred.js';
import { openDialog } from '../../ui/dialog.js';
import { h } from '../../ui/dom.js';
import { messageOf, notify } from '../../ui/feedback.js';

const ARCHIVE = '/Archive';

/** Moves the chart's workspace entries into the Archive folder (made when missing): off the list, still placed. */
async function archive(chart: ChartDetail): Promise<void> {
  const folders = await api.workspace.folders.tree.query();
  if (!folders.some((f) => f.path === ARCHIVE)) await api.workspace.folders.create.mutate({ name: 'Archive' });
  const items = await api.workspace.items.list.query({ itemType: 'chart', limit: 1000 });
  for (const item of items.filter((i) => i.referenceId === chart.id))
    await api.workspace.items.update.mutate({ id: item.id, folderPath: ARCHIVE });
}

/**
 * Deletes a chart, or archives it where dashboards still show it: the dialog names those dashboards, and archiving
 * (the default) keeps them whole. A deletion can be undone for a few seconds.
 */
export async function deleteChart(chart: ChartDetail, back: string): Promise<void> {
  let usage: { placementCount: number; usedInDashboards: string[] } = { placementCount: 0, usedInDashboards: [] };
  try {
    usage = (await api.charts.list.query({ search: chart.title, limit: 200 })).find((c) => c.id === chart.id) ?? usage;
  } catch (e) {
    notify(messageOf(e), 'error');
    return;
  }
  const placed = usage.placementCount > 0;
  const where = usage.usedInDashboards.join(', ');
  const hidden = usage.placementCount - usage.usedInDashboards.length;
  const choice = h('input', { type: 'radio', name: 'what', value: 'archive', checked: true });
  const remove = h('input', { type: 'radio', name: 'what', value: 'delete' });
  const answer = await openDialog<'archive' | 'delete'>({
    title: placed ? `${chart.title} is on dashboards` : `Delete chart ${chart.title}?`,
    body: placed
      ? h(
          'div',
          null,
          h(
            'p',
            null,
            `It is placed ${usage.placementCount} ${usage.placementCount === 1 ? 'time' : 'times'}`,
            where ? `, on ${where}` : '',
            hidden > 0 ? ` (and ${hidden} on dashboards you cannot see)` : '',
            '.',
          ),
          h(
            'label',
            { class: 'check' },
            choice,
            ' Archive it: it stays on those dashboards and moves to the Archive folder of your workspace.',
          ),
          h('label', { class: 'check' }, remove, ' Delete it everywhere: it leaves those dashboards too.'),
        )
      : h('p', null, 'Its versions and sharing links go with it. You can undo for a few seconds.'),
    submit: {
      label: placed ? 'Continue' : 'Delete chart',
      value: () => (placed && choice.checked ? 'archive' : 'delete'),
    },
  });
  if (answer === 'archive') {
    try {
      await archive(chart);
      notify(`${chart.title} archived: still on its dashboards, now in the Archive folder.`);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
    return;
  }
  if (answer !== 'delete') return;
  deleteWithUndo({
    key: `chart:${chart.id}`,
    message: `Chart ${chart.title} deleted.`,
    hide: () => navigate(back),
    restore: () =>
      navigate(`/charts/${chart.id}${back.startsWith('/dashboards/') ? `?dashboard=${back.split('/')[2]}` : ''}`),
    commit: () => api.charts.delete.mutate({ id: chart.id }),
    failed: (e) => notify(messageOf(e), 'error'),
  });
}
