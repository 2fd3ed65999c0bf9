import type { OcpProviderError, TemplateDetail, TemplateSummary } from '@ocp/contract';
import { html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OcpTemplateSelectEvent } from '../../events/template-select.js';
import { type LoadState, OcpElement } from '../../internal/ocp-element.js';
import { themeStyles } from '../../internal/theme.styles.js';
import styles from './template-picker.styles.js';

/**
 * @summary Chooses a dashboard template: a radio group of cards, each with a miniature of the template's grid.
 *
 * @description Loads the templates through `provider.listTemplates` and each one's slots (`getTemplate`) for the
 * previews. Arrow keys move the choice, as in any radio group; choosing fires `ocp-template-select`, which a host
 * can cancel to keep the current template.
 *
 * @event {OcpTemplateSelectEvent} ocp-template-select - A template was chosen (cancelable).
 * @event {OcpErrorEvent} ocp-error - Loading templates failed.
 *
 * @csspart base - The grid of cards.
 * @csspart card - Each template card.
 * @csspart card-selected - The chosen card (it has part `card` too).
 * @csspart preview - A card's layout miniature.
 *
 * @cssproperty [--card-width=180px] - Smallest card width.
 *
 * @cssstate state - Reflected as `state`: `idle`, `loading`, `ready`, `empty` or `error`.
 */
@customElement('ocp-template-picker')
export class OcpTemplatePicker extends OcpElement {
  static override styles = [themeStyles, styles];

  /** The chosen template's id. */
  @property({ attribute: 'template-id', reflect: true }) templateId?: string;

  /** Accessible name of the group. */
  @property() label = 'Dashboard templates';

  /** Where loading stands, reflected for styling (`:host([state='error'])`): `idle`, `loading`, `ready`, `empty` or `error`. Set by the element. */
  @property({ reflect: true }) state: LoadState = 'idle';

  @state() private templates: Array<TemplateSummary & { slots?: TemplateDetail['slots'] }> = [];
  @state() private error?: OcpProviderError;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('provider')) void this.refresh();
  }

  /** Reloads the templates (and their slots, for the previews). */
  async refresh(): Promise<void> {
    const provider = this.activeProvider;
    if (!provider) return;
    this.state = 'loading';
    try {
      const list = await provider.listTemplates();
      const details = await Promise.all(list.map((t) => provider.getTemplate(t.id).catch(() => undefined)));
      this.templates = list.map((t, i) => ({ ...t, slots: details[i]?.slots }));
      this.state = list.length ? 'ready' : 'empty';
    } catch (e) {
      this.error = this.fail(e, 'listTemplates');
      this.state = 'error';
    }
  }

  #choose(index: number, focus: boolean): void {
    const t = this.templates[index];
    if (!t) return;
    if (t.id !== this.templateId && this.emit(new OcpTemplateSelectEvent({ template: t }))) this.templateId = t.id;
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelectorAll<HTMLElement>('[role="radio"]')[index]?.focus(),
      );
  }

  #onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    const n = this.templates.length;
    const current = Math.max(
      0,
      this.templates.findIndex((t) => t.id === this.templateId),
    );
    this.#choose((current + step + n) % n, true);
  };

  #preview(t: TemplateSummary & { slots?: TemplateDetail['slots'] }) {
    const rows = Math.max(1, ...(t.slots ?? []).map((s) => s.positionConfig.y + s.positionConfig.h));
    return html`<div part="preview" aria-hidden="true" style=${`grid-template-columns: repeat(${t.layoutConfig.columns}, 1fr); grid-template-rows: repeat(${rows}, 1fr);`}>
      ${(t.slots ?? []).map(
        (s) =>
          html`<span style=${`grid-column: ${s.positionConfig.x + 1} / span ${s.positionConfig.w}; grid-row: ${s.positionConfig.y + 1} / span ${s.positionConfig.h};`}></span>`,
      )}
    </div>`;
  }

  protected override render() {
    if (this.state === 'loading' || this.state === 'idle')
      return html`<div class="state" role="status">Loading templates…</div>`;
    if (this.state === 'error')
      return html`<div class="state error" role="alert"><span>${this.errorText(this.error)}</span><button @click=${() => this.refresh()}>Retry</button></div>`;
    if (this.state === 'empty') return html`<div class="state">No templates yet.</div>`;
    const checked = this.templates.some((t) => t.id === this.templateId) ? this.templateId : undefined;
    return html`<div part="base" role="radiogroup" aria-label=${this.label} @keydown=${this.#onKeyDown}>
      ${repeat(
        this.templates,
        (t) => t.id,
        (t, i) => html`<div
          part=${t.id === checked ? 'card card-selected' : 'card'}
          role="radio"
          aria-checked=${t.id === checked ? 'true' : 'false'}
          aria-label=${t.name}
          aria-describedby=${`desc-${i}`}
          tabindex=${t.id === checked || (!checked && i === 0) ? '0' : '-1'}
          @click=${() => this.#choose(i, false)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              this.#choose(i, false);
            }
          }}
        >
          ${this.#preview(t)}
          <span class="name">${t.name}</span>
          <span class="meta" id=${`desc-${i}`}>${[
            t.description,
            `${t.slotCount} ${t.slotCount === 1 ? 'slot' : 'slots'}`,
            t.isSystemTemplate ? 'built in' : null,
          ]
            .filter(Boolean)
            .join(' · ')}</span>
        </div>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ocp-template-picker': OcpTemplatePicker;
  }
}
