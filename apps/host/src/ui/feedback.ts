import { h } from './dom.js';

/** A polite live region for short confirmations ("Saved"), and an assertive one for failures. */
const polite = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
const assertive = h('div', { class: 'toast error', role: 'alert' });
document.body.append(polite, assertive);
let timer = 0;

/**
 * Keeps the live regions inside the topmost open modal dialog (or the body): a modal makes the rest of the page
 * inert, which would hide their messages from assistive technology and leave an "Undo" unclickable.
 */
export function placeToasts(): void {
  const home = [...document.querySelectorAll('dialog[open]')].at(-1) ?? document.body;
  if (polite.parentElement !== home) home.append(polite, assertive);
}

export function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  const region = kind === 'error' ? assertive : polite;
  (kind === 'error' ? polite : assertive).textContent = '';
  region.textContent = message;
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    region.textContent = '';
  }, 5000);
}

/**
 * A confirmation with one action, usually "Undo" (shown for 10 s): `run` is called at most once, and what it
 * resolves to is announced.
 */
export function notifyUndo(message: string, run: () => Promise<string>, label = 'Undo'): void {
  let used = false;
  const button = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        if (used) return;
        used = true;
        try {
          notify(await run());
        } catch (e) {
          notify(messageOf(e), 'error');
        }
      },
    },
    label,
  );
  assertive.textContent = '';
  polite.replaceChildren(h('span', null, message, ' '), button);
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    polite.textContent = '';
  }, 10_000);
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
