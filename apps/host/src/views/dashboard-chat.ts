import type { ChatSessionView } from '@ocp/contract';
import type { OcpChatPanel, OcpDashboard } from '../elements.js';
import { provider } from '../session.js';
import { h, mount } from '../ui/dom.js';
import { messageOf, notify } from '../ui/feedback.js';
import { manageAgents } from './agents-dialog.js';

/** Whether the assistant is open, kept across visits (per browser). */
const OPEN_KEY = 'ocp.chat.open';
/** The chat last open per dashboard. */
const sessionKey = (dashboardId: string) => `ocp.chat.session.${dashboardId}`;

const stored = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const store = (key: string, value: string | null) => {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // private mode: the state lasts for this page only
  }
};

/**
 * The assistant in the dashboard editor: a toggle for the toolbar, and a panel with this dashboard's chats (pick one
 * or start a new one) and `<ocp-chat-panel>` (agent and model pickers, streamed replies, proposed changes with a
 * preview, Apply, Discard and Undo). Applied or undone changes reload the dashboard.
 */
export function dashboardChat(dashboardId: string, board: OcpDashboard) {
  const sessions = h('select', { 'aria-label': 'Chats about this dashboard' }) as HTMLSelectElement;
  let chat = newPanel(stored(sessionKey(dashboardId)));
  const holder = h('div', { class: 'chat-holder' }, chat);
  const panel = h(
    'section',
    { class: 'chat-side', 'aria-label': 'Assistant', hidden: true },
    h(
      'div',
      { class: 'chat-head' },
      h('h2', { id: 'chat-heading' }, 'Assistant'),
      sessions,
      h('button', { type: 'button', onclick: () => open(null) }, 'New chat'),
      // After a save the panel is made again, so its agent picker lists the agent as it is now.
      h(
        'button',
        { type: 'button', onclick: () => manageAgents(() => open(stored(sessionKey(dashboardId)))) },
        'Agents',
      ),
    ),
    holder,
  );

  function newPanel(sessionId: string | null): OcpChatPanel {
    const el = h('ocp-chat-panel', {
      '.provider': provider,
      'context-id': dashboardId,
      ...(sessionId ? { 'session-id': sessionId } : {}),
    }) as OcpChatPanel;
    el.addEventListener('ocp-chat-message', () => {
      if (el.sessionId && el.sessionId !== stored(sessionKey(dashboardId))) {
        store(sessionKey(dashboardId), el.sessionId);
        void listSessions();
      }
    });
    el.addEventListener('ocp-chat-changes', (e) => {
      const { decision } = e.detail;
      if (decision === 'discard') return notify('Changes discarded.');
      notify(decision === 'apply' ? 'Changes applied.' : 'Changes undone.');
      void board.reload();
    });
    return el;
  }

  /** Shows one chat (null: a new one). */
  function open(sessionId: string | null) {
    store(sessionKey(dashboardId), sessionId);
    chat = newPanel(sessionId);
    mount(holder, chat);
    sessions.value = sessionId ?? '';
    chat.shadowRoot?.querySelector<HTMLElement>('[part="input"]')?.focus();
  }
  sessions.addEventListener('change', () => open(sessions.value || null));

  async function listSessions() {
    let list: ChatSessionView[] = [];
    try {
      list = (await provider.listChatSessions?.({ contextType: 'dashboard', contextId: dashboardId })) ?? [];
    } catch (e) {
      notify(messageOf(e), 'error');
    }
    const current = stored(sessionKey(dashboardId)) ?? '';
    mount(
      sessions,
      h('option', { value: '' }, list.length ? 'New chat' : 'No chats yet'),
      list.map((s) => h('option', { value: s.id, selected: s.id === current ? true : null }, s.title)),
    );
    sessions.value = list.some((s) => s.id === current) ? current : '';
  }

  const toggle = h('button', { type: 'button', 'aria-pressed': 'false', 'aria-controls': 'chat-side' }, 'Assistant');
  panel.id = 'chat-side';
  const show = (on: boolean) => {
    panel.hidden = !on;
    toggle.setAttribute('aria-pressed', String(on));
    store(OPEN_KEY, on ? '1' : null);
    if (on) void listSessions();
  };
  toggle.addEventListener('click', () => show(panel.hidden));
  show(stored(OPEN_KEY) === '1');
  return { toggle, panel };
}
