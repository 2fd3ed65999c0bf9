import { h } from './dom.js';
import { messageOf, notify } from './feedback.js';

/**
 * A "Public" switch with what it means in one sentence. Only owners and team admins may change it (the server
 * answers FORBIDDEN otherwise, and the switch goes back).
 */
export function publicToggle(options: {
  kind: 'dashboard' | 'chart';
  title: string;
  isPublic: boolean;
  save: (isPublic: boolean) => Promise<unknown>;
}): HTMLElement {
  const hintId = `public-hint-${Math.random().toString(36).slice(2)}`;
  const box = h('input', {
    type: 'checkbox',
    checked: options.isPublic,
    'aria-describedby': hintId,
  });
  box.addEventListener('change', async () => {
    const want = box.checked;
    box.disabled = true;
    try {
      await options.save(want);
      notify(`${options.title} is ${want ? 'now public' : 'private again'}.`);
    } catch (e) {
      box.checked = !want;
      notify(messageOf(e), 'error');
    } finally {
      box.disabled = false;
    }
  });
  return h(
    'div',
    { class: 'public-toggle' },
    h('label', { class: 'check' }, box, ' Public'),
    h(
      'span',
      { class: 'muted', id: hintId },
      options.kind === 'dashboard'
        ? 'Anyone signed in to this site can open it read-only; only you and your team can change it.'
        : 'Anyone signed in to this site can find it and place it on their dashboards; only you and your team can change it.',
    ),
  );
}
