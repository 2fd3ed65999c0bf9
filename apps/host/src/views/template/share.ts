import { field } from '../../ui/dialog.js';
import { h } from '../../ui/dom.js';

export interface ShareTeam {
  id: string;
  name: string;
  role: string;
}

/**
 * Who a template is for: the creator (their teammates in every team use it, as before) or one team the creator
 * edits in (only that team's members use it). The server checks the same rule (templates service, migration 0019).
 */
export function shareField(teams: ShareTeam[], current: string | null | undefined) {
  const editable = teams.filter((t) => t.role === 'admin' || t.role === 'editor');
  const select = h(
    'select',
    { name: 'ownerTeamId' },
    h('option', { value: '' }, 'Only me'),
    editable.map((t) => h('option', { value: t.id }, `Team ${t.name}`)),
    current && !editable.some((t) => t.id === current)
      ? h('option', { value: current }, `Team ${teams.find((t) => t.id === current)?.name ?? '(not yours to pick)'}`)
      : null,
  ) as HTMLSelectElement;
  select.value = current ?? '';
  const hint = h('p', { class: 'muted', id: 'share-hint' });
  select.setAttribute('aria-describedby', 'share-hint');
  const explain = () => {
    const team = teams.find((t) => t.id === select.value);
    hint.textContent = team
      ? `Members of ${team.name} can use it for their dashboards; only you change it.`
      : 'Members of your teams can use it for their dashboards; only you change it.';
  };
  select.addEventListener('change', explain);
  explain();
  return {
    element: h('div', null, field('Share with', select), hint),
    value: (): string | null => select.value || null,
  };
}
