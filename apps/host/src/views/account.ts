import { navigate } from '../router.js';
import { api, clearSession, type Session, saveSession } from '../session.js';
import { field, openDialog } from '../ui/dialog.js';
import { h } from '../ui/dom.js';
import { messageOf, notify } from '../ui/feedback.js';

/** Ends the session on the server too (the token stops working at once), then forgets it here. */
async function signOut(): Promise<void> {
  try {
    await api.auth.signOut.mutate();
  } catch {
    // Already expired or revoked: signing out here is all that is left to do.
  }
  clearSession();
  navigate('/sign-in');
}

async function signOutEverywhere(): Promise<void> {
  const done = await openDialog({
    title: 'Sign out everywhere',
    body: h(
      'p',
      null,
      'Every device signed in to your account, this one included, is signed out at once. Use it when you left a session open somewhere or suspect someone else uses your account.',
    ),
    submit: { label: 'Sign out everywhere', value: () => api.auth.signOutEverywhere.mutate() },
  });
  if (!done) return;
  clearSession();
  notify('Signed out on every device.');
  navigate('/sign-in');
}

async function changePassword(): Promise<void> {
  const input = (autocomplete: string) =>
    h('input', { type: 'password', required: true, autocomplete, maxlength: '256' });
  const current = input('current-password');
  const next = h('input', {
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    minlength: '8',
    maxlength: '256',
  });
  const repeat = input('new-password');
  const session = await openDialog<Session>({
    title: 'Change password',
    body: h(
      'div',
      { class: 'stack' },
      field('Current password', current),
      field('New password (at least 8 characters)', next),
      field('Repeat the new password', repeat),
      h('p', { class: 'muted' }, 'Your other devices are signed out; this one stays signed in.'),
    ),
    submit: {
      label: 'Change password',
      value: async () => {
        if (next.value.length < 8) throw new Error('The new password needs at least 8 characters.');
        if (next.value !== repeat.value) throw new Error('The new passwords do not match.');
        return api.me.changePassword.mutate({ currentPassword: current.value, newPassword: next.value });
      },
    },
  });
  if (!session) return;
  saveSession(session);
  notify('Password changed. Your other devices were signed out.');
}

/**
 * The header's account menu: a disclosure button naming the user, opening Change password, Sign out everywhere and
 * Sign out. Escape or a click elsewhere closes it; focus returns to the button.
 */
export function accountMenu(session: Session): HTMLElement {
  const id = 'account-menu';
  const toggle = h(
    'button',
    { type: 'button', 'aria-expanded': 'false', 'aria-controls': id, title: session.user.email },
    session.user.displayName,
    h('span', { 'aria-hidden': 'true' }, ' ▾'),
  );
  const action = (label: string, run: () => Promise<void>, danger = false) =>
    h(
      'button',
      {
        type: 'button',
        class: danger ? 'danger' : null,
        onclick: async () => {
          setOpen(false);
          try {
            await run();
          } catch (e) {
            notify(messageOf(e), 'error');
          }
        },
      },
      label,
    );
  const panel = h(
    'div',
    { id, class: 'account-panel', hidden: true },
    h('p', { class: 'muted' }, session.user.email),
    h('a', { class: 'button', href: '/profile', onclick: () => setOpen(false) }, 'Profile'),
    action('Change password', changePassword),
    action('Sign out everywhere', signOutEverywhere, true),
    action('Sign out', signOut),
  );
  const root = h('div', { class: 'user account' }, toggle, panel);
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  };
  toggle.addEventListener('click', () => {
    const open = panel.hidden;
    setOpen(open);
    if (open) panel.querySelector('button')?.focus();
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      setOpen(false);
      toggle.focus();
    }
  });
  const closeOutside = (e: MouseEvent) => {
    if (!root.isConnected)
      document.removeEventListener('click', closeOutside); // the header was redrawn
    else if (!root.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener('click', closeOutside);
  return root;
}
