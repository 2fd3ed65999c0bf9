import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OcpTabChangeEvent } from '../../events/tab-change.js';
import { OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './tabs.styles.js';

export interface OcpTabItem {
  id: string;
  title: string;
}

/**
 * @summary A WAI-ARIA tab list for a dashboard's tabs, with the selected tab's content in its panel.
 *
 * @description Arrow keys move between tabs (roving tabindex), Home/End jump to the ends, Enter/Space or click select.
 *
 * @slot - The selected tab's content, shown in the tab panel.
 *
 * @event {OcpTabChangeEvent} ocp-tab-change - The user chose another tab (cancelable: cancel to keep the current one).
 *
 * @csspart tablist - The row of tabs.
 * @csspart tab - Each tab button.
 * @csspart tab-selected - The selected tab button (it has part `tab` too).
 * @csspart panel - The tab panel around the slotted content.
 *
 * @cssproperty [--indicator-color=var(--ocp-color-accent)] - Underline of the selected tab.
 */
@customElement('ocp-tabs')
export class OcpTabs extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The tabs, in order. */
  @property({ attribute: false }) tabs: OcpTabItem[] = [];

  /** The selected tab's id (defaults to the first tab). */
  @property({ reflect: true }) selected?: string;

  /** Accessible name of the tab list. */
  @property() label = 'Dashboard tabs';

  get #current(): string | undefined {
    return this.tabs.some((t) => t.id === this.selected) ? this.selected : this.tabs[0]?.id;
  }

  #select(index: number, focus: boolean): void {
    const tab = this.tabs[index];
    if (!tab) return;
    if (tab.id !== this.#current && this.emit(new OcpTabChangeEvent({ tabId: tab.id, index }))) this.selected = tab.id;
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${index}`)?.focus());
  }

  #onKeyDown = (e: KeyboardEvent) => {
    const index = this.tabs.findIndex((t) => t.id === this.#current);
    const last = this.tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? index >= last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index <= 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    e.preventDefault();
    this.#select(next, true);
  };

  protected override render() {
    const current = this.#current;
    const index = this.tabs.findIndex((t) => t.id === current);
    return html`<div part="tablist" role="tablist" aria-label=${this.label} @keydown=${this.#onKeyDown}>
        ${repeat(
          this.tabs,
          (t) => t.id,
          (t, i) =>
            html`<button
              part=${t.id === current ? 'tab tab-selected' : 'tab'}
              role="tab"
              id=${`tab-${i}`}
              aria-selected=${t.id === current ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${t.id === current ? '0' : '-1'}
              @click=${() => this.#select(i, false)}
            >${t.title}</button>`,
        )}
      </div>
      <div part="panel" id="panel" role="tabpanel" aria-labelledby=${`tab-${Math.max(0, index)}`}>
        <slot></slot>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-tabs': OcpTabs;
  }
}
