import type {
  AgentView,
  ChatChangePreview,
  ChatChangeSet,
  ChatConfirmation,
  ChatCreatedItem,
  ChatMessageView,
  ChatStreamEvent,
  ModelView,
  OcpProviderError,
} from '@ocp/contract';
import { html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OcpChartPickEvent } from '../../events/chart-pick.js';
import { OcpChatChangesEvent } from '../../events/chat-changes.js';
import { OcpChatConfirmEvent } from '../../events/chat-confirm.js';
import { OcpChatItemCreatedEvent } from '../../events/chat-item-created.js';
import { OcpChatMessageEvent } from '../../events/chat-message.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import { renderChangePreview } from './change-preview.js';
import styles from './chat-panel.styles.js';

interface Shown {
  id: string;
  role: ChatMessageView['role'];
  text: string;
  items: ChatCreatedItem[];
  streaming: boolean;
  /** Actions the reply asked for, waiting for (or decided by) the user. */
  confirmations?: ChatConfirmation[];
  /** What the reply proposed to change, until applied or discarded (and after). */
  changeSet?: ChatChangeSet;
}

const CHANGE_STATUS: Record<ChatChangeSet['status'], string> = {
  pending: 'Proposed, not applied yet.',
  applied: 'Applied.',
  discarded: 'Discarded.',
  undone: 'Undone.',
  failed: 'Failed.',
};

const DECIDED: Record<ChatConfirmation['status'], string> = {
  pending: '',
  confirmed: 'Confirmed.',
  cancelled: 'Cancelled.',
  failed: 'Failed',
};

/**
 * @summary A chat with an agent that builds charts: streamed replies, an agent and model picker, and created charts
 * that land in the workspace and can be placed on the dashboard.
 *
 * @description Uses `provider.createChatSession` (when no `session-id` is set), `sendChat`, and `streamChat` for the
 * replies (token deltas, tool calls, created items). "Place" on a created chart fires `ocp-chart-pick`, which an
 * `<ocp-dashboard>` in edit mode turns into keyboard placement.
 *
 * Nothing an agent changes is written by the agent: a reply's changes (charts made or changed, placements, tabs,
 * templates) are listed under it as proposed, with a preview on the dashboard; Apply writes them all
 * (`provider.decideChanges`), Discard drops them, and Undo takes back an applied set in one step.
 *
 * An agent never makes anything public or creates a sharing link by itself: it can only ask. The request shows under
 * the reply, in the server's words, with Confirm and Cancel buttons; only the user's click runs it
 * (`provider.confirmChat`), then `ocp-chat-confirm` fires.
 *
 * @event {OcpChatMessageEvent} ocp-chat-message - A reply is complete.
 * @event {OcpChatItemCreatedEvent} ocp-chat-item-created - A reply created an item (it is in the workspace).
 * @event {OcpChartPickEvent} ocp-chart-pick - "Place" on a created chart.
 * @event {OcpChatConfirmEvent} ocp-chat-confirm - The user confirmed or cancelled an action a reply asked for.
 * @event {OcpChatChangesEvent} ocp-chat-changes - The user applied, discarded or undid the changes a reply proposed.
 * @event {OcpErrorEvent} ocp-error - A provider call failed.
 *
 * @csspart base - The panel.
 * @csspart header - Agent and model pickers.
 * @csspart messages - The message log.
 * @csspart message - Each message.
 * @csspart message-user - A message the user sent (it has part `message` too).
 * @csspart message-assistant - A reply of the agent (it has part `message` too).
 * @csspart message-system - A notice in the log, such as a failed reply (it has part `message` too).
 * @csspart message-tool - A tool's output kept in the session's history (it has part `message` too).
 * @csspart confirmation - An action waiting for the user's decision (or decided), under its reply.
 * @csspart confirm - Its Confirm button.
 * @csspart cancel - Its Cancel button.
 * @csspart changes - The changes a reply proposed: a list, Preview, Apply and Discard (Undo once applied).
 * @csspart preview - The proposed changes drawn on the dashboard's slots.
 * @csspart apply - The Apply button.
 * @csspart discard - The Discard button.
 * @csspart undo - The Undo button.
 * @csspart composer - The input row.
 * @csspart input - The message field.
 * @csspart send - The send button.
 *
 * @cssproperty [--height=480px] - The panel's height.
 *
 * @cssstate state - Reflected as `state`: `idle`, `loading`, `ready`, `empty` or `error`.
 */
@customElement('ocp-chat-panel')
export class OcpChatPanel extends OcpElement {
  static override styles = [themeStyles, styles];

  /** Continue this chat session; unset starts a new one on the first message. */
  @property({ attribute: 'session-id', reflect: true }) sessionId?: string;

  /** The chosen agent. */
  @property({ attribute: 'agent-id' }) agentId?: string;

  /** The chosen model. */
  @property({ attribute: 'model-id' }) modelId?: string;

  /** Context the session is about, e.g. the dashboard being edited. */
  @property({ attribute: 'context-id' }) contextId?: string;

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';

  @state() private agents: AgentView[] = [];
  @state() private models: ModelView[] = [];
  @state() private messages: Shown[] = [];
  @state() private sending = false;
  @state() private error?: OcpProviderError;
  /** Confirmations being decided (their buttons are disabled), and why a decision failed. */
  @state() private deciding = new Set<string>();
  @state() private decisionErrors: Record<string, string> = {};
  /** Previews shown, by change set id (null while loading). */
  @state() private previews: Record<string, ChatChangePreview | null> = {};
  @query('[part="input"]') private input!: HTMLTextAreaElement;
  @query('[part="messages"]') private log!: HTMLElement;
  #stream?: AbortController;
  #streamSession?: string;
  /** Replies already complete: the stream's `done` and sendChat's answer both deliver one; it is applied once. */
  #done = new Set<string>();
  /** A send of this panel is waiting for its reply (its failure is shown by send(), not by the stream). */
  #inFlight = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopStream();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('provider')) void this.#loadPickers();
    if (changed.has('sessionId') || changed.has('provider')) void this.#loadSession();
    if ((changed as Map<PropertyKey, unknown>).has('messages')) this.log?.scrollTo({ top: this.log.scrollHeight });
  }

  async #loadPickers(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider) return;
    this.state = 'loading';
    try {
      [this.agents, this.models] = await Promise.all([provider.listAgents(), provider.listModels()]);
      // No agent chosen: the built-in assistant (the server's default rules and every tool), always offered first,
      // so the picker is never empty on a workspace that has no agents yet.
      this.modelId ??= this.models.find((m) => m.isActive)?.id;
      this.state = this.messages.length ? 'ready' : 'empty';
    } catch (e) {
      this.error = this.fail(e, 'listAgents');
      this.state = 'error';
    }
  }

  async #loadSession(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider || !this.sessionId || this.sessionId === this.#streamSession) return;
    try {
      const session = await provider.getChatSession(this.sessionId);
      this.messages = session.messages.map((m) => ({
        id: m.id,
        role: m.role,
        text: m.content.text,
        items: m.createdItems ?? [],
        streaming: false,
        confirmations: m.content.confirmations ?? [],
        changeSet: m.content.changeSet,
      }));
      this.#startStream(this.sessionId);
      if (this.state !== 'error' && this.state !== 'loading') this.state = this.messages.length ? 'ready' : 'empty';
    } catch (e) {
      this.error = this.fail(e, 'getChatSession');
      this.state = 'error';
    }
  }

  #stopStream(): void {
    this.#stream?.abort();
    this.#stream = undefined;
    this.#streamSession = undefined;
  }

  #startStream(sessionId: string): void {
    if (this.#streamSession === sessionId) return;
    this.#stopStream();
    const controller = new AbortController();
    this.#stream = controller;
    this.#streamSession = sessionId;
    void (async () => {
      try {
        for await (const event of this.activeProvider!.streamChat({ sessionId, signal: controller.signal })) {
          if (controller.signal.aborted) break;
          this.#apply(event);
        }
      } catch (e) {
        if (!controller.signal.aborted) this.fail(e, 'streamChat');
      }
    })();
  }

  /** Replies cut short stop showing the typing cursor. */
  #settle(): void {
    if (this.messages.some((m) => m.streaming)) this.messages = this.messages.map((m) => ({ ...m, streaming: false }));
  }

  #apply(event: ChatStreamEvent): void {
    if (event.type === 'error') {
      this.#settle();
      if (!this.#inFlight) {
        this.messages = [
          ...this.messages,
          { id: crypto.randomUUID(), role: 'system', text: event.message, items: [], streaming: false },
        ];
        this.sending = false;
      }
      return;
    }
    const id = event.type === 'done' ? event.message.id : event.messageId;
    if (this.#done.has(id)) return;
    let msg = this.messages.find((m) => m.id === id);
    if (!msg) {
      msg = { id, role: 'assistant', text: '', items: [], streaming: true };
      this.messages = [...this.messages, msg];
    }
    const next = { ...msg };
    if (event.type === 'delta') next.text += event.text;
    else if (event.type === 'created-item') {
      next.items = [...next.items, event.item];
      this.emit(new OcpChatItemCreatedEvent({ item: event.item }));
    } else if (event.type === 'confirmation') {
      next.confirmations = [
        ...(next.confirmations ?? []).filter((c) => c.id !== event.confirmation.id),
        event.confirmation,
      ];
    } else if (event.type === 'change-set') {
      next.changeSet = event.changeSet;
    } else if (event.type === 'done') {
      this.#done.add(id);
      next.text = event.message.content.text;
      next.items = event.message.createdItems ?? next.items;
      next.confirmations = event.message.content.confirmations ?? next.confirmations;
      next.changeSet = event.message.content.changeSet ?? next.changeSet;
      next.streaming = false;
      this.sending = false;
      this.emit(new OcpChatMessageEvent({ message: event.message }));
    }
    this.messages = this.messages.map((m) => (m.id === id ? next : m));
    this.state = 'ready';
  }

  /** Sends a message (what the Send button does). */
  async send(text: string): Promise<void> {
    const provider = this.activeProvider;
    const content = text.trim();
    if (!provider || !content || this.sending) return;
    this.sending = true;
    this.#inFlight = true;
    // The question shows at once; the reply streams in below it.
    const local: Shown = { id: crypto.randomUUID(), role: 'user', text: content, items: [], streaming: false };
    this.messages = [...this.messages, local];
    this.state = 'ready';
    try {
      if (!this.sessionId) {
        const session = await provider.createChatSession({
          title: content.slice(0, 60),
          ...(this.contextId ? { contextType: 'dashboard', contextId: this.contextId } : {}),
        });
        this.#startStream(session.id);
        this.sessionId = session.id;
      } else this.#startStream(this.sessionId);
      const reply = await provider.sendChat({
        sessionId: this.sessionId,
        content,
        ...(this.agentId ? { agentId: this.agentId } : {}),
        ...(this.modelId ? { modelId: this.modelId } : {}),
      });
      // The complete reply, whether or not its stream got here first. A provider written against the earlier contract
      // answers with the stored question instead and leaves the reply to the stream.
      if (reply.role === 'user') this.messages = this.messages.map((m) => (m === local ? { ...m, id: reply.id } : m));
      else this.#apply({ type: 'done', message: reply });
      this.#inFlight = false;
    } catch (e) {
      this.#inFlight = false;
      this.sending = false;
      this.#settle();
      this.error = this.fail(e, 'sendChat');
      this.messages = [
        ...this.messages,
        { id: crypto.randomUUID(), role: 'system', text: this.errorText(this.error), items: [], streaming: false },
      ];
    }
  }

  /**
   * Confirms or cancels an action a reply asked for (what its Confirm and Cancel buttons do). Only this runs it; the
   * server checks the user's rights as they are now.
   */
  async decide(confirmationId: string, decision: 'confirm' | 'cancel'): Promise<void> {
    const provider = this.activeProvider;
    if (!provider || !this.sessionId || this.deciding.has(confirmationId)) return;
    this.deciding = new Set([...this.deciding, confirmationId]);
    const { [confirmationId]: _previous, ...errors } = this.decisionErrors;
    this.decisionErrors = errors;
    try {
      const decided = await provider.confirmChat({ sessionId: this.sessionId, confirmationId, decision });
      this.messages = this.messages.map((m) =>
        m.confirmations?.some((c) => c.id === decided.id)
          ? { ...m, confirmations: m.confirmations.map((c) => (c.id === decided.id ? decided : c)) }
          : m,
      );
      this.emit(new OcpChatConfirmEvent({ confirmation: decided }));
    } catch (e) {
      this.decisionErrors = { ...this.decisionErrors, [confirmationId]: this.errorText(this.fail(e, 'confirmChat')) };
      await this.#refreshConfirmations();
    } finally {
      const deciding = new Set(this.deciding);
      deciding.delete(confirmationId);
      this.deciding = deciding;
    }
  }

  /** Applies, discards or undoes the changes a reply proposed (what their buttons do). */
  async decideChanges(changeSetId: string, decision: 'apply' | 'discard' | 'undo'): Promise<void> {
    const provider = this.activeProvider;
    if (!provider || !this.sessionId || this.deciding.has(changeSetId)) return;
    this.deciding = new Set([...this.deciding, changeSetId]);
    const { [changeSetId]: _previous, ...errors } = this.decisionErrors;
    this.decisionErrors = errors;
    try {
      const decided = await provider.decideChanges({ sessionId: this.sessionId, changeSetId, decision });
      // Applied items are the reply's now (Place them, "make it a pie"): the stored reply has them.
      const session = await provider.getChatSession(this.sessionId).catch(() => null);
      const stored = new Map(session?.messages.map((m) => [m.id, m]) ?? []);
      this.messages = this.messages.map((m) =>
        m.changeSet?.id === changeSetId
          ? { ...m, changeSet: decided, items: stored.get(m.id)?.createdItems ?? m.items }
          : m,
      );
      if (decision !== 'discard') {
        const { [changeSetId]: _shown, ...rest } = this.previews;
        this.previews = rest;
      }
      this.emit(new OcpChatChangesEvent({ changeSet: decided, decision }));
    } catch (e) {
      this.decisionErrors = { ...this.decisionErrors, [changeSetId]: this.errorText(this.fail(e, 'decideChanges')) };
    } finally {
      const deciding = new Set(this.deciding);
      deciding.delete(changeSetId);
      this.deciding = deciding;
    }
  }

  /** Shows (or hides) the proposed changes on the dashboard. */
  async togglePreview(changeSetId: string): Promise<void> {
    const provider = this.activeProvider;
    if (!provider || !this.sessionId) return;
    if (changeSetId in this.previews) {
      const { [changeSetId]: _shown, ...rest } = this.previews;
      this.previews = rest;
      return;
    }
    this.previews = { ...this.previews, [changeSetId]: null };
    try {
      const preview = await provider.previewChanges({ sessionId: this.sessionId, changeSetId });
      this.previews = { ...this.previews, [changeSetId]: preview };
    } catch (e) {
      const { [changeSetId]: _shown, ...rest } = this.previews;
      this.previews = rest;
      this.decisionErrors = { ...this.decisionErrors, [changeSetId]: this.errorText(this.fail(e, 'previewChanges')) };
    }
  }

  #renderChanges(m: Shown, set: ChatChangeSet) {
    const labelId = `changes-${set.id}`;
    const busy = m.streaming || this.deciding.has(set.id);
    const error = this.decisionErrors[set.id];
    const preview = this.previews[set.id];
    const shown = set.id in this.previews;
    return html`<div part="changes" role="group" aria-labelledby=${labelId} data-status=${set.status}>
      <p id=${labelId}><strong>Proposed changes</strong> <span role="status">${CHANGE_STATUS[set.status]}</span></p>
      <ul>
        ${set.changes.map((c) => html`<li>${c.summary}</li>`)}
      </ul>
      ${
        set.status === 'pending'
          ? html`<div class="actions">
              <button type="button" aria-expanded=${shown ? 'true' : 'false'} ?disabled=${m.streaming}
                @click=${() => this.togglePreview(set.id)}>${shown ? 'Hide preview' : 'Preview'}</button>
              <button part="apply" class="primary" type="button" ?disabled=${busy}
                @click=${() => this.decideChanges(set.id, 'apply')}>Apply</button>
              <button part="discard" type="button" ?disabled=${busy}
                @click=${() => this.decideChanges(set.id, 'discard')}>Discard</button>
            </div>`
          : set.status === 'applied'
            ? html`<div class="actions">
                <button part="undo" type="button" ?disabled=${busy}
                  @click=${() => this.decideChanges(set.id, 'undo')}>Undo</button>
              </div>`
            : null
      }
      ${shown ? (preview ? renderChangePreview(preview) : html`<p class="state" role="status">Loading preview…</p>`) : null}
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    </div>`;
  }

  /** After a failed decision: the server's state (it may have been decided elsewhere, or failed when run). */
  async #refreshConfirmations(): Promise<void> {
    try {
      const session = await this.activeProvider!.getChatSession(this.sessionId!);
      const stored = new Map(session.messages.map((m) => [m.id, m.content.confirmations]));
      this.messages = this.messages.map((m) => (stored.get(m.id) ? { ...m, confirmations: stored.get(m.id) } : m));
    } catch {
      // the error shown already says what went wrong
    }
  }

  #renderConfirmation(m: Shown, c: ChatConfirmation) {
    const labelId = `confirmation-${c.id}`;
    // Decided only once the reply is stored: until then the server has nothing to confirm.
    const busy = m.streaming || this.deciding.has(c.id);
    const error = this.decisionErrors[c.id];
    const url = typeof c.result?.url === 'string' ? c.result.url : null;
    return html`<div part="confirmation" role="group" aria-labelledby=${labelId} data-status=${c.status}>
      <p id=${labelId}><strong>Needs your confirmation:</strong> ${c.summary}</p>
      ${
        c.status === 'pending'
          ? html`<div class="actions">
              <button part="confirm" class="primary" type="button" ?disabled=${busy}
                @click=${() => this.decide(c.id, 'confirm')}>Confirm</button>
              <button part="cancel" type="button" ?disabled=${busy}
                @click=${() => this.decide(c.id, 'cancel')}>Cancel</button>
            </div>`
          : html`<p class="decided" role="status">
              ${DECIDED[c.status]}${c.status === 'failed' && c.error ? `: ${c.error}` : ''}
              ${url ? html`Link: <a href=${url} target="_blank" rel="noopener">${url}</a>` : null}
            </p>`
      }
      ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    </div>`;
  }

  #submit = (e: Event) => {
    e.preventDefault();
    const text = this.input.value;
    this.input.value = '';
    void this.send(text);
  };

  #renderMessage(m: Shown) {
    return html`<div part=${`message message-${m.role}`} aria-label=${m.role === 'user' ? 'You' : 'Assistant'}>
      <span class=${m.streaming ? 'typing' : ''}>${m.text}</span>
      ${
        m.items.length
          ? html`<div class="items">
              ${m.items.map(
                (item) => html`<span class="item">
                  ${item.title ?? item.type}
                  ${
                    item.type === 'chart'
                      ? html`<button aria-label=${`Place ${item.title ?? 'chart'} on the dashboard`} @click=${() =>
                          this.emit(
                            new OcpChartPickEvent({
                              chart: {
                                chartId: item.id,
                                chartType: item.chartType ?? '',
                                title: item.title ?? 'Chart',
                              },
                            }),
                          )}>Place</button>`
                      : null
                  }
                </span>`,
              )}
            </div>`
          : null
      }
      ${m.changeSet ? this.#renderChanges(m, m.changeSet) : null}
      ${(m.confirmations ?? []).map((c) => this.#renderConfirmation(m, c))}
    </div>`;
  }

  protected override render() {
    return html`<div part="base">
      <div part="header">
        <label>Agent
          <select aria-label="Agent" .value=${this.agentId ?? ''} @change=${(e: Event) => {
            this.agentId = (e.target as HTMLSelectElement).value || undefined;
            // An agent may name its model: picking the agent picks it (the model picker can still change it).
            const model = this.agents.find((a) => a.id === this.agentId)?.capabilities.modelId;
            if (typeof model === 'string' && this.models.some((m) => m.id === model)) this.modelId = model;
          }}>
            <option value="" ?selected=${!this.agentId}>Built-in assistant</option>
            ${this.agents.map((a) => html`<option value=${a.id} ?selected=${a.id === this.agentId}>${a.name}</option>`)}
          </select>
        </label>
        <label>Model
          <select aria-label="Model" .value=${this.modelId ?? ''} @change=${(e: Event) => {
            this.modelId = (e.target as HTMLSelectElement).value;
          }}>
            ${this.models.map((m) => html`<option value=${m.id} ?selected=${m.id === this.modelId}>${m.displayName}</option>`)}
          </select>
        </label>
      </div>
      <div part="messages" role="log" aria-live="polite" aria-label="Chat messages" tabindex="0">
        ${
          this.state === 'loading'
            ? html`<div class="state" role="status">Loading…</div>`
            : this.state === 'error' && !this.messages.length
              ? html`<div class="state error" role="alert">${this.errorText(this.error)}</div>`
              : this.messages.length === 0
                ? html`<div class="state">Ask for a chart, e.g. "bar chart of monthly generation".</div>`
                : repeat(
                    this.messages,
                    (m) => m.id,
                    (m) => this.#renderMessage(m),
                  )
        }
      </div>
      <form part="composer" @submit=${this.#submit}>
        <textarea
          part="input"
          rows="1"
          aria-label="Message"
          placeholder="Ask the agent…"
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && !e.shiftKey) this.#submit(e);
          }}
        ></textarea>
        <button part="send" class="primary" type="submit" ?disabled=${this.sending}>Send</button>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-chat-panel': OcpChatPanel;
  }
}
