import { h } from './dom.js';
import { placeToasts } from './feedback.js';

/**
 * A modal `<dialog>` with a title, a body and actions. Resolves with the action's value, or null when dismissed
 * (Escape, the close button, a click on the backdrop). Focus returns to where it was.
 */
export function openDialog<T>(options: {
  title: string;
  body: Node;
  /** Called on submit; return undefined to keep the dialog open (e.g. invalid input). */
  submit?: { label: string; value: () => T | undefined | Promise<T | undefined> };
  wide?: boolean;
}): Promise<T | null> {
  const previous = document.activeElement as HTMLElement | null;
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const dialog = h('dialog', { class: options.wide ? 'wide' : null, 'aria-labelledby': titleId });
  let result: T | null = null;
  const form = h(
    'form',
    { method: 'dialog' },
    h(
      'header',
      null,
      h('h2', { id: titleId, class: 'dialog-title' }, options.title),
      h('button', { type: 'button', class: 'icon', 'aria-label': 'Close', onclick: () => dialog.close() }, '✕'),
    ),
    h('div', { class: 'dialog-body' }, options.body),
    error,
    h(
      'footer',
      null,
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      options.submit ? h('button', { type: 'submit', class: 'primary' }, options.submit.label) : null,
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!options.submit) return;
    error.textContent = '';
    try {
      const value = await options.submit.value();
      if (value === undefined) return;
      result = value;
      dialog.close();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  });
  dialog.append(form);
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  document.body.append(dialog);
  dialog.showModal();
  placeToasts();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      placeToasts();
      previous?.focus?.();
      resolve(result);
    });
  });
}

/** A labelled text field. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', null, label), input);
}
