import { h } from './dom.js';

/** A polite live region for short confirmations ("Saved"), and an assertive one for failures. */
const polite = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
const assertive = h('div', { class: 'toast error', role: 'alert' });
document.body.append(polite, assertive);
let timer = 0;

export function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  const region = kind === 'error' ? assertive : polite;
  (kind === 'error' ? polite : assertive).textContent = '';
  region.textContent = message;
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    region.textContent = '';
  }, 5000);
}

/** The message of a failed call (provider and client errors both carry the server's message). */
export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}

/** A loading, empty or error placeholder for a region of a view. */
export function statusBlock(kind: 'loading' | 'empty' | 'error', text: string, retry?: () => void): HTMLElement {
  if (kind === 'loading')
    return h('div', { class: 'state', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
  if (kind === 'error')
    return h(
      'div',
      { class: 'state error', role: 'alert' },
      text,
      retry ? h('button', { type: 'button', onclick: retry }, 'Retry') : null,
    );
  return h('div', { class: 'state empty' }, text);
}
