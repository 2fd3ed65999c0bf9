import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import './chat-panel.js';
import type { OcpChartPickEvent } from '../../events/chart-pick.js';
import type { OcpChatConfirmEvent } from '../../events/chat-confirm.js';
import type { OcpChatMessageEvent } from '../../events/chat-message.js';
import type { OcpErrorEvent } from '../../events/error.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { MemoryProvider } from '../../provider/memory-provider.js';
import type { OcpChatPanel } from './chat-panel.js';

const messages = (el: OcpChatPanel) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]'));

/** Clicks Apply under the latest reply and waits for the server's (provider's) decision. */
async function applyLatest(el: OcpChatPanel) {
  await el.updateComplete;
  const groups = el.shadowRoot!.querySelectorAll<HTMLElement>('[part="changes"]');
  const group = groups[groups.length - 1]!;
  const decided = oneEvent(el, 'ocp-chat-changes');
  group.querySelector<HTMLButtonElement>('[part="apply"]')!.click();
  await decided;
  await el.updateComplete;
}

async function panel(provider: MemoryProvider = demoProvider({ streamDelay: 5 })) {
  const el = await fixture<OcpChatPanel>(html`<ocp-chat-panel .provider=${provider}></ocp-chat-panel>`);
  await waitUntil(() => el.state === 'empty', 'pickers');
  await el.updateComplete;
  return el;
}

describe('<ocp-chat-panel>', () => {
  afterEach(cleanup);

  it('offers the agents and models of the provider', async () => {
    const el = await panel();
    const [agents, models] = Array.from(el.shadowRoot!.querySelectorAll('select'));
    expect(Array.from(agents!.options).map((o) => o.textContent)).to.deep.equal([
      'Built-in assistant',
      'Chart builder',
      'Data explainer',
    ]);
    expect(agents!.value).to.equal('');
    expect(Array.from(models!.options).map((o) => o.textContent)).to.deep.equal(['Offline agent']);
    expect(el.shadowRoot!.textContent).to.contain('Ask for a chart');
    await expectAccessible(el);
  });

  it('offers the built-in assistant when the workspace has no agents (the picker is never empty)', async () => {
    const provider = demoProvider({ streamDelay: 1 });
    provider.data.agents = [];
    const el = await panel(provider);
    const agents = el.shadowRoot!.querySelector('select')!;
    expect(Array.from(agents.options).map((o) => [o.value, o.textContent])).to.deep.equal([['', 'Built-in assistant']]);
    const reply = oneEvent<OcpChatMessageEvent>(el, 'ocp-chat-message');
    await el.send('what data do I have?');
    expect((await reply).detail.message.agentId).to.equal(null);
  });

  it('streams a reply that proposes a chart; Apply makes it, and it can be placed', async () => {
    const provider = demoProvider({ streamDelay: 20 });
    const el = await panel(provider);
    const agents = el.shadowRoot!.querySelectorAll('select')[0]!;
    agents.value = provider.data.agents[1]!.id;
    agents.dispatchEvent(new Event('change'));
    const done = oneEvent<OcpChatMessageEvent>(el, 'ocp-chat-message');
    let completed = 0;
    el.addEventListener('ocp-chat-message', () => completed++);
    const charts = provider.data.charts.length;
    const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = 'bar chart of monthly generation';
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    // Streaming: the reply grows while the cursor shows, before the reply is done.
    await waitUntil(() => el.shadowRoot!.querySelector('.typing')?.textContent, 'streamed text');
    const partial = el.shadowRoot!.querySelector('.typing')!.textContent!;
    const message = (await done).detail.message;
    expect(message.content.text.length).to.be.greaterThan(partial.length);
    expect(message.agentId).to.equal(provider.data.agents[1]!.id);
    await el.updateComplete;
    expect(messages(el).map((m) => m.getAttribute('part'))).to.deep.equal([
      'message message-user',
      'message message-assistant',
    ]);
    expect(messages(el)[1]!.textContent).to.contain('New chart “Monthly generation”');
    // Proposed, not made.
    const changes = messages(el)[1]!.querySelector<HTMLElement>('[part="changes"]')!;
    expect(changes.dataset.status).to.equal('pending');
    expect(Array.from(changes.querySelectorAll('li')).map((li) => li.textContent)).to.deep.equal([
      'creates chart “Monthly generation” (bar)',
    ]);
    expect(provider.data.charts.length).to.equal(charts);
    await expectAccessible(el);
    expect(el.sessionId).to.be.a('string');
    await new Promise((r) => setTimeout(r, 50));
    expect(completed).to.equal(1);

    await applyLatest(el);
    expect(changes.dataset.status).to.equal('applied');
    expect(provider.data.charts.length).to.equal(charts + 1);
    // In the workspace, created from this message; the reply offers to place it.
    expect(provider.data.workspaceItems[0]!.createdFromMessageId).to.equal(message.id);
    const pick = oneEvent<OcpChartPickEvent>(el, 'ocp-chart-pick');
    messages(el)[1]!.querySelector<HTMLButtonElement>('.item button')!.click();
    expect((await pick).detail.chart).to.deep.include({ chartType: 'bar', chartId: provider.data.charts.at(-1)!.id });
  });

  it('on a dashboard: the headline request is previewed on its slots, applied, and undone in one step', async () => {
    const provider = demoProvider({ streamDelay: 1 });
    const board = provider.data.dashboards.find((d) => d.title === 'Energy overview')!;
    const el = await fixture<OcpChatPanel>(
      html`<ocp-chat-panel context-id=${board.id} .provider=${provider}></ocp-chat-panel>`,
    );
    await waitUntil(() => el.state === 'empty', 'pickers');
    await el.send('Add a bar chart of monthly generation to this dashboard');
    await el.updateComplete;
    const changes = el.shadowRoot!.querySelector<HTMLElement>('[part="changes"]')!;
    expect(Array.from(changes.querySelectorAll('li')).map((li) => li.textContent)).to.deep.equal([
      'creates chart “Monthly generation” (bar)',
      'adds chart “Monthly generation” to slot bottom-left on tab “Patterns”',
    ]);
    changes.querySelector<HTMLButtonElement>('[aria-expanded]')!.click();
    await waitUntil(() => changes.querySelector('[part="preview"]'), 'preview');
    const marked = changes.querySelector<HTMLElement>('.preview-slot[data-change]')!;
    expect([marked.dataset.slot, marked.dataset.change]).to.deep.equal(['bottom-left', 'added']);
    expect(marked.querySelector('ocp-chart')).to.exist;
    const patterns = () =>
      provider.data.dashboards.find((d) => d.id === board.id)!.tabs.find((t) => t.title === 'Patterns')!;
    expect(patterns().placements.map((p) => p.slotKey)).to.not.include('bottom-left');

    await applyLatest(el);
    expect(patterns().placements.map((p) => p.slotKey)).to.include('bottom-left');
    const undone = oneEvent(el, 'ocp-chat-changes');
    changes.querySelector<HTMLButtonElement>('[part="undo"]')!.click();
    await undone;
    await el.updateComplete;
    expect(changes.dataset.status).to.equal('undone');
    expect(patterns().placements.map((p) => p.slotKey)).to.not.include('bottom-left');
    expect(provider.data.charts.some((c) => c.title === 'Monthly generation')).to.equal(false);
  });

  it('asking the same thing twice shows both questions and replies once each, and makes one chart', async () => {
    const provider = demoProvider({ streamDelay: 1 });
    const el = await panel(provider);
    const charts = provider.data.charts.length;
    await el.send('bar chart of monthly generation');
    await applyLatest(el);
    await el.send('bar chart of monthly generation');
    await el.updateComplete;
    expect(messages(el).map((m) => [m.getAttribute('part'), m.textContent!.trim().slice(0, 40)])).to.deep.equal([
      ['message message-user', 'bar chart of monthly generation'],
      ['message message-assistant', 'New chart “Monthly generation”: a bar ch'],
      ['message message-user', 'bar chart of monthly generation'],
      ['message message-assistant', 'I already made “Monthly generation” in t'],
    ]);
    expect(provider.data.charts.length).to.equal(charts + 1);
  });

  it('shows the reply sendChat resolves with when its stream never delivers, and completes it once', async () => {
    const provider = demoProvider({ streamDelay: 0 });
    // A stream that connects too late to see anything (the server answers faster than EventSource connects).
    Object.assign(provider, {
      async *streamChat(input: { signal?: AbortSignal }) {
        await new Promise((r) => input.signal?.addEventListener('abort', r));
      },
    });
    const el = await panel(provider);
    let completed = 0;
    el.addEventListener('ocp-chat-message', () => completed++);
    await el.send('bar chart of monthly generation');
    await el.updateComplete;
    expect(messages(el).map((m) => m.getAttribute('part'))).to.deep.equal([
      'message message-user',
      'message message-assistant',
    ]);
    expect(messages(el)[1]!.textContent).to.contain('New chart “Monthly generation”');
    expect(el.shadowRoot!.querySelector('.typing')).to.equal(null);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.disabled).to.equal(false);
    expect(completed).to.equal(1);
  });

  it('asks before making a chart public or sharing it: only Confirm (click or keyboard) runs it', async () => {
    const provider = demoProvider({ streamDelay: 1 });
    const el = await panel(provider);
    await el.send('bar chart of monthly generation');
    await applyLatest(el);
    const chartId = provider.data.workspaceItems[0]!.referenceId!;
    await el.send('make it public');
    await el.updateComplete;
    const group = el.shadowRoot!.querySelector<HTMLElement>('[part="confirmation"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    const label = el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!;
    expect(label.textContent).to.match(/^Needs your confirmation: Make the chart “.+” public: every signed-in user/);
    const confirm = group.querySelector<HTMLButtonElement>('[part="confirm"]')!;
    const cancel = group.querySelector<HTMLButtonElement>('[part="cancel"]')!;
    expect([confirm.textContent, cancel.textContent, confirm.disabled]).to.deep.equal(['Confirm', 'Cancel', false]);
    await expectAccessible(el);
    // Asked, not done.
    const chart = () => provider.data.charts.find((c) => c.id === chartId)!;
    expect(chart().isPublic).to.equal(false);
    expect(provider.calls.some((c) => c.method === 'confirmChat')).to.equal(false);

    // The keyboard: Tab reaches Confirm, Enter presses it.
    const decided = oneEvent<OcpChatConfirmEvent>(el, 'ocp-chat-confirm');
    cancel.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(el.shadowRoot!.activeElement).to.equal(confirm);
    await sendKeys({ press: 'Enter' });
    expect((await decided).detail.confirmation.status).to.equal('confirmed');
    expect(chart().isPublic).to.equal(true);
    await el.updateComplete;
    expect(group.dataset.status).to.equal('confirmed');
    expect(group.querySelector('[role="status"]')!.textContent).to.contain('Confirmed.');
    expect(group.querySelector('[part="confirm"]')).to.equal(null);

    // Cancel: nothing is created.
    await el.send('share it');
    await el.updateComplete;
    const share = el.shadowRoot!.querySelectorAll<HTMLElement>('[part="confirmation"]')[1]!;
    expect(share.textContent).to.contain('Create a sharing link');
    share.querySelector<HTMLButtonElement>('[part="cancel"]')!.click();
    await waitUntil(() => share.dataset.status === 'cancelled', 'cancelled');
    expect(provider.calls.some((c) => c.method === 'createShare')).to.equal(false);
  });

  it('keeps Confirm disabled until the reply that asks is complete', async () => {
    const provider = demoProvider({ streamDelay: 20 });
    const el = await panel(provider);
    await el.send('line chart of site load');
    await applyLatest(el);
    const sent = el.send('make it private');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirm"]'), 'confirmation');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm"]')!.disabled).to.equal(true);
    await sent;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm"]')!.disabled).to.equal(false);
  });

  it('shows why a decision failed, and the server’s state after it', async () => {
    const provider = demoProvider({ streamDelay: 1, fail: (m) => (m === 'confirmChat' ? 'FORBIDDEN' : undefined) });
    const el = await panel(provider);
    await el.send('bar chart of monthly generation');
    await applyLatest(el);
    await el.send('share it');
    await el.updateComplete;
    const error = oneEvent(el, 'ocp-error');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm"]')!.click();
    await error;
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"] [role="alert"]'), 'alert');
    expect(el.shadowRoot!.querySelector('[part="confirmation"] [role="alert"]')!.textContent).to.equal(
      'You do not have permission to do this.',
    );
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm"]')!.disabled).to.equal(false);
  });

  it('continues an existing session given by session-id', async () => {
    const provider = demoProvider({ streamDelay: 1 });
    const session = await provider.createChatSession();
    await provider.sendChat({ sessionId: session.id, content: 'hello' });
    await new Promise((r) => setTimeout(r, 200));
    const el = await fixture<OcpChatPanel>(
      html`<ocp-chat-panel session-id=${session.id} .provider=${provider}></ocp-chat-panel>`,
    );
    await waitUntil(() => messages(el).length === 2, 'history');
    expect(messages(el)[0]!.textContent).to.contain('hello');
  });

  it('shows a failed send in the log and reports ocp-error', async () => {
    const provider = demoProvider({ fail: (m) => (m === 'sendChat' ? 'TOO_MANY_REQUESTS' : undefined) });
    const el = await panel(provider);
    const error = oneEvent<OcpErrorEvent>(el, 'ocp-error');
    await el.send('line chart of site load');
    expect((await error).detail.error.code).to.equal('TOO_MANY_REQUESTS');
    await el.updateComplete;
    expect(messages(el).at(-1)!.getAttribute('part')).to.equal('message message-system');
  });

  it('shows loading and error states for the pickers', async () => {
    const loading = await fixture<OcpChatPanel>(
      html`<ocp-chat-panel .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}></ocp-chat-panel>`,
    );
    await loading.updateComplete;
    expect(loading.shadowRoot!.querySelector('[role="status"]')).to.exist;
    const failing = await fixture<OcpChatPanel>(
      html`<ocp-chat-panel .provider=${demoProvider({ fail: () => 'UNAUTHORIZED' })}></ocp-chat-panel>`,
    );
    await waitUntil(() => failing.state === 'error', 'error');
    await failing.updateComplete;
    expect(failing.shadowRoot!.querySelector('[role="alert"]')).to.exist;
  });
});
