import type { TemplateSummary } from '@ocp/contract';
import type { View } from '../main.js';
import { api, currentSession } from '../session.js';
import { openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { skeleton } from '../ui/skeleton.js';

/** Templates: the custom ones (own and teammates'), to edit or delete, and the built-in ones, to know what exists. */
export const renderTemplates: View = (main) => {
  const list = h('section', { 'aria-label': 'Templates', 'aria-live': 'polite' });
  const load = async () => {
    list.setAttribute('aria-busy', 'true');
    if (!list.firstChild) mount(list, skeleton('cards', 'Loading templates…'));
    try {
      const all = await api.templates.list.query();
      const custom = all.filter((t) => !t.isSystemTemplate);
      const builtIn = all.filter((t) => t.isSystemTemplate);
      mount(
        list,
        h('h2', null, 'Custom templates'),
        custom.length
          ? h(
              'ul',
              { class: 'cards' },
              custom.map((t) => card(t, load)),
            )
          : statusBlock('empty', 'No custom templates yet. Draw one with “New template”.'),
        h('h2', null, 'Built in'),
        h(
          'ul',
          { class: 'cards' },
          builtIn.map((t) => card(t, load)),
        ),
      );
    } catch (e) {
      mount(list, statusBlock('error', messageOf(e), load));
    } finally {
      list.removeAttribute('aria-busy');
    }
  };
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Templates'),
      h('a', { class: 'button primary', href: '/templates/new' }, 'New template'),
    ),
    list,
  );
  void load();
};

const slotsText = (n: number) => `${n} ${n === 1 ? 'slot' : 'slots'}`;

/** Whose a custom template is, as its card says. */
function owner(t: TemplateSummary, mine: boolean): string {
  if (t.ownerTeamId) return mine ? 'yours, shared with a team' : 'your team’s';
  return mine ? 'yours' : 'a teammate’s';
}

function card(t: TemplateSummary, reload: () => Promise<void>): HTMLElement {
  const mine = t.createdBy === currentSession()?.user.id;
  const remove = async () => {
    const ok = await openDialog({
      title: `Delete template ${t.name}?`,
      body: h('p', null, 'Dashboards and tabs that use it keep nothing of it, so a template in use cannot be deleted.'),
      submit: { label: 'Delete template', value: () => true },
    });
    if (!ok) return;
    try {
      await api.templates.delete.mutate({ id: t.id });
      notify(`Template ${t.name} deleted.`);
      await reload();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };
  return h(
    'li',
    { class: 'card template-card' },
    t.isSystemTemplate ? h('h3', null, t.name) : h('a', { href: `/templates/${t.id}` }, h('h3', null, t.name)),
    h(
      'p',
      { class: 'muted' },
      [t.description, slotsText(t.slotCount), t.isSystemTemplate ? 'built in' : owner(t, mine)]
        .filter(Boolean)
        .join(' · '),
    ),
    !t.isSystemTemplate && mine
      ? h(
          'div',
          { class: 'actions' },
          h('a', { class: 'button', href: `/templates/${t.id}` }, 'Edit'),
          h(
            'button',
            { type: 'button', class: 'danger', 'aria-label': `Delete template ${t.name}`, onclick: remove },
            'Delete',
          ),
        )
      : null,
  );
}
