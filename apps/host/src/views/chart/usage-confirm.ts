import { api } from '../../session.js';
import { openDialog } from '../../ui/dialog.js';
import { h } from '../../ui/dom.js';

/**
 * Before a chart edit is saved: the dashboards it will change (its floating placements, from charts.usage, the
 * seed's usage query for one chart), each with a box to pin that placement to the version it shows now, so that
 * dashboard keeps looking the same. Resolves false when the author cancels; true once the chosen pins are made
 * (or when the chart is on no dashboard the edit would change).
 */
export async function confirmChartEdit(chartId: string): Promise<boolean> {
  const usage = await api.charts.usage.query({ id: chartId });
  const floating = usage.dashboards
    .map((d) => ({ ...d, placements: d.placements.filter((p) => p.pinnedVersion === null) }))
    .filter((d) => d.placements.length > 0);
  if (floating.length === 0 && usage.hiddenPlacements === 0) return true;
  const boxes: Array<{ box: HTMLInputElement; id: string; customizations: Record<string, unknown> }> = [];
  const list = h(
    'ul',
    { class: 'usage-list' },
    ...floating.flatMap((d) =>
      d.placements.map((p) => {
        const box = h('input', { type: 'checkbox' }) as HTMLInputElement;
        boxes.push({ box, id: p.id, customizations: p.customizations });
        return h(
          'li',
          null,
          h(
            'label',
            null,
            box,
            ` ${d.title} — ${p.tabTitle}: pin to version ${usage.currentVersion} (keep it as it is)`,
          ),
        );
      }),
    ),
  );
  const body = h(
    'div',
    null,
    h(
      'p',
      null,
      floating.length
        ? 'Saving changes the chart on these dashboards. Pin a placement to keep showing the current version there.'
        : 'This chart is on no dashboard you can edit.',
    ),
    floating.length ? list : null,
    usage.hiddenPlacements
      ? h(
          'p',
          { class: 'muted' },
          `It is also on ${usage.hiddenPlacements} placement(s) of dashboards you cannot edit.`,
        )
      : null,
  );
  const ok = await openDialog({
    title: 'Dashboards this edit changes',
    body,
    submit: {
      label: 'Save',
      value: async () => {
        for (const { box, id, customizations } of boxes) {
          if (!box.checked) continue;
          await api.placements.update.mutate({
            id,
            customizations: { ...customizations, pinnedVersion: usage.currentVersion },
          });
        }
        return true;
      },
    },
  });
  return ok === true;
}
