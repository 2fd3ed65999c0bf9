import type { View } from '../main.js';
import { navigate } from '../router.js';
import { api, currentSession } from '../session.js';
import { field, openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';

type Team = Awaited<ReturnType<typeof api.teams.list.query>>[number];
type Member = Awaited<ReturnType<typeof api.teams.members.list.query>>[number];
const ROLES = ['viewer', 'editor', 'admin'] as const;

/** Teams the user belongs to; for one team, its members with their roles (admins add, change and remove). */
export const renderTeams: View = (main, route) => {
  if (route.name !== 'teams') return;
  const list = h('section', { class: 'team-list', 'aria-label': 'Your teams' });
  const detail = h('section', { class: 'team-detail', 'aria-label': 'Team members' });

  const loadTeams = async () => {
    mount(list, statusBlock('loading', 'Loading teams…'));
    try {
      const teams = await api.teams.list.query();
      mount(
        list,
        teams.length
          ? h(
              'ul',
              { class: 'cards' },
              teams.map((t) =>
                h(
                  'li',
                  { class: 'card', 'aria-current': t.id === route.id ? 'true' : null },
                  h('a', { href: `/teams/${t.id}` }, h('h2', null, t.name)),
                  h(
                    'p',
                    { class: 'muted' },
                    `${t.memberCount} member${t.memberCount === 1 ? '' : 's'} · you are ${t.role}`,
                  ),
                ),
              ),
            )
          : statusBlock('empty', 'You are in no team yet. Create one to share dashboards and charts.'),
      );
      const team = teams.find((t) => t.id === route.id);
      if (team) void loadMembers(team);
      else mount(detail);
    } catch (e) {
      mount(list, statusBlock('error', messageOf(e), loadTeams));
    }
  };

  const loadMembers = async (team: Team) => {
    mount(detail, statusBlock('loading', 'Loading members…'));
    try {
      const members = await api.teams.members.list.query({ teamId: team.id });
      const admin = team.role === 'admin';
      mount(
        detail,
        h('h2', null, `${team.name} members`),
        h(
          'table',
          { class: 'members' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Name'),
              h('th', { scope: 'col' }, 'Email'),
              h('th', { scope: 'col' }, 'Role'),
              admin ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null,
            ),
          ),
          h(
            'tbody',
            null,
            members.map((m) => memberRow(team, m, admin)),
          ),
        ),
        admin ? addMemberForm(team) : h('p', { class: 'muted' }, 'Only team admins manage members.'),
      );
    } catch (e) {
      mount(
        detail,
        statusBlock('error', messageOf(e), () => loadMembers(team)),
      );
    }
  };

  const memberRow = (team: Team, m: Member, admin: boolean) => {
    const role = h(
      'select',
      { 'aria-label': `Role of ${m.displayName ?? m.email}`, disabled: !admin },
      ROLES.map((r) => h('option', { value: r }, r)),
    );
    role.value = m.role;
    role.addEventListener('change', async () => {
      try {
        await api.teams.members.setRole.mutate({
          teamId: team.id,
          userId: m.userId,
          role: role.value as Member['role'],
        });
        notify(`${m.displayName ?? m.email} is now ${role.value}.`);
      } catch (e) {
        role.value = m.role;
        notify(messageOf(e), 'error');
      }
    });
    const me = m.userId === currentSession()?.user.id;
    return h(
      'tr',
      null,
      h('td', null, m.displayName ?? '—', me ? h('span', { class: 'muted' }, ' (you)') : null),
      h('td', null, m.email ?? ''),
      h('td', null, role),
      admin
        ? h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'danger',
                onclick: async () => {
                  try {
                    await api.teams.members.remove.mutate({ teamId: team.id, userId: m.userId });
                    notify(`${m.displayName ?? m.email} removed.`);
                    void loadTeams();
                  } catch (e) {
                    notify(messageOf(e), 'error');
                  }
                },
              },
              me ? 'Leave' : 'Remove',
            ),
          )
        : null,
    );
  };

  const addMemberForm = (team: Team) => {
    const email = h('input', {
      type: 'email',
      required: true,
      placeholder: 'colleague@example.com',
      'aria-label': 'Email of the new member',
    });
    const role = h(
      'select',
      { 'aria-label': 'Role of the new member' },
      ROLES.map((r) => h('option', { value: r }, r)),
    );
    const form = h(
      'form',
      { class: 'inline-form', 'aria-label': 'Add a member' },
      field('Email', email),
      field('Role', role),
      h('button', { type: 'submit', class: 'primary' }, 'Add member'),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api.teams.members.add.mutate({ teamId: team.id, email: email.value, role: role.value as Member['role'] });
        notify(`${email.value} added as ${role.value}.`);
        void loadTeams();
      } catch (err) {
        notify(messageOf(err), 'error');
      }
    });
    return form;
  };

  const createTeam = async () => {
    const name = h('input', { type: 'text', required: true, maxlength: '200' });
    const team = await openDialog({
      title: 'New team',
      body: field('Team name', name),
      submit: {
        label: 'Create team',
        value: () => (name.value.trim() ? api.teams.create.mutate({ name: name.value.trim() }) : undefined),
      },
    });
    if (team) navigate(`/teams/${team.id}`);
  };

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Teams'),
      h('button', { type: 'button', class: 'primary', onclick: createTeam }, 'New team'),
    ),
    h('div', { class: 'teams' }, list, detail),
  );
  void loadTeams();
};
