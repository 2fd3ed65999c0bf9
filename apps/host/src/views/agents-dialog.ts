import { type AgentView, TOOL_NAMES } from '@ocp/contract';
import { api, currentSession, provider } from '../session.js';
import { deleteWithUndo } from '../ui/deferred.js';
import { field, openDialog } from '../ui/dialog.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify } from '../ui/feedback.js';

/** What each tool lets an agent do, for the checkboxes. */
const TOOL_LABELS: Record<(typeof TOOL_NAMES)[number], string> = {
  create_chart: 'Propose new charts',
  update_chart: 'Propose changes to charts',
  place_chart: 'Propose placing charts in slots',
  move_chart: 'Propose moving charts',
  remove_chart: 'Propose taking charts off a dashboard',
  create_tab: 'Propose new tabs',
  set_tab_template: 'Propose a tab’s template',
  create_template: 'Propose new templates',
  create_dashboard: 'Propose new dashboards',
  search_workspace: 'Search the workspace',
  describe_data: 'Describe data',
  get_context: 'Read the chat’s dashboard',
  set_visibility: 'Ask you to make things public or private',
  create_share_link: 'Ask you to create sharing links',
};

/**
 * Agents: the caller's, their teams' and public ones, listed; their own and their teams' (as editor) can be edited.
 * An agent has instructions, a model (used when the chat has none picked), the tools it may use, and an owner — the
 * caller, or a team to share it with. Resolves once closed; `onChange` runs after each save.
 */
export async function manageAgents(onChange: () => void): Promise<void> {
  const list = h('ul', { class: 'agent-list', 'aria-label': 'Agents' });
  const render = async () => {
    try {
      const [agents, teams] = await Promise.all([api.agents.list.query(), api.teams.list.query()]);
      const me = currentSession()?.user.id;
      const adminOf = new Set(teams.filter((t) => t.role === 'admin').map((t) => t.id));
      mount(
        list,
        agents.length
          ? agents.map((a) => {
              const item = h(
                'li',
                { 'data-agent-id': a.id },
                h('strong', null, a.name),
                h('span', { class: 'muted' }, a.ownerTeamId ? ' · team' : a.isPublic ? ' · public' : ' · yours'),
                a.ownerUserId === me || a.ownerTeamId
                  ? h(
                      'button',
                      { type: 'button', 'aria-label': `Edit agent ${a.name}`, onclick: () => edit(a) },
                      'Edit',
                    )
                  : null,
                // Deleting takes the owner, or an admin of the owning team (as the server has it).
                a.ownerUserId === me || (a.ownerTeamId && adminOf.has(a.ownerTeamId))
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'danger',
                        'aria-label': `Delete agent ${a.name}`,
                        onclick: () => remove(a, item),
                      },
                      'Delete…',
                    )
                  : null,
              );
              return item;
            })
          : h('li', { class: 'muted' }, 'No agents yet: the built-in assistant answers.'),
      );
    } catch (e) {
      mount(list, h('li', { role: 'alert' }, messageOf(e)));
    }
  };
  /** Deletion waits out the undo window: undo keeps the agent, and the chat messages that name it, as they were. */
  const remove = async (agent: AgentView, item: HTMLElement) => {
    const ok = await openDialog({
      title: `Delete agent ${agent.name}?`,
      body: h('p', null, 'Chats stop offering it; the messages it wrote keep their text.'),
      submit: { label: 'Delete agent', value: () => true },
    });
    if (!ok) return;
    deleteWithUndo({
      key: `agent:${agent.id}`,
      message: `Agent ${agent.name} deleted.`,
      hide: () => {
        item.hidden = true;
      },
      restore: () => {
        item.hidden = false;
      },
      commit: () => api.agents.delete.mutate({ id: agent.id }),
      committed: () => {
        item.remove();
        onChange();
      },
      failed: (e) => notify(messageOf(e), 'error'),
    });
  };
  const edit = async (agent: AgentView | null) => {
    if (await agentForm(agent)) {
      onChange();
      await render();
    }
  };
  await render();
  await openDialog({
    title: 'Agents',
    wide: true,
    body: h('div', null, list, h('button', { type: 'button', onclick: () => edit(null) }, 'New agent')),
  });
}

/** The create/edit form; resolves true when saved. */
async function agentForm(agent: AgentView | null): Promise<boolean> {
  const [models, teams] = await Promise.all([
    provider.listModels().catch(() => []),
    api.teams.list.query().catch(() => []),
  ]);
  const caps = agent?.capabilities ?? {};
  const allowed = Array.isArray(caps.tools) ? (caps.tools as string[]) : [...TOOL_NAMES];
  const name = h('input', { type: 'text', required: true, maxlength: '200', value: agent?.name ?? '' });
  const description = h('input', { type: 'text', maxlength: '2000', value: agent?.description ?? '' });
  const instructions = h('textarea', { required: true, rows: '6', maxlength: '20000' }, agent?.instructions ?? '');
  const model = h(
    'select',
    null,
    h('option', { value: '' }, 'The chat’s model'),
    models.map((m) => h('option', { value: m.id, selected: caps.modelId === m.id ? true : null }, m.displayName)),
  );
  const owner = h(
    'select',
    { disabled: agent ? true : null },
    h('option', { value: '' }, 'Only me'),
    teams
      .filter((t) => t.role === 'admin' || t.role === 'editor')
      .map((t) => h('option', { value: t.id, selected: agent?.ownerTeamId === t.id ? true : null }, `Team ${t.name}`)),
  );
  const tools = TOOL_NAMES.map((t) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'tool', value: t, checked: allowed.includes(t) ? true : null }),
      ` ${TOOL_LABELS[t]}`,
    ),
  );
  const saved = await openDialog({
    title: agent ? `Edit agent ${agent.name}` : 'New agent',
    wide: true,
    body: h(
      'div',
      { class: 'agent-form' },
      field('Name', name),
      field('Description', description),
      field('Instructions', instructions),
      field('Model', model),
      field('Share with', owner),
      h('fieldset', null, h('legend', null, 'Tools it may use'), tools),
    ),
    submit: {
      label: agent ? 'Save agent' : 'Create agent',
      value: async () => {
        const capabilities = {
          ...caps,
          tools: tools
            .map((l) => l.querySelector('input')!)
            .filter((i) => i.checked)
            .map((i) => i.value),
          ...(model.value ? { modelId: model.value } : { modelId: undefined }),
        };
        const common = {
          name: name.value.trim(),
          description: description.value.trim() || undefined,
          instructions: instructions.value.trim(),
          capabilities: JSON.parse(JSON.stringify(capabilities)) as Record<string, unknown>,
        };
        try {
          if (agent) await api.agents.update.mutate({ id: agent.id, ...common });
          else await api.agents.create.mutate({ ...common, ...(owner.value ? { ownerTeamId: owner.value } : {}) });
          notify(agent ? `Agent ${common.name} saved.` : `Agent ${common.name} created.`);
          return true;
        } catch (e) {
          notify(messageOf(e), 'error');
          return undefined;
        }
      },
    },
  });
  return saved === true;
}
