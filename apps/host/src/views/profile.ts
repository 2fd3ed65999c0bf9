import type { View } from '../main.js';
import { api, currentSession, saveSession } from '../session.js';
import { field } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { settle, showSkeleton } from '../ui/skeleton.js';

/** Locales offered for dates and numbers; "" follows the browser. */
const LOCALES: Array<[string, string]> = [
  ['', 'As my browser says'],
  ['en-US', 'English (United States)'],
  ['en-GB', 'English (United Kingdom)'],
  ['de-DE', 'Deutsch (Deutschland)'],
  ['fr-FR', 'Français (France)'],
  ['es-ES', 'Español (España)'],
  ['nl-NL', 'Nederlands (Nederland)'],
  ['ja-JP', '日本語 (日本)'],
];

function timeZones(current: string): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set(['UTC', current, ...all])];
}

/** The caller's profile: display name, avatar (an https image address), time zone and locale (preferences.locale). */
export const renderProfile: View = (main) => {
  const region = h('section', { class: 'profile-page', 'aria-label': 'Profile' });
  mount(main, h('div', { class: 'page-head' }, h('h1', null, 'Your profile')), region);
  showSkeleton(region, 'form', 'Loading your profile…');
  const load = async () => {
    try {
      const me = await api.me.get.query();
      const name = h('input', {
        type: 'text',
        name: 'displayName',
        required: true,
        maxlength: '200',
        value: me.displayName,
      });
      const avatar = h('input', {
        type: 'url',
        name: 'avatarUrl',
        placeholder: 'https://…/me.png',
        value: me.avatarUrl ?? '',
      });
      const tz = h(
        'select',
        { name: 'timezone' },
        timeZones(me.timezone).map((z) => h('option', { value: z, selected: z === me.timezone }, z)),
      );
      const locale0 = typeof me.preferences.locale === 'string' ? me.preferences.locale : '';
      const locale = h(
        'select',
        { name: 'locale' },
        LOCALES.map(([v, label]) => h('option', { value: v, selected: v === locale0 }, label)),
      );
      // The avatar is not drawn here: the app's Content-Security-Policy loads images from its own origin only.
      const initials = h(
        'span',
        { class: 'avatar', 'aria-hidden': 'true' },
        me.displayName
          .split(/\s+/)
          .map((w) => w[0] ?? '')
          .join('')
          .slice(0, 2)
          .toUpperCase(),
      );
      const sample = h('p', { class: 'muted', 'aria-live': 'polite' });
      const showSample = () => {
        const when = new Date().toLocaleString(locale.value || undefined, {
          timeZone: tz.value,
          dateStyle: 'full',
          timeStyle: 'short',
        });
        sample.textContent = `Dates will read like: ${when}; numbers like ${(1234567.891).toLocaleString(locale.value || undefined)}.`;
      };
      tz.addEventListener('change', showSample);
      locale.addEventListener('change', showSample);
      showSample();
      const problem = h('p', { class: 'form-error', role: 'alert' });
      const form = h(
        'form',
        { class: 'chart-form profile-form', 'aria-label': 'Profile' },
        h(
          'fieldset',
          null,
          h('legend', null, 'You'),
          initials,
          field('Display name', name),
          field('Avatar image address (https)', avatar),
        ),
        h(
          'fieldset',
          null,
          h('legend', null, 'Time and language'),
          field('Time zone', tz),
          field('Locale', locale),
          sample,
        ),
        h('p', { class: 'muted' }, `Signed in as ${me.email ?? 'an external account'}.`),
        problem,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save profile')),
      );
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        problem.textContent = '';
        if (!name.value.trim()) {
          problem.textContent = 'Your display name cannot be empty.';
          return;
        }
        if (avatar.value && !avatar.value.startsWith('https://')) {
          problem.textContent = 'The avatar must be an https:// address.';
          return;
        }
        try {
          const saved = await api.me.update.mutate({
            displayName: name.value.trim(),
            avatarUrl: avatar.value.trim() || null,
            timezone: tz.value,
            preferences: { ...me.preferences, locale: locale.value || undefined },
          });
          // The header shows the name from the session: keep it in step.
          const session = currentSession();
          if (session) saveSession({ ...session, user: { ...session.user, displayName: saved.displayName } });
          const button = document.querySelector<HTMLElement>('.account > button');
          if (button?.firstChild) button.firstChild.textContent = saved.displayName;
          notify('Profile saved.');
        } catch (err) {
          problem.textContent = messageOf(err);
        }
      });
      mount(region, form);
    } catch (e) {
      mount(region, statusBlock('error', messageOf(e), load));
    } finally {
      settle(region);
    }
  };
  void load();
};
