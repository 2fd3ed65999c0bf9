import type { View } from '../main.js';
import { navigate } from '../router.js';
import { api, saveSession } from '../session.js';
import { field } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf } from '../ui/feedback.js';

/**
 * Sign in, or create an account (embedded auth: the server hashes the password and signs a JWT). Creating an account
 * is sign-up followed by sign-in, because sign-up answers alike for new and taken addresses.
 */
export const renderSignIn: View = (main) => {
  let mode: 'sign-in' | 'sign-up' = 'sign-in';
  const draw = () => {
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true });
    const password = h('input', {
      type: 'password',
      name: 'password',
      autocomplete: mode === 'sign-in' ? 'current-password' : 'new-password',
      minlength: mode === 'sign-up' ? '8' : null,
      required: true,
    });
    const displayName = h('input', {
      type: 'text',
      name: 'displayName',
      autocomplete: 'name',
      required: true,
      maxlength: '200',
    });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, mode === 'sign-in' ? 'Sign in' : 'Create account');
    const form = h(
      'form',
      { class: 'card auth', 'aria-labelledby': 'auth-title' },
      h('h1', { id: 'auth-title' }, mode === 'sign-in' ? 'Sign in' : 'Create your account'),
      mode === 'sign-up' ? field('Your name', displayName) : null,
      field('Email', email),
      field('Password', password),
      error,
      submit,
      h(
        'p',
        { class: 'muted' },
        mode === 'sign-in' ? 'New here? ' : 'Already have an account? ',
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              mode = mode === 'sign-in' ? 'sign-up' : 'sign-in';
              draw();
            },
          },
          mode === 'sign-in' ? 'Create an account' : 'Sign in',
        ),
      ),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const credentials = { email: email.value, password: password.value };
        if (mode === 'sign-up') {
          // The answer is the same whether or not the address already had an account (its owner is told instead);
          // a new account signs in right away with the password just chosen.
          await api.auth.signUp.mutate({ ...credentials, displayName: displayName.value });
          try {
            saveSession(await api.auth.signIn.mutate(credentials));
          } catch (err) {
            if ((err as { data?: { code?: string } }).data?.code !== 'UNAUTHORIZED') throw err;
            throw new Error(
              'We could not sign you in with this email and password. If you already have an account, sign in with its password instead.',
            );
          }
        } else {
          saveSession(await api.auth.signIn.mutate(credentials));
        }
        navigate('/dashboards', { replace: true });
      } catch (err) {
        error.textContent = messageOf(err);
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    mount(main, h('div', { class: 'auth-page' }, form));
    (mode === 'sign-up' ? displayName : email).focus();
  };
  draw();
};
