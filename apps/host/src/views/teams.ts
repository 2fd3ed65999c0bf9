import type { View } from '../main.js';
import { navigate } from '../router.js';
import { api, currentSession } from '../session.js';
import { deleteWithUndo, flushDeletes } from '../ui/deferred.js';
import { field, openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify, statusBlock } from '../ui/feedback.js';
import { settle, showSkeleton, skeleton } from '../ui/skeleton.js';

type Team = Awaited<ReturnType<typeof api.teams.list.query>>[number];
type Member = Awaited<ReturnType<typeof api.teams.members.list.query>>[number];
type Invitation = Awaited<ReturnType<typeof api.teams.invitations.list.query>>[number];
type MyInvitation = Awaited<ReturnType<typeof api.teams.invitations.mine.query>>[number];
const ROLES = ['viewer', 'editor', 'admin'] as const;

/**
 * Invitations waiting for the user (accept or decline), the teams they belong to, and for one team its members
 * with their roles (admins invite, change roles, remove, and see and revoke pending invitations).
 */
export const renderTeams: View = (main, route) => {
  if (route.name !== 'teams') return;
  const forMe = h('section', { class: 'invitations-for-me', 'aria-label': 'Invitations for you' });
  const list = h('section', { class: 'team-list', 'aria-label': 'Your teams' });
  const detail = h('section', { class: 'team-detail', 'aria-label': 'Team members' });

  // An invitation link (`/teams?invitation=<token>`, as a host's notify hook would mail it) is answered by its token.
  const linkToken = new URL(location.href).searchParams.get('invitation');
  const invitationLink = (token: string) => {
    const answer = async (accept: boolean) => {
      try {
        if (accept) {
          const team = await api.teams.invitations.accept.mutate({ token });
          notify(`You joined ${team.name} as ${team.role}.`);
          navigate(`/teams/${team.id}`, { replace: true });
        } else {
          await api.teams.invitations.decline.mutate({ token });
          notify('Invitation declined.');
          navigate('/teams', { replace: true });
        }
      } catch (e) {
        notify(messageOf(e), 'error');
      }
    };
    return h(
      'li',
      { class: 'card' },
      h('p', null, 'You opened an invitation link to join a team.'),
      h('button', { type: 'button', class: 'primary', onclick: () => answer(true) }, 'Accept invitation'),
      h('button', { type: 'button', onclick: () => answer(false) }, 'Decline invitation'),
    );
  };

  const loadMyInvitations = async () => {
    try {
      const mine = await api.teams.invitations.mine.query();
      mount(
        forMe,
        mine.length || linkToken
          ? [
              h('h2', null, 'Invitations for you'),
              h(
                'ul',
                { class: 'invitation-list' },
                linkToken ? invitationLink(linkToken) : null,
                mine.map((i) => myInvitationRow(i)),
              ),
            ]
          : null,
      );
    } catch (e) {
      mount(forMe, statusBlock('error', messageOf(e), loadMyInvitations));
    }
  };

  const myInvitationRow = (i: MyInvitation) => {
    const answer = async (accept: boolean) => {
      try {
        if (accept) {
          await api.teams.invitations.accept.mutate({ id: i.id });
          notify(`You joined ${i.team.name} as ${i.role}.`);
          navigate(`/teams/${i.team.id}`);
        } else {
          await api.teams.invitations.decline.mutate({ id: i.id });
          notify(`Invitation to ${i.team.name} declined.`);
          void loadMyInvitations();
        }
      } catch (e) {
        notify(messageOf(e), 'error');
        void loadMyInvitations();
      }
    };
    return h(
      'li',
      { class: 'card' },
      h(
        'p',
        null,
        h('strong', null, i.team.name),
        ` — ${i.invitedByName ?? 'A team admin'} invited you as ${i.role}. `,
        h('span', { class: 'muted' }, `Open until ${new Date(i.expiresAt).toLocaleDateString()}.`),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'aria-label': `Accept the invitation to ${i.team.name}`,
          onclick: () => answer(true),
        },
        'Accept',
      ),
      h(
        'button',
        { type: 'button', 'aria-label': `Decline the invitation to ${i.team.name}`, onclick: () => answer(false) },
        'Decline',
      ),
    );
  };

  const loadTeams = async () => {
    showSkeleton(list, 'cards', 'Loading teams…');
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
                  { class: 'card team-card', 'data-team-id': t.id, 'aria-current': t.id === route.id ? 'true' : null },
                  h('a', { href: `/teams/${t.id}` }, h('h2', null, t.name)),
                  h(
                    'p',
                    { class: 'muted' },
                    `${t.memberCount} member${t.memberCount === 1 ? '' : 's'} · you are ${t.role}`,
                  ),
                  t.role === 'admin'
                    ? h(
                        'div',
                        { class: 'actions' },
                        h(
                          'button',
                          {
                            type: 'button',
                            class: 'danger',
                            'aria-label': `Delete team ${t.name}`,
                            onclick: (e: Event) => deleteTeam(t, (e.currentTarget as HTMLElement).closest('li')!),
                          },
                          'Delete…',
                        ),
                      )
                    : null,
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
    } finally {
      settle(list);
    }
  };

  /**
   * A team that still owns content is not offered for deletion: the dialog names what it owns. Otherwise deletion
   * waits out the undo window, so undo keeps the team, its memberships and invitations exactly as they were.
   */
  const deleteTeam = async (team: Team, card: HTMLElement) => {
    let owns: string | null;
    try {
      ({ owns } = await api.teams.deleteBlockers.query({ id: team.id }));
    } catch (e) {
      notify(messageOf(e), 'error');
      return;
    }
    if (owns) {
      await openDialog({
        title: `${team.name} cannot be deleted yet`,
        body: h('p', null, `It still owns ${owns}. Move them to a person or another team, or delete them, first.`),
      });
      return;
    }
    const others = team.memberCount - 1;
    const ok = await openDialog({
      title: `Delete team ${team.name}?`,
      body: h(
        'p',
        null,
        others > 0
          ? `Its ${others} other member${others === 1 ? '' : 's'} lose${others === 1 ? 's' : ''} access to the team; pending invitations are withdrawn.`
          : 'You are its only member; pending invitations are withdrawn.',
      ),
      submit: { label: 'Delete team', value: () => true },
    });
    if (!ok) return;
    const shown = route.id === team.id;
    deleteWithUndo({
      key: `team:${team.id}`,
      message: `Team ${team.name} deleted.`,
      hide: () => {
        card.hidden = true;
        if (shown) mount(detail);
      },
      restore: () => {
        card.hidden = false;
        if (shown) void loadMembers(team);
      },
      commit: () => api.teams.delete.mutate({ id: team.id }),
      committed: () => {
        card.remove();
        if (shown) navigate('/teams');
      },
      failed: (e) => notify(messageOf(e), 'error'),
    });
  };

  const loadMembers = async (team: Team) => {
    showSkeleton(detail, 'rows', 'Loading members…');
    try {
      const members = await api.teams.members.list.query({ teamId: team.id });
      const admin = team.role === 'admin';
      const pending = admin ? pendingInvitations(team) : null;
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
        pending?.region,
        pending
          ? inviteForm(team, pending.load)
          : h('p', { class: 'muted' }, 'Only team admins invite and manage members.'),
      );
    } catch (e) {
      mount(
        detail,
        statusBlock('error', messageOf(e), () => loadMembers(team)),
      );
    } finally {
      settle(detail);
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

  /** Pending invitations (admins): who was invited, as what, until when; each can be revoked. */
  const pendingInvitations = (team: Team) => {
    const region = h('div', { class: 'pending-invitations' }, skeleton('rows', 'Loading invitations…'));
    const load = async () => {
      try {
        const invitations = await api.teams.invitations.list.query({ teamId: team.id });
        mount(
          region,
          h('h3', null, 'Pending invitations'),
          invitations.length
            ? h(
                'table',
                { class: 'members invitations' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    h('th', { scope: 'col' }, 'Email'),
                    h('th', { scope: 'col' }, 'Role'),
                    h('th', { scope: 'col' }, 'Open until'),
                    h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  invitations.map((i) => invitationRow(i, load)),
                ),
              )
            : h('p', { class: 'muted' }, 'No pending invitations.'),
        );
      } catch (e) {
        mount(region, statusBlock('error', messageOf(e), load));
      }
    };
    void load();
    return { region, load };
  };

  const invitationRow = (i: Invitation, reload: () => Promise<void>) =>
    h(
      'tr',
      null,
      h('td', null, i.email),
      h('td', null, i.role),
      h('td', null, i.expired ? 'expired' : new Date(i.expiresAt).toLocaleDateString()),
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'aria-label': `Revoke the invitation of ${i.email}`,
            onclick: async () => {
              try {
                await api.teams.invitations.revoke.mutate({ id: i.id });
                notify(`Invitation of ${i.email} revoked.`);
              } catch (e) {
                notify(messageOf(e), 'error');
              }
              void reload();
            },
          },
          'Revoke',
        ),
      ),
    );

  /**
   * Invites by email. The answer is the same whether or not the address has an account: the person joins only
   * when they accept.
   */
  const inviteForm = (team: Team, reloadPending: () => Promise<void>) => {
    const email = h('input', {
      type: 'email',
      required: true,
      placeholder: 'colleague@example.com',
      'aria-label': 'Email to invite',
    });
    const role = h(
      'select',
      { 'aria-label': 'Role of the invitee' },
      ROLES.map((r) => h('option', { value: r }, r)),
    );
    const form = h(
      'form',
      { class: 'inline-form', 'aria-label': 'Invite someone' },
      field('Email', email),
      field('Role', role),
      h('button', { type: 'submit', class: 'primary' }, 'Send invitation'),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const invitation = await api.teams.invitations.create.mutate({
          teamId: team.id,
          email: email.value,
          role: role.value as Member['role'],
        });
        notify(`Invitation sent to ${invitation.email}. They join when they accept.`);
        email.value = '';
        void reloadPending();
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
    forMe,
    h('div', { class: 'teams' }, list, detail),
  );
  void loadMyInvitations();
  void loadTeams();
  return flushDeletes;
};
